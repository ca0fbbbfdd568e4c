/** Energy (busy powerW, idle ready accelerators at idlePowerW) and the per-pool breakdown, by hand. */
import { expect, test } from 'vitest';
import { findAccelerator } from '../../sim-engine/model/catalog.js';
import { collect, createSimulation } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { makeSim, pool } from '../sim/harness.js';

test('energy: busy accelerators at powerW, the idle ones of ready nodes at 30% of it', () => {
  const acc = findAccelerator('nvidia-a100-80gb')!;
  const sim = makeSim({ pools: [pool({ name: 'p', initial: 1 })], jobs: [[0, 1000, 4]], horizonS: 3600 });
  sim.run();
  const joules = 4 * acc.powerW * 1000 + (8 * 3600 - 4 * 1000) * 0.3 * acc.powerW;
  expect(sim.poolTotals()[0]!.energyKwhWin).toBeCloseTo(joules / 3.6e6, 9);
});

test('byPool: each pool over the window, costs adding up to the summary, faults counted in the window', () => {
  const r = loadScenario(`name: bp
seed: 3
horizon: 3d
warmup: 1d
workload: [{ kind: synthetic, arrivals: { ratePerHour: 6 }, accelerators: { dist: choice, values: [1, 8] }, duration: 2h }]
fleet:
  pools:
    - { name: od, accelerator: nvidia-a100-80gb, perNode: 8, initial: 4, failures: { mtbf: 1d, mttr: 1h } }
    - { name: sp, accelerator: nvidia-h100-80gb, perNode: 8, purchase: spot, initial: 4, preemption: { ratePerNodeHour: 0.1 } }
policies: [{ name: s, autoscaler: { kind: static } }]
`, 'bp.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const sim = createSimulation(r.scenario, 0, 3, new Map());
  sim.run();
  const run = collect(sim, r.scenario, 0, 3);
  expect(run.byPool.map((p) => [p.pool, p.purchase, p.accelerator])).toEqual([['od', 'on-demand', 'nvidia-a100-80gb'], ['sp', 'spot', 'nvidia-h100-80gb']]);
  expect(run.byPool.reduce((a, p) => a + p.costUsd, 0)).toBeCloseTo(run.summary.costUsd, 6);
  expect(run.byPool.reduce((a, p) => a + p.acceleratorHoursBusy, 0)).toBeCloseTo(run.summary.acceleratorHoursBusy, 6);
  expect(run.byPool[0]!.nodeHoursBilled).toBeCloseTo(4 * 48, 6); // failed nodes stay billed
  // About 4 nodes × 48 window hours / 24 h of failures, and 4 × 48 × 0.1 preemptions (replaced at once).
  expect(run.byPool[0]!.nodeFailures).toBeGreaterThan(2);
  expect(run.byPool[0]!.nodeFailures).toBeLessThan(20);
  expect(run.byPool[1]!.preemptions).toBeGreaterThan(8);
  expect(run.byPool[1]!.preemptions).toBeLessThan(35);
  expect(run.byPool.every((p) => p.energyKwh > 0)).toBe(true);
});
