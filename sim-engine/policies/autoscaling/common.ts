/** Small helpers the autoscalers share: picking idle nodes to release, and the numbers their reasons print. */
import type { AutoscalerView, PoolView } from '../types.js';

/**
 * Up to `count` idle ready nodes of the pool, highest-numbered (newest) first, idle for at
 * least `minIdleS`. O(nodes the pool ever requested).
 */
export function idleNodesToRelease(view: AutoscalerView, pool: number, count: number, minIdleS = 0): number[] {
  const out: number[] = [];
  for (let pos = view.nodeCount(pool) - 1; pos >= 0 && out.length < count; pos--) {
    const node = view.nodeAt(pool, pos);
    const since = view.idleSinceS(node);
    if (since === since && view.now - since >= minIdleS) out.push(node);
  }
  return out;
}

/** How many nodes the pool may still add now: up to its max and within the accelerator quota. */
export function roomNodes(p: PoolView): number {
  return Math.max(0, Math.min(p.max - p.nodes, p.quotaRoomNodes));
}

/** "1 node", "3 nodes". */
export const nodes = (n: number): string => `${n} node${n === 1 ? '' : 's'}`;

/** "$12.50". */
export const usd = (v: number): string => `$${v.toFixed(2)}`;

/** "73%". */
export const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** Floor of a ratio that should be whole, forgiving float noise (2.9999999999 → 3). */
export const floorEps = (v: number): number => Math.floor(v + 1e-9);

/** Ceiling of a ratio that should be whole, forgiving float noise (10.000000001 → 10). */
export const ceilEps = (v: number): number => Math.ceil(v - 1e-9);
