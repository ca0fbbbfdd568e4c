/** The fleet: initial nodes ready at t = 0, requested nodes billed while provisioning, ready after their delay. */
import { expect, test } from 'vitest';
import type { Autoscaler } from '../../sim-engine/policies/types.js';
import { makeSim, pool } from './harness.js';

test('a requested node is billed from its request and usable after its provisioning delay', () => {
  const once: Autoscaler = {
    name: 'once',
    capacityBound: (p) => ({ nodes: p.max, limit: 'max' }),
    firstWakeS: () => 100,
    decide: (view, sink) => (sink.add(0, 1, 'grow'), Infinity),
    mayStillAct: () => false,
  };
  // 1 initial node of 8 runs an 8-GPU job 0 → 1000; a second 8-GPU job waits for the new node.
  const sim = makeSim({
    pools: [pool({ name: 'p', initial: 1, max: 2, pricePerNodeHour: 3600, provisioning: { dist: 'constant', value: 250 } })],
    jobs: [[0, 1000, 8], [50, 100, 8]],
    autoscaler: once,
    horizonS: 2000,
    sampleEveryS: 100,
  });
  sim.run();
  const jobs = sim.jobs();
  expect(Array.from(jobs.startS)).toEqual([0, 350]); // requested at 100, ready at 350
  expect(Array.from(jobs.endS)).toEqual([1000, 450]);
  // $1 per node-second: node 0 for 2000 s, node 1 from its request at 100.
  expect(sim.poolTotals()[0]!.costWinUsd).toBeCloseTo(2000 + 1900, 9);
  const s = sim.seriesData();
  const at = (col: Float64Array, t: number) => col[(t / 100) * 2 + 1];
  expect([at(s.ready, 200), at(s.provisioning, 200)]).toEqual([8, 8]);
  expect([at(s.ready, 400), at(s.provisioning, 400)]).toEqual([16, 0]);
  expect(sim.decisions.map((d) => [d.timeS, d.action, d.count])).toEqual([[100, 'add', 1]]);
});
