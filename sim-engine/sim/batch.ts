/**
 * Batch jobs: admission (eligibility, rejection with a reason), starts, completions and kills
 * with a requeue from the last checkpoint. Owns the Completion/JobEnd events; changes state
 * only through FleetState's mutators.
 */
import { EventClass } from '../core/event-queue.js';
import { EventKind } from '../model/states.js';
import type { OutcomeSink } from '../metrics/outcomes.js';
import type { EventHandler, Kernel } from './kernel.js';
import type { FleetState } from './state.js';
import { OptionalColumn } from '../core/columns.js';
import { keptWorkS, lostRunS } from './checkpoints.js';

/** Who killed a job: a node fault (failure, spot preemption) or the scheduler (counted in jobsPreempted). */
export type KillCause = 'fault' | 'scheduler';

/** Kills per pool in the window. */
export interface KillTotals {
  jobRestarts: number;
  /** Σ k × seconds run since the last checkpoint, over killed jobs. */
  acceleratorSecondsLost: number;
  /** Kills by the scheduler. */
  jobsPreempted: number;
}

export class Batch implements EventHandler {
  private readonly reasonCache = new Map<string, string>();
  /** Per pool, kills in the window. */
  readonly killTotals: KillTotals[];
  /** Per job: times killed and requeued, and seconds of run lost (jobs.csv restarts, lost_s). */
  readonly jobRestarts = new OptionalColumn((n) => new Int32Array(n), 0);
  readonly jobLostS = new OptionalColumn((n) => new Float64Array(n), 0);

  /** Called when a running job is killed (before it is requeued), with the run it loses [fromS, toS). */
  onKill: ((j: number, fromS: number, toS: number) => void) | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly state: FleetState,
    private readonly outcomes: OutcomeSink,
    /** Kills before this time are not counted in the per-pool totals (the measurement window). */
    private readonly warmupS = 0,
  ) {
    kernel.on(EventClass.Completion, EventKind.Completion.JobEnd, this);
    state.addJobColumn(this.jobRestarts);
    state.addJobColumn(this.jobLostS);
    this.killTotals = state.pools.map(() => ({ jobRestarts: 0, acceleratorSecondsLost: 0, jobsPreempted: 0 }));
  }

  /**
   * A job is submitted now: rejected if no pool can ever hold it under the policy, queued
   * otherwise. `constraint` is an eligibility constraint id. Returns the job id.
   */
  admit(durationS: number, k: number, constraint: number): number {
    const state = this.state;
    const set = state.eligibility.setFor(constraint, k);
    const j = state.newJob(this.kernel.now, durationS, k, set);
    if (state.eligibility.firstPool(set) < 0) {
      state.reject(j);
      this.outcomes.rejected(j, this.rejectReason(k, constraint));
    } else state.enqueue(j);
    return j;
  }

  /** Start a queued job on the given nodes (checked by the state) and schedule its end. */
  start(j: number, pool: number, nodes: Int32Array, count: number): void {
    const runtimeS = this.state.place(j, pool, nodes, count);
    this.kernel.schedule(this.kernel.now + runtimeS, EventClass.Completion, EventKind.Completion.JobEnd, j, this.state.jobEpoch.get(this.state.slot(j)));
  }

  /**
   * Kill a running job (a failure, a preemption, a priority scheduler) and requeue it. It
   * resumes from its last checkpoint (DESIGN.md §11, sim/checkpoints): it keeps the work of
   * its completed checkpoints, or restarts from the beginning without any. Counts the restart
   * and the lost work (seconds run since the last checkpoint; acceleratorHoursLost = k × that
   * / 3600) for the job and, in the window, for its pool. Returns the lost seconds.
   */
  kill(j: number, cause: KillCause): number {
    const state = this.state;
    const c = state.jobs.c;
    const s = state.slot(j);
    const p = c.pool[s]!;
    const pool = state.pools[p]!;
    const left = state.jobRemainingS.get(s);
    const before = left === left ? left : c.durationS[s]!;
    const ranS = this.kernel.now - c.startS[s]!;
    const plan = state.checkpointOf(j);
    const lostS = lostRunS(ranS, plan);
    const cap = state.jobs.capacity;
    this.jobRestarts.set(s, this.jobRestarts.get(s) + 1, cap);
    this.jobLostS.set(s, this.jobLostS.get(s) + lostS, cap);
    this.onKill?.(j, c.startS[s]!, this.kernel.now);
    if (this.kernel.now >= this.warmupS) {
      const t = this.killTotals[p]!;
      t.jobRestarts++;
      // Only the lost running inside the window counts in the window (like busy time).
      t.acceleratorSecondsLost += c.k[s]! * Math.min(lostS, this.kernel.now - this.warmupS);
      if (cause === 'scheduler') t.jobsPreempted++;
    }
    // Work is in reference-seconds: a pool of speed s does s of them per second run.
    state.kill(j, Math.max(0, before - keptWorkS(ranS, plan) * state.speedOf(j, pool)));
    return lostS;
  }

  onEvent(_kind: number, j: number, tag: number): void {
    // A completion scheduled before the job was killed is stale: its epoch moved on.
    if (this.state.isRetired(j) || tag !== this.state.jobEpoch.get(this.state.slot(j))) return;
    this.state.complete(j);
    this.outcomes.completed(j, this.kernel.now);
  }

  /** Rejection reasons repeat (same size, same constraint): build each message once. */
  private rejectReason(k: number, constraint: number): string {
    const key = `${k}|${constraint}`;
    let r = this.reasonCache.get(key);
    if (r === undefined) {
      r = this.describeRejection(k, constraint);
      this.reasonCache.set(key, r);
    }
    return r;
  }

  private describeRejection(k: number, constraint: number): string {
    const { pools, eligibility } = this.state;
    const allowed = pools.filter((p) => eligibility.typeAllowsPool(constraint, p.index));
    if (allowed.length === 0) return `no pool has accelerator type ${eligibility.constraintText(constraint)}`;
    let best = allowed[0]!;
    for (const p of allowed) if (p.bound * p.perNode > best.bound * best.perNode) best = p;
    return `needs ${k} accelerators; the largest allowed pool holds ${best.bound * best.perNode} (${best.name}: ${best.bound} ${best.boundLimit} nodes × ${best.perNode})`;
  }
}
