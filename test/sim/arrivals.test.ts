/** Arrivals: sources merge in submit order, workload order at one instant, strings as run-wide ids. */
import { describe, expect, test } from 'vitest';
import { createFifoScheduler } from '../../sim-engine/policies/scheduling/fifo.js';
import { createFirstFitPlacement } from '../../sim-engine/policies/placement/first-fit.js';
import type { JobTable } from '../../sim-engine/traces/types.js';
import { jobTable, makeSim, pool } from './harness.js';

const idle = { name: 'idle', placement: createFirstFitPlacement(), schedule() {} };

describe('arrivals', () => {
  test('at one instant, sources deliver in workload order, each in its own order; ids follow', () => {
    const sim = makeSim({
      pools: [pool({ name: 'p' })],
      jobs: [[0, 1, 1], [5, 2, 1], [5, 3, 1]],
      moreSources: [jobTable([[5, 4, 1], [6, 5, 1]]), jobTable([[0, 6, 1], [5, 7, 1]])],
      scheduler: idle,
    });
    sim.run();
    const jobs = sim.jobs();
    // Durations identify the records: t=0: source 0 then 2; t=5: source 0 (two), 1, 2; t=6: source 1.
    expect(Array.from(jobs.submitS)).toEqual([0, 0, 5, 5, 5, 5, 6]);
    expect(Array.from(jobs.source)).toEqual([0, 2, 0, 0, 1, 2, 1]);
    expect(sim.events).toBe(7);
  });

  test("each source's tenant ids map to run-wide tenants in order of first appearance", () => {
    const a = jobTable([[0, 1, 1], [1, 1, 1], [2, 1, 1]], { names: ['x', 'y'], ofRow: [1, -1, 0] });
    const b: JobTable = jobTable([[0.5, 1, 1], [1.5, 1, 1]], { names: ['z', 'y'], ofRow: [1, 0] });
    const sim = makeSim({ pools: [pool({ name: 'p' })], jobs: [], moreSources: [a, b], scheduler: idle });
    sim.run();
    const jobs = sim.jobs();
    // submit order: a0 (y), b0 (y), a1 (none), b1 (z), a2 (x)
    expect(jobs.tenants).toEqual(['y', 'z', 'x']);
    expect(Array.from(jobs.tenant)).toEqual([0, 0, -1, 1, 2]);
  });

  test('records at or after the horizon are not submitted; a source out of submit order is a broken invariant', () => {
    const sim = makeSim({ pools: [pool({ name: 'p' })], jobs: [[0, 1, 1], [99, 1, 1], [100, 1, 1]], horizonS: 100, scheduler: createFifoScheduler() });
    sim.run();
    expect(sim.jobs().length).toBe(2);
    const bad = makeSim({ pools: [pool({ name: 'p' })], jobs: [[5, 1, 1], [3, 1, 1]] });
    expect(() => bad.run()).toThrow(/arrivals invariant: source workload\[0\] is not in submit order \(3 < 5\)/);
  });
});
