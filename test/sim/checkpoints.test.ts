import { describe, expect, test } from 'vitest';
import { keptWorkS, lostRunS, runtimeWithCheckpoints } from '../../sim-engine/sim/checkpoints.js';

describe('checkpoints', () => {
  const plan = { everyS: 300, costS: 20 };
  test('a run pays a pause per checkpoint taken, none at its very end', () => {
    expect(runtimeWithCheckpoints(1000, plan)).toBe(1000 + 3 * 20); // after 300, 600, 900 s of work
    expect(runtimeWithCheckpoints(900, plan)).toBe(900 + 2 * 20); // the one at 900 s would be the end
    expect(runtimeWithCheckpoints(250, plan)).toBe(250);
    expect(runtimeWithCheckpoints(1000, { everyS: 300, costS: 0 })).toBe(1000);
    expect(runtimeWithCheckpoints(1000, null)).toBe(1000);
    // 4140 reference-seconds at speed 2.3 is 1800 s up to float error: two pauses, not three.
    expect(runtimeWithCheckpoints(4140 / 2.3, { everyS: 600, costS: 20 })).toBeCloseTo(1840, 9);
  });

  test('a kill keeps completed checkpoints only: one whose pause is not over does not count', () => {
    expect([keptWorkS(650, plan), lostRunS(650, plan)]).toEqual([600, 10]); // done at 320 and 640
    expect([keptWorkS(630, plan), lostRunS(630, plan)]).toEqual([300, 310]); // second pause still running
    expect([keptWorkS(299, plan), lostRunS(299, plan)]).toEqual([0, 299]);
    // Killed when a checkpoint has just completed, up to float error: it is kept, nothing lost.
    expect(keptWorkS(640 - 1e-13, plan)).toBe(600);
    expect(lostRunS(640 - 1e-13, plan)).toBe(0);
    expect([keptWorkS(650, null), lostRunS(650, null)]).toEqual([0, 650]);
    expect([keptWorkS(650, { everyS: 300, costS: 0 }), lostRunS(650, { everyS: 300, costS: 0 })]).toEqual([600, 50]);
  });
});
