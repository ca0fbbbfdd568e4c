/** Small helpers the autoscalers share: which idle nodes a scale-down releases, and how numbers and times read in their reasons. */
import type { AutoscalerView, PoolView } from '../types.js';

/**
 * The pool's ready nodes idle for at least `idleS`, highest-numbered (newest) first, at most
 * `room` of them, written into `out` (cleared first) and returned: what a scale-down releases.
 * Cost: O(log nodes) per idle node it looks at (the view walks idle nodes only, not every node the
 * pool ever requested); allocates nothing beyond `out`.
 */
export function longIdleNodes(view: AutoscalerView, pool: PoolView, room: number, idleS: number, out: number[]): number[] {
  out.length = 0;
  const p = pool.index;
  for (let pos = view.prevIdleNode(p, view.nodeCount(p)); pos >= 0 && out.length < room; pos = view.prevIdleNode(p, pos)) {
    const node = view.nodeAt(p, pos);
    const since = view.idleSinceS(node);
    if (since === since && view.now - since >= idleS) out.push(node);
  }
  return out;
}

/** Up to `count` idle ready nodes of the pool, newest first, idle for at least `minIdleS` (a fresh array). */
export function idleNodesToRelease(view: AutoscalerView, pool: number, count: number, minIdleS = 0): number[] {
  return longIdleNodes(view, view.pools[pool]!, count, minIdleS, []);
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

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A time as the decision log shows it: `Tue 14:30` (the weekday from the scenario's startsOn) plus the day number. */
export function clock(t: number, startsOn: number): string {
  const minutes = Math.floor(t / 60 + 1e-9);
  const day = Math.floor(minutes / 1440);
  const hh = Math.floor((minutes % 1440) / 60);
  const mm = minutes % 60;
  return `${WEEKDAYS[(startsOn + day) % 7]} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')} (day ${day + 1})`;
}
