/**
 * target-tracking, backlog, scheduled and budget over random small scenarios (fast-check):
 * jobs are conserved, never more busy accelerators than ready ones, never more nodes than a
 * pool's max, cost = Σ billed node-hours × price from the decision log (without spot), and
 * the same scenario and seed give identical results, whatever the slice size.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findAccelerator } from '../../sim-engine/model/catalog.js';
import { collect, createSimulation, runPolicy } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';
import { independentCost } from '../sim/independent-cost.js';

const poolArb = fc.record({
  accelerator: fc.constantFrom('nvidia-a100-80gb', 'nvidia-h100-80gb', 'nvidia-l4'),
  perNode: fc.constantFrom(1, 2, 4, 8),
  spot: fc.boolean(),
  initial: fc.integer({ min: 0, max: 4 }),
  min: fc.integer({ min: 0, max: 2 }),
  extra: fc.integer({ min: 0, max: 8 }),
  provisioningS: fc.integer({ min: 0, max: 2400 }),
});

const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  horizonH: fc.integer({ min: 2, max: 30 }),
  startsOn: fc.constantFrom('mon', 'wed', 'sun'),
  ratePerHour: fc.double({ min: 0.5, max: 25, noNaN: true }),
  sizes: fc.uniqueArray(fc.constantFrom(1, 2, 4, 8, 16), { minLength: 1, maxLength: 3 }),
  meanDurationM: fc.integer({ min: 1, max: 180 }),
  pools: fc.array(poolArb, { minLength: 1, maxLength: 3 }),
  realism: fc.boolean(),
  target: fc.double({ min: 0.3, max: 1, noNaN: true }),
  tickS: fc.integer({ min: 20, max: 600 }),
  cooldownS: fc.integer({ min: 0, max: 1800 }),
  from: fc.integer({ min: 0, max: 23 }),
  lengthH: fc.integer({ min: 1, max: 20 }),
  rateCap: fc.integer({ min: 5, max: 400 }),
});
type Spec = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

function build(spec: Spec): Scenario {
  const pools = spec.pools.map((p, i) => {
    const spot = spec.realism && p.spot;
    return {
      name: `pool${i}`,
      accelerator: p.accelerator,
      perNode: p.perNode,
      purchase: spot ? 'spot' : 'on-demand',
      initial: p.initial,
      min: Math.min(p.min, p.initial),
      max: p.initial + p.extra,
      provisioning: p.provisioningS,
      ...(spot ? { preemption: { ratePerNodeHour: 0.3, notice: '2m' }, availability: 0.7 } : {}),
    };
  });
  const nodes = Object.fromEntries(pools.map((p) => [p.name, Math.min(p.max, p.min + 2)]));
  const initialRate = pools.reduce((usd, p) => {
    const acc = findAccelerator(p.accelerator)!;
    return usd + p.initial * p.perNode * (acc.prices[p.purchase as 'spot'] ?? acc.prices['on-demand']);
  }, 0);
  const doc = {
    name: 'random',
    seed: spec.seed,
    horizon: `${spec.horizonH}h`,
    sampleEvery: '7m',
    startsOn: spec.startsOn,
    slo: { maxQueueWait: '20m' },
    workload: [{ kind: 'synthetic', arrivals: { process: 'poisson', ratePerHour: spec.ratePerHour }, accelerators: { dist: 'choice', values: spec.sizes }, duration: { dist: 'exponential', mean: `${spec.meanDurationM}m` } }],
    fleet: { pools },
    policies: [
      { name: 'tt', autoscaler: { kind: 'target-tracking', targetUtilization: spec.target, scaleUpCooldown: spec.cooldownS, scaleDownCooldown: spec.cooldownS * 2, tick: spec.tickS } },
      { name: 'backlog', autoscaler: { kind: 'backlog', consolidateAfter: spec.cooldownS, tick: spec.tickS } },
      { name: 'scheduled', autoscaler: { kind: 'scheduled', windows: [{ days: ['mon', 'wed', 'thu', 'sun'], from: hh(spec.from), to: hh(spec.from + spec.lengthH), nodes }] } },
      // The cap is at least the initial fleet's rate (a budget cannot shed what the fleet starts with).
      { name: 'budget', autoscaler: { kind: 'budget', maxUsdPerHour: initialRate + spec.rateCap, inner: { kind: 'backlog', tick: spec.tickS } } },
    ],
  };
  const loaded = loadScenario(JSON.stringify(doc), 'random.json');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario;
}


describe('the autoscalers over random small scenarios', () => {
  test('conserve jobs, capacity and cost; respect max; are deterministic whatever the slice size', () => {
    fc.assert(
      fc.property(scenarioArb, (spec) => {
        const scenario = build(spec);
        scenario.policies.forEach((policy, pi) => {
          const run = runPolicy(scenario, pi, scenario.seed, new Map());
          const s = run.summary;
          expect(s.jobsSubmitted).toBe(s.jobsCompleted + s.jobsUnfinished + s.jobsRejected);
          const width = run.series.pools.length + 1;
          for (let r = 0; r < run.series.timeS.length; r++) {
            for (let p = 0; p < width; p++) {
              const i = r * width + p;
              expect(run.series.busy[i]!).toBeLessThanOrEqual(run.series.ready[i]!);
              const pool = scenario.fleet.pools[p];
              if (pool) expect((run.series.ready[i]! + run.series.provisioning[i]!) / pool.perNode).toBeLessThanOrEqual(pool.max!);
            }
          }
          if (!spec.realism) expect(s.costUsd).toBeCloseTo(independentCost(scenario, run), 6);
          for (const d of run.decisions) expect(d.count).toBeGreaterThanOrEqual(1);
          if (policy.name === 'budget') {
            const cap = scenario.policies[pi]!.autoscaler.maxUsdPerHour as number;
            expect(s.costUsd / (spec.horizonH)).toBeLessThanOrEqual(cap + 1e-6);
          }
          // Determinism: the same run again, and in slices of 7 events.
          const again = runPolicy(scenario, pi, scenario.seed, new Map());
          expect(JSON.stringify([again.summary, again.decisions])).toBe(JSON.stringify([s, run.decisions]));
          const sim = createSimulation(scenario, pi, scenario.seed, new Map());
          while (!sim.runFor(7));
          const sliced = collect(sim, scenario, pi, scenario.seed);
          expect(JSON.stringify([sliced.summary, sliced.decisions])).toBe(JSON.stringify([s, run.decisions]));
        });
      }),
      { numRuns: 25, seed: 20260612 },
    );
  });
});
