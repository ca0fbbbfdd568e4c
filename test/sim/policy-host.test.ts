/**
 * The policy host with test-double policies: every invalid decision throws and names the
 * invariant; valid ones land in the typed decision log; autoscalers are woken when they ask.
 */
import { describe, expect, test } from 'vitest';
import { summarize } from '../../sim-engine/metrics/summary.js';
import { createFirstFitPlacement } from '../../sim-engine/policies/placement/first-fit.js';
import type { Autoscaler, AutoscalerView, ScaleSink, Scheduler, SchedulerActions, SchedulerView } from '../../sim-engine/policies/types.js';
import { makeSim, pool } from './harness.js';

const scheduler = (schedule: (view: SchedulerView, act: SchedulerActions) => void): Scheduler => ({ name: 'test', placement: createFirstFitPlacement(), schedule });
const autoscaler = (decide: (view: AutoscalerView, sink: ScaleSink) => number, firstWakeS = 0): Autoscaler => ({
  name: 'test',
  capacityBound: (p) => ({ nodes: Math.max(p.initial, p.max), limit: 'max' }),
  firstWakeS: () => firstWakeS,
  decide,
  mayStillAct: () => false,
});

describe('scheduler decisions', () => {
  test('a scheduler that does nothing leaves every job queued', () => {
    const sim = makeSim({ pools: [pool({ name: 'p' })], jobs: [[0, 10, 1], [5, 10, 2]], scheduler: scheduler(() => {}) });
    sim.run();
    const { summary } = summarize(sim.summaryInput());
    expect([summary.jobsSubmitted, summary.jobsQueuedAtEnd, summary.jobsCompleted]).toEqual([2, 2, 0]);
    expect(summary.acceleratorHoursBusy).toBe(0);
  });

  test('placing on a busy node throws: the node has no room for the job', () => {
    const busy = scheduler((view, act) => {
      for (let j = view.firstQueued(); j >= 0; j = view.firstQueued()) act.startOn(j, 0, Int32Array.of(0), 1);
    });
    const sim = makeSim({ pools: [pool({ name: 'p', perNode: 8 })], jobs: [[0, 100, 8], [0, 100, 1]], scheduler: busy });
    expect(() => sim.run()).toThrow(/placement invalid: node 0 has 0 free accelerators, job 1 needs 1/);
  });

  test('a gang job on a node that is not idle throws', () => {
    const s = scheduler((view, act) => {
      const a = view.firstQueued();
      act.startOn(a, 0, Int32Array.of(0), 1);
      act.startOn(view.firstQueued(), 0, Int32Array.of(0, 1), 2);
    });
    const sim = makeSim({ pools: [pool({ name: 'p', perNode: 8, initial: 2 })], jobs: [[0, 100, 1], [0, 100, 16]], scheduler: s });
    expect(() => sim.run()).toThrow(/placement invalid: node 0 has 7 free accelerators, job 1 needs 8 on an idle node/);
  });

  test('the wrong node count, a pool the job may not use, a job not queued: each throws', () => {
    const cases: [(view: SchedulerView, act: SchedulerActions) => void, RegExp][] = [
      [(v, act) => act.startOn(v.firstQueued(), 0, Int32Array.of(0, 1), 2), /job 0 needs 1 nodes \(got 2\)/],
      [(v, act) => act.startOn(v.firstQueued(), 1, Int32Array.of(1), 1), /job 0 may not run in pool l4/],
      [(_v, act) => act.startOn(5, 0, Int32Array.of(0), 1), /job 5 is not queued/],
      [(v, act) => act.startOn(v.firstQueued(), 0, Int32Array.of(1), 1), /node 1 is not a ready node of p/],
      [(v, act) => act.tryStart(v.firstQueued(), 7), /no pool 7/],
    ];
    for (const [schedule, message] of cases) {
      const sim = makeSim({ pools: [pool({ name: 'p' }), pool({ name: 'l4', accelerator: 'nvidia-l4' })], jobs: [[0, 10, 1, 'nvidia-a100-80gb']], scheduler: scheduler(schedule) });
      expect(() => sim.run()).toThrow(message);
    }
  });

  test('tryStart uses the placement and reports whether the job fits now', () => {
    const results: boolean[] = [];
    const s = scheduler((view, act) => {
      for (let j = view.firstQueued(); j >= 0; j = view.nextQueued(j)) results.push(act.tryStart(j, 0));
    });
    const sim = makeSim({ pools: [pool({ name: 'p', perNode: 4 })], jobs: [[0, 100, 3], [0, 100, 2], [0, 100, 1]], scheduler: s, horizonS: 50 });
    sim.run();
    // Not FIFO: the 2-accelerator job does not fit after the 3, the 1 does.
    expect(results).toEqual([true, false, true]);
    expect(Array.from(sim.jobs().state)).toEqual([1, 2, 1]);
  });
});

describe('autoscaler decisions', () => {
  test('releasing a busy node throws', () => {
    const a = autoscaler((_v, sink) => {
      sink.release(0, [0], 'test');
      return Infinity;
    }, 10);
    const sim = makeSim({ pools: [pool({ name: 'p', max: 2 })], jobs: [[0, 100, 1]], autoscaler: a });
    expect(() => sim.run()).toThrow(/autoscaler decision invalid: node 0 of p is not idle/);
  });

  test('adding beyond max throws', () => {
    const a = autoscaler((_v, sink) => {
      sink.add(0, 3, 'too many');
      return Infinity;
    });
    const sim = makeSim({ pools: [pool({ name: 'p', initial: 1, max: 3 })], jobs: [[0, 100, 1]], autoscaler: a });
    expect(() => sim.run()).toThrow(/add 3 nodes to p exceeds its max 3 \(it has 1\)/);
  });

  test('releasing below min, a node of another pool, a fractional add, a wake-up in the past: each throws', () => {
    const cases: [(v: AutoscalerView, sink: ScaleSink) => number, RegExp][] = [
      [(_v, s) => (s.release(0, [0], 'x'), Infinity), /releasing 1 nodes of p goes below its min 1/],
      [(_v, s) => (s.release(1, [0], 'x'), Infinity), /node 0 is not in pool q/],
      [(_v, s) => (s.add(1, 1.5, 'x'), Infinity), /add 1.5 nodes to q \(a whole number ≥ 1\)/],
      [(v) => v.now, /asked to be woken at 0, not after now/],
    ];
    for (const [decide, message] of cases) {
      const sim = makeSim({ pools: [pool({ name: 'p', min: 1, max: 2 }), pool({ name: 'q', initial: 1, max: 4 })], jobs: [[100, 10, 1]], autoscaler: autoscaler(decide) });
      expect(() => sim.run()).toThrow(message);
    }
  });

  test('is woken exactly when it asks, and its decisions land in the typed log', () => {
    const wakes: number[] = [];
    const a = autoscaler((view, sink) => {
      wakes.push(view.now);
      if (view.now === 250) sink.add(0, 2, 'scheduled window');
      if (view.now === 1000) sink.release(0, [view.nodeAt(0, 2)], 'window over');
      return view.now < 250 ? 250 : view.now < 1000 ? 1000 : Infinity;
    });
    const sim = makeSim({ pools: [pool({ name: 'p', initial: 1, max: 3, provisioning: { dist: 'constant', value: 60 } })], jobs: [[0, 10, 1]], autoscaler: a });
    sim.run();
    expect(wakes).toEqual([0, 250, 1000]);
    expect(sim.decisions).toEqual([
      { timeS: 250, policy: 'test', component: 'autoscaler', pool: 'p', action: 'add', count: 2, reason: 'scheduled window' },
      { timeS: 1000, policy: 'test', component: 'autoscaler', pool: 'p', action: 'release', count: 1, reason: 'window over' },
    ]);
    // Billing: node 0 the whole hour, node 1 from 250, node 2 from 250 to 1000.
    const t = sim.poolTotals()[0]!;
    expect(t.billedAccHoursWin * 3600).toBeCloseTo(8 * (3600 + (3600 - 250) + 750), 6);
  });

  test('the view reads live state without allocating per tick: idle times and queued demand', () => {
    const seen: { idle0: number; demand: number; queued: number }[] = [];
    const a = autoscaler((view) => {
      seen.push({ idle0: view.idleSinceS(view.nodeAt(0, 0)), demand: view.pools[0]!.queuedDemandAccelerators, queued: view.pools[0]!.queuedJobs });
      return view.now + 50;
    });
    // Node 0 (8 accelerators) runs a 6 from 0 to 100; at 100 a 16 (gang, 2 nodes) and a 4 wait.
    const sim = makeSim({ pools: [pool({ name: 'p', initial: 1, max: 1 })], jobs: [[0, 100, 6], [100, 10, 16], [100, 10, 4]], autoscaler: a, horizonS: 200 });
    sim.run();
    // Ticks come after arrivals and before the scheduling pass (DESIGN §3): at t = 0 the 6 is
    // still queued on an idle node.
    expect(seen[0]).toEqual({ idle0: 0, demand: 6, queued: 1 });
    expect(seen[1]!.idle0).toBeNaN(); // busy at 50
    // At 100: the 6 completed (node idle since 100), the 16 was rejected (it can never fit), the 4 waits.
    expect(seen[2]).toEqual({ idle0: 100, demand: 4, queued: 1 });
    expect(seen[3]).toEqual({ idle0: 110, demand: 0, queued: 0 });
  });
});

describe('preemption by a scheduler (the kill path with requeue)', () => {
  test('a preempted job requeues in its place; its wait is the total time queued; each episode counts in shortfall', () => {
    // One 8-GPU node. Job 0 (8 GPUs, 1000 s) starts at 0; at 100 jobs 1 and 2 arrive and the
    // scheduler preempts job 0 — which, back in its submit-order place at the head, restarts
    // at once (from the beginning: no checkpoints) and runs to 1100.
    let preempted = false;
    const s = scheduler((view, act) => {
      const first = view.firstQueued();
      if (view.now === 100 && !preempted) {
        act.preempt(0, 'make room for job 1');
        preempted = true;
      }
      for (let j = first >= 0 ? view.firstQueued() : -1; j >= 0; j = view.nextQueued(j)) if (view.jobAllowsPool(j, 0) && !act.tryStart(j, 0)) break;
    });
    const sim = makeSim({ pools: [pool({ name: 'p', perNode: 8 })], jobs: [[0, 1000, 8], [100, 50, 8], [100, 10, 8]], scheduler: s, horizonS: 2000, maxQueueWaitS: 20 });
    sim.run();
    const jobs = sim.jobs();
    // Queue order after the kill at 100: job 0 (its place), job 1, job 2. Job 0 starts again at 100.
    expect(Array.from(jobs.startS)).toEqual([100, 1100, 1150]);
    expect(Array.from(jobs.endS)).toEqual([1100, 1150, 1160]);
    expect(jobs.requeues!.queuedS[0]).toBe(0); // queued 0 s before its first start and 0 s after the kill
    const { summary } = summarize(sim.summaryInput());
    expect(summary.waitMeanS).toBeCloseTo((0 + 1000 + 1050) / 3, 9);
    // Shortfall: job 1 [120, 1100), job 2 [120, 1150) → 1030 s; job 0's episodes are short.
    expect(summary.shortfallHours! * 3600).toBeCloseTo(1030, 9);
    expect(sim.decisions).toEqual([{ timeS: 100, policy: 'test', component: 'scheduler', pool: 'p', action: 'preempt', count: 1, reason: 'job 0: make room for job 1' }]);
  });

  test('a job still queued after a kill has no start or pool in its row, and its wait runs to the end', () => {
    const s = scheduler((view, act) => {
      if (view.now === 0) act.tryStart(view.firstQueued(), 0);
      if (view.now === 300) act.preempt(0, 'evict');
    });
    const sim = makeSim({ pools: [pool({ name: 'p' })], jobs: [[0, 1000, 1], [300, 1, 1]], scheduler: s, horizonS: 1000, maxQueueWaitS: 100 });
    sim.run();
    const jobs = sim.jobs();
    expect([jobs.state[0], jobs.startS[0], jobs.pool[0]]).toEqual([2, NaN, -1]);
    expect(jobs.requeues!.queuedS[0]).toBe(700); // 0 before its first start + 300 → 1000
    const { summary } = summarize(sim.summaryInput());
    // Job 0 waited 700 (queued from 300 to the end); job 1 waited 700 too (never started).
    expect(summary.waitMeanS).toBe(700);
    // Episodes over the threshold: job 0 [400, 1000), job 1 [400, 1000) → 600 s.
    expect(summary.shortfallHours! * 3600).toBeCloseTo(600, 9);
    expect(() => makeSim({ pools: [pool({ name: 'p' })], jobs: [[0, 10, 1]], scheduler: scheduler((_v, act) => act.preempt(0, 'x')) }).run()).toThrow(/job 0 is not running, so it cannot be preempted/);
  });
});
