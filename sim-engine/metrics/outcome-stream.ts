/**
 * The streaming outcome sink (DESIGN.md §9, §10): per-job outcomes are folded into the
 * summary, the tenant breakdown and the calibration as jobs end, and handed to an optional
 * row writer (jobs.csv), so nothing per job is needed at the end of the run.
 *
 * Jobs are retired in id order (= submit order): job w is retired once it and every job before
 * it has ended (completed or rejected); at the end of the run every job still in the system is
 * retired with its state then. Retiring in id order keeps every sum in the same order as the
 * in-memory summary (the same floats) and lets shortfallHours use the same one sweep over
 * intervals that start in submit order. Below `exactPercentilesUpTo` waits the percentiles are
 * exact (the same sort); above it they come from a DDSketch (metrics/sketch.ts).
 *
 * Memory: the jobs between the oldest one still in the system and the newest (the retire
 * window), plus — only in runs that kill jobs — their requeue episodes and cut-short runs.
 */
import { JobState } from '../model/states.js';
import type { OutcomeSink } from './outcomes.js';
import { WaitCollector } from './sketch.js';

/** What the stream reads of a job (the fleet state's columns). */
export interface RetireView {
  readonly jobCount: number;
  readonly jobs: { readonly c: { readonly submitS: Float64Array; readonly startS: Float64Array; readonly state: Uint8Array; readonly k: Int32Array } };
  readonly jobTenant: { get(j: number): number };
  readonly jobSource: { get(j: number): number };
  readonly jobRecordedWaitS: { get(j: number): number };
  readonly requeues: { readonly used: boolean; readonly queuedS: { get(j: number): number }; readonly queuedSinceS: { get(j: number): number } };
  endOf(j: number): number;
  /** A job's row in the columns. */
  slot(j: number): number;
}

export interface StreamConfig {
  warmupS: number;
  /** Submit times at or after this are not counted (the horizon, or +∞ for a drain run). */
  submitEndS: number;
  maxQueueWaitS: number | null;
  exactPercentilesUpTo: number;
  /** Workload indexes whose recorded waits are compared (`compareRecorded`). */
  compareSources: readonly number[];
  /** Called for each retired job, in id order, with its total queued time (NaN: never killed); jobs.csv. */
  onRow?: ((j: number, queuedS: number, endS: number) => void) | null;
  /** Called once a job is retired and nothing reads its row any more (job storage may reuse it). */
  onRetired?: ((below: number) => void) | null;
}

export class StreamingOutcomes implements OutcomeSink {
  readonly reasons = new Map<number, string>();
  /** Jobs [0, retired) are retired. */
  retired = 0;
  submitted = 0;
  completedCount = 0;
  unfinished = 0;
  rejectedCount = 0;
  queuedAtEnd = 0;
  readonly waits: WaitCollector;
  /** shortfall sweep over intervals [submit + maxQueueWait, start or end) in submit order. */
  shortfallS = 0;
  private curA = -Infinity;
  private curB = -Infinity;
  /** The merged intervals of the sweep, kept (few: one per shortfall period) to union with requeue episodes at the end. */
  readonly merged: { fromS: number[]; toS: number[] } = { fromS: [], toS: [] };
  /** Per tenant id (tenants are numbered as they first arrive). */
  readonly tenantSubmitted: number[] = [];
  readonly tenantBusyS: number[] = [];
  readonly tenantWaits: WaitCollector[] = [];
  readonly recorded: Map<number, { rec: WaitCollector; sim: WaitCollector }>;
  /** Busy time of runs cut short by kills, per tenant job (in kill order: the in-memory breakdown's sum order). */
  readonly killedRuns: { tenant: number; accSeconds: number }[] = [];
  /** The oldest job still in the system when the run ended (jobs from here on were retired by finish). */
  liveFrom = 0;
  private endS = NaN;
  private finished = false;
  private groupsSketched = false;

  constructor(
    private readonly view: RetireView,
    private readonly cfg: StreamConfig,
  ) {
    this.waits = new WaitCollector(cfg.exactPercentilesUpTo);
    this.recorded = new Map(cfg.compareSources.map((s) => [s, { rec: new WaitCollector(cfg.exactPercentilesUpTo), sim: new WaitCollector(cfg.exactPercentilesUpTo) }]));
  }

  /** A rejected job is retired with the next completion (or at the end): its attributes are set after admission. */
  rejected(job: number, reason: string): void {
    this.reasons.set(job, reason);
  }

  /** A running job was killed: the run it loses counts in its tenant's busy time (kept per kill, in kill order). */
  killed(j: number, fromS: number, toS: number): void {
    const js = this.view.slot(j);
    const tenant = this.view.jobTenant.get(js);
    if (tenant < 0) return;
    const a = Math.max(fromS, this.cfg.warmupS);
    if (toS > a) this.killedRuns.push({ tenant, accSeconds: (toS - a) * this.view.jobs.c.k[js]! });
  }

  completed(): void {
    this.advance();
  }

  /** Retire every job from the oldest unretired one on that has ended. */
  private advance(): void {
    const st = this.view.jobs.c.state;
    const n = this.view.jobCount;
    let w = this.retired;
    if (w >= n) return;
    const s0 = st[this.view.slot(w)]!;
    if (s0 !== JobState.Completed && s0 !== JobState.Rejected) return;
    let sw: number;
    do {
      this.retire(w, NaN);
      w++;
    } while (w < n && ((sw = st[this.view.slot(w)]!) === JobState.Completed || sw === JobState.Rejected));
    this.retired = w;
    this.cfg.onRetired?.(w);
  }

  /** The run ended at endS: retire every job still in the system (running, queued), in id order. */
  finish(endS: number): void {
    if (this.finished) return;
    this.finished = true;
    this.endS = endS;
    this.liveFrom = this.retired;
    const n = this.view.jobCount;
    for (let w = this.retired; w < n; w++) this.retire(w, endS);
    this.retired = n;
    this.flushSweep();
    this.cfg.onRetired?.(n);
  }

  private retire(j: number, endAtS: number): void {
    const { view, cfg } = this;
    const c = view.jobs.c;
    const js = view.slot(j);
    const st = c.state[js]!;
    const s = c.submitS[js]!;
    // A killed job's wait is its total queued time, up to the end for one queued at the end.
    let queuedS = NaN;
    if (view.requeues.used) {
      queuedS = view.requeues.queuedS.get(js);
      const since = view.requeues.queuedSinceS.get(js);
      if (queuedS === queuedS && since === since) queuedS += endAtS - since;
    }
    const inWindow = s >= cfg.warmupS && s < cfg.submitEndS;
    const tenant = view.jobTenant.get(js);
    if (tenant >= this.tenantWaits.length) this.addTenants(tenant);
    let wait = NaN;
    if (st !== JobState.Rejected) wait = queuedS === queuedS ? queuedS : st === JobState.Queued ? endAtS - s : c.startS[js]! - s;
    if (inWindow) {
      this.submitted++;
      if (st === JobState.Rejected) this.rejectedCount++;
      else {
        if (st === JobState.Completed) this.completedCount++;
        else this.unfinished++;
        if (st === JobState.Queued) this.queuedAtEnd++;
        this.waits.add(wait);
        if (this.waits.sketch && !this.groupsSketched) this.sketchAll();
      }
      if (tenant >= 0) {
        this.tenantSubmitted[tenant]!++;
        if (st !== JobState.Rejected) this.tenantWaits[tenant]!.add(wait);
      }
      if (this.recorded.size && st !== JobState.Rejected) {
        const r = this.recorded.get(view.jobSource.get(js));
        const rec = view.jobRecordedWaitS.get(js);
        if (r && Number.isFinite(rec)) {
          r.rec.add(rec);
          r.sim.add(wait);
        }
      }
    }
    let endS = NaN;
    if (st === JobState.Completed) endS = view.endOf(j);
    if (tenant >= 0 && (st === JobState.Completed || st === JobState.Running)) {
      const a = Math.max(c.startS[js]!, cfg.warmupS);
      const b = Math.min(st === JobState.Completed ? endS : endAtS, endAtS === endAtS ? endAtS : Infinity);
      if (b > a) this.tenantBusyS[tenant]! += (b - a) * c.k[js]!;
    }
    // shortfall: this job's first queued interval (a killed job's episodes are added at the end).
    if (cfg.maxQueueWaitS !== null && st !== JobState.Rejected && !(queuedS === queuedS)) {
      const a = s + cfg.maxQueueWaitS;
      const b = st === JobState.Queued ? endAtS : c.startS[js]!;
      if (b > a) {
        if (a > this.curB) {
          this.flushSweep();
          this.curA = a;
          this.curB = b;
        } else if (b > this.curB) this.curB = b;
      }
    }
    cfg.onRow?.(j, queuedS, endS);
  }

  private flushSweep(): void {
    if (this.curB === -Infinity) return;
    const a = Math.max(this.curA, this.cfg.warmupS);
    const b = Math.min(this.curB, this.endS === this.endS ? this.endS : this.curB);
    if (b > a) this.shortfallS += b - a;
    this.merged.fromS.push(this.curA);
    this.merged.toS.push(this.curB);
    this.curA = this.curB = -Infinity;
  }

  private addTenants(upTo: number): void {
    while (this.tenantWaits.length <= upTo) {
      const w = new WaitCollector(this.cfg.exactPercentilesUpTo);
      if (this.groupsSketched) w.toSketch();
      this.tenantWaits.push(w);
      this.tenantSubmitted.push(0);
      this.tenantBusyS.push(0);
    }
  }

  /** Once the run's waits go to a sketch, so do every group's (their exact buffers together stay under the threshold). */
  private sketchAll(): void {
    this.groupsSketched = true;
    for (const t of this.tenantWaits) t.toSketch();
    for (const r of this.recorded.values()) {
      r.rec.toSketch();
      r.sim.toSketch();
    }
  }
}
