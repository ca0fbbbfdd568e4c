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
