import { noParams, type PlacementDefinition } from '../definition.js';
import type { Placement, PlacementView } from '../types.js';

/**
 * Spread: a job of k ≤ perNode goes to the emptiest ready node — the most free accelerators,
 * ties to the lowest-numbered — when that node fits it, so load spreads over the nodes (heat,
 * failure domains: a node's failure kills fewer jobs). A gang job takes the lowest-numbered
 * wholly idle nodes (as first-fit). Cost: O(log nodes) per single-node job (the max segment
 * tree's leftmost maximum), O(nodes) per gang job.
 */
class Spread implements Placement {
  readonly name = 'spread';
  nodeFor(view: PlacementView, pool: number, k: number): number {
    return view.emptiestNode(pool, k);
  }
  idleNodesFor(view: PlacementView, pool: number, count: number, out: Int32Array): number {
    return view.lowestIdleNodes(pool, count, out);
  }
}

export function createSpreadPlacement(): Placement {
  return new Spread();
}

export const spreadPlacement: PlacementDefinition = {
  name: 'spread',
  description: 'A job of k ≤ perNode on the emptiest node (most free, then lowest-numbered) if it fits, spreading load; gang jobs on the lowest-numbered idle nodes. O(log nodes) per job.',
  params: noParams(),
  create: () => createSpreadPlacement(),
};
