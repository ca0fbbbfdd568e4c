/** The max segment tree behind first-fit placement: leftmost slot with value ≥ k. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { MaxTree } from '../../sim-engine/core/segment-tree.js';

test('leftmostAtLeast matches a linear scan under random sets (and growth)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: -1, max: 8 })), { maxLength: 200 }), fc.integer({ min: 0, max: 9 }), (sets, k) => {
      const tree = new MaxTree(2);
      const model: number[] = [];
      for (const [slot, v] of sets) {
        tree.set(slot, v);
        while (model.length <= slot) model.push(-1);
        model[slot] = v;
        expect(tree.get(slot)).toBe(v);
      }
      expect(tree.leftmostAtLeast(k)).toBe(model.findIndex((v) => v >= k));
    }),
    { seed: 11, numRuns: 300 },
  );
});

test('rightmostAtLeastBefore matches a linear scan down from `before` (the idle-node walk of autoscalers)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: -1, max: 8 })), { maxLength: 200 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -1, max: 150 }), (sets, k, before) => {
      const tree = new MaxTree(2);
      const model: number[] = [];
      for (const [slot, v] of sets) {
        tree.set(slot, v);
        while (model.length <= slot) model.push(-1);
        model[slot] = v;
      }
      let want = -1;
      for (let s = Math.min(before, model.length) - 1; s >= 0; s--) if (model[s]! >= k) { want = s; break; }
      expect(tree.rightmostAtLeastBefore(k, before)).toBe(want);
    }),
    { seed: 12, numRuns: 500 },
  );
});
