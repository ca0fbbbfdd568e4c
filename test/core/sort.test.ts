/** sortFloat64 gives exactly Float64Array.prototype.sort()'s order, bit for bit. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Rng } from '../../sim-engine/core/rng.js';
import { RADIX_MIN, selectRanks, sortFloat64 } from '../../sim-engine/core/sort.js';

/** Bit-for-bit equality of two float64 arrays (−0 and NaN payloads included). */
const sameBits = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('sortFloat64', () => {
  test('equals the built-in sort on any doubles (−0, ±∞, NaN, subnormals included)', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324), fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 3000 }), fc.nat(), (xs, pad) => {
        // Padded past RADIX_MIN with copies of the values, so the radix path runs.
        const all = xs.length === 0 ? [] : Array.from({ length: RADIX_MIN + (pad % 50) }, (_, i) => xs[i % xs.length]!);
        const want = Float64Array.from(all).sort();
        const got = sortFloat64(Float64Array.from(all));
        expect(sameBits(got, want)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  test('equals the built-in sort on a million waits (many exact zeros, ties)', () => {
    const n = 1_000_000;
    const a = new Float64Array(n);
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      const u = (x >>> 0) / 2 ** 32;
      a[i] = u < 0.4 ? 0 : u < 0.5 ? Math.round(u * 100) : -Math.log(u) * 3600;
    }
    const want = a.slice().sort();
    expect(sameBits(sortFloat64(a.slice()), want)).toBe(true);
  });
});

describe('selectRanks', () => {
  const waitsLike = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 5 }));
  test('gives the value a sort puts at each rank, for any values and ascending ranks (ties, zeros, negatives)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(waitsLike, fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 400 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (raw, rs) => {
        const xs = raw.map((v) => (v === 0 ? 0 : v)); // no −0: a wait is never −0, and selection does not order −0 before +0
        const sorted = Float64Array.from(xs).sort();
        const ranks = rs.map((r) => r % xs.length).sort((a, b) => a - b);
        const got = selectRanks(Float64Array.from(xs), ranks);
        expect(got).toEqual(ranks.map((r) => sorted[r]));
      }),
      { numRuns: 500 },
    );
  });
  test('handles a million waits that are half zeros (the M/M/c case), as the sort does', () => {
    const rng = new Rng(3).uniform;
    const a = Float64Array.from({ length: 1_000_000 }, () => (rng() < 0.5 ? 0 : -Math.log(1 - rng()) * 600));
    const ranks = [499_999, 949_999, 989_999];
    expect(selectRanks(a.slice(), ranks)).toEqual(ranks.map((r) => sortFloat64(a.slice())[r]));
  });
  test('refuses ranks out of order or out of range', () => {
    expect(() => selectRanks(Float64Array.of(1, 2, 3), [2, 1])).toThrow(/out of order/);
    expect(() => selectRanks(Float64Array.of(1, 2, 3), [3])).toThrow(/range/);
  });
});
