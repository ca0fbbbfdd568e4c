/**
 * Faults (DESIGN §11), hand-checked: a failure and repair with and without checkpoints (lost
 * work to the second), a gang job losing every node's progress, a spot preemption with notice;
 * statistically: failure and preemption counts match rate × node-hours; inert settings change
 * nothing.
 */
import { describe, expect, test } from 'vitest';
import { gamma, makeLifetimeSampler } from '../../sim-engine/core/distributions.js';
import { EventClass } from '../../sim-engine/core/event-queue.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { EligibilityTable } from '../../sim-engine/model/eligibility.js';
import { EventKind, JobState, NodeState } from '../../sim-engine/model/states.js';
import { PoolMeters } from '../../sim-engine/metrics/meters.js';
import { InMemoryOutcomes } from '../../sim-engine/metrics/outcomes.js';
import { createStaticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import { joinChunks, jobsCsvChunks, resultsJsonText, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { createSimulation, collect, resultRun } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { PoolSpec } from '../../sim-engine/scenario/schema.js';
import { Batch } from '../../sim-engine/sim/batch.js';
import { Faults } from '../../sim-engine/sim/faults.js';
import { buildPools, Fleet } from '../../sim-engine/sim/fleet.js';
import { Kernel } from '../../sim-engine/sim/kernel.js';
import { FleetState } from '../../sim-engine/sim/state.js';
import { actionsAt, pool } from './harness.js';

const NEVER = 1e15; // a failure clock that never rings within these runs

/** Kernel, state, batch, fleet and faults wired like the facade; `at(t, fn)` acts at t; faults can be injected. */
function engine(specs: PoolSpec[], checkpointEveryS: number | null = null, horizonS = 10_000, checkpointCostS = 0) {
  const kernel = new Kernel(horizonS);
  const pools = buildPools(specs, createStaticAutoscaler());
  const meters = new PoolMeters(pools, 0, horizonS);
  const state = new FleetState(pools, new EligibilityTable(pools), meters, kernel, 16, undefined, [checkpointEveryS === null ? null : { everyS: checkpointEveryS, costS: checkpointCostS }]);
  const batch = new Batch(kernel, state, new InMemoryOutcomes());
  const fleet = new Fleet(kernel, state, specs, new Rng(1));
  const lost: string[] = [];
  const faults = new Faults(kernel, state, batch, specs, new Rng(1), (p, reason) => lost.push(`${kernel.now} ${p} ${reason}`));
  fleet.onReady = (n) => faults.armNode(n);
  fleet.startInitialNodes();
  kernel.connect({ hooks: { beforeInstant() {}, afterEvents() {}, finish: (t) => state.pools.forEach((p) => meters.advance(p.index, t, state.billedNodes(p), p.busyAcc)) } });
  const at = actionsAt(kernel);
  const inject = (t: number, kind: number, node: number) => kernel.schedule(t, EventClass.NodeChange, kind, node, state.nodes.c.epoch[node]!);
  return { kernel, state, batch, faults, meters, at, inject, lost, any: state.eligibility.constraint(null) };
}

describe('node failures', () => {
  const specs = (mttr = 100) => [pool({ name: 'p', perNode: 8, initial: 2, pricePerNodeHour: 3600, failures: { mtbf: NEVER, mttr: { dist: 'constant', value: mttr } } })];

  test('without checkpoints: the job dies at the failure, restarts from the start after the repair; billed throughout', () => {
    const e = engine(specs());
    const j = e.batch.admit(1000, 8, e.any);
    e.batch.start(j, 0, Int32Array.of(0), 1);
    e.inject(300, EventKind.NodeChange.Failure, 0);
    e.at(350, () => expect(e.state.nodes.c.state[0]).toBe(NodeState.Failed));
    e.at(400, () => {
      expect(e.state.nodes.c.state[0]).toBe(NodeState.Ready); // repaired at 300 + 100 (class 3 before this tick)
      e.batch.start(j, 0, Int32Array.of(0), 1);
    });
    e.kernel.run();
    expect(e.state.endOf(j)).toBe(1400);
    expect(e.faults.totals[0]).toEqual({ preemptions: 0, nodeFailures: 1 });
    expect(e.batch.killTotals[0]).toEqual({ jobRestarts: 1, acceleratorSecondsLost: 8 * 300, jobsPreempted: 0 });
    expect(e.meters.totals(['p'])[0]!.costWinUsd).toBeCloseTo(2 * 10_000, 6); // both nodes billed all run, failure included
  });

  test('with checkpoints every 120 s: 240 s kept, 60 s lost; it finishes 240 s sooner', () => {
    const e = engine(specs(), 120);
    const j = e.batch.admit(1000, 8, e.any);
    e.batch.start(j, 0, Int32Array.of(0), 1);
    e.inject(300, EventKind.NodeChange.Failure, 0);
    e.at(400, () => e.batch.start(j, 0, Int32Array.of(0), 1));
    e.kernel.run();
    expect(e.batch.killTotals[0]!.acceleratorSecondsLost).toBe(8 * 60);
    expect(e.state.jobRemainingS.get(j)).toBe(760);
    expect(e.state.endOf(j)).toBe(1160);
  });

  test('checkpoints every 120 s costing 10 s each: a failure at 300 keeps 240 s, loses 300 − 260 = 40 s; the rerun pays its own pauses', () => {
    const e = engine(specs(), 120, 10_000, 10);
    const j = e.batch.admit(1000, 8, e.any);
    e.batch.start(j, 0, Int32Array.of(0), 1);
    // Uninterrupted it would take 1000 + 8 pauses (after 120, 240, …, 960 s of work) = 1080 s.
    e.at(1, () => expect(e.state.endOf(j)).toBe(1080));
    e.inject(300, EventKind.NodeChange.Failure, 0); // checkpoints done at 130 and 260
    e.at(400, () => e.batch.start(j, 0, Int32Array.of(0), 1));
    e.kernel.run();
    expect(e.batch.killTotals[0]).toEqual({ jobRestarts: 1, acceleratorSecondsLost: 8 * 40, jobsPreempted: 0 });
    expect(e.batch.jobLostS.get(j)).toBe(40);
    expect(e.batch.jobRestarts.get(j)).toBe(1);
    // 760 s left: 760 + 6 pauses (after 120 … 720 s) = 820 s from 400.
    expect(e.state.jobRemainingS.get(j)).toBe(760);
    expect(e.state.endOf(j)).toBe(1220);
  });

  test('a gang job loses every node when one fails; the others are idle again at once', () => {
    const e = engine(specs());
    const g = e.batch.admit(1000, 16, e.any);
    e.batch.start(g, 0, Int32Array.of(0, 1), 2);
    e.inject(500, EventKind.NodeChange.Failure, 1);
    e.at(501, () => {
      expect(e.state.jobs.c.state[g]).toBe(JobState.Queued);
      expect(e.state.isIdle(0)).toBe(true);
      expect(e.state.nodes.c.state[1]).toBe(NodeState.Failed);
      expect(e.state.pools[0]!.busyAcc).toBe(0);
    });
    e.kernel.run();
    expect(e.batch.killTotals[0]!.acceleratorSecondsLost).toBe(16 * 500);
  });

  test('a failure clock set before a repair is stale afterwards (dropped by its tag)', () => {
    const e = engine(specs(50));
    e.inject(100, EventKind.NodeChange.Failure, 0); // epoch 0
    e.inject(400, EventKind.NodeChange.Failure, 0); // also epoch 0: stale once the node failed at 100
    e.kernel.run();
    expect(e.faults.totals[0]!.nodeFailures).toBe(1);
    expect(e.state.nodes.c.state[0]).toBe(NodeState.Ready);
  });
});

describe('spot preemption', () => {
  const spot = (notice: number) => [pool({ name: 's', purchase: 'spot', perNode: 8, initial: 1, max: 2, pricePerNodeHour: 3600, preemption: { ratePerNodeHour: 1e-12, notice } })];

  test('with a 120 s notice: no new jobs on the node, its jobs die at the end of the notice, billing stops then', () => {
    const e = engine(spot(120));
    const a = e.batch.admit(1000, 4, e.any);
    e.batch.start(a, 0, Int32Array.of(0), 1);
    e.inject(500, EventKind.NodeChange.Preemption, 0);
    e.at(550, () => {
      expect(e.state.nodes.c.state[0]).toBe(NodeState.Draining);
      expect(e.state.pools[0]!.freeAcc).toBe(0); // its 4 free accelerators are not offered
      expect(e.state.pools[0]!.tree.leftmostAtLeast(1)).toBe(-1);
      expect(e.state.jobs.c.state[a]).toBe(JobState.Running);
    });
    e.kernel.run();
    expect(e.state.nodes.c.state[0]).toBe(NodeState.Released);
    expect(e.state.jobs.c.state[a]).toBe(JobState.Queued);
    expect(e.faults.totals[0]).toEqual({ preemptions: 1, nodeFailures: 0 });
    expect(e.batch.killTotals[0]).toEqual({ jobRestarts: 1, acceleratorSecondsLost: 4 * 620, jobsPreempted: 0 });
    expect(e.meters.totals(['s'])[0]!.costWinUsd).toBeCloseTo(620, 6);
    expect(e.lost).toEqual(['620 0 spot node 0 preempted']);
  });

  test('without notice the node goes at once', () => {
    const e = engine(spot(0));
    e.inject(500, EventKind.NodeChange.Preemption, 0);
    e.kernel.run();
    expect(e.meters.totals(['s'])[0]!.costWinUsd).toBeCloseTo(500, 6);
    expect(e.lost).toEqual(['500 0 spot node 0 preempted']);
  });
});

function scenario(yaml: string) {
  const r = loadScenario(yaml, 'test.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}
const base = (pools: string, extra = '') => `name: faults
seed: 11
horizon: 30d
sampleEvery: 1h
workload: [{ kind: synthetic, arrivals: { ratePerHour: 20 }, accelerators: { dist: choice, values: [1, 8, 16] }, duration: { dist: exponential, mean: 2h }${extra} }]
fleet: { pools: [${pools}] }
policies: [{ name: fixed, autoscaler: { kind: static } }]
`;

describe('over long runs', () => {
  test('failures and preemptions match rate × node-hours within Poisson tolerance; static holds its size', () => {
    const s = scenario(base(`{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 20, failures: { mtbf: 50h, mttr: 2h } }, { name: s, accelerator: nvidia-a100-80gb, purchase: spot, perNode: 8, initial: 10, preemption: { ratePerNodeHour: 0.05, notice: 2m } }`, ', checkpointEvery: 30m'));
    const sim = createSimulation(s, 0, s.seed, new Map());
    sim.run();
    const [a, sp] = sim.faultTotals();
    // Pool a: 20 nodes, up except while repaired: expected ≈ up-node-hours / mtbf.
    const upNodeHoursA = 20 * 720 * (50 / 52);
    const expectA = upNodeHoursA / 50;
    expect(Math.abs(a!.nodeFailures - expectA)).toBeLessThan(4 * Math.sqrt(expectA));
    // Spot: 10 nodes held by replacement (a replacement boots at once here): ≈ 10 × 720 × 0.05.
    const expectS = 10 * 720 * 0.05;
    expect(Math.abs(sp!.preemptions - expectS)).toBeLessThan(4 * Math.sqrt(expectS));
    expect(sim.decisions.filter((d) => d.action === 'add').length).toBe(sp!.preemptions);
    expect(a!.jobRestarts + sp!.jobRestarts).toBeGreaterThan(0);
    // Lost work is bounded by the checkpoint interval per kill.
    expect(a!.acceleratorSecondsLost).toBeLessThanOrEqual(a!.jobRestarts * 16 * 1800 + 1e-6);
  });

  test('Weibull lifetimes have the configured mean (and exponential ones too)', () => {
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gamma(1 + 1 / 1.5)).toBeCloseTo(0.9027452929509336, 13);
    expect(gamma(5)).toBeCloseTo(24, 10);
    for (const shape of [undefined, 0.7, 1.5, 4]) {
      const draw = makeLifetimeSampler(1000, shape, new Rng(3).fork(`w${shape}`));
      let sum = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) sum += draw();
      expect(sum / n).toBeGreaterThan(1000 * 0.985);
      expect(sum / n).toBeLessThan(1000 * 1.015);
    }
    expect(makeLifetimeSampler(Infinity, 2, new Rng(1))()).toBe(Infinity);
  });
});

describe('inert settings change nothing', () => {
  const outputs = (yaml: string) => {
    const s = scenario(yaml);
    const run = collect((() => {
      const sim = createSimulation(s, 0, s.seed, new Map());
      sim.run();
      return sim;
    })(), s, 0, s.seed);
    return resultsJsonText({ fleetlab: 'x', scenario: { name: s.name, sha256: '' }, seed: s.seed, traces: [], runs: [resultRun(run)] }) + joinChunks(seriesCsvChunks([run])) + joinChunks(jobsCsvChunks([run]));
  };
  test('mtbf ∞, preemption rate 0, availability 1, stockout 0, 1 s billing and checkpoints on jobs never killed: byte-identical outputs', () => {
    const plain = outputs(base(`{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 6 }, { name: s, accelerator: nvidia-a100-80gb, purchase: spot, perNode: 8, initial: 2 }`));
    const inert = outputs(base(`{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 6, failures: { mtbf: .inf, mttr: 1h }, stockout: { probability: 0 }, billing: { granularity: 1s } }, { name: s, accelerator: nvidia-a100-80gb, purchase: spot, perNode: 8, initial: 2, preemption: { ratePerNodeHour: 0, notice: 2m }, availability: 1 }`, ', checkpointEvery: 1h, checkpointCost: 0'));
    expect(inert).toBe(plain);
    expect(plain.length).toBeGreaterThan(10_000);
  });

  test('a preemption block on a pool that is not spot is bad input', () => {
    const r = loadScenario(base(`{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1, preemption: { ratePerNodeHour: 1 } }`), 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^applies to spot pools: set purchase: spot \(got purchase "on-demand"\)/);
  });

  test('checkpointCost without checkpointEvery, and a PUE below 1, are bad input with their line', () => {
    const pools = `{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }`;
    const noEvery = loadScenario(base(pools, ', checkpointCost: 1m'), 'x.yaml');
    expect(!noEvery.ok && noEvery.issues[0]).toMatchObject({ message: expect.stringMatching(/^needs checkpointEvery .* \(got 1m\)/), line: expect.any(Number) });
    const pue = loadScenario(`${base(pools)}energy: { usdPerKwh: 0.1, pue: 0.9 }\n`, 'x.yaml');
    expect(!pue.ok && pue.issues[0]!.message).toMatch(/^must be ≥ 1: it is facility power ÷ IT power \(got 0.9\)/);
  });
});

test('per-tenant busy hours and cost shares count the runs kills cut short (they add up to the summary)', () => {
  const s = scenario(`name: t
seed: 2
horizon: 5d
workload:
  - { kind: synthetic, tenant: a, arrivals: { ratePerHour: 2 }, accelerators: 16, duration: { dist: exponential, mean: 6h }, checkpointEvery: 1h }
  - { kind: synthetic, tenant: b, arrivals: { ratePerHour: 2 }, accelerators: 16, duration: { dist: exponential, mean: 6h } }
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 40, failures: { mtbf: 3d, mttr: 1h } }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`);
  const sim = createSimulation(s, 0, s.seed, new Map());
  sim.run();
  const run = collect(sim, s, 0, s.seed);
  expect(sim.faultTotals()[0]!.jobRestarts).toBeGreaterThan(10);
  const busy = run.byTenant.reduce((x, t) => x + t.acceleratorHoursBusy, 0);
  expect(busy).toBeCloseTo(run.summary.acceleratorHoursBusy, 6);
  expect(run.byTenant.reduce((x, t) => x + t.costShareUsd, 0)).toBeCloseTo(run.summary.costUsd, 4);
});
