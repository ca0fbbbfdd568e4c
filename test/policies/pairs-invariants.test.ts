/**
 * Every (scheduler × autoscaler) pair of the registry on random small scenarios: submitted =
 * completed + unfinished + rejected, busy ≤ ready − failed at every sample, cost = Σ pools'
 * billed cost, byte-identical reruns. A policy that needs parameters gets them from SAMPLES
 * (a policy without usable defaults fails to load without one, naming itself).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { policyRegistry } from '../../sim-engine/policies/registry.js';
import { joinChunks, jobsCsvChunks, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { runPolicy } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

/** Parameters for policies whose defaults alone do not make a valid reference (pools a and s below). */
const SAMPLES: Record<string, Record<string, unknown>> = {
  scheduled: { windows: [{ days: ['mon', 'tue', 'wed'], from: '08:00', to: '20:00', nodes: { a: 3 } }] },
  budget: { maxUsdPerHour: 200, inner: { kind: 'reactive', scaleUpAfterWait: '5m' } },
  'fair-share': { weights: { t0: 2, t1: 1 } },
  priority: { preempt: true },
};

const specArb = fc.record({
  seed: fc.integer({ min: 0, max: 100_000 }),
  rate: fc.double({ min: 2, max: 30, noNaN: true }),
  sizes: fc.uniqueArray(fc.constantFrom(1, 2, 4, 8, 16), { minLength: 1, maxLength: 3 }),
  meanM: fc.integer({ min: 5, max: 120 }),
  initial: fc.integer({ min: 0, max: 3 }),
  spot: fc.boolean(),
  failures: fc.boolean(),
});

function scenario(spec: typeof specArb extends fc.Arbitrary<infer T> ? T : never, scheduler: Record<string, unknown>, autoscaler: Record<string, unknown>) {
  const doc = {
    name: 'pairs',
    seed: spec.seed,
    horizon: '1d',
    sampleEvery: '15m',
    slo: { maxQueueWait: '30m' },
    workload: [0, 1].map((t) => ({ kind: 'synthetic', tenant: `t${t}`, priority: t, arrivals: { ratePerHour: spec.rate / 2, profile: 'diurnal', peakToTrough: 3 }, accelerators: { dist: 'choice', values: spec.sizes }, duration: { dist: 'exponential', mean: `${spec.meanM}m` }, checkpointEvery: '20m' })),
    fleet: {
      pools: [
        { name: 'a', accelerator: 'nvidia-a100-80gb', perNode: 8, initial: spec.initial, max: 6, provisioning: '10m', ...(spec.failures ? { failures: { mtbf: '50h', mttr: '1h' } } : {}) },
        { name: 's', accelerator: 'nvidia-h100-80gb', perNode: 8, purchase: spec.spot ? 'spot' : 'on-demand', initial: 0, max: 4, provisioning: '5m', ...(spec.spot ? { preemption: { ratePerNodeHour: 0.1, notice: '2m' } } : {}) },
      ],
    },
    scheduler,
    policies: [{ name: 'p', autoscaler }],
  };
  const r = loadScenario(JSON.stringify(doc), 'pairs.json');
  if (!r.ok) throw new Error(`${JSON.stringify(scheduler)} × ${JSON.stringify(autoscaler)}: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.scenario;
}

describe('every scheduler × autoscaler pair', () => {
  const ref = (name: string) => ({ kind: name, ...(SAMPLES[name] ?? {}) });
  for (const sch of policyRegistry.schedulers) {
    for (const auto of policyRegistry.autoscalers) {
      test(`${sch.name} × ${auto.name}: conservation, capacity, cost and determinism`, () => {
        fc.assert(
          fc.property(specArb, (spec) => {
            const s = scenario(spec, ref(sch.name), ref(auto.name));
            const a = runPolicy(s, 0, s.seed, new Map());
            const m = a.summary;
            expect(m.jobsSubmitted).toBe(m.jobsCompleted + m.jobsUnfinished + m.jobsRejected);
            for (let i = 0; i < a.series.busy.length; i++) expect(a.series.busy[i]!).toBeLessThanOrEqual(a.series.ready[i]! - a.series.failed[i]!);
            expect(a.byPool.reduce((x, p) => x + p.costUsd, 0)).toBeCloseTo(m.costUsd, 6);
            expect(m.acceleratorHoursBusy).toBeLessThanOrEqual(m.acceleratorHoursBilled + 1e-9);
            const b = runPolicy(s, 0, s.seed, new Map());
            expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
            expect(joinChunks(seriesCsvChunks([b]))).toBe(joinChunks(seriesCsvChunks([a])));
            expect(joinChunks(jobsCsvChunks([b]))).toBe(joinChunks(jobsCsvChunks([a])));
            expect(JSON.stringify(b.decisions)).toBe(JSON.stringify(a.decisions));
          }),
          { numRuns: 4, seed: 424242 },
        );
      });
    }
  }
});
