import { z } from 'zod';
import { formatDuration } from '../../core/duration.js';
import { NonNegDuration, PosDuration } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler, AutoscalerView, ScaleSink } from '../types.js';
import { idleNodesToRelease, nodes, usd } from './common.js';

export interface BacklogParams {
  consolidateAfter: number;
  tick: number;
}

/** How many queued jobs (oldest first) one plan walks; later ones wait for a later tick. */
export const BACKLOG_QUEUE_SCAN = 10_000;
/** Job ids a reason names before "…". */
const NAMED_JOBS = 3;

/**
 * Backlog provisioning, as Karpenter does it for pending pods. Every `tick` it plans:
 *
 * 1. each pool below `min` is topped up to it;
 * 2. the queue is walked oldest first (up to BACKLOG_QUEUE_SCAN jobs) and each job is packed
 *    onto the capacity there is — free accelerators of ready nodes first, then provisioning
 *    nodes and nodes planned so far, best fit (the node with the fewest free accelerators that
 *    holds it; a gang job of k > perNode takes ceil(k / perNode) wholly free nodes), trying
 *    eligible pools in fleet order;
 * 3. a job that fits nowhere gets new nodes in the cheapest eligible pool first (price per
 *    accelerator-hour, ties in fleet order) that has room for it within `max` and the
 *    accelerator quota; a job no pool has room for waits (it is named in no decision);
 * 4. consolidation: ready nodes empty for `consolidateAfter` that the plan did not need
 *    for a queued job are released, highest-numbered first, never below `min`.
 *
 * It never moves running jobs (that would kill and requeue them): an under-used node is
 * released only once its last job ends. Reasons name the pending jobs and accelerators.
 * Cost per tick: O(nodes the pools ever requested + scanned jobs × pools × perNode);
 * scratch arrays are allocated once per run.
 */
export class BacklogAutoscaler implements Autoscaler {
  readonly name = 'backlog';
  /** Per pool: nodes with f free accelerators, f = 0 … perNode (ready nodes, and provisioning or planned ones). */
  private readyFree: Int32Array[] = [];
  private newFree: Int32Array[] = [];
  /** Per pool, of the current plan: nodes to add for min, for jobs; jobs and accelerators they are for; the first job ids. */
  private forMin = new Int32Array(0);
  private forJobs = new Int32Array(0);
  private room = new Float64Array(0);
  private pendingJobs = new Int32Array(0);
  private pendingAcc = new Float64Array(0);
  private named: number[][] = [];
  /** Pools cheapest per accelerator-hour first (ties in fleet order). */
  private cheapest: number[] = [];

  constructor(private readonly params: BacklogParams) {}

  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' } {
    return { nodes: Math.max(pool.max, pool.initial), limit: 'max' };
  }

  firstWakeS(): number {
    return 0;
  }

  mayStillAct(view: AutoscalerView): boolean {
    this.plan(view);
    return view.pools.some((p) => this.forMin[p.index]! + this.forJobs[p.index]! > 0);
  }

  decide(view: AutoscalerView, sink: ScaleSink): number {
    this.plan(view);
    for (const p of view.pools) {
      const i = p.index;
      if (this.forMin[i]! > 0) sink.add(i, this.forMin[i]!, `below min: ${p.nodes} < ${p.min} nodes → +${this.forMin[i]}`);
      const add = this.forJobs[i]!;
      if (add > 0) {
        const ids = this.named[i]!;
        const more = this.pendingJobs[i]! > ids.length ? ', …' : '';
        const perAcc = usd(p.priceNodeHourUsd / p.perNode);
        const jobs = this.pendingJobs[i] === 1 ? '1 queued job' : `${this.pendingJobs[i]} queued jobs`;
        sink.add(i, add, `${jobs} (${ids.length === 1 ? 'job' : 'jobs'} ${ids.join(', ')}${more}; ${this.pendingAcc[i]} accelerators) ${this.pendingJobs[i] === 1 ? 'fits' : 'fit'} no free or provisioning capacity → +${nodes(add)} in ${p.name}, the cheapest eligible pool with room (${perAcc} per accelerator-hour)`);
      }
      // Consolidation: empty ready nodes the queue does not need.
      const spare = Math.min(this.readyFree[i]![p.perNode]!, p.nodes - p.min);
      if (spare <= 0) continue;
      const release = idleNodesToRelease(view, i, spare, this.params.consolidateAfter);
      if (release.length === 0) continue;
      const queue = view.queueLength === 0 ? 'queue empty' : 'no queued job needs them';
      sink.release(i, release, `${nodes(release.length)} empty ≥ ${formatDuration(this.params.consolidateAfter)}, ${queue} → −${release.length}`);
    }
    return view.now + this.params.tick;
  }

  /** Fill the per-pool plan (forMin, forJobs, pending…, readyFree after packing) from the view. */
  private plan(view: AutoscalerView): void {
    const pools = view.pools;
    this.ensure(view);
    for (const p of pools) {
      const i = p.index;
      const ready = this.readyFree[i]!.fill(0);
      const fresh = this.newFree[i]!.fill(0);
      for (let pos = 0, n = view.nodeCount(i); pos < n; pos++) {
        const free = view.nodeFreeAccelerators(view.nodeAt(i, pos));
        if (free > 0) ready[free]!++;
      }
      const forMin = Math.max(0, Math.min(p.min - p.nodes, p.quotaRoomNodes));
      fresh[p.perNode] = p.provisioning + forMin;
      this.forMin[i] = forMin;
      this.forJobs[i] = 0;
      this.room[i] = Math.max(0, Math.min(p.max - p.nodes, p.quotaRoomNodes) - forMin);
      this.pendingJobs[i] = 0;
      this.pendingAcc[i] = 0;
      this.named[i]!.length = 0;
    }
    let scanned = 0;
    for (let j = view.firstQueued(); j >= 0 && scanned < BACKLOG_QUEUE_SCAN; j = view.nextQueued(j), scanned++) {
      const k = view.jobAccelerators(j);
      let placed = false;
      for (const p of pools) {
        if (view.jobAllowsPool(j, p.index) && this.take(p.index, p.perNode, k)) {
          placed = true;
          break;
        }
      }
      if (placed) continue;
      const pool = this.cheapest.find((i) => view.jobAllowsPool(j, i) && this.newNodesFor(i, pools[i]!.perNode, k) <= this.room[i]!);
      if (pool === undefined) continue; // no pool has room for it: it waits
      const p = pools[pool]!;
      const add = this.newNodesFor(pool, p.perNode, k);
      this.newFree[pool]![p.perNode]! += add;
      this.forJobs[pool]! += add;
      this.shareQuota(view, pool, add);
      if (!this.take(pool, p.perNode, k)) throw new Error(`backlog autoscaler: job ${j} does not fit the ${add} nodes planned for it in ${p.name}`);
      this.pendingJobs[pool]!++;
      this.pendingAcc[pool]! += k;
      if (this.named[pool]!.length < NAMED_JOBS) this.named[pool]!.push(j);
    }
  }

  /** New nodes pool i needs for a job of k beyond the wholly free ones it has (ready or coming). */
  private newNodesFor(i: number, perNode: number, k: number): number {
    if (k <= perNode) return 1;
    return Math.max(0, Math.ceil(k / perNode) - this.readyFree[i]![perNode]! - this.newFree[i]![perNode]!);
  }

  /** Pack a job of k onto pool i's capacity (ready nodes first, then coming ones); false if it does not fit. */
  private take(i: number, perNode: number, k: number): boolean {
    const ready = this.readyFree[i]!;
    const fresh = this.newFree[i]!;
    if (k > perNode) {
      const need = Math.ceil(k / perNode);
      if (ready[perNode]! + fresh[perNode]! < need) return false;
      const fromReady = Math.min(need, ready[perNode]!);
      ready[perNode]! -= fromReady;
      fresh[perNode]! -= need - fromReady;
      ready[0]! += fromReady;
      fresh[0]! += need - fromReady;
      return true;
    }
    for (const free of [ready, fresh]) {
      for (let f = k; f <= perNode; f++) {
        if (free[f]! > 0) {
          free[f]!--;
          free[f - k]!++;
          return true;
        }
      }
    }
    return false;
  }

  /** Nodes planned in one pool use up the quota of every pool of the same accelerator (rounded up to their node size). */
  private shareQuota(view: AutoscalerView, pool: number, add: number): void {
    const p = view.pools[pool]!;
    this.room[pool]! -= add;
    for (const q of view.pools) {
      if (q.index !== pool && q.accelerator === p.accelerator && q.quotaRoomNodes !== Infinity) this.room[q.index] = Math.max(0, this.room[q.index]! - Math.ceil((add * p.perNode) / q.perNode));
    }
  }

  private ensure(view: AutoscalerView): void {
    const pools = view.pools;
    if (this.readyFree.length === pools.length) return;
    this.readyFree = pools.map((p) => new Int32Array(p.perNode + 1));
    this.newFree = pools.map((p) => new Int32Array(p.perNode + 1));
    this.forMin = new Int32Array(pools.length);
    this.forJobs = new Int32Array(pools.length);
    this.room = new Float64Array(pools.length);
    this.pendingJobs = new Int32Array(pools.length);
    this.pendingAcc = new Float64Array(pools.length);
    this.named = pools.map(() => []);
    this.cheapest = pools.map((p) => p.index).sort((a, b) => pools[a]!.priceNodeHourUsd / pools[a]!.perNode - pools[b]!.priceNodeHourUsd / pools[b]!.perNode || a - b);
  }
}

export function createBacklogAutoscaler(params: BacklogParams): Autoscaler {
  return new BacklogAutoscaler(params);
}

export const backlogParams = z.strictObject({
  consolidateAfter: NonNegDuration.prefault('10m').describe('release ready nodes empty this long that no queued job needs (running jobs are never moved)'),
  tick: PosDuration.prefault('1m').describe('how often it plans'),
}) satisfies z.ZodType<BacklogParams, unknown>;

export const backlogAutoscaler: AutoscalerDefinition<typeof backlogParams> = {
  name: 'backlog',
  description: 'Karpenter-like: packs the queue onto free and coming capacity, adds what does not fit in the cheapest eligible pool, releases nodes empty for consolidateAfter.',
  params: backlogParams,
  create: createBacklogAutoscaler,
};
