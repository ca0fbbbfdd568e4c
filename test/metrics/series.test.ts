/** The series recorder: samples at multiples of sampleEvery, seeing the state after their instant. */
import { describe, expect, test } from 'vitest';
import { MAX_SAMPLES } from '../../sim-engine/scenario/schema.js';
import { makeSim, pool } from '../sim/harness.js';

describe('series', () => {
  test('a finite run samples [0, horizon); each sample sees everything at its instant', () => {
    // One 8-GPU node; a 4-GPU job 0 → 250 (arrives exactly at the t = 0 sample), a 2-GPU job 100 → 400.
    const sim = makeSim({ pools: [pool({ name: 'p', pricePerNodeHour: 36 })], jobs: [[0, 250, 4], [100, 300, 2]], horizonS: 500, sampleEveryS: 100 });
    sim.run();
    const s = sim.seriesData();
    expect(Array.from(s.timeS)).toEqual([0, 100, 200, 300, 400]);
    const total = (col: Float64Array) => Array.from(s.timeS, (_, r) => col[r * 2 + 1]);
    expect(total(s.busy)).toEqual([4, 6, 6, 2, 0]);
    expect(total(s.ready)).toEqual([8, 8, 8, 8, 8]);
    expect(total(s.costUsd).map((c) => Math.round(c! * 100) / 100)).toEqual([0, 1, 2, 3, 4]);
  });

  test('a drain run samples up to and including its end instant', () => {
    const sim = makeSim({ pools: [pool({ name: 'p' })], jobs: [[0, 300, 1]], horizonS: Infinity, sampleEveryS: 100 });
    sim.run();
    expect(sim.endS).toBe(300);
    expect(Array.from(sim.seriesData().timeS)).toEqual([0, 100, 200, 300]);
  });

  test('a drain run that would need more than MAX_SAMPLES samples stops with a message', () => {
    const sim = makeSim({ pools: [pool({ name: 'p' })], jobs: [[0, (MAX_SAMPLES + 10) * 1, 1]], horizonS: Infinity, sampleEveryS: 1 });
    sim.run();
    expect(sim.failure).toMatch(/more than 1,000,000 samples at sampleEvery 1s/);
  });
});
