/** groupDigits writes whole numbers exactly as toLocaleString('en-US') does. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { groupDigits, plural } from '../../sim-engine/report/plural.js';

describe('groupDigits', () => {
  test('equals toLocaleString("en-US") for any number', () => {
    const n = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, -0, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1.5, NaN, Infinity));
    fc.assert(fc.property(n, (v) => groupDigits(v) === v.toLocaleString('en-US')), { numRuns: 2000 });
  });
  test('plural', () => {
    expect(plural(1_234_567, 'job')).toBe('1,234,567 jobs');
    expect(plural(1, 'job')).toBe('1 job');
  });
});
