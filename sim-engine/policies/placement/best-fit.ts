import { noParams, type PlacementDefinition } from '../definition.js';
import type { Placement, PlacementView } from '../types.js';

/**
 * Best-fit: a job of k ≤ perNode goes to the fullest ready node that fits it — the fewest free
 * accelerators ≥ k, ties to the lowest-numbered — so small jobs pack together and whole nodes
 * stay free for gang jobs. A gang job takes the lowest-numbered wholly idle nodes (as first-fit:
 * every idle node is equally full). Cost: O(perNode) per single-node job (per-free-count
 * buckets of the pool's nodes, which the engine keeps only for this placement: O(1) more per
 * start and end), O(nodes) per gang job.
 */
class BestFit implements Placement {
  readonly name = 'best-fit';
  readonly needsFreeBuckets = true;
  nodeFor(view: PlacementView, pool: number, k: number): number {
    return view.bestFitNode(pool, k);
  }
  idleNodesFor(view: PlacementView, pool: number, count: number, out: Int32Array): number {
    return view.lowestIdleNodes(pool, count, out);
  }
}

export function createBestFitPlacement(): Placement {
  return new BestFit();
}

export const bestFitPlacement: PlacementDefinition = {
  name: 'best-fit',
  description: 'A job of k ≤ perNode on the fullest node that fits (fewest free ≥ k, then lowest-numbered), keeping whole nodes free for gang jobs; gang jobs on the lowest-numbered idle nodes. O(perNode) per job.',
  params: noParams(),
  create: () => createBestFitPlacement(),
};
