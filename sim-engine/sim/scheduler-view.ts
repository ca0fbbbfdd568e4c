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
  /** Pool orders, built on first use: cheapest, then fastest per workload class. */
  private cheapest: Int32Array | null = null;
  private readonly fastest: (Int32Array | null)[] = [];

  constructor(
    private readonly state: FleetState,
    private readonly clock: Clock,
    /** Tenant names by id (the run's interned tenants; grows as tenants arrive). */
    private readonly tenants: readonly string[] = [],
  ) {
    this.poolCount = state.pools.length;
  }

  poolFreeAccelerators(pool: number): number {
    return this.state.pools[pool]!.freeAcc;
  }
  poolsInOrder(order: 'cheapest' | 'fastest', job: number): Int32Array {
    const pools = this.state.pools;
    const sorted = (key: (p: (typeof pools)[number]) => number) => Int32Array.from(pools.map((p) => p.index).sort((a, b) => key(pools[a]!) - key(pools[b]!) || a - b));
    if (order === 'cheapest') return (this.cheapest ??= sorted((p) => p.priceNodeHourUsd / p.perNode));
    const c = this.state.classOf(job);
    return (this.fastest[c] ??= sorted((p) => -p.speeds[c]!));
  }
  jobRuntimeS(job: number, pool: number): number {
    return this.state.runtimeOf(job, this.state.pools[pool]!);
  }
  jobRequestedS(job: number): number {
    return this.state.jobExtras.requestedS.get(this.state.slot(job));
  }
  jobPriority(job: number): number {
    return this.state.jobExtras.priority.get(this.state.slot(job));
  }
  jobTenant(job: number): number {
    return this.state.jobTenant.get(this.state.slot(job));
  }
  tenantName(id: number): string {
    return this.tenants[id] ?? '';
  }
  jobStartS(job: number): number {
    return this.state.jobs.c.startS[this.state.slot(job)]!;
  }
  jobPool(job: number): number {
    return this.state.jobs.c.pool[this.state.slot(job)]!;
  }
  jobEndS(job: number): number {
    if (this.state.jobs.c.state[this.state.slot(job)] !== JobState.Running) throw new Error(`scheduler view: job ${job} is not running`);
    return this.state.endOf(job);
  }
  killCount(): number {
    return this.state.requeues.killedRuns.job.length;
  }
  isQueued(job: number): boolean {
    return this.state.queue.has(job);
  }
  isRunning(job: number): boolean {
    return this.state.jobs.c.state[this.state.slot(job)] === JobState.Running;
  }
  poolNodeCount(pool: number): number {
    return this.state.pools[pool]!.nodeCount;
  }
  poolNode(pool: number, pos: number): number {
    const p = this.state.pools[pool]!;
    if (!(pos >= 0 && pos < p.nodeCount)) throw new Error(`scheduler view: pool ${p.name} has no node at position ${pos}`);
    return p.nodeIds[pos]!;
  }
  nodeFreeAccelerators(node: number): number {
    const n = this.state.nodes.c;
    return this.state.pools[n.pool[node]!]!.tree.get(n.pos[node]!);
  }
  jobsOnNode(node: number, out: Int32Array): number {
    return this.state.jobsOn(node, out);
  }
  poolSpeed(pool: number, job: number): number {
    return this.state.speedOf(job, this.state.pools[pool]!);
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
    return this.state.jobs.c.k[this.state.slot(job)]!;
  }
  jobSubmitS(job: number): number {
    return this.state.jobs.c.submitS[this.state.slot(job)]!;
  }
  jobAllowsPool(job: number, pool: number): boolean {
    return this.state.eligibility.allows(this.state.jobs.c.elig[this.state.slot(job)]!, pool);
  }
  poolPerNode(pool: number): number {
    return this.state.pools[pool]!.perNode;
  }
  firstFitNode(pool: number, k: number): number {
    const p = this.state.pools[pool]!;
    const pos = p.tree.leftmostAtLeast(k);
    return pos < 0 ? -1 : p.nodeIds[pos]!;
  }
  bestFitNode(pool: number, k: number): number {
    const p = this.state.pools[pool]!;
    const pos = p.tree.smallestAtLeast(k);
    return pos < 0 ? -1 : p.nodeIds[pos]!;
  }
  emptiestNode(pool: number, k: number): number {
    const p = this.state.pools[pool]!;
    const pos = p.tree.largestAtLeast(k);
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
    if (!pool) throw noPool(poolIndex);
    const k = this.state.jobs.c.k[this.state.slot(job)]!;
    if (k <= pool.perNode) {
      if (pool.freeAcc < k) return false; // no node can have k free (a blocked head costs no placement call)
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
    if (!(job >= 0 && job < this.state.jobCount) || this.state.isRetired(job) || c.state[this.state.slot(job)] !== JobState.Running) throw new Error(`scheduler decision invalid: job ${job} is not running, so it cannot be preempted`);
    const pool = this.state.pools[c.pool[this.state.slot(job)]!]!;
    this.batch.kill(job, 'scheduler');
    this.log({ timeS: this.clock.now, policy: '', component: 'scheduler', pool: pool.name, action: 'preempt', count: 1, reason: `job ${job}: ${reason}` });
  }
}

/** Out of line, so tryStart stays small enough to inline. */
function noPool(pool: number): Error {
  return new Error(`scheduler decision invalid: no pool ${pool}`);
}
