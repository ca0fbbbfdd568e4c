/** Billing granularity and minimum (DESIGN §11), hand-checked at $1 per node-second. */
import { describe, expect, test } from 'vitest';
import type { Autoscaler } from '../../sim-engine/policies/types.js';
import { summarize } from '../../sim-engine/metrics/summary.js';
import type { PoolSpec } from '../../sim-engine/scenario/schema.js';
import { makeSim, pool } from './harness.js';

/** Adds one node at 100 and releases it at 1000. */
const addThenRelease: Autoscaler = {
  name: 'test',
  capacityBound: (p) => ({ nodes: p.max, limit: 'max' }),
  firstWakeS: () => 100,
  decide(view, sink) {
    if (view.now === 100) {
      sink.add(0, 1, 'add');
      return 1000;
    }
    sink.release(0, [view.nodeAt(0, 1)], 'release');
    return Infinity;
  },
  mayStillAct: () => false,
};

const costOf = (billing: PoolSpec['billing'], horizonS = 5000) => {
  const sim = makeSim({ pools: [pool({ name: 'p', initial: 1, max: 2, pricePerNodeHour: 3600, ...(billing ? { billing } : {}) })], jobs: [[0, 1, 1]], autoscaler: addThenRelease, horizonS });
  sim.run();
  return summarize(sim.summaryInput()).summary;
};

describe('billing', () => {
  test('per second (the default, and 1 s) bills exactly the time each node was requested', () => {
    expect(costOf(undefined).costUsd).toBeCloseTo(5000 + 900, 9);
    expect(costOf({ granularity: 1, minimum: 0 }).costUsd).toBe(costOf(undefined).costUsd);
  });

  test('hourly: each node rounds up to whole hours (the one still up at the end too)', () => {
    // node 0: 5000 s → 7200; node 1: 900 s → 3600.
    const s = costOf({ granularity: 3600, minimum: 0 });
    expect(s.costUsd).toBeCloseTo(7200 + 3600, 9);
    expect(s.acceleratorHoursBilled).toBeCloseTo(((7200 + 3600) * 8) / 3600, 9);
  });

  test('a minimum bills short-lived nodes for at least that long', () => {
    // per-minute billing with a 30-minute minimum: node 1's 900 s become 1800; node 0's 5000 s → 5040.
    expect(costOf({ granularity: 60, minimum: 1800 }).costUsd).toBeCloseTo(5040 + 1800, 9);
  });
});
