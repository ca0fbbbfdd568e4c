/** The quantile sketch (metrics/sketch.ts): nearest-rank percentiles within its relative error, and exact merging. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mergeSketches, QuantileSketch, sketchFromBuckets, SKETCH_RELATIVE_ACCURACY, WaitCollector } from '../../sim-engine/metrics/sketch.js';
import { nearestRank } from '../../sim-engine/metrics/stats.js';

const waits = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e8, noNaN: true }), fc.integer({ min: 0, max: 100_000 })), { maxLength: 400 });
const sketchOf = (xs: readonly number[]) => {
  const s = new QuantileSketch();
  for (const x of xs) s.add(x);
  return s;
};

describe('QuantileSketch', () => {
  test('every nearest-rank percentile is within the relative accuracy of the exact one', () => {
    fc.assert(
      fc.property(waits, fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const exact = nearestRank(Float64Array.from(xs).sort(), p);
        const got = sketchOf(xs).quantile(p);
        if (exact === null) return got === null;
        if (exact === 0) return got === 0;
        return Math.abs(got! - exact) / exact <= SKETCH_RELATIVE_ACCURACY * (1 + 1e-9);
      }),
      { numRuns: 500 },
    );
  });

  test('merged sketches equal the sketch of the union (any split, any order)', () => {
    fc.assert(
      fc.property(fc.array(waits, { minLength: 1, maxLength: 5 }), (parts) => {
        const merged = mergeSketches(parts.map(sketchOf));
        const union = sketchOf(parts.flat());
        expect(merged.buckets()).toEqual(union.buckets());
        expect(merged.count).toBe(union.count);
        for (const p of [0, 0.01, 0.5, 0.95, 0.99, 1]) expect(merged.quantile(p)).toBe(union.quantile(p));
        const reversed = mergeSketches(parts.map(sketchOf).reverse());
        expect(reversed.buckets()).toEqual(union.buckets());
      }),
      { numRuns: 300 },
    );
  });

  test('a sketch survives its buckets as JSON (shards write them, a merge reads them back)', () => {
    fc.assert(
      fc.property(fc.array(waits, { minLength: 1, maxLength: 4 }), (parts) => {
        const revived = parts.map((xs) => sketchFromBuckets(JSON.parse(JSON.stringify(sketchOf(xs).buckets())) as ReturnType<QuantileSketch['buckets']>));
        expect(mergeSketches(revived).buckets()).toEqual(sketchOf(parts.flat()).buckets());
        expect(mergeSketches(revived).count).toBe(parts.flat().length);
      }),
      { numRuns: 100 },
    );
  });

  test('refuses negative values and merging different accuracies', () => {
    expect(() => new QuantileSketch().add(-1)).toThrow(/≥ 0/);
    expect(() => new QuantileSketch(0.01).merge(new QuantileSketch(0.02))).toThrow(/relative accuracy/);
    expect(new QuantileSketch().quantile(0.5)).toBeNull();
  });

  test('a million waits over eleven decades take a few thousand buckets', () => {
    const s = new QuantileSketch();
    for (let i = 0; i < 1_000_000; i++) s.add(10 ** (-3 + (11 * i) / 1_000_000));
    expect(s.buckets().keys.length).toBeLessThan(1300);
  });
});

describe('WaitCollector', () => {
  test('exact (the same sorted values) up to the threshold, a sketch above it', () => {
    fc.assert(
      fc.property(waits, fc.integer({ min: 0, max: 500 }), (xs, upTo) => {
        const c = new WaitCollector(upTo);
        for (const x of xs) c.add(x);
        expect(c.count).toBe(xs.length);
        if (xs.length <= upTo) {
          expect(c.sketch).toBeNull();
          expect(Array.from(c.sorted())).toEqual(Array.from(Float64Array.from(xs).sort()));
        } else {
          expect(c.sketch!.buckets()).toEqual(sketchOf(xs).buckets());
          expect(c.sorted().length).toBe(0);
        }
      }),
    );
  });
});
