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

export class Batch implements EventHandler {
  private readonly reasonCache = new Map<string, string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly state: FleetState,
    private readonly outcomes: OutcomeSink,
    /** `checkpointEvery` of each workload entry in seconds, null for none. */
    private readonly checkpointBySource: readonly (number | null)[] = [],
  ) {
    kernel.on(EventClass.Completion, EventKind.Completion.JobEnd, this);
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
    this.kernel.schedule(this.kernel.now + runtimeS, EventClass.Completion, EventKind.Completion.JobEnd, j, this.state.jobEpoch.get(j));
  }

  /**
   * Kill a running job (a failure, a preemption, a priority scheduler) and requeue it. It
   * resumes from its last checkpoint (DESIGN.md §11): with `checkpointEveryS`, a checkpoint is
   * taken after every `checkpointEveryS` seconds of running, so the run time kept is the whole
   * intervals run; without, it restarts from the beginning. Returns the lost work: seconds run
   * since the last checkpoint (acceleratorHoursLost = k × that / 3600).
   */
  kill(j: number, checkpointEveryS: number | null): number {
    const state = this.state;
    const c = state.jobs.c;
    const pool = state.pools[c.pool[j]!]!;
    const left = state.jobRemainingS.get(j);
    const before = left === left ? left : c.durationS[j]!;
    const ranS = this.kernel.now - c.startS[j]!;
    const keptS = checkpointEveryS !== null && checkpointEveryS > 0 ? Math.floor(ranS / checkpointEveryS) * checkpointEveryS : 0;
    // Work is in reference-seconds: a pool of speed s does s of them per second run.
    state.kill(j, Math.max(0, before - keptS * state.speedOf(j, pool)));
    return ranS - keptS;
  }

  /** The checkpoint interval of a job's workload entry (`checkpointEvery`), null for none. */
  checkpointEveryS(job: number): number | null {
    return this.checkpointBySource[this.state.jobSource.get(job)] ?? null;
  }

  onEvent(_kind: number, j: number, tag: number): void {
    // A completion scheduled before the job was killed is stale: its epoch moved on.
    if (tag !== this.state.jobEpoch.get(j)) return;
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
