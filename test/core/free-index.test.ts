/** The free index behind placements: the max tree plus optional per-value buckets, against a linear scan. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FreeIndex } from '../../sim-engine/core/free-index.js';

/** The lowest slot with the smallest value ≥ k, or -1. */
const smallestAtLeast = (model: number[], k: number) => model.reduce((best, v, s) => (v >= k && (best < 0 || v < model[best]!) ? s : best), -1);
/** The lowest slot with the largest value, if ≥ k, or -1. */
const largestAtLeast = (model: number[], k: number) => model.reduce((best, v, s) => (v >= k && v >= 0 && (best < 0 || v > model[best]!) ? s : best), -1);

test('smallestAtLeast and largestAtLeast match a linear scan under random sets (and growth)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: -1, max: 8 })), { maxLength: 200 }), (sets) => {
      const index = new FreeIndex(2, 8, true);
      const model: number[] = [];
      for (const [slot, v] of sets) {
        index.set(slot, v);
        while (model.length <= slot) model.push(-1);
        model[slot] = v;
        expect(index.get(slot)).toBe(v);
        for (let k = 0; k <= 9; k++) {
          expect(index.smallestAtLeast(k)).toBe(smallestAtLeast(model, k));
          expect(index.largestAtLeast(k)).toBe(largestAtLeast(model, k));
          expect(index.leftmostAtLeast(k)).toBe(model.findIndex((x) => x >= k));
        }
      }
    }),
    { seed: 12, numRuns: 200 },
  );
});

test('without buckets it is the max tree; smallestAtLeast then throws, naming the invariant', () => {
  const index = new FreeIndex(16, 8, false);
  index.set(3, 5);
  index.set(1, 2);
  expect([index.hasBuckets, index.leftmostAtLeast(3), index.largestAtLeast(1), index.largestAtLeast(6), index.max()]).toEqual([false, 3, 3, -1, 5]);
  expect(() => index.smallestAtLeast(1)).toThrow('free index invariant: smallestAtLeast needs the per-value buckets');
  expect(new FreeIndex(4, 8, true).largestAtLeast(0)).toBe(-1); // every slot unusable
});

test('a value above the largest a slot can hold throws, naming the invariant', () => {
  expect(() => new FreeIndex(4, 8, true).set(0, 9)).toThrow('free index invariant: a slot holds at most 8 (got 9 at slot 0)');
});
