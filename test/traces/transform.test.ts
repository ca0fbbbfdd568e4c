import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTraceKnobs } from '../../sim-engine/traces/transform.js';
import type { JobTable } from '../../sim-engine/traces/types.js';

function table(submits: number[], tenants?: number[]): JobTable {
  const n = submits.length;
  const t: JobTable = {
    kind: 'jobs',
    length: n,
    submitS: Float64Array.from(submits),
    durationS: Float64Array.from(submits.map((_, i) => i)),
    accelerators: Int32Array.from(submits.map(() => 1)),
  };
  if (tenants) { t.tenant = Int32Array.from(tenants); t.tenants = ['a', 'b']; }
  return t;
}

describe('applyTraceKnobs', () => {
  it('sorts stably, shifts to t = 0 and stretches', () => {
    const out = applyTraceKnobs(table([100, 50, 100, 75]), { timeScale: 2 });
    expect([...out.submitS]).toEqual([0, 50, 100, 100]);
    expect([...out.durationS]).toEqual([1, 3, 0, 2]); // equal times keep file order (rows 0 then 2)
  });

  it('windows relative to the first record, then filters tenants', () => {
    const out = applyTraceKnobs(table([10, 20, 30, 40, 50], [0, 1, 0, 1, 0]), { fromS: 10, toS: 40, filter: { tenant: ['a'] } });
    expect([...out.durationS]).toEqual([2]);
    expect([...out.submitS]).toEqual([0]);
  });

  it('maps accelerator types, including | lists', () => {
    const t = table([0, 1]);
    t.acceleratorType = Int32Array.from([0, 1]);
    t.acceleratorTypes = ['G2', 'G2|T4'];
    const out = applyTraceKnobs(t, { acceleratorMap: { G2: 'nvidia-a100-80gb' } });
    expect(out.acceleratorTypes).toEqual(['nvidia-a100-80gb', 'nvidia-a100-80gb|T4']);
  });

  it('property: output is sorted, starts at 0, keeps every row without knobs', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), (subs) => {
      const out = applyTraceKnobs(table(subs));
      expect(out.length).toBe(subs.length);
      expect(out.submitS[0]).toBe(0);
      for (let i = 1; i < out.length; i++) {
        expect(out.submitS[i]!).toBeGreaterThanOrEqual(out.submitS[i - 1]!);
        if (out.submitS[i] === out.submitS[i - 1]) expect(out.durationS[i]!).toBeGreaterThan(out.durationS[i - 1]!);
      }
    }));
  });
});

describe('applyTraceKnobs orders rows exactly as a stable sort by submit time', () => {
  // The whole-second fast path (packed keys) and the comparison sort must agree: rows sorted by
  // time, ties in file order (durationS carries each row's file position here).
  const times = fc.oneof(
    fc.array(fc.integer({ min: 1_500_000_000, max: 1_500_000_400 }), { maxLength: 1500 }),
    fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 1500 }),
    fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 800 }),
  );
  it('for whole-second and fractional times, with ties', () => {
    fc.assert(
      fc.property(times, (ts) => {
        const n = ts.length;
        const table: JobTable = { kind: 'jobs', length: n, submitS: Float64Array.from(ts), durationS: Float64Array.from(ts, (_, i) => i), accelerators: new Int32Array(n).fill(1) };
        const out = applyTraceKnobs(table);
        const first = n ? Math.min(...ts) : 0;
        const want = ts.map((t, i) => [t, i] as const).sort((a, b) => (a[0] - b[0]) || (a[1] - b[1]));
        expect(Array.from(out.durationS)).toEqual(want.map((w) => w[1]));
        expect(Array.from(out.submitS)).toEqual(want.map((w) => w[0] - first));
      }),
      { numRuns: 120 },
    );
  });
});
