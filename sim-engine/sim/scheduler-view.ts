/**
 * What a scheduler reads and how it acts, over the live state. Classes, not closures: every
 * run shares the same methods, so the hot path (one call per job) stays monomorphic and
 * inlined across runs in one process.
 */
import { JobState } from '../model/states.js';
import type { DecisionRecord } from '../metrics/types.js';
import type { Placement, SchedulerActions, SchedulerView } from '../policies/types.js';
import type { Batch } from './batch.js';
import type { Clock } from './kernel.js';
import type { FleetState } from './state.js';

export class LiveSchedulerView implements SchedulerView {
  readonly poolCount: number;

  constructor(
    private readonly state: FleetState,
    private readonly clock: Clock,
  ) {
    this.poolCount = state.pools.length;
  }

  get now(): number {
    return this.clock.now;
  }
  queueLength(): number {
    return this.state.queue.size;
  }
  firstQueued(): number {
    return this.state.queue.first();
  }
  nextQueued(job: number): number {
    return this.state.queue.next(job + 1);
  }
  jobAccelerators(job: number): number {
    return this.state.jobs.c.k[job]!;
  }
  jobSubmitS(job: number): number {
    return this.state.jobs.c.submitS[job]!;
  }
  jobAllowsPool(job: number, pool: number): boolean {
    return this.state.eligibility.allows(this.state.jobs.c.elig[job]!, pool);
  }
  poolPerNode(pool: number): number {
    return this.state.pools[pool]!.perNode;
  }
  firstFitNode(pool: number, k: number): number {
    const p = this.state.pools[pool]!;
    const pos = p.tree.leftmostAtLeast(k);
    return pos < 0 ? -1 : p.nodeIds[pos]!;
  }
  idleNodeCount(pool: number): number {
    return this.state.pools[pool]!.idleNodes;
  }
  lowestIdleNodes(pool: number, count: number, out: Int32Array): number {
    return this.state.lowestIdleNodes(this.state.pools[pool]!, count, out);
  }
}

export class SchedulerActionsImpl implements SchedulerActions {
  private scratch = new Int32Array(64);

  constructor(
    private readonly state: FleetState,
    private readonly batch: Batch,
    private readonly view: SchedulerView,
    private readonly placement: Placement,
    private readonly clock: Clock,
    private readonly log: (d: DecisionRecord) => void,
  ) {}

  tryStart(job: number, poolIndex: number): boolean {
    const pool = this.state.pools[poolIndex];
    if (!pool) throw new Error(`scheduler decision invalid: no pool ${poolIndex}`);
    const k = this.state.jobs.c.k[job]!;
    if (k <= pool.perNode) {
      const node = this.placement.nodeFor(this.view, poolIndex, k);
      if (node < 0) return false;
      this.scratch[0] = node;
      this.batch.start(job, poolIndex, this.scratch, 1);
      return true;
    }
    const need = Math.ceil(k / pool.perNode);
    if (pool.idleNodes < need) return false;
    if (this.scratch.length < need) this.scratch = new Int32Array(need * 2);
    if (this.placement.idleNodesFor(this.view, poolIndex, need, this.scratch) !== need) return false;
    this.batch.start(job, poolIndex, this.scratch, need);
    return true;
  }

  startOn(job: number, pool: number, nodes: Int32Array, count: number): void {
    this.batch.start(job, pool, nodes, count);
  }

  preempt(job: number, reason: string): void {
    const c = this.state.jobs.c;
    if (!(job >= 0 && job < this.state.jobCount) || c.state[job] !== JobState.Running) throw new Error(`scheduler decision invalid: job ${job} is not running, so it cannot be preempted`);
    const pool = this.state.pools[c.pool[job]!]!;
    this.batch.kill(job, 'scheduler');
    this.log({ timeS: this.clock.now, policy: '', component: 'scheduler', pool: pool.name, action: 'preempt', count: 1, reason: `job ${job}: ${reason}` });
  }
}
