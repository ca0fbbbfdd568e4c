/**
 * shortfallHours (DESIGN.md §4): the exact measure of the union over queued batch jobs of
 * [submit + maxQueueWait, start or end), clipped to the window. With one constant threshold the
 * intervals start in submit order, which is job-id order, so one sweep merges them: O(jobs).
 */
import { JobState } from '../model/states.js';

export interface ShortfallInput {
  n: number;
  submitS: ArrayLike<number>;
  startS: ArrayLike<number>;
  state: ArrayLike<number>;
  maxQueueWaitS: number;
  warmupS: number;
  endS: number;
}

/** Seconds of the window during which some queued job waited longer than maxQueueWait. */
export function shortfallSeconds({ n, submitS, startS, state, maxQueueWaitS, warmupS, endS }: ShortfallInput): number {
  let total = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  const flush = () => {
    const a = Math.max(curA, warmupS);
    const b = Math.min(curB, endS);
    if (b > a) total += b - a;
  };
  for (let j = 0; j < n; j++) {
    const st = state[j]!;
    if (st === JobState.Rejected) continue;
    const a = submitS[j]! + maxQueueWaitS;
    const b = st === JobState.Queued ? endS : startS[j]!;
    if (!(b > a)) continue;
    if (a > curB) {
      flush();
      curA = a;
      curB = b;
    } else if (b > curB) curB = b;
  }
  flush();
  return total;
}
