/** fleet.quotas (supply limits): requests beyond a type's quota across pools are refused and logged. */
import { describe, expect, test } from 'vitest';
import type { Autoscaler } from '../../sim-engine/policies/types.js';
import { createSimulation } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { Simulation } from '../../sim-engine/sim/simulation.js';
import { createFifoScheduler } from '../../sim-engine/policies/scheduling/fifo.js';
import { createTableSource } from '../../sim-engine/workload/table-source.js';
import { jobTable, pool } from './harness.js';

describe('quotas', () => {
  test('an add beyond the quota is granted up to it and the rest refused, across pools of the type', () => {
    const seen: number[] = [];
    const a: Autoscaler = {
      name: 'test',
      capacityBound: (p) => ({ nodes: p.max, limit: 'max' }),
      firstWakeS: () => 10,
      decide(view, sink) {
        seen.push(view.pools[1]!.quotaRoomNodes, view.pools[2]!.quotaRoomNodes);
        sink.add(1, 5, 'grow');
        seen.push(view.pools[1]!.quotaRoomNodes, view.pools[0]!.quotaRoomNodes);
        return Infinity;
      },
      mayStillAct: () => false,
    };
    // A100 quota 40: pool a (8/node) starts with 2 nodes = 16; pool b (8/node) may add 3 more; pool c (L4) has no quota.
    const rng = new Rng(1);
    const sim = new Simulation({
      pools: [pool({ name: 'a', initial: 2, max: 2 }), pool({ name: 'b', initial: 0, max: 10 }), pool({ name: 'c', accelerator: 'nvidia-l4', perNode: 4, initial: 0, max: 4 })],
      sources: [createTableSource(jobTable([[0, 1, 1]]), 1, rng.fork('w'), 'w')],
      scheduler: createFifoScheduler(),
      autoscaler: a,
      policyName: 'q',
      horizonS: 100,
      warmupS: 0,
      sampleEveryS: 50,
      maxQueueWaitS: null,
      quotas: { 'nvidia-a100-80gb': 40 },
      rng: rng.fork('policy'),
    });
    sim.run();
    expect(seen).toEqual([3, Infinity, 0, 0]);
    expect(sim.decisions.map((d) => [d.pool, d.action, d.count])).toEqual([['b', 'add', 3], ['b', 'refused', 2]]);
    expect(sim.decisions[1]!.reason).toMatch(/^quota: at most 40 nvidia-a100-80gb accelerators across pools \(40 requested or up\); asked: grow$/);
  });

  test('a reactive autoscaler stops at the quota instead of asking every tick; initial nodes over the quota are bad input', () => {
    const yaml = (quota: number) => `name: q
seed: 1
horizon: 1d
workload: [{ kind: synthetic, arrivals: { ratePerHour: 30 }, accelerators: 8, duration: 2h }]
fleet:
  pools: [{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1, max: 50 }]
  quotas: { nvidia-a100-80gb: ${quota} }
policies: [{ name: r, autoscaler: { kind: reactive, scaleUpAfterWait: 5m } }]
`;
    const r = loadScenario(yaml(80), 'q.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const sim = createSimulation(r.scenario, 0, 1, new Map());
    sim.run();
    const added = sim.decisions.filter((d) => d.action === 'add').reduce((a, d) => a + d.count, 0);
    expect(added).toBe(9); // 1 initial + 9 = 10 nodes = 80 accelerators
    expect(sim.decisions.filter((d) => d.action === 'refused')).toEqual([]);
    expect(sim.decisions.some((d) => /capped by the accelerator quota/.test(d.reason))).toBe(true);
    const bad = loadScenario(yaml(4), 'q.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.message).toMatch(/initial nodes already hold 8 nvidia-a100-80gb accelerators, over the quota \(got 4\)/);
  });
});
