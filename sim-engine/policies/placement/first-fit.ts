import { noParams, type PlacementDefinition } from '../definition.js';
import type { Placement } from '../types.js';

/**
 * First-fit (the reference placement, DESIGN.md §3): a job of k ≤ perNode goes to the
 * lowest-numbered node with k free accelerators; a gang job to the lowest-numbered wholly
 * idle nodes. Cost: O(log nodes) per single-node job (a max segment tree), O(nodes) per gang job.
 */
export function createFirstFitPlacement(): Placement {
  return {
    name: 'first-fit',
    nodeFor: (view, pool, k) => view.firstFitNode(pool, k),
    idleNodesFor: (view, pool, count, out) => view.lowestIdleNodes(pool, count, out),
  };
}

export const firstFitPlacement: PlacementDefinition = {
  name: 'first-fit',
  description: 'A job of k ≤ perNode on the lowest-numbered node with k free accelerators; a gang job on the lowest-numbered wholly idle nodes.',
  params: noParams(),
  create: () => createFirstFitPlacement(),
};
