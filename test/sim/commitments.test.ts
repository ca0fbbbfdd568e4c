/** Reserved, owned and committed capacity (DESIGN §11), hand-checked. */
import { describe, expect, test } from 'vitest';
import { summarize } from '../../sim-engine/metrics/summary.js';
import type { Autoscaler } from '../../sim-engine/policies/types.js';
import { createSimulation } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { makeSim, pool } from './harness.js';

const addAt100 = (count: number): Autoscaler => ({
  name: 'test',
  capacityBound: (p) => ({ nodes: p.max, limit: 'max' }),
  firstWakeS: () => 100,
  decide: (_v, sink) => (sink.add(0, count, 'grow'), Infinity),
  mayStillAct: () => false,
});

describe('commitments', () => {
  test('committed nodes are billed at the discounted price whether used or not; nodes beyond at list price', () => {
    // $1 per node-second list; 2 committed at 50% off; 1 node up all run, 2 more from 100 to 1000.
    const sim = makeSim({ pools: [pool({ name: 'p', initial: 1, max: 3, pricePerNodeHour: 3600, commitment: { nodes: 2, term: 31_536_000, discount: 0.5 } })], jobs: [[0, 1, 1]], autoscaler: addAt100(2), horizonS: 1000 });
    sim.run();
    const s = summarize(sim.summaryInput()).summary;
    expect(s.costUsd).toBeCloseTo(100 * 2 * 0.5 + 900 * (2 * 0.5 + 1), 9);
    expect(s.acceleratorHoursBilled).toBeCloseTo(((100 * 2 + 900 * 3) * 8) / 3600, 9);
  });

  test('an idle commitment costs its discounted price all the same', () => {
    const sim = makeSim({ pools: [pool({ name: 'p', initial: 0, max: 4, pricePerNodeHour: 3600, commitment: { nodes: 4, term: 3600, discount: 0.25 } })], jobs: [[0, 1, 1]], horizonS: 1000 });
    sim.run();
    expect(summarize(sim.summaryInput()).summary.costUsd).toBeCloseTo(4 * 0.75 * 1000, 9);
  });
});

describe('owned machines', () => {
  const yaml = (extra: string) => `name: owned
seed: 1
horizon: 10h
workload: [{ kind: synthetic, arrivals: { ratePerHour: 0.1 }, accelerators: 1, duration: 1h }]
fleet: { pools: [{ name: dc, accelerator: nvidia-a100-80gb, perNode: 8, purchase: owned, initial: 2${extra} }] }
policies: [{ name: s, autoscaler: { kind: static } }, { name: r, autoscaler: { kind: reactive, scaleDownAfterIdle: 0 } }]
`;
  test('every owned node is billed all run at capex / amortization + opex, used or not (also when released)', () => {
    const r = loadScenario(yaml(', owned: { capexUsdPerNode: 8760, amortization: 1y, opexUsdPerNodeHour: 0.5 }'), 'o.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    for (const i of [0, 1]) {
      const sim = createSimulation(r.scenario, i, 1, new Map());
      sim.run();
      expect(summarize(sim.summaryInput()).summary.costUsd).toBeCloseTo(2 * 10 * (8760 / 8760 + 0.5), 9);
    }
  });

  test('an owned pool needs its costs and cannot grow', () => {
    const msgs = (extra: string) => {
      const r = loadScenario(yaml(extra), 'o.yaml');
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(msgs('')[0]).toMatch(/^required for an owned pool: owned: \{ capexUsdPerNode/);
    expect(msgs(', max: 4, owned: { capexUsdPerNode: 1 }')[0]).toMatch(/max must equal initial \(2\) \(got 4\)/);
  });
});

test('a commitment beyond the pool max and a quota on an unknown accelerator are bad input', () => {
  const r = loadScenario(`name: q
seed: 1
horizon: 1d
workload: [{ kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1h }]
fleet:
  pools: [{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1, commitment: { nodes: 50, discount: 0.2 } }]
  quotas: { nvidia-a100: 16 }
policies: [{ name: s, autoscaler: { kind: static } }]
`, 'q.yaml');
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.issues.map((i) => i.message)).toEqual([
    "a commitment of more nodes than the pool's max (1) bills nodes it can never run (got 50)",
    expect.stringMatching(/^unknown accelerator \(got "nvidia-a100"\)/),
  ]);
});
