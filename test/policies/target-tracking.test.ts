/** target-tracking: desired = ceil((busy + queued) ÷ (perNode × target)) per pool, with cooldowns and a scale-down window. */
import { describe, expect, test } from 'vitest';
import { makeSim, pool, type JobRow } from '../sim/harness.js';
import { autoscalerOf, decisionsOf, issuesOf, reasonsOf, scenarioWith } from './autoscaler-helpers.js';

const a = (over: Record<string, unknown> = {}) => pool({ name: 'a', perNode: 4, initial: 2, max: 10, pricePerNodeHour: 10, provisioning: { dist: 'constant', value: 120 }, ...over } as never);
const five: JobRow[] = Array.from({ length: 5 }, (): JobRow => [0, 3600, 4]);

describe('target-tracking', () => {
  test('grows an idle but backlogged pool to ceil(load ÷ target), sheds it after the scale-down window', () => {
    const sim = makeSim({ pools: [a()], jobs: five, autoscaler: autoscalerOf({ kind: 'target-tracking' }), horizonS: 4 * 3600 });
    sim.run();
    // t = 0: 20 accelerators queued, ceil(20 / (4 × 0.7)) = 8. Load falls to 12 at 3600 (desired 5), 0 at 3720;
    // the 15-minute window still holds the 3540 tick (8) until 4440, then 5 until 5340.
    expect(decisionsOf(sim)).toEqual(['0 a add 6', '4440 a release 3', '5340 a release 5']);
    expect(reasonsOf(sim)).toEqual([
      'utilization 250% (busy 0 + queued 20 of 8 ready accelerators) > target 70%; 2 → 8 nodes → +6',
      'utilization 0% (busy 0 + queued 0 of 32 ready accelerators) < target 70% for 15m; 8 → 5 nodes → −3',
      'utilization 0% (busy 0 + queued 0 of 20 ready accelerators) < target 70% for 15m; 5 → 0 nodes → −5',
    ]);
  });

  test('a second scale-up waits out scaleUpCooldown', () => {
    const jobs: JobRow[] = [...five, ...Array.from({ length: 4 }, (): JobRow => [120, 3600, 4])];
    const sim = makeSim({ pools: [a()], jobs, autoscaler: autoscalerOf({ kind: 'target-tracking' }), horizonS: 3600 });
    sim.run();
    // At 120 the load is 36 accelerators (ceil(36 / 2.8) = 13, max 10) but the last scale-up was at 0: it waits until 300.
    expect(decisionsOf(sim)).toEqual(['0 a add 6', '300 a add 2']);
    expect(reasonsOf(sim)[1]).toBe('utilization 113% (busy 32 + queued 4 of 32 ready accelerators) > target 70%; 8 → 10 nodes → +2');
  });

  test('respects max and min, and releases only idle nodes', () => {
    const sim = makeSim({ pools: [a({ max: 5, min: 1 })], jobs: [...five, [0, 7200, 4]], autoscaler: autoscalerOf({ kind: 'target-tracking', targetUtilization: 0.5, scaleDownCooldown: '5m' }), horizonS: 4 * 3600 });
    sim.run();
    // Wanted ceil(24 / 2) = 12, capped at max 5; once the jobs end it goes down to min 1, never below.
    expect(decisionsOf(sim)[0]).toBe('0 a add 3');
    for (const d of sim.decisions) expect(d.count).toBeGreaterThan(0);
    const released = sim.decisions.filter((d) => d.action === 'release').reduce((n, d) => n + d.count, 0);
    expect(released).toBe(4); // down to min 1
  });

  test('bad targetUtilization is a clear issue', () => {
    expect(issuesOf(scenarioWith('kind: target-tracking\ntargetUtilization: 1.5'))).toEqual(['t.yaml:20:26: policies[0].autoscaler.targetUtilization: must be > 0 and ≤ 1 (got 1.5)']);
  });
});
