/** Small helpers the autoscalers share: which idle nodes a scale-down releases, how a time reads in a reason. */
import type { AutoscalerView, PoolView } from '../types.js';

/**
 * The pool's ready nodes idle for at least `idleS`, highest-numbered first, at most `room`
 * of them, written into `out` (cleared first) and returned: what a scale-down releases.
 * Cost: O(nodes the pool has ever requested); allocates nothing beyond `out`.
 */
export function longIdleNodes(view: AutoscalerView, pool: PoolView, room: number, idleS: number, out: number[]): number[] {
  out.length = 0;
  for (let pos = view.nodeCount(pool.index) - 1; pos >= 0 && out.length < room; pos--) {
    const node = view.nodeAt(pool.index, pos);
    const since = view.idleSinceS(node);
    if (since === since && view.now - since >= idleS) out.push(node);
  }
  return out;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A time as the decision log shows it: `Tue 14:30` (the weekday from the scenario's startsOn) plus the day number. */
export function clock(t: number, startsOn: number): string {
  const minutes = Math.floor(t / 60 + 1e-9);
  const day = Math.floor(minutes / 1440);
  const hh = Math.floor((minutes % 1440) / 60);
  const mm = minutes % 60;
  return `${WEEKDAYS[(startsOn + day) % 7]} ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')} (day ${day + 1})`;
}
