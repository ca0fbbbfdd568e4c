/**
 * A property over random starts, completions, kills, failures and repairs, preemption notices
 * (drain, then kill and release), releases and new nodes: each pool's free index — the max
 * tree and, under best-fit, the per-free-count buckets — always agrees with a brute-force scan
 * of the nodes' free accelerators, and every placement decision is the one its rule names.
 */
import { expect, test } from 'vitest';
import { EventClass } from '../../sim-engine/core/event-queue.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { EligibilityTable } from '../../sim-engine/model/eligibility.js';
import { JobState, NodeState } from '../../sim-engine/model/states.js';
import { PoolMeters } from '../../sim-engine/metrics/meters.js';
import { InMemoryOutcomes } from '../../sim-engine/metrics/outcomes.js';
import { createStaticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import { policyRegistry } from '../../sim-engine/policies/registry.js';
import { Batch } from '../../sim-engine/sim/batch.js';
import { buildPools, Fleet } from '../../sim-engine/sim/fleet.js';
import { Kernel } from '../../sim-engine/sim/kernel.js';
import { LiveSchedulerView, SchedulerActionsImpl } from '../../sim-engine/sim/scheduler-view.js';
import { FleetState } from '../../sim-engine/sim/state.js';
import { pool } from './harness.js';

const H = 10_000;
const CHAOS = 3;
const REPAIR = 4;
const NOTICE_END = 5;
const PLACEMENTS = ['first-fit', 'best-fit', 'spread'] as const;

type Placement = (typeof PLACEMENTS)[number];

/** Brute force over a pool's positions: free accelerators of each usable (ready, not draining) node, -1 otherwise. */
function freeByPos(state: FleetState, p: number): number[] {
  const pool = state.pools[p]!;
  const n = state.nodes.c;
  return Array.from({ length: pool.nodeCount }, (_, pos) => {
    const node = pool.nodeIds[pos]!;
    return n.state[node] === NodeState.Ready ? n.free[node]! : -1;
  });
}

/** The position each rule picks for k (-1: none), by scanning. */
function expectedPos(rule: Placement, free: number[], k: number): number {
  let best = -1;
  for (let pos = 0; pos < free.length; pos++) {
    const f = free[pos]!;
    if (rule === 'first-fit') {
      if (f >= k) return pos;
    } else if (rule === 'best-fit') {
      if (f >= k && (best < 0 || f < free[best]!)) best = pos;
    } else if (f >= 0 && (best < 0 || f > free[best]!)) best = pos;
  }
  return rule === 'spread' && best >= 0 && free[best]! < k ? -1 : best;
}

function chaos(seed: number, placement: Placement) {
  const rng = new Rng(seed);
  const r = () => rng.uniformOpen();
  const specs = [pool({ name: 'a', perNode: 4, initial: 6, max: 40 }), pool({ name: 'h', accelerator: 'nvidia-h100-80gb', perNode: 8, initial: 4, max: 40 })];
  const kernel = new Kernel(H);
  const scheduler = policyRegistry.createScheduler({ kind: 'fifo', placement });
  const pools = buildPools(specs, createStaticAutoscaler(), scheduler.placement);
  const meters = new PoolMeters(pools, 0, H);
  const state = new FleetState(pools, new EligibilityTable(pools), meters, kernel, 16);
  const batch = new Batch(kernel, state, new InMemoryOutcomes());
  new Fleet(kernel, state, specs, new Rng(1)).startInitialNodes();
  const view = new LiveSchedulerView(state, kernel);
  const act = new SchedulerActionsImpl(state, batch, view, scheduler.placement, kernel, () => {});
  const any = state.eligibility.constraint(null);
  const seen = { checks: 0, singles: 0, gangs: 0, drains: 0, releases: 0, failures: 0, added: 0 };

  /** The free index of every pool agrees with the scan, for every k (one comparison per pool). */
  const check = () => {
    for (let p = 0; p < state.pools.length; p++) {
      const tree = state.pools[p]!.tree;
      const free = freeByPos(state, p);
      const ks = Array.from({ length: state.pools[p]!.perNode + 2 }, (_, k) => k);
      const got = { free: free.map((_, pos) => tree.get(pos)), firstFit: ks.map((k) => tree.leftmostAtLeast(k)), spread: ks.map((k) => tree.largestAtLeast(k)), bestFit: tree.hasBuckets ? ks.map((k) => tree.smallestAtLeast(k)) : null };
      const want = { free, firstFit: ks.map((k) => expectedPos('first-fit', free, k)), spread: ks.map((k) => expectedPos('spread', free, k)), bestFit: tree.hasBuckets ? ks.map((k) => expectedPos('best-fit', free, k)) : null };
      if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want);
      seen.checks++;
    }
  };
  // Every start lands where the placement's rule says, checked before the state changes.
  const place = state.place.bind(state);
  state.place = (j, p, nodes, count) => {
    const k = state.jobs.c.k[j]!;
    const pool = state.pools[p]!;
    if (k <= pool.perNode) {
      expect(count).toBe(1);
      expect(nodes[0]).toBe(pool.nodeIds[expectedPos(placement, freeByPos(state, p), k)]);
      seen.singles++;
    } else {
      const idle: number[] = [];
      for (let pos = 0; pos < pool.nodeCount && idle.length < count; pos++) if (state.isIdle(pool.nodeIds[pos]!)) idle.push(pool.nodeIds[pos]!);
      expect(Array.from(nodes.subarray(0, count))).toEqual(idle);
      seen.gangs++;
    }
    return place(j, p, nodes, count);
  };
  kernel.connect({
    hooks: {
      beforeInstant() {},
      afterEvents: () => void (state.takeDirty() && state.queue.size > 0 && scheduler.schedule(view, act)),
      finish: (t) => state.pools.forEach((p) => meters.advance(p.index, t, state.billedNodes(p), p.busyAcc)),
    },
  });
  const buf = new Int32Array(64);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const nodesIn = (st: NodeState) => Array.from({ length: state.nodeCount }, (_, i) => i).filter((n) => state.nodes.c.state[n] === st);
  const killAllOn = (n: number) => {
    for (const j of Array.from(buf.subarray(0, state.jobsOn(n, buf)))) batch.kill(j, 'fault');
  };
  kernel.on(EventClass.Tick, CHAOS, {
    onEvent: () => {
      check();
      const x = r();
      if (x < 0.45) batch.admit(100 + r() * 3000, pick([1, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16]), any);
      else if (x < 0.6 && state.running > 0) {
        batch.kill(pick(Array.from({ length: state.jobCount }, (_, j) => j).filter((j) => state.jobs.c.state[j] === JobState.Running)), 'scheduler');
      } else if (x < 0.7) {
        // A node fails (its jobs die first) and is repaired later.
        const ready = nodesIn(NodeState.Ready);
        if (ready.length) {
          const n = pick(ready);
          killAllOn(n);
          state.fail(n);
          seen.failures++;
          kernel.schedule(kernel.now + 10 + r() * 500, EventClass.Tick, REPAIR, n);
        }
      } else if (x < 0.8) {
        // A preemption notice: the node drains, and at the notice's end loses its jobs and is released.
        const ready = nodesIn(NodeState.Ready);
        if (ready.length) {
          const n = pick(ready);
          state.drain(n);
          seen.drains++;
          kernel.schedule(kernel.now + r() * 300, EventClass.Tick, NOTICE_END, n);
        }
      } else if (x < 0.88) {
        const idle = nodesIn(NodeState.Ready).filter((n) => state.isIdle(n));
        if (idle.length) {
          state.release(pick(idle));
          seen.releases++;
        }
      } else {
        // New nodes (positions grow past the index's initial capacity of 16).
        const p = state.pools[Math.floor(r() * 2)]!;
        for (let i = 1 + Math.floor(r() * 3); i > 0; i--) {
          state.ready(state.addNode(p));
          seen.added++;
        }
      }
      if (kernel.now + 30 < H) kernel.schedule(kernel.now + r() * 60, EventClass.Tick, CHAOS, 0);
    },
  });
  kernel.on(EventClass.Tick, REPAIR, { onEvent: (_k, n) => state.ready(n) });
  kernel.on(EventClass.Tick, NOTICE_END, {
    onEvent: (_k, n) => {
      killAllOn(n);
      state.release(n);
    },
  });
  kernel.schedule(0, EventClass.Tick, CHAOS, 0);
  kernel.run();
  check();
  return { seen, maxPositions: Math.max(...state.pools.map((p) => p.nodeCount)) };
}

test.each(PLACEMENTS)('%s: the free index agrees with a scan of the nodes, and every start follows the rule', (placement) => {
  const total = { checks: 0, singles: 0, gangs: 0, drains: 0, releases: 0, failures: 0, added: 0 };
  let maxPositions = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const { seen, maxPositions: m } = chaos(seed, placement);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += seen[key];
    maxPositions = Math.max(maxPositions, m);
  }
  // The property exercised what it claims to.
  expect(Object.values(total).every((v) => v > 50)).toBe(true);
  expect(maxPositions).toBeGreaterThan(16);
});
