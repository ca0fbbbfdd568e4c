/** sortFloat64 gives exactly Float64Array.prototype.sort()'s order, bit for bit. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RADIX_MIN, sortFloat64 } from '../../sim-engine/core/sort.js';

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
