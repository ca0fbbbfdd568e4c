/**
 * Conservation invariants as properties over random small scenarios (fast-check):
 * submitted = completed + unfinished + rejected; never more busy accelerators than ready
 * ones at any sample; costUsd = Σ billed node-hours × price, recomputed independently
 * from the initial fleet and the autoscaler's decision log.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';
import { runPolicy } from '../../sim-engine/run/index.js';
import { independentCost } from './independent-cost.js';

const poolArb = fc.record({
  accelerator: fc.constantFrom('nvidia-a100-80gb', 'nvidia-h100-80gb', 'nvidia-l4', 'google-tpu-v5e'),
  perNode: fc.constantFrom(1, 2, 4, 8),
  purchase: fc.constantFrom('on-demand', 'spot', 'reserved'),
  initial: fc.integer({ min: 0, max: 4 }),
  min: fc.integer({ min: 0, max: 2 }),
  extra: fc.integer({ min: 0, max: 6 }),
  provisioningS: fc.integer({ min: 0, max: 1200 }),
});

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  horizonH: fc.integer({ min: 2, max: 36 }),
  warmupH: fc.integer({ min: 0, max: 1 }),
  ratePerHour: fc.double({ min: 0.5, max: 30, noNaN: true }),
  diurnal: fc.boolean(),
  sizes: fc.uniqueArray(fc.constantFrom(1, 2, 4, 8, 16, 40), { minLength: 1, maxLength: 4 }),
  meanDurationM: fc.integer({ min: 1, max: 240 }),
  pools: fc.array(poolArb, { minLength: 1, maxLength: 3 }),
  scaleUpAfterWaitS: fc.integer({ min: 0, max: 1800 }),
  scaleDownAfterIdleS: fc.integer({ min: 0, max: 3600 }),
  tickS: fc.integer({ min: 10, max: 600 }),
  maxQueueWaitS: fc.integer({ min: 0, max: 3600 }),
});

type Spec = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): Scenario {
  const doc = {
    name: 'random',
    seed: spec.seed,
    horizon: `${spec.horizonH}h`,
    warmup: `${Math.min(spec.warmupH, spec.horizonH - 1)}h`,
    sampleEvery: '7m',
    slo: { maxQueueWait: spec.maxQueueWaitS },
    workload: [{
      kind: 'synthetic',
      arrivals: { process: 'poisson', ratePerHour: spec.ratePerHour, profile: spec.diurnal ? 'diurnal' : 'flat', peakToTrough: 3, peakHour: 12 },
      accelerators: { dist: 'choice', values: spec.sizes },
      duration: { dist: 'exponential', mean: `${spec.meanDurationM}m` },
    }],
    fleet: {
      pools: spec.pools.map((p, i) => {
        const min = Math.min(p.min, p.initial);
        return { name: `pool${i}`, accelerator: p.accelerator, perNode: p.perNode, purchase: p.purchase, initial: p.initial, min, max: p.initial + p.extra, provisioning: p.provisioningS };
      }),
    },
    policies: [
      { name: 'static', autoscaler: { kind: 'static' } },
      { name: 'reactive', autoscaler: { kind: 'reactive', scaleUpAfterWait: spec.scaleUpAfterWaitS, scaleDownAfterIdle: spec.scaleDownAfterIdleS, tick: spec.tickS } },
    ],
  };
  const loaded = loadScenario(JSON.stringify(doc), 'random.json');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario;
}


describe('conservation over random small scenarios', () => {
  test('counts, capacity and cost are conserved', () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const scenario = build(spec);
        scenario.policies.forEach((_, pi) => {
          const run = runPolicy(scenario, pi, scenario.seed, new Map());
          const s = run.summary;
          expect(s.jobsSubmitted).toBe(s.jobsCompleted + s.jobsUnfinished + s.jobsRejected);
          expect(s.jobsQueuedAtEnd).toBeLessThanOrEqual(s.jobsUnfinished);
          expect(s.acceleratorHoursBusy).toBeLessThanOrEqual(s.acceleratorHoursBilled + 1e-9);
          const width = run.series.pools.length + 1;
          for (let i = 0; i < run.series.timeS.length * width; i++) {
            expect(run.series.busy[i]!).toBeLessThanOrEqual(run.series.ready[i]!);
            expect(run.series.busy[i]!).toBeGreaterThanOrEqual(0);
          }
          expect(s.costUsd).toBeCloseTo(independentCost(scenario, run), 6);
          if (s.waitMeanS !== null) {
            expect(s.waitMeanS).toBeGreaterThanOrEqual(0);
            expect(s.waitP50S!).toBeLessThanOrEqual(s.waitP95S!);
            expect(s.waitP95S!).toBeLessThanOrEqual(s.waitP99S!);
          }
          expect(s.availability!).toBeGreaterThanOrEqual(0);
          expect(s.availability!).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 60, seed: 20261128 },
    );
  });
});
