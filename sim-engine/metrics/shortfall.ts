/**
 * shortfallHours (DESIGN.md §4): the exact measure of the union over queued batch jobs of
 * [submit + maxQueueWait, start or end), clipped to the window. With one constant threshold the
 * intervals start in submit order, which is job-id order, so one sweep merges them: O(jobs).
 * Jobs that were killed and requeued contribute each queued episode instead (DESIGN.md §11);
 * only runs that have any pay for sorting their intervals.
 */
import { JobState } from '../model/states.js';
import type { RequeueOutcomes } from './outcomes.js';

export interface ShortfallInput {
  n: number;
  submitS: ArrayLike<number>;
  startS: ArrayLike<number>;
  state: ArrayLike<number>;
  maxQueueWaitS: number;
  warmupS: number;
  endS: number;
  requeues?: RequeueOutcomes | undefined;
}

/** Seconds of the window during which some queued job waited longer than maxQueueWait. */
export function shortfallSeconds(input: ShortfallInput): number {
  return input.requeues && input.requeues.episodes.fromS.length > 0 ? withRequeues(input, input.requeues) : inSubmitOrder(input);
}

function inSubmitOrder({ n, submitS, startS, state, maxQueueWaitS, warmupS, endS }: ShortfallInput): number {
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

/** Every job's interval, or every queued episode of a requeued job, sorted by start and merged. */
function withRequeues({ n, submitS, startS, state, maxQueueWaitS, warmupS, endS }: ShortfallInput, requeues: RequeueOutcomes): number {
  const from: number[] = [];
  const to: number[] = [];
  for (let j = 0; j < n; j++) {
    const st = state[j]!;
    if (st === JobState.Rejected || requeues.queuedS[j]! === requeues.queuedS[j]!) continue;
    from.push(submitS[j]! + maxQueueWaitS);
    to.push(st === JobState.Queued ? endS : startS[j]!);
  }
  const { fromS, toS } = requeues.episodes;
  for (let e = 0; e < fromS.length; e++) {
    from.push(fromS[e]! + maxQueueWaitS);
    to.push(toS[e]!);
  }
  return unionSeconds(from, to, warmupS, endS);
}

/** The measure of the union of intervals [from, to) clipped to [lo, hi). */
export function unionSeconds(from: readonly number[], to: readonly number[], lo: number, hi: number): number {
  const order = Array.from(from, (_, i) => i).sort((x, y) => from[x]! - from[y]!);
  let total = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  for (const i of order) {
    const a = Math.max(from[i]!, lo);
    const b = Math.min(to[i]!, hi);
    if (!(b > a)) continue;
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      curA = a;
      curB = b;
    } else if (b > curB) curB = b;
  }
  if (curB > curA) total += curB - curA;
  return total;
}
