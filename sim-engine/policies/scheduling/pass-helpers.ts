/**
 * Small helpers the non-blocking schedulers (sjf, easy-backfill) share: the pools a job
 * tries in the scheduler's pool order, and a per-pass bound on the job sizes that can
 * still fit anywhere (so a long queue of jobs too big for the free room is skipped in O(1)
 * per job).
 */
import type { PoolOrder } from '../definition.js';
import type { SchedulerView } from '../types.js';

let fleetOrder = new Int32Array(0);

/** Every pool in the scheduler's order for the job (fleet order is 0 … poolCount − 1). Do not modify. */
export function poolSequence(view: SchedulerView, job: number, order: PoolOrder): Int32Array {
  if (order !== 'fleet') return view.poolsInOrder(order, job);
  if (fleetOrder.length !== view.poolCount) fleetOrder = Int32Array.from({ length: view.poolCount }, (_, i) => i);
  return fleetOrder;
}

/** The first pool (in the scheduler's order) the job may use, or -1. */
export function firstAllowedPool(view: SchedulerView, job: number, order: PoolOrder): number {
  const pools = poolSequence(view, job, order);
  for (let i = 0; i < pools.length; i++) if (view.jobAllowsPool(job, pools[i]!)) return pools[i]!;
  return -1;
}

/**
 * The smallest job size (accelerators) known not to fit in any pool now. Within one pass
 * room only shrinks as jobs start, and a size that fits nowhere means every larger one
 * fits nowhere too (a node with k free has room for any smaller single-node job; an idle
 * node has room for any k ≤ perNode), so the bound stays valid until `reset`.
 */
export class FitBound {
  private bound = Infinity;

  reset(): void {
    this.bound = Infinity;
  }

  /** True unless no job of this size can start in any pool now (type constraints aside). O(pools · log nodes) when it must look. */
  mayFit(view: SchedulerView, k: number): boolean {
    if (k >= this.bound) return false;
    for (let p = 0; p < view.poolCount; p++) {
      const perNode = view.poolPerNode(p);
      if (k <= perNode ? view.firstFitNode(p, k) >= 0 : view.idleNodeCount(p) >= Math.ceil(k / perNode)) return true;
    }
    this.bound = k;
    return false;
  }

  /** Whether no job of at least `minK` accelerators can start anywhere any more in this pass. */
  exhausted(minK: number): boolean {
    return this.bound <= minK;
  }
}
