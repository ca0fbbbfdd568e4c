/** The priority and fair-share schedulers on hand-checked cases, and fair-share's weighted shares over a long run. */
import { describe, expect, test } from 'vitest';
import { Rng } from '../../sim-engine/core/rng.js';
import { JobState } from '../../sim-engine/model/states.js';
import { createStaticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import { policyRegistry } from '../../sim-engine/policies/registry.js';
import type { CheckpointPlan } from '../../sim-engine/sim/checkpoints.js';
import { Simulation } from '../../sim-engine/sim/simulation.js';
import type { JobTable } from '../../sim-engine/traces/types.js';
import { createTableSource } from '../../sim-engine/workload/table-source.js';
import { jobTable, pool, type JobRow } from '../sim/harness.js';

/** A scheduler reference as a scenario would parse it (defaults applied). */
function parsed({ kind, ...params }: { kind: string } & Record<string, unknown>) {
  return { kind, ...policyRegistry.schedulerParams(policyRegistry.scheduler(kind)!).parse(params) };
}

function run(o: { jobs: JobRow[]; priority?: number[]; tenants?: { names: string[]; ofRow: number[] }; scheduler: { kind: string } & Record<string, unknown>; nodes?: number; perNode?: number; horizonS?: number; checkpoint?: CheckpointPlan }) {
  const table: JobTable = { ...jobTable(o.jobs, o.tenants), ...(o.priority ? { priority: Float64Array.from(o.priority) } : {}) };
  const rng = new Rng(1);
  const sim = new Simulation({
    pools: [pool({ name: 'p', perNode: o.perNode ?? 8, initial: o.nodes ?? 1 })],
    sources: [createTableSource(table, 1, rng.fork('workload/0'), 'w')],
    scheduler: policyRegistry.createScheduler(parsed(o.scheduler)),
    autoscaler: createStaticAutoscaler(),
    policyName: 'test',
    horizonS: o.horizonS ?? 10_000,
    warmupS: 0,
    sampleEveryS: 600,
    maxQueueWaitS: null,
    ...(o.checkpoint ? { checkpoints: [o.checkpoint] } : {}),
    rng: rng.fork('policy'),
  });
  sim.run();
  return sim;
}

describe('priority', () => {
  // One 8-accelerator node. A: priority 0, 8 accelerators, 1000 s, at 0. B: priority 5, 4 accelerators, 100 s, at 10.
  const jobs: JobRow[] = [[0, 1000, 8], [10, 100, 4]];

  test('without preempt: B waits for A (higher priority goes first only among the waiting)', () => {
    const j = run({ jobs, priority: [0, 5], scheduler: { kind: 'priority' } }).jobs();
    expect(Array.from(j.startS)).toEqual([0, 1000]);
    expect(Array.from(j.endS)).toEqual([1000, 1100]);
  });

  test('with preempt: B starts in the pass it arrives, A is killed (10 s lost) and restarts when B ends', () => {
    const sim = run({ jobs, priority: [0, 5], scheduler: { kind: 'priority', preempt: true } });
    const j = sim.jobs();
    expect(Array.from(j.startS)).toEqual([110, 10]); // A's row shows its last run
    expect(Array.from(j.endS)).toEqual([1110, 110]);
    expect(j.requeues!.restarts[0]).toBe(1);
    expect(j.requeues!.lostS[0]).toBe(10);
    const t = sim.faultTotals()[0]!;
    expect([t.jobsPreempted, t.jobRestarts, t.acceleratorSecondsLost]).toEqual([1, 1, 8 * 10]);
    expect(sim.decisions.filter((d) => d.action === 'preempt').map((d) => [d.timeS, d.component, d.reason])).toEqual([[10, 'scheduler', 'job 0: preempted for job 1 (priority 5 > 0)']]);
  });

  test('with preempt and checkpoints every 4 s: A keeps 8 s of its 10 and loses 2', () => {
    const sim = run({ jobs, priority: [0, 5], scheduler: { kind: 'priority', preempt: true }, checkpoint: { everyS: 4, costS: 0 } });
    const j = sim.jobs();
    expect(j.requeues!.lostS[0]).toBe(2);
    expect(j.endS[0]).toBe(110 + 992);
  });

  test('victims: lowest priority first, then the most recently started; only as many as make room', () => {
    // Node of 8: C (prio 1, 4 acc) at 0, D (prio 0, 2 acc) at 1, E (prio 0, 2 acc) at 2; F (prio 9, 4 acc) at 5.
    // Freeing E then D gives 4: C (higher priority than D and E) survives.
    const sim = run({ jobs: [[0, 500, 4], [1, 500, 2], [2, 500, 2], [5, 50, 4]], priority: [1, 0, 0, 9], scheduler: { kind: 'priority', preempt: true } });
    expect(sim.decisions.filter((d) => d.action === 'preempt').map((d) => d.reason.split(':')[0])).toEqual(['job 2', 'job 1']);
    const j = sim.jobs();
    expect(j.startS[3]).toBe(5);
    expect(j.startS[0]).toBe(0); // never killed
  });

  test('no preemption for equal priority, and strict order: a lower-priority job never passes a blocked one', () => {
    // Node of 8 busy with G (prio 2, 8 acc). H (prio 2, 8 acc) waits; I (prio 0, 1 acc) waits behind it although nothing fits anyway.
    const sim = run({ jobs: [[0, 100, 8], [1, 100, 8], [2, 10, 1]], priority: [2, 2, 0], scheduler: { kind: 'priority', preempt: true } });
    const j = sim.jobs();
    expect(Array.from(j.startS)).toEqual([0, 100, 200]);
    expect(sim.decisions.some((d) => d.action === 'preempt')).toBe(false);
  });

  test('a gang job preempts whole nodes', () => {
    // Two nodes of 8: K (prio 0, 8) on node 0, L (prio 0, 8) on node 1; M (prio 3, 16) at 5 kills both.
    const sim = run({ jobs: [[0, 500, 8], [0, 500, 8], [5, 100, 16]], priority: [0, 0, 3], nodes: 2, scheduler: { kind: 'priority', preempt: true } });
    const j = sim.jobs();
    expect(j.startS[2]).toBe(5);
    expect(sim.faultTotals()[0]!.jobsPreempted).toBe(2);
    expect(j.state[0]).toBe(JobState.Completed);
  });
});

describe('fair-share', () => {
  test('the tenant with the lowest running share per weight starts next; a blocked tenant does not block the other', () => {
    // One node of 4 accelerators. t=0: a1, a2 (tenant a), b1 (tenant b), each 1 acc for 100 s; then a3, b2.
    // Weights a: 1, b: 1. Starts in share order: a1 (0/1), b1 (0/1 < 1/1), a2 (1 = 1, first group), b2 (1 < 2)… capacity 4.
    const sim = run({ jobs: [[0, 100, 1], [0, 100, 1], [0, 100, 1], [0, 100, 1], [0, 100, 1]], tenants: { names: ['a', 'b'], ofRow: [0, 0, 1, 0, 1] }, perNode: 4, scheduler: { kind: 'fair-share' } });
    const j = sim.jobs();
    // a: jobs 0, 1, 3; b: jobs 2, 4. First 4 starts: 0 (a), 2 (b), 1 (a), 4 (b); job 3 (a) waits for the first end.
    expect(Array.from(j.startS)).toEqual([0, 0, 0, 100, 0]);
  });

  test('weights 2:1 with equal demand give busy-hours within 5% of 2:1 over a long run', () => {
    // 48 accelerators (2:1 = 32:16 exactly), two tenants each offering ~40 busy accelerators of 1-accelerator jobs (saturated), a week.
    const rows: JobRow[] = [];
    const ofRow: number[] = [];
    const rng = new Rng(7);
    for (let t = 0; t < 7 * 86400; t += 30) {
      for (const tenant of [0, 1]) {
        rows.push([t, 600 + 1200 * rng.uniform(), 1]);
        ofRow.push(tenant);
      }
    }
    const sim = run({ jobs: rows, tenants: { names: ['big', 'small'], ofRow }, nodes: 6, horizonS: 7 * 86400, scheduler: { kind: 'fair-share', weights: { big: 2, small: 1 } } });
    const j = sim.jobs();
    const busy = [0, 0];
    for (let i = 0; i < j.length; i++) {
      if (!(j.startS[i]! >= 0)) continue;
      const end = Number.isNaN(j.endS[i]!) ? 7 * 86400 : j.endS[i]!;
      busy[ofRow[i]!]! += end - j.startS[i]!;
    }
    expect(busy[0]! / busy[1]!).toBeGreaterThan(2 * 0.95);
    expect(busy[0]! / busy[1]!).toBeLessThan(2 * 1.05);
  });
});
