/** backlog: packs the queue onto free and coming capacity, adds the rest in the cheapest eligible pool with room, removes empty nodes. */
import { describe, expect, test } from 'vitest';
import { makeSim, pool, type JobRow } from '../sim/harness.js';
import { autoscalerOf, decisionsOf, issuesOf, reasonsOf, scenarioWith } from './autoscaler-helpers.js';

const boot = { dist: 'constant', value: 120 };
const od = pool({ name: 'od', perNode: 4, initial: 1, max: 10, pricePerNodeHour: 20, provisioning: boot } as never); // $5 per accelerator-hour
const cheap = pool({ name: 'cheap', perNode: 8, initial: 0, max: 2, pricePerNodeHour: 24, provisioning: boot } as never); // $3

describe('backlog', () => {
  test('provisions exactly what the queue needs, cheapest pool first within its max; removes nodes empty for consolidateAfter', () => {
    const jobs: JobRow[] = [[0, 3600, 4], [0, 3600, 2], [0, 3600, 8], [0, 3600, 16], [60, 600, 3]];
    const sim = makeSim({ pools: [od, cheap], jobs, autoscaler: autoscalerOf({ kind: 'backlog' }), horizonS: 4 * 3600 });
    sim.run();
    // t = 0: job 0 fits the free od node. Jobs 1 (2) and 2 (8) take two cheap nodes (2 + 8 of 16);
    // the 16-accelerator gang job 3 cannot fit cheap (max 2, both planned), so od gets 4 nodes.
    // t = 60: job 4 (3) fits the 6 accelerators left on a planned cheap node: nothing added.
    // Nodes go once empty for 10m: job 4 ends at 720, job 0 at 3600, the rest at 3720.
    expect(decisionsOf(sim)).toEqual(['0 od add 4', '0 cheap add 2', '1320 od release 1', '4200 od release 1', '4320 od release 3', '4320 cheap release 2']);
    expect(reasonsOf(sim).slice(0, 3)).toEqual([
      '1 queued job (job 3; 16 accelerators) fits no free or provisioning capacity → +4 nodes in od, the cheapest eligible pool with room ($5.00 per accelerator-hour)',
      '2 queued jobs (jobs 1, 2; 10 accelerators) fit no free or provisioning capacity → +2 nodes in cheap, the cheapest eligible pool with room ($3.00 per accelerator-hour)',
      '1 node empty ≥ 10m, queue empty → −1',
    ]);
    expect(sim.jobs().state.every((s) => s === 0)).toBe(true);
  });

  test('an idle node a queued job needs is kept, however long it is empty', () => {
    // An 8-accelerator gang job needs 2 nodes of 4: the idle initial one and one that boots for 30m.
    // With consolidateAfter 1m the initial node stays (the job needs it); both go 1m after the job ends.
    const slow = pool({ name: 'od', perNode: 4, initial: 1, max: 3, pricePerNodeHour: 20, provisioning: { dist: 'constant', value: 1800 } } as never);
    const sim = makeSim({ pools: [slow], jobs: [[0, 600, 8]], autoscaler: autoscalerOf({ kind: 'backlog', consolidateAfter: '1m' }), horizonS: 3 * 3600 });
    sim.run();
    expect(decisionsOf(sim)).toEqual(['0 od add 1', `${1800 + 600 + 60} od release 2`]);
  });

  test('tops pools up to min', () => {
    const sim = makeSim({ pools: [pool({ name: 'p', perNode: 8, initial: 0, min: 2, max: 4 })], jobs: [], autoscaler: autoscalerOf({ kind: 'backlog' }), horizonS: 600 });
    sim.run();
    expect(decisionsOf(sim)).toEqual(['0 p add 2']);
    expect(reasonsOf(sim)).toEqual(['below min: 0 < 2 nodes → +2']);
  });

  test('bad consolidateAfter is a clear issue', () => {
    expect(issuesOf(scenarioWith('kind: backlog\nconsolidateAfter: soon'))).toEqual(['t.yaml:20:25: policies[0].autoscaler.consolidateAfter: expected a duration such as 90, "90s", "15m", "6h" or "7d" (got "soon")']);
  });
});
