/**
 * predictive and spot-fallback over random small fleets (spot with preemptions and failed
 * requests, on-demand, reserved): jobs and capacity are conserved, cost adds up by pool, and
 * the same scenario and seed give the same decisions and results whatever the slice size.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';
import { runPolicy } from '../../sim-engine/run/index.js';

const poolArb = fc.record({
  accelerator: fc.constantFrom('nvidia-a100-80gb', 'nvidia-h100-80gb', 'nvidia-l4'),
  perNode: fc.constantFrom(1, 4, 8),
  purchase: fc.constantFrom('on-demand', 'spot', 'spot', 'reserved'),
  initial: fc.integer({ min: 0, max: 3 }),
  min: fc.integer({ min: 0, max: 1 }),
  extra: fc.integer({ min: 0, max: 8 }),
  provisioningS: fc.integer({ min: 0, max: 2400 }),
  preemptionPerNodeHour: fc.constantFrom(0, 0.1, 0.5, 2),
  availability: fc.constantFrom(1, 0.8, 0.3, 0.01),
});

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  horizonH: fc.integer({ min: 3, max: 40 }),
  ratePerHour: fc.double({ min: 1, max: 40, noNaN: true }),
  sizes: fc.uniqueArray(fc.constantFrom(1, 2, 4, 8, 16), { minLength: 1, maxLength: 3 }),
  meanDurationM: fc.integer({ min: 5, max: 180 }),
  checkpoint: fc.boolean(),
  pools: fc.array(poolArb, { minLength: 1, maxLength: 3 }),
  tickS: fc.integer({ min: 30, max: 900 }),
  season: fc.constantFrom('2h', '6h', '1d'),
  headroom: fc.constantFrom(0, 0.1, 0.5),
  maxPreemptionsPerHour: fc.integer({ min: 0, max: 3 }),
  cooldownS: fc.integer({ min: 60, max: 7200 }),
  scaleUpAfterWaitS: fc.integer({ min: 0, max: 1200 }),
});
type Spec = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): Scenario {
  const doc = {
    name: 'random',
    seed: spec.seed,
    horizon: `${spec.horizonH}h`,
    sampleEvery: '7m',
    slo: { maxQueueWait: '20m' },
    workload: [{
      kind: 'synthetic',
      arrivals: { process: 'poisson', ratePerHour: spec.ratePerHour, profile: 'diurnal', peakToTrough: 5, peakHour: 12 },
      accelerators: { dist: 'choice', values: spec.sizes },
      duration: { dist: 'exponential', mean: `${spec.meanDurationM}m` },
      ...(spec.checkpoint ? { checkpointEvery: '20m' } : {}),
    }],
    fleet: {
      pools: spec.pools.map((p, i) => ({
        name: `pool${i}`,
        accelerator: p.accelerator,
        perNode: p.perNode,
        purchase: p.purchase,
        initial: p.initial,
        min: Math.min(p.min, p.initial),
        max: p.initial + p.extra,
        provisioning: p.provisioningS,
        ...(p.purchase === 'spot' && p.preemptionPerNodeHour > 0 ? { preemption: { ratePerNodeHour: p.preemptionPerNodeHour, notice: '2m' } } : {}),
        ...(p.purchase === 'spot' ? { availability: p.availability } : {}),
      })),
    },
    policies: [
      { name: 'predictive', autoscaler: { kind: 'predictive', tick: spec.tickS, season: spec.season, headroom: spec.headroom } },
      { name: 'spot-fallback', autoscaler: { kind: 'spot-fallback', tick: spec.tickS, maxPreemptionsPerHour: spec.maxPreemptionsPerHour, cooldown: spec.cooldownS, scaleUpAfterWait: spec.scaleUpAfterWaitS } },
    ],
  };
  const loaded = loadScenario(JSON.stringify(doc), 'random.json');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario;
}

describe('predictive and spot-fallback over random fleets', () => {
  test('conservation, cost by pool, bounds, and determinism whatever the slice size', () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const scenario = build(spec);
        scenario.policies.forEach((_, pi) => {
          const run = runPolicy(scenario, pi, scenario.seed, new Map());
          const s = run.summary;
          expect(s.jobsSubmitted).toBe(s.jobsCompleted + s.jobsUnfinished + s.jobsRejected);
          expect(s.acceleratorHoursBusy).toBeLessThanOrEqual(s.acceleratorHoursBilled + 1e-9);
          const width = run.series.pools.length + 1;
          for (let i = 0; i < run.series.timeS.length * width; i++) expect(run.series.busy[i]!).toBeLessThanOrEqual(run.series.ready[i]!);
          expect(run.byPool.reduce((a, p) => a + p.costUsd, 0)).toBeCloseTo(s.costUsd, 6);
          for (const d of run.decisions) expect(d.reason.length).toBeGreaterThan(0);
          const again = runPolicy(scenario, pi, scenario.seed, new Map(), { sliceEvents: 7 });
          expect(again.decisions).toEqual(run.decisions);
          expect(again.summary).toEqual(run.summary);
        });
      }),
      { numRuns: 30, seed: 20260611 },
    );
  });
});
