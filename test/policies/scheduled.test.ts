/** scheduled: weekly windows of node counts, scaling exactly at their edges (t = 0 is startsOn 00:00). */
import { describe, expect, test } from 'vitest';
import { makeSim, pool, type JobRow } from '../sim/harness.js';
import { autoscalerOf, decisionsOf, issuesOf, reasonsOf, scenarioWith } from './autoscaler-helpers.js';

const DAY = 86_400;
const H = 3600;
const a = pool({ name: 'a', perNode: 4, initial: 1, max: 10 });
const schedule = {
  kind: 'scheduled',
  windows: [
    { days: ['wed'], from: '08:00', to: '20:00', nodes: { a: 5 } },
    { days: ['sun'], from: '22:00', to: '02:00', nodes: { a: 3 } }, // overnight, into Monday
  ],
  default: { a: 2 },
};
const run = (startsOn: number, jobs: JobRow[] = [], ref: Record<string, unknown> = schedule, horizonS = 7 * DAY) => {
  const sim = makeSim({ pools: [a], jobs, autoscaler: autoscalerOf(ref as never), horizonS, startsOn });
  sim.run();
  return sim;
};

describe('scheduled', () => {
  test('follows its windows exactly from Monday 00:00', () => {
    const sim = run(0);
    // t = 0 is inside Sunday's overnight window (it runs to Monday 02:00): 3 nodes, then the default 2 at 02:00.
    expect(decisionsOf(sim)).toEqual([`0 a add 2`, `${2 * H} a release 1`, `${2 * DAY + 8 * H} a add 3`, `${2 * DAY + 20 * H} a release 3`, `${6 * DAY + 22 * H} a add 1`]);
    expect(reasonsOf(sim)).toEqual([
      'window sun 22:00–02:00: target 3 nodes; 1 → 3 → +2',
      'outside windows (default): target 2 nodes; 3 → 2 → −1',
      'window wed 08:00–20:00: target 5 nodes; 2 → 5 → +3',
      'outside windows (default): target 2 nodes; 5 → 2 → −3',
      'window sun 22:00–02:00: target 3 nodes; 2 → 3 → +1',
    ]);
  });

  test('startsOn: wed shifts every edge', () => {
    const sim = run(2);
    expect(decisionsOf(sim)).toEqual([`0 a add 1`, `${8 * H} a add 3`, `${20 * H} a release 3`, `${4 * DAY + 22 * H} a add 1`, `${5 * DAY + 2 * H} a release 1`]);
  });

  test('wakes only at edges: a pool on target is never polled', () => {
    const seen: number[] = [];
    const inner = autoscalerOf(schedule as never);
    const spy = { ...inner, capacityBound: inner.capacityBound.bind(inner), firstWakeS: () => inner.firstWakeS(), mayStillAct: inner.mayStillAct.bind(inner), decide: (v: Parameters<typeof inner.decide>[0], s: Parameters<typeof inner.decide>[1]) => (seen.push(v.now), inner.decide(v, s)) };
    makeSim({ pools: [a], jobs: [], autoscaler: spy, horizonS: 7 * DAY }).run();
    expect(seen).toEqual([0, 2 * H, 2 * DAY + 8 * H, 2 * DAY + 20 * H, 6 * DAY + 22 * H]);
  });

  test('busy nodes above the target are released as they go idle (rechecked every minute)', () => {
    const ref = { kind: 'scheduled', windows: [{ days: ['mon'], from: '00:00', to: '01:00', nodes: { a: 3 } }], default: { a: 1 } };
    // Three jobs start at 0 on the three nodes; the one on node 1 ends at 4000, the others at 5400.
    const sim = run(0, [[0, 5400, 4], [0, 4000, 4], [0, 5400, 4]], ref, 3 * H);
    expect(decisionsOf(sim)).toEqual(['0 a add 2', '4020 a release 1', '5400 a release 1']);
    expect(reasonsOf(sim).slice(1)).toEqual(['outside windows (default): target 1 node; 3 → 1 → −1 (1 node busy: released as they go idle)', 'outside windows (default): target 1 node; 2 → 1 → −1']);
  });

  test('bad input: overlapping windows, bad times, unknown pools, days twice, empty windows', () => {
    const yaml = (windows: string, extra = '') => scenarioWith(`kind: scheduled\nwindows:\n${windows}${extra}`);
    expect(issuesOf(yaml('  - { days: [mon, tue], from: "08:00", to: "20:00", nodes: { a100: 4 } }\n  - { days: [tue], from: "18:00", to: "02:00", nodes: { a100: 2 } }\n'))).toEqual([
      't.yaml:22:11: policies[0].autoscaler.windows[1]: windows 0 and 1 both set pool "a100" on tue 18:00–20:00: windows for the same pool must not overlap (got mon,tue 08:00–20:00 and tue 18:00–02:00)',
    ]);
    // Sunday night into Monday morning overlaps Monday's window across the week's end.
    expect(issuesOf(yaml('  - { days: [sun], from: "22:00", to: "06:00", nodes: { a100: 4 } }\n  - { days: [mon], from: "05:00", to: "09:00", nodes: { a100: 2 } }\n'))[0]).toMatch(/windows 0 and 1 both set pool "a100" on mon 05:00–06:00/);
    expect(issuesOf(yaml('  - { days: [mon], from: "08:00", to: "25:00", nodes: { a100: 4 } }\n'))).toEqual(['t.yaml:21:45: policies[0].autoscaler.windows[0].to: must be a time "HH:MM" from 00:00 to 24:00 (got "25:00")']);
    expect(issuesOf(yaml('  - { days: [mon], from: "24:00", to: "08:00", nodes: { a100: 4 } }\n'))).toEqual(['t.yaml:21:32: policies[0].autoscaler.windows[0].from: must be a time "HH:MM" from 00:00 to 23:59 (got "24:00")']);
    expect(issuesOf(yaml('  - { days: [mon], from: "08:00", to: "20:00", nodes: { a10: 4 } }\n'))).toEqual(['t.yaml:21:68: policies[0].autoscaler.windows[0].nodes.a10: unknown pool (got "a10"; pools: a100) — did you mean "a100"?']);
    expect(issuesOf(yaml('  - { days: [mon], from: "08:00", to: "20:00", nodes: { a100: 9 } }\n'))).toEqual(["t.yaml:21:69: policies[0].autoscaler.windows[0].nodes.a100: nodes must be ≤ the pool's max (8) (got 9)"]);
    expect(issuesOf(yaml('  - { days: [mon, mon], from: "08:00", to: "08:00", nodes: { a100: 4 } }\n'))).toEqual([
      't.yaml:21:19: policies[0].autoscaler.windows[0].days: lists mon twice (got mon, mon)',
      't.yaml:21:50: policies[0].autoscaler.windows[0].to: a window must not be empty: to must differ from from (08:00) (got 08:00)',
    ]);
    expect(issuesOf(yaml('  - { days: [monday], from: "08:00", to: "20:00", nodes: { a100: 4 } }\n'))[0]).toBe('t.yaml:21:20: policies[0].autoscaler.windows[0].days[0]: a day must be one of mon, tue, wed, thu, fri, sat, sun (got "monday")');
    expect(issuesOf(yaml('  - { days: [mon], from: "08:00", to: "20:00", nodes: { a100: 4 } }\n', 'default: { a10: 1 }\n'))).toEqual(['t.yaml:22:23: policies[0].autoscaler.default.a10: unknown pool (got "a10"; pools: a100) — did you mean "a100"?']);
    expect(issuesOf(scenarioWith('kind: scheduled\nwindows: []'))).toEqual(['t.yaml:20:16: policies[0].autoscaler.windows: needs at least one window']);
  });
});
