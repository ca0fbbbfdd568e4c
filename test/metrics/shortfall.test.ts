/** The shortfall-union sweep against a brute-force union of intervals. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { JobState } from '../../sim-engine/model/states.js';
import { shortfallSeconds } from '../../sim-engine/metrics/shortfall.js';

/** Union length of intervals clipped to [lo, hi), by sorting and merging. */
function unionLength(intervals: [number, number][], lo: number, hi: number): number {
  const xs = intervals.map(([a, b]) => [Math.max(a, lo), Math.min(b, hi)] as [number, number]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0, curA = -Infinity, curB = -Infinity;
  for (const [a, b] of xs) {
    if (a > curB) {
      if (curB > curA) total += curB - curA;
      curA = a;
      curB = b;
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) total += curB - curA;
  return total;
}

test('equals the measure of the union of [submit + maxQueueWait, start or end) within the window', () => {
  const job = fc.record({ gap: fc.integer({ min: 0, max: 50 }), wait: fc.integer({ min: 0, max: 200 }), state: fc.constantFrom(JobState.Completed, JobState.Running, JobState.Queued, JobState.Rejected) });
  fc.assert(
    fc.property(fc.array(job, { maxLength: 60 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 100, max: 2000 }), (jobs, maxQueueWaitS, warmupS, endS) => {
      let t = 0;
      const submitS = jobs.map((j) => (t += j.gap));
      const startS = jobs.map((j, i) => (j.state === JobState.Completed || j.state === JobState.Running ? submitS[i]! + j.wait : NaN));
      const state = jobs.map((j) => j.state);
      const intervals: [number, number][] = [];
      jobs.forEach((j, i) => {
        if (j.state === JobState.Rejected) return;
        intervals.push([submitS[i]! + maxQueueWaitS, j.state === JobState.Queued ? endS : startS[i]!]);
      });
      const got = shortfallSeconds({ n: jobs.length, submitS, startS, state, maxQueueWaitS, warmupS, endS });
      expect(got).toBeCloseTo(unionLength(intervals, warmupS, endS), 9);
    }),
    { seed: 3, numRuns: 400 },
  );
});

test('a hand-checked case: overlapping waits merge, a rejected job counts nothing', () => {
  // threshold 10: job 0 [10, 50), job 1 [15, 30) inside it, job 2 rejected, job 3 queued [110, 200).
  const got = shortfallSeconds({ n: 4, submitS: [0, 5, 20, 100], startS: [50, 30, NaN, NaN], state: [0, 0, 3, 2], maxQueueWaitS: 10, warmupS: 20, endS: 200 });
  expect(got).toBe(30 + 90);
});
