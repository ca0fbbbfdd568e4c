/**
 * spot-fallback on tiny hand-checkable fleets: spot first, on-demand after unfulfilled
 * requests or too many preemptions, back to spot after the cooldown; conservation and
 * determinism over random fleets are in autoscaler-properties.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { createSpotFallbackAutoscaler, spotFallbackParams } from '../../sim-engine/policies/autoscaling/spot-fallback.js';
import type { PoolSpec } from '../../sim-engine/scenario/schema.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { makeSim, pool, type JobRow } from '../sim/harness.js';

const params = (over: Record<string, unknown> = {}) => spotFallbackParams.parse({ scaleUpAfterWait: 0, ...over });
/** A spot pool whose every node lives `lifetimeS` after it is ready (a recorded history of one lifetime, replayed). */
const spot = (over: Partial<PoolSpec> = {}, lifetimeS?: number): PoolSpec =>
  pool({
    name: 'spot',
    purchase: 'spot',
    initial: 0,
    max: 4,
    provisioning: { dist: 'constant', value: 60 },
    ...(lifetimeS ? { preemption: { trace: 'history.csv', notice: 0, lifetimesS: Float64Array.of(lifetimeS) } as unknown as PoolSpec['preemption'] } : {}),
    ...over,
  });
const od = (over: Partial<PoolSpec> = {}): PoolSpec => pool({ name: 'od', initial: 0, max: 4, provisioning: { dist: 'constant', value: 60 }, ...over });

function run(pools: PoolSpec[], jobs: JobRow[], horizonS: number, over: Record<string, unknown> = {}) {
  const sim = makeSim({ pools, jobs, horizonS, autoscaler: createSpotFallbackAutoscaler(params(over)), maxQueueWaitS: 600 });
  sim.run();
  return { sim, decisions: sim.decisions.map((d) => [d.timeS, d.pool, d.action, d.count] as const), reasons: sim.decisions.map((d) => d.reason) };
}

describe('spot-fallback', () => {
  test('an unfulfilled spot request moves new demand to on-demand; back to spot after the cooldown', () => {
    // Spot requests (almost) never succeed (availability must be > 0; 1e-9 fails every draw of this seed): each fails at the end of its 60 s provisioning.
    const { decisions, reasons } = run([spot({ availability: 1e-9 }), od()], [[0, 3600, 8], [6000, 600, 8]], 4 * 3600, { cooldown: '1h' });
    expect(decisions).toEqual([
      [0, 'spot', 'add', 1], // spot first
      [60, 'spot', 'unfulfilled', 1], // fails at the end of its provisioning: trouble until 3660
      [60, 'spot', 'refused', 1],
      [60, 'od', 'add', 1], // ready at 120, runs the first job until 3720
      [5520, 'od', 'release', 1], // idle 30m
      [6000, 'spot', 'add', 1], // the cooldown passed without trouble: spot again
      [6060, 'spot', 'unfulfilled', 1],
      [6060, 'spot', 'refused', 1],
      [6060, 'od', 'add', 1], // ready at 6120, runs the second job until 6720
      [8520, 'od', 'release', 1],
    ]);
    expect(reasons[2]).toBe('spot: 1 spot request not fulfilled → on-demand until Mon 01:01 (day 1)');
    expect(reasons[3]).toMatch(/^oldest queued job waited 1m ≥ 0s; spot spot: 1 spot request not fulfilled → on-demand until Mon 01:01 \(day 1\); queue needs 8 accelerators beyond free or provisioning → \+1 node$/);
    expect(reasons[0]).toMatch(/spot first: queue needs 8 accelerators/);
  });

  test('more than maxPreemptionsPerHour preemptions in an hour (a recorded history) move new demand to on-demand', () => {
    // Every spot node is preempted 600 s after it is ready (no notice); the 3 h job has no checkpoints.
    const { decisions, reasons } = run([spot({}, 600), od()], [[0, 3 * 3600, 8], [7200, 300, 8]], 6 * 3600, { maxPreemptionsPerHour: 2, cooldown: '1h' });
    expect(decisions).toEqual([
      [0, 'spot', 'add', 1], // ready at 60, preempted at 660
      [660, 'spot', 'add', 1], // 1 preemption in the last hour: replace it on spot; preempted at 1320
      [1320, 'spot', 'add', 1], // 2: still spot; preempted at 1980
      [1980, 'spot', 'refused', 1], // 3 > 2: on-demand until 1980 + 1h = 5580
      [1980, 'od', 'add', 1], // ready at 2040, runs the job until 12840
      [7200, 'spot', 'add', 1], // the od node is busy; the cooldown has passed: spot again (preempted idle at 7860, 1 in the hour)
      [14640, 'od', 'release', 1], // idle 30m after 12840
    ]);
    expect(reasons[3]).toBe('spot: 3 preemptions in the last hour > 2 → on-demand until Mon 01:33 (day 1)');
    expect(reasons[4]).toMatch(/; spot spot: 3 preemptions in the last hour > 2 → on-demand until Mon 01:33 \(day 1\); queue needs 8 accelerators/);
  });

  test('fallback: an on-demand pool of the spot pool’s accelerator type first, else any the job may use (cheapest first); `fallback` picks the pools', () => {
    const pools = [spot({ availability: 1e-9 }), od({ name: 'l4', accelerator: 'nvidia-l4', pricePerNodeHour: 1 }), od({ name: 'a100', pricePerNodeHour: 100 })];
    const adds = (over: Record<string, unknown> = {}) => run(pools, [[0, 600, 8]], 3600, over).decisions.filter((d) => d[2] === 'add').map((d) => [d[0], d[1]]);
    expect(adds()).toEqual([[0, 'spot'], [60, 'a100']]);
    expect(adds({ fallback: ['l4'] })).toEqual([[0, 'spot'], [60, 'l4']]);
    // A job only the L4 pool may run never waits for spot.
    const l4Only = run(pools, [[0, 600, 8, 'nvidia-l4']], 3600).decisions.filter((d) => d[2] === 'add').map((d) => [d[0], d[1]]);
    expect(l4Only).toEqual([[0, 'l4']]);
  });

  test('parameters and their documented defaults', () => {
    expect(spotFallbackParams.parse({})).toEqual({ scaleUpAfterWait: 600, scaleDownAfterIdle: 1800, tick: 60, maxPreemptionsPerHour: 2, cooldown: 3600 });
  });

  test('a fallback pool the fleet does not have is a scenario error with a hint', () => {
    const text = `
name: x
seed: 1
horizon: 1h
workload: [{ kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1m }]
fleet: { pools: [{ name: a100-spot, accelerator: nvidia-a100-80gb, perNode: 8, purchase: spot, initial: 0, max: 2 }, { name: a100-od, accelerator: nvidia-a100-80gb, perNode: 8, initial: 0, max: 2 }] }
policies: [{ name: sf, autoscaler: { kind: spot-fallback, fallback: [a100-odd] } }]
`;
    const r = loadScenario(text, 'x.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([{ file: 'x.yaml', line: 7, column: 70, path: 'policies[0].autoscaler.fallback[0]', message: 'unknown pool (got "a100-odd"; pools: a100-spot, a100-od) — did you mean "a100-od"?' }]);
  });
});
