/** sortFloat64 gives exactly Float64Array.prototype.sort()'s order, bit for bit. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sortFloat64 } from '../../sim-engine/core/sort.js';

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe('sortFloat64', () => {
  test('equals the built-in sort on any doubles (−0, ±∞, NaN, subnormals included)', () => {
    const value = fc.oneof(fc.double(), fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324), fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 3000 }), (xs) => {
        const want = Float64Array.from(xs).sort();
        const got = sortFloat64(Float64Array.from(xs));
        expect(bits(got)).toEqual(bits(want));
      }),
      { numRuns: 150 },
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
    expect(bits(sortFloat64(a.slice()))).toEqual(bits(want));
  });
});
