import { noParams, type PlacementDefinition } from '../definition.js';
import type { Placement, PlacementView } from '../types.js';

/**
 * First-fit (the reference placement, DESIGN.md §3): a job of k ≤ perNode goes to the
 * lowest-numbered node with k free accelerators; a gang job to the lowest-numbered wholly
 * idle nodes. Cost: O(log nodes) per single-node job (a max segment tree), O(nodes) per gang job.
 * (A class, not closures: one shared method per call site keeps the hot path inlined.)
 */
class FirstFit implements Placement {
  readonly name = 'first-fit';
  nodeFor(view: PlacementView, pool: number, k: number): number {
    return view.firstFitNode(pool, k);
  }
  idleNodesFor(view: PlacementView, pool: number, count: number, out: Int32Array): number {
    return view.lowestIdleNodes(pool, count, out);
  }
}

export function createFirstFitPlacement(): Placement {
  return new FirstFit();
}

export const firstFitPlacement: PlacementDefinition = {
  name: 'first-fit',
  description: 'A job of k ≤ perNode on the lowest-numbered node with k free accelerators; a gang job on the lowest-numbered wholly idle nodes (the reference). O(log nodes) per job.',
  params: noParams(),
  create: () => createFirstFitPlacement(),
};
