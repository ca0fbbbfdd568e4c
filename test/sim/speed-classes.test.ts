/** Heterogeneous speed: runtime = duration / the pool's catalog speed for the entry's workload class. */
import { expect, test } from 'vitest';
import { findAccelerator } from '../../sim-engine/model/catalog.js';
import { createSimulation } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

test('training and inference entries run at their class speeds on the same H100 pool', () => {
  const r = loadScenario(`name: classes
seed: 4
horizon: 2d
workload:
  - { kind: synthetic, arrivals: { ratePerHour: 2 }, accelerators: 1, duration: 1h }
  - { kind: synthetic, arrivals: { ratePerHour: 2 }, accelerators: 1, duration: 1h, class: inference }
fleet: { pools: [{ name: h, accelerator: nvidia-h100-80gb, perNode: 8, initial: 2 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`, 'c.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const sim = createSimulation(r.scenario, 0, 4, new Map());
  sim.run();
  const jobs = sim.jobs();
  const h100 = findAccelerator('nvidia-h100-80gb')!.speed;
  expect(h100.training).not.toBe(h100.inference);
  const runtimes = [new Set<number>(), new Set<number>()];
  for (let i = 0; i < jobs.length; i++) if (jobs.state[i] === 0) runtimes[jobs.source[i]!]!.add(jobs.endS[i]! - jobs.startS[i]!);
  expect([...runtimes[0]!].every((d) => Math.abs(d - 3600 / h100.training) < 1e-6)).toBe(true);
  expect([...runtimes[1]!].every((d) => Math.abs(d - 3600 / h100.inference) < 1e-6)).toBe(true);
  expect(runtimes[0]!.size + runtimes[1]!.size).toBeGreaterThan(1);
});
