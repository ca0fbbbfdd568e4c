/**
 * The state's mutators through the modules that use them: kills requeue a job in its place
 * and drop its pending completion by tag, restarts resume from the last checkpoint with an
 * exact end time, nodes fail and are repaired, stale node events are dropped.
 */
import { describe, expect, test } from 'vitest';
import { EventClass } from '../../sim-engine/core/event-queue.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { EligibilityTable } from '../../sim-engine/model/eligibility.js';
import { EventKind, JobState, NodeState } from '../../sim-engine/model/states.js';
import { PoolMeters } from '../../sim-engine/metrics/meters.js';
import { InMemoryOutcomes } from '../../sim-engine/metrics/outcomes.js';
import { createStaticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import { Batch } from '../../sim-engine/sim/batch.js';
import { buildPools, Fleet } from '../../sim-engine/sim/fleet.js';
import { Kernel } from '../../sim-engine/sim/kernel.js';
import { FleetState } from '../../sim-engine/sim/state.js';
import type { CheckpointPlan } from '../../sim-engine/sim/checkpoints.js';
import { actionsAt, pool } from './harness.js';

/** A kernel, state, batch and fleet wired like the facade, with a hook to act at given times. */
function engine(specs = [pool({ name: 'p', perNode: 4, initial: 2 })], horizonS = 10_000, checkpoints: (CheckpointPlan | null)[] = []) {
  const kernel = new Kernel(horizonS);
  const pools = buildPools(specs, createStaticAutoscaler());
  const meters = new PoolMeters(pools, 0, horizonS);
  const state = new FleetState(pools, new EligibilityTable(pools), meters, kernel, 16, undefined, checkpoints);
  const outcomes = new InMemoryOutcomes();
  const batch = new Batch(kernel, state, outcomes);
  const fleet = new Fleet(kernel, state, specs, new Rng(1));
  fleet.startInitialNodes();
  const at = actionsAt(kernel);
  const any = state.eligibility.constraint(null);
  return { kernel, state, batch, fleet, meters, outcomes, at, any };
}

describe('jobs', () => {
  test('a killed job requeues in its submit-order place; its old completion is stale; it restarts from the start', () => {
    const { kernel, state, batch, at, any } = engine();
    const ends: number[] = [];
    const j0 = batch.admit(1000, 4, any); // node 0, 0 → 1000
    const j1 = batch.admit(500, 4, any); // node 1
    batch.start(j0, 0, Int32Array.of(0), 1);
    batch.start(j1, 0, Int32Array.of(1), 1);
    at(100, () => {
      const j2 = batch.admit(50, 4, any); // submitted later: queued behind the requeued j0
      expect(batch.kill(j0, 'fault')).toBe(100); // 100 s of work lost (no checkpoints)
      expect(state.jobs.c.state[j0]).toBe(JobState.Queued);
      expect(state.queue.first()).toBe(j0);
      expect(state.queue.next(j0 + 1)).toBe(j2);
      expect(state.running).toBe(1);
      expect(state.isIdle(0)).toBe(true);
    });
    at(200, () => batch.start(j0, 0, Int32Array.of(0), 1));
    const complete = state.complete.bind(state);
    state.complete = (j) => (ends.push(kernel.now), complete(j));
    kernel.run();
    // j1 at 500; j0's first completion (1000) is dropped; it ran again 200 → 1200.
    expect(ends).toEqual([500, 1200]);
    expect(state.endOf(j0)).toBe(1200);
    expect(state.jobEpoch.get(j0)).toBe(1);
    expect(state.jobEpoch.get(j1)).toBe(0);
  });

  test('with checkpoints a restart resumes from the last one, and the end time stays exact', () => {
    const specs = [pool({ name: 'h', accelerator: 'nvidia-h100-80gb', perNode: 8, initial: 1 })];
    const { kernel, state, batch, at, any } = engine(specs, 10_000, [{ everyS: 300, costS: 0 }]);
    const speed = state.pools[0]!.speeds[0]!;
    const j = batch.admit(3000, 8, any);
    batch.start(j, 0, Int32Array.of(0), 1);
    expect(speed).toBeGreaterThan(1);
    const lost: number[] = [];
    at(700, () => lost.push(batch.kill(j, 'fault'))); // ran 700 s: checkpoints at 300 s and 600 s of running
    at(1000, () => batch.start(j, 0, Int32Array.of(0), 1));
    at(1100, () => lost.push(batch.kill(j, 'fault'))); // ran 100 s since the restart: no new checkpoint
    at(1200, () => batch.start(j, 0, Int32Array.of(0), 1));
    kernel.run();
    expect(lost).toEqual([100, 100]);
    // 600 s kept at speed s → 600·s reference-seconds done; the second kill kept nothing.
    expect(state.jobRemainingS.get(j)).toBeCloseTo(3000 - 600 * speed, 9);
    expect(state.jobs.c.state[j]).toBe(JobState.Completed);
    expect(state.endOf(j)).toBe(1200 + (3000 - 600 * speed) / speed);
  });

  test('a gang job frees every node when it ends or is killed', () => {
    const { kernel, state, batch, at, any } = engine([pool({ name: 'p', perNode: 4, initial: 3 })]);
    const g = batch.admit(100, 12, any);
    batch.start(g, 0, Int32Array.of(0, 1, 2), 3);
    const buf = new Int32Array(4);
    expect([state.jobsOn(0, buf), buf[0], state.jobsOn(2, buf), buf[0]]).toEqual([1, g, 1, g]);
    expect(state.pools[0]!.idleNodes).toBe(0);
    at(10, () => batch.kill(g, 'fault'));
    kernel.run();
    expect(state.pools[0]!.idleNodes).toBe(3);
    expect(state.pools[0]!.freeAcc).toBe(12);
    expect([0, 1, 2].map((n) => state.jobsOn(n, buf))).toEqual([0, 0, 0]);
  });
});

describe('nodes', () => {
  test('fail and repair: the node leaves service but stays billed; its jobs must be killed first', () => {
    const { kernel, state, batch, at, any, meters } = engine([pool({ name: 'p', perNode: 4, initial: 1, pricePerNodeHour: 3600 })]);
    const j = batch.admit(1000, 2, any);
    batch.start(j, 0, Int32Array.of(0), 1);
    at(100, () => {
      expect(() => state.fail(0)).toThrow(/node 0 of p is not an idle ready node \(1 jobs\)/);
      batch.kill(j, 'fault');
      state.fail(0);
      expect(state.nodes.c.state[0]).toBe(NodeState.Failed);
      expect(state.pools[0]!.freeAcc).toBe(0);
    });
    at(400, () => state.ready(0));
    kernel.run();
    expect(state.nodes.c.state[0]).toBe(NodeState.Ready);
    // Billed at $1/s up to the repair at 400 (the meters' last change), failed time included.
    expect(meters.totals(['p'])[0]!.costWinUsd).toBeCloseTo(400, 9);
  });

  test('a ready event whose tag is not the node epoch is dropped', () => {
    const { kernel, state, fleet } = engine([pool({ name: 'p', initial: 0, max: 2, provisioning: { dist: 'constant', value: 50 } })]);
    fleet.request(state.pools[0]!, 1);
    kernel.schedule(10, EventClass.NodeReady, EventKind.NodeReady.Provisioned, 0, 5); // stale tag
    kernel.runFor(1);
    expect(kernel.now).toBe(10);
    expect(state.nodes.c.state[0]).toBe(NodeState.Provisioning);
    kernel.run();
    expect(state.nodes.c.state[0]).toBe(NodeState.Ready);
    expect(state.nodes.c.idleSinceS[0]).toBe(50);
  });

  test('released nodes are never reused and their numbers stay taken', () => {
    const { kernel, state, fleet, at } = engine([pool({ name: 'p', initial: 2, max: 4 })]);
    at(5, () => {
      fleet.release(1);
      fleet.request(state.pools[0]!, 1);
    });
    kernel.run();
    expect(state.nodeCount).toBe(3);
    expect(Array.from(state.nodes.c.state.subarray(0, 3))).toEqual([NodeState.Ready, NodeState.Released, NodeState.Ready]);
    expect(() => state.release(1)).toThrow(/not an idle ready node/);
  });
});
