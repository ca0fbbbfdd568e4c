/**
 * Placements (first-fit, best-fit, spread) and pool orders: which node and which pool each
 * job lands on, checked by hand on tiny fleets; best-fit avoiding the fragmentation that
 * blocks an 8-GPU job under first-fit and spread; the engine keeping the best-fit buckets
 * only for a placement that needs them.
 */
import { describe, expect, test } from 'vitest';
import { Rng } from '../../sim-engine/core/rng.js';
import { EligibilityTable } from '../../sim-engine/model/eligibility.js';
import { PoolMeters } from '../../sim-engine/metrics/meters.js';
import { InMemoryOutcomes } from '../../sim-engine/metrics/outcomes.js';
import { createStaticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import type { PoolOrder } from '../../sim-engine/policies/definition.js';
import { policyRegistry } from '../../sim-engine/policies/registry.js';
import type { Scheduler } from '../../sim-engine/policies/types.js';
import { Batch } from '../../sim-engine/sim/batch.js';
import { buildPools, Fleet } from '../../sim-engine/sim/fleet.js';
import { Kernel } from '../../sim-engine/sim/kernel.js';
import { LiveSchedulerView, SchedulerActionsImpl } from '../../sim-engine/sim/scheduler-view.js';
import { FleetState } from '../../sim-engine/sim/state.js';
import { jobTable, makeSim, pool } from '../sim/harness.js';

const fifo = (placement: string, poolOrder: PoolOrder = 'fleet'): Scheduler => policyRegistry.createScheduler({ kind: 'fifo', placement, poolOrder });

/** One pool of `nodes` × 8 at t = 0, a FIFO scheduler with the placement; submit jobs and read where they went. */
function tinyPool(placement: string, nodes = 3) {
  const kernel = new Kernel(1e6);
  const specs = [pool({ name: 'p', perNode: 8, initial: nodes })];
  const scheduler = fifo(placement);
  const pools = buildPools(specs, createStaticAutoscaler(), scheduler.placement);
  const state = new FleetState(pools, new EligibilityTable(pools), new PoolMeters(pools, 0, 1e6), kernel, 16);
  const batch = new Batch(kernel, state, new InMemoryOutcomes());
  new Fleet(kernel, state, specs, new Rng(1)).startInitialNodes();
  const view = new LiveSchedulerView(state, kernel);
  const act = new SchedulerActionsImpl(state, batch, view, scheduler.placement, kernel, () => {});
  const any = state.eligibility.constraint(null);
  const buf = new Int32Array(8);
  return {
    state,
    /** Submit a job of k and run a pass; the node a single-node job landed on (-1: still queued). */
    submit(k: number): number {
      const j = batch.admit(1000, k, any);
      scheduler.schedule(view, act);
      return state.queue.has(j) ? -1 : state.jobs.c.nodeOff[j]!;
    },
    /** Submit a job and run a pass; its id. */
    submitJob(k: number): number {
      const j = batch.admit(1000, k, any);
      scheduler.schedule(view, act);
      return j;
    },
    /** The nodes job j runs on (empty: not running). */
    nodesOf(j: number): number[] {
      const on: number[] = [];
      for (let n = 0; n < state.nodeCount; n++) if (Array.from(buf.subarray(0, state.jobsOn(n, buf))).includes(j)) on.push(n);
      return on;
    },
    /** End the job with id j (its nodes' room comes back); then a pass. */
    end(j: number): void {
      state.complete(j);
      scheduler.schedule(view, act);
    },
    free: () => Array.from({ length: state.nodeCount }, (_, n) => state.nodes.c.free[n]!),
  };
}

describe('placements, by hand on 3 nodes × 8', () => {
  // Jobs of 4, 6, 2, 4, 2 accelerators, in turn (free after each job in brackets).
  test('first-fit: the lowest-numbered node with room', () => {
    const p = tinyPool('first-fit');
    expect([4, 6, 2, 4, 2].map((k) => p.submit(k))).toEqual([0, 1, 0, 2, 0]); // [4 8 8] [4 2 8] [2 2 8] [2 2 4] [0 2 4]
    expect(p.free()).toEqual([0, 2, 4]);
  });

  test('best-fit: the fullest node with room, ties to the lowest-numbered', () => {
    const p = tinyPool('best-fit');
    expect([4, 6, 2, 4, 2].map((k) => p.submit(k))).toEqual([0, 1, 1, 0, 2]); // [4 8 8] [4 2 8] [4 0 8] [0 0 8] [0 0 6]
    expect(p.free()).toEqual([0, 0, 6]);
  });

  test('spread: the emptiest node, ties to the lowest-numbered', () => {
    const p = tinyPool('spread');
    expect([4, 6, 2, 4, 2].map((k) => p.submit(k))).toEqual([0, 1, 2, 2, 0]); // [4 8 8] [4 2 8] [4 2 6] [4 2 2] [2 2 2]
    expect(p.free()).toEqual([2, 2, 2]);
    expect(p.submit(3)).toBe(-1); // the emptiest node has 2: nothing fits 3
  });

  test('after jobs end, best-fit and spread read the freed room (ties still to the lowest-numbered)', () => {
    const b = tinyPool('best-fit');
    expect([2, 2, 4].map((k) => b.submit(k))).toEqual([0, 0, 0]); // [0 8 8]
    b.end(1); // job 1 (2 on node 0) ends: [2 8 8]
    expect(b.submit(1)).toBe(0); // fullest with ≥ 1: node 0 (2 free) → [1 8 8]
    expect(b.submit(3)).toBe(1); // node 0 has 1: the 8s tie → node 1 → [1 5 8]
    expect(b.submit(5)).toBe(1); // [1 0 8]
    const s = tinyPool('spread');
    expect([2, 2, 2].map((k) => s.submit(k))).toEqual([0, 1, 2]); // [6 6 6]
    s.end(1); // [6 8 6]
    expect(s.submit(1)).toBe(1); // [6 7 6]
    expect(s.submit(1)).toBe(1); // 7 is the most → [6 6 6]
    expect(s.submit(1)).toBe(0); // three-way tie → node 0 → [5 6 6]
  });

  test.each(['first-fit', 'best-fit', 'spread'])('%s: a gang job takes the lowest-numbered wholly idle nodes', (placement) => {
    const p = tinyPool(placement, 4);
    expect(p.submit(8)).toBe(0); // one whole node: every placement picks node 0 ([0 8 8 8])
    expect(p.nodesOf(p.submitJob(16))).toEqual([1, 2]);
    const waiting = p.submitJob(16);
    expect(p.nodesOf(waiting)).toEqual([]); // one idle node left
    p.end(0);
    expect(p.nodesOf(waiting)).toEqual([0, 3]);
  });
});

describe('best-fit avoids fragmentation', () => {
  // Jobs of 4, 6, 2, 4 leave first-fit at [2 2 4] free and spread at [4 2 2]: an 8-GPU job
  // waits until something ends (t = 1000). Best-fit packs them into [0 0 8] and starts it at once.
  const starts = (placement: string) => {
    const sim = makeSim({ pools: [pool({ name: 'p', perNode: 8, initial: 3 })], jobs: [[0, 1000, 4], [0, 1000, 6], [0, 1000, 2], [0, 1000, 4], [0, 1000, 8]], scheduler: fifo(placement) });
    sim.run();
    return Array.from(sim.jobs().startS);
  };

  test.each([['first-fit', [0, 0, 0, 0, 1000]], ['spread', [0, 0, 0, 0, 1000]], ['best-fit', [0, 0, 0, 0, 0]]])('%s starts the 8-GPU job at %j', (placement, expected) => {
    expect(starts(placement as string)).toEqual(expected);
  });

  test('the engine keeps the best-fit buckets only when the placement needs them', () => {
    const buckets = (placement: string) => makeSim({ pools: [pool({ name: 'p' })], jobs: [], scheduler: fifo(placement) }).pools[0]!.tree.hasBuckets;
    expect(['first-fit', 'best-fit', 'spread'].map(buckets)).toEqual([false, true, false]);
  });
});

describe('poolOrder on a two-pool fleet', () => {
  // Pool 0: H100 (training speed 2.5) at $80/node-hour = $10 per accelerator-hour.
  // Pool 1: A100 (speed 1) at $16/node-hour = $2 per accelerator-hour. One node × 8 each.
  const pools = [pool({ name: 'h100', accelerator: 'nvidia-h100-80gb', pricePerNodeHour: 80 }), pool({ name: 'a100', pricePerNodeHour: 16 })];
  const run = (poolOrder: PoolOrder) => {
    const sim = makeSim({ pools, jobs: [[0, 1000, 8], [0, 1000, 8], [0, 1000, 8]], scheduler: fifo('first-fit', poolOrder) });
    sim.run();
    const j = sim.jobs();
    return { pool: Array.from(j.pool), startS: Array.from(j.startS), endS: Array.from(j.endS) };
  };

  test('fleet: pool 0 first, then pool 1; the third job waits for the first to end', () => {
    expect(run('fleet')).toEqual({ pool: [0, 1, 0], startS: [0, 0, 400], endS: [400, 1000, 800] });
  });

  test('cheapest: the A100 pool ($2/accelerator-hour) first, then the H100 pool', () => {
    expect(run('cheapest')).toEqual({ pool: [1, 0, 0], startS: [0, 0, 400], endS: [1000, 400, 800] });
  });

  test('fastest: the H100 pool (2.5×) first, then the A100 pool', () => {
    expect(run('fastest')).toEqual({ pool: [0, 1, 0], startS: [0, 0, 400], endS: [400, 1000, 800] });
  });

  test('fastest reads the job\'s workload class; cheapest ties keep fleet order', () => {
    // MI300X: training 2.2, inference 2.6; H100: training 2.5, inference 2.2. A training job
    // (source 0) goes to the H100 pool, an inference job (source 1) to the MI300X pool.
    // Two nodes each, so neither job is pushed to the other pool by a full one.
    const twoTypes = [pool({ name: 'mi300x', accelerator: 'amd-mi300x', pricePerNodeHour: 16, initial: 2 }), pool({ name: 'h100', accelerator: 'nvidia-h100-80gb', pricePerNodeHour: 16, initial: 2 })];
    const sim = makeSim({ pools: twoTypes, jobs: [[0, 1000, 8]], moreSources: [jobTable([[0, 1000, 8]])], classBySource: [0, 1], scheduler: fifo('best-fit', 'fastest') });
    sim.run();
    const j = sim.jobs();
    expect([Array.from(j.source), Array.from(j.pool), Array.from(j.endS)]).toEqual([[0, 1], [1, 0], [400, 1000 / 2.6]]);
    const tie = makeSim({ pools: twoTypes, jobs: [[0, 1000, 8], [0, 1000, 8]], scheduler: fifo('spread', 'cheapest') }); // $2 per accelerator-hour each
    tie.run();
    expect(Array.from(tie.jobs().pool)).toEqual([0, 0]);
  });
});
