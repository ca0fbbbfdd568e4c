/**
 * sjf and easy-backfill on a hand-checkable scenario, against fifo.
 *
 * Pool p: 2 nodes × 4 accelerators. Jobs (trace order; durations on the reference accelerator):
 *   J0 t=0 100 s k=4   J1 t=1 50 s k=8 (a gang: both nodes)   J2 t=2 200 s k=4
 *   J3 t=3 90 s k=4    J4 t=4 10 s k=2
 * fifo: J0 0–100 on node 0; J1 blocks the queue until J0 ends: 100–150; then J2 150–350
 *   (node 0), J3 150–240 (node 1); J4 waits for room: 240.           Starts 0, 100, 150, 150, 240.
 * sjf: J1 (50 s) cannot fit, J2 takes node 1 at 2; J3, J4 wait. At 100 J4 (10 s) goes first
 *   (node 0, 100–110); J1 still cannot fit, nor J3; at 110 J3 → node 0 (110–200); J1 waits for
 *   node 1 (J2 ends 202) → 202.                                        Starts 0, 202, 2, 110, 100.
 * easy-backfill: J1 blocks with shadow time S = 100 (node 0 frees then; node 1 is idle), extra 0.
 *   J2 (ends 202 > S) would hold node 1 at S: refused. J3 (3 + 90 = 93 ≤ S) backfills on node 1.
 *   J4 (4 + 10 ≤ S) does not fit at 4; at 93 it would end at 103 > S on node 1: refused.
 *   J1 starts at 100 as under fifo; then J2 is the head (S = 150), J4 cannot fit before 150.
 *                                                                       Starts 0, 100, 150, 3, 150.
 */
import { describe, expect, test } from 'vitest';
import { builtinPolicyRegistry } from '../../sim-engine/policies/registry.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { makeSim, pool, type JobRow } from '../sim/harness.js';

const registry = builtinPolicyRegistry();
const jobs: JobRow[] = [
  [0, 100, 4],
  [1, 50, 8],
  [2, 200, 4],
  [3, 90, 4],
  [4, 10, 2],
];

function startTimes(kind: string, params: Record<string, unknown> = {}): number[] {
  const sim = makeSim({ pools: [pool({ name: 'p', perNode: 4, initial: 2 })], jobs, scheduler: registry.createScheduler({ kind, estimate: 'exact', ...params }, new Rng(1).fork('scheduler')), horizonS: 10_000 });
  sim.run();
  const out = sim.jobs();
  expect(Array.from(out.endS, (e, i) => e - out.startS[i]!)).toEqual(jobs.map((j) => j[1]));
  return Array.from(out.startS);
}

describe('schedulers on a hand-checked two-node example', () => {
  test('fifo blocks behind the gang job', () => {
    expect(startTimes('fifo')).toEqual([0, 100, 150, 150, 240]);
  });

  test('sjf runs the shortest job that fits first and skips the rest (the gang job starves)', () => {
    expect(startTimes('sjf')).toEqual([0, 202, 2, 110, 100]);
  });

  test('easy-backfill backfills the job that ends by the shadow time, and the head starts as under fifo', () => {
    expect(startTimes('easy-backfill')).toEqual([0, 100, 150, 3, 150]);
  });

  test('sjf with requested times equal to nothing falls back to exact estimates', () => {
    expect(startTimes('sjf', { estimate: 'requested' })).toEqual([0, 202, 2, 110, 100]);
    expect(startTimes('easy-backfill', { estimate: 'requested' })).toEqual([0, 100, 150, 3, 150]);
  });

  test('estimate noise needs the run’s substream (no default seed)', () => {
    expect(() => registry.createScheduler({ kind: 'sjf', estimate: { error: 0.5 } })).toThrow('scheduler sjf: estimate { error } needs the run');
    expect(() => registry.createScheduler({ kind: 'easy-backfill', estimate: { error: 0.5 } })).toThrow('no default seed');
  });
});
