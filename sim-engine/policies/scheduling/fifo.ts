import type { Scheduler, SchedulerActions, SchedulerView } from '../types.js';

/**
 * Strict FIFO with first-fit placement (the reference scheduler, DESIGN.md §3).
 * No job starts before an earlier-submitted one: the pass stops at the first job
 * that cannot be placed (head-of-line blocking). A job of k ≤ perNode goes to the
 * lowest-numbered node with k free accelerators; a gang job to the lowest-numbered
 * wholly idle nodes; pools are tried in fleet order.
 * Cost: O(pools · log nodes) per placed job, O(pools) for a blocked head.
 */
export function createFifoScheduler(): Scheduler {
  const scratch = { nodes: new Int32Array(64) };
  return {
    name: 'fifo',
    schedule(view: SchedulerView, act: SchedulerActions): void {
      while (view.queueLength() > 0) {
        const job = view.queuedJob(0);
        if (!placeOne(view, act, job, 0, scratch)) return;
      }
    },
  };
}

/** Try to place one job (at queue position qi) in the first pool that fits. Shared with other schedulers. */
export function placeOne(view: SchedulerView, act: SchedulerActions, job: number, qi: number, scratch: { nodes: Int32Array }): boolean {
  const k = view.jobAccelerators(job);
  for (let p = 0; p < view.poolCount; p++) {
    if (!view.jobAllowsPool(job, p)) continue;
    const perNode = view.poolPerNode(p);
    if (k <= perNode) {
      const node = view.firstFitNode(p, k);
      if (node >= 0) {
        scratch.nodes[0] = node;
        act.start(qi, p, scratch.nodes, 1);
        return true;
      }
    } else {
      const need = Math.ceil(k / perNode);
      if (view.idleNodeCount(p) >= need) {
        if (scratch.nodes.length < need) scratch.nodes = new Int32Array(need * 2);
        const got = view.lowestIdleNodes(p, need, scratch.nodes);
        if (got === need) {
          act.start(qi, p, scratch.nodes, need);
          return true;
        }
      }
    }
  }
  return false;
}
