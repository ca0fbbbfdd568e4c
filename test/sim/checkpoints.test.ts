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
  });

  test('a kill keeps completed checkpoints only: one whose pause is not over does not count', () => {
    expect([keptWorkS(650, plan), lostRunS(650, plan)]).toEqual([600, 10]); // done at 320 and 640
    expect([keptWorkS(630, plan), lostRunS(630, plan)]).toEqual([300, 310]); // second pause still running
    expect([keptWorkS(299, plan), lostRunS(299, plan)]).toEqual([0, 299]);
    expect([keptWorkS(650, null), lostRunS(650, null)]).toEqual([0, 650]);
    expect([keptWorkS(650, { everyS: 300, costS: 0 }), lostRunS(650, { everyS: 300, costS: 0 })]).toEqual([600, 50]);
  });
});
