/**
 * A property over random kills, node failures and repairs (the paths spot preemption,
 * failures and priority preemption will drive): pool counters, the placement tree, the
 * per-node job slots, the queue, the busy integral and exact end times stay consistent.
 */
import { expect, test } from 'vitest';
import { EventClass } from '../../sim-engine/core/event-queue.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { EligibilityTable } from '../../sim-engine/model/eligibility.js';
import { JobState, NodeState } from '../../sim-engine/model/states.js';
import { PoolMeters } from '../../sim-engine/metrics/meters.js';
import { InMemoryOutcomes } from '../../sim-engine/metrics/outcomes.js';
import { createReactiveAutoscaler } from '../../sim-engine/policies/autoscaling/reactive.js';
import { createFifoScheduler } from '../../sim-engine/policies/scheduling/fifo.js';
import { Batch } from '../../sim-engine/sim/batch.js';
import { buildPools, Fleet } from '../../sim-engine/sim/fleet.js';
import { Kernel } from '../../sim-engine/sim/kernel.js';
import { LiveSchedulerView, SchedulerActionsImpl } from '../../sim-engine/sim/scheduler-view.js';
import { FleetState } from '../../sim-engine/sim/state.js';
import { pool } from './harness.js';

const H = 20_000;
const CHAOS = 3;
const REPAIR = 4;

function chaos(seed: number) {
  const rng = new Rng(seed);
  const r = () => rng.uniformOpen();
  const specs = [pool({ name: 'a', perNode: 4, initial: 6, max: 6 }), pool({ name: 'h', accelerator: 'nvidia-h100-80gb', perNode: 8, initial: 4, max: 4 })];
  const kernel = new Kernel(H);
  const pools = buildPools(specs, createReactiveAutoscaler({ scaleUpAfterWait: 1e9, scaleDownAfterIdle: 1e9, tick: 1e9 }));
  const meters = new PoolMeters(pools, 0, H);
  // Jobs of four workload entries: no checkpoints, and checkpoints with and without a pause.
  const plans = [null, { everyS: 137, costS: 0 }, { everyS: 200, costS: 30 }, { everyS: 400, costS: 5 }];
  const state = new FleetState(pools, new EligibilityTable(pools), meters, kernel, 16, undefined, plans);
  const batch = new Batch(kernel, state, new InMemoryOutcomes());
  new Fleet(kernel, state, specs, new Rng(1)).startInitialNodes();
  const scheduler = createFifoScheduler();
  const view = new LiveSchedulerView(state, kernel);
  const act = new SchedulerActionsImpl(state, batch, view, scheduler.placement, kernel, () => {});
  const any = state.eligibility.constraint(null);
  // Observe starts and ends to check the state against an independent account.
  const startedAt = new Map<number, number>();
  const endedAt = new Map<number, number>();
  let busyAccSeconds = 0;
  const ran = (j: number) => (busyAccSeconds += state.jobs.c.k[j]! * (kernel.now - startedAt.get(j)!));
  const place = state.place.bind(state);
  state.place = (j, p, n, c) => (startedAt.set(j, kernel.now), place(j, p, n, c));
  const complete = state.complete.bind(state);
  state.complete = (j) => (ran(j), endedAt.set(j, kernel.now), complete(j));
  const buf = new Int32Array(64);
  let kills = 0, schedulerKills = 0;
  kernel.connect({
    hooks: {
      beforeInstant() {},
      afterEvents: () => void (state.takeDirty() && state.queue.size > 0 && scheduler.schedule(view, act)),
      finish: (t) => state.pools.forEach((p) => meters.advance(p.index, t, state.billedNodes(p), p.busyAcc)),
    },
  });
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const where = (pred: (i: number) => boolean, n: number) => Array.from({ length: n }, (_, i) => i).filter(pred);
  kernel.on(EventClass.Tick, CHAOS, {
    onEvent: () => {
      const x = r();
      if (x < 0.5) state.setAttributes(batch.admit(100 + r() * 3000, pick([1, 2, 3, 4, 8, 12, 16]), any), -1, Math.floor(r() * plans.length), NaN);
      else if (x < 0.8 && state.running > 0) {
        const j = pick(where((j) => state.jobs.c.state[j] === JobState.Running, state.jobCount));
        ran(j);
        const cause = r() < 0.5 ? 'fault' : 'scheduler';
        if (cause === 'scheduler') schedulerKills++;
        kills++;
        batch.kill(j, cause);
      } else {
        const ready = where((n) => state.nodes.c.state[n] === NodeState.Ready, state.nodeCount);
        if (ready.length) {
          const n = pick(ready);
          const victims = Array.from(buf.subarray(0, state.jobsOn(n, buf)));
          for (const j of victims) {
            ran(j);
            kills++;
            batch.kill(j, 'fault');
          }
          state.fail(n);
          kernel.schedule(kernel.now + 10 + r() * 500, EventClass.Tick, REPAIR, n);
        }
      }
      if (kernel.now + 30 < H) kernel.schedule(kernel.now + r() * 60, EventClass.Tick, CHAOS, 0);
    },
  });
  kernel.on(EventClass.Tick, REPAIR, { onEvent: (_k, n) => state.ready(n) });
  kernel.schedule(0, EventClass.Tick, CHAOS, 0);
  kernel.run();
  return { state, batch, meters, startedAt, endedAt, busyAccSeconds, kills, schedulerKills };
}

test('random kills, failures and repairs keep the state consistent and end times exact', () => {
  let restartedAndCompleted = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const { state, batch, meters, startedAt, endedAt, busyAccSeconds, kills, schedulerKills } = chaos(seed);
    // Every kill is counted once, per job and per pool; the scheduler's as jobsPreempted.
    expect(batch.killTotals.reduce((a, t) => a + t.jobRestarts, 0)).toBe(kills);
    expect(batch.killTotals.reduce((a, t) => a + t.jobsPreempted, 0)).toBe(schedulerKills);
    let perJob = 0;
    for (let j = 0; j < state.jobCount; j++) perJob += batch.jobRestarts.get(j);
    expect(perJob).toBe(kills);
    const n = state.nodes.c;
    for (const p of state.pools) {
      let free = 0, idle = 0, ready = 0, failed = 0;
      for (let pos = 0; pos < p.nodeCount; pos++) {
        const node = p.nodeIds[pos]!;
        if (n.state[node] === NodeState.Ready) {
          ready++;
          free += n.free[node]!;
          if (n.jobCount[node] === 0) idle++;
        } else if (n.state[node] === NodeState.Failed) failed++;
        expect(p.tree.get(pos)).toBe(n.state[node] === NodeState.Ready ? n.free[node] : -1);
      }
      expect([p.freeAcc, p.idleNodes, p.readyNodes, p.failedNodes]).toEqual([free, idle, ready, failed]);
    }
    let busy = 0, running = 0, queued = 0, queuedAcc = 0, busyS = busyAccSeconds;
    for (let j = 0; j < state.jobCount; j++) {
      const st = state.jobs.c.state[j];
      const k = state.jobs.c.k[j]!;
      if (st === JobState.Running) {
        busy += k;
        running++;
        busyS += k * (H - startedAt.get(j)!);
      } else if (st === JobState.Queued) {
        queued++;
        queuedAcc += k;
      }
      if (st === JobState.Completed) {
        expect(state.endOf(j)).toBe(endedAt.get(j)); // exact, restarted or not
        if (state.jobEpoch.get(j) > 0) restartedAndCompleted++;
      }
    }
    expect(state.pools.reduce((a, p) => a + p.busyAcc, 0)).toBe(busy);
    expect(state.running).toBe(running);
    expect(state.queue.size).toBe(queued);
    expect(state.pools.reduce((a, p) => a + p.queuedAcc, 0)).toBe(queuedAcc);
    const totals = meters.totals(state.pools.map((p) => p.name));
    expect(totals.reduce((a, p) => a + p.busyAccHoursWin, 0) * 3600).toBeCloseTo(busyS, 4);
    expect(endedAt.size).toBeGreaterThan(5);
  }
  expect(restartedAndCompleted).toBeGreaterThan(20); // the property exercised restarts
});
