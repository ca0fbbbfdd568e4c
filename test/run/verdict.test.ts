/** The verdict: which policies meet the SLO target and the planner's limits, and the cheapest of them. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Summary } from '../../sim-engine/metrics/types.js';
import { verdict } from '../../sim-engine/report/verdict.js';
import { runPolicy } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { EngineSession } from '../../sim-engine/worker/run-bundle.js';

const runsOf = (file: string) => {
  const r = loadScenario(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { scenario: r.scenario, runs: r.scenario.policies.map((_, i) => runPolicy(r.scenario, i, r.scenario.seed, new Map())) };
};

/** A summary with only what the verdict reads set to something meaningful. */
const summary = (over: Partial<Summary>): Summary => ({
  costUsd: 1000, acceleratorHoursBilled: 0, acceleratorHoursBusy: 0, utilization: null, waitMeanS: null, waitP50S: null, waitP95S: 600, waitP99S: null,
  jobsQueuedAtEnd: 0, jobsSubmitted: 0, jobsCompleted: 0, jobsUnfinished: 0, jobsRejected: 0, shortfallHours: null, availability: null,
  costPerBusyAcceleratorHour: null, preemptions: 0, jobsPreempted: 0, nodeFailures: 0, jobRestarts: 0, acceleratorHoursLost: 0, energyKwh: 0, energyCostUsd: null, ...over,
});
const run = (policy: string, over: Partial<Summary>) => ({ policy, summary: summary(over) });

describe('verdict', () => {
  test('default scenario: static-20 is cheapest but misses the 95% target; reactive is recommended', () => {
    const { scenario, runs } = runsOf('scenarios/default.yaml');
    expect(scenario.slo!.availabilityTarget).toBe(0.95);
    const v = verdict(runs, { availabilityTarget: scenario.slo!.availabilityTarget });
    expect(v.recommended).toBe('reactive');
    expect(v.policies.find((p) => p.policy === 'static-20')).toMatchObject({ feasible: false, reasons: [expect.stringMatching(/^availability 39\.\d\d% < target 95\.00%$/)] });
    expect(v.reason).toMatch(/^reactive: meets the SLO 99\.\d\d% of the time at \$117\.0k, \$46\.\dk less than static-28\.$/);
  });

  test('limits the planner sets, and none feasible', () => {
    const { runs } = runsOf('scenarios/default.yaml');
    expect(verdict(runs, { availabilityTarget: 0.95, maxCostUsd: 150_000 }).policies.find((p) => p.policy === 'static-28')!.reasons).toEqual([expect.stringMatching(/^cost \$163\.\dk > limit \$150\.0k$/)]);
    const none = verdict(runs, { availabilityTarget: 0.95, maxWaitP95S: 1 });
    expect(none.recommended).toBeNull();
    expect(none.reason).toMatch(/^No policy meets the requirements/);
  });

  test('without an SLO the target does not apply; the cheapest policy is recommended and the reason says no SLO is set', () => {
    const { runs } = runsOf('scenarios/mmc.yaml');
    const v = verdict(runs, { availabilityTarget: 0.95 });
    expect(v.policies.every((p) => p.feasible)).toBe(true);
    expect(v.reason).toMatch(/with no SLO set/);
  });

  test('availabilityTarget is validated', () => {
    const bad = loadScenario(readFileSync('scenarios/default.yaml', 'utf8').replace('slo: { maxQueueWait: 30m }', 'slo: { maxQueueWait: 30m, availabilityTarget: 1.5 }'), 'd.yaml');
    expect(!bad.ok && bad.issues[0]!.message).toBe('must be in (0, 1], e.g. 0.95 (got 1.5)');
  });

  test('names the wait SLO, and a planner’s min availability replaces the target (a cost tie within 1% goes to the shorter wait p95)', () => {
    const { runs } = runsOf('scenarios/default.yaml');
    const named = verdict(runs, { availabilityTarget: 0.95, maxQueueWaitS: 1800 });
    expect(named.reason).toMatch(/^reactive: meets the 30m wait SLO 99\.\d\d% of the time at \$117\.0k, \$46\.\dk less than static-28\.$/);
    expect(named.sloSet).toBe(true);
    expect(named.excludedBy).toEqual([{ requirement: 'availability', label: 'the availability target 95.00%', count: 1 }]);
    const lax = verdict(runs, { availabilityTarget: 0.95, maxQueueWaitS: 1800, minAvailability: 0.3 });
    expect(lax.policies.every((p) => p.feasible)).toBe(true);
    // static-20 costs $0.2k less than reactive (within 1%) but waits 4h 47m at p95 against 13m.
    expect(lax.recommended).toBe('reactive');
    expect(lax.reason).toMatch(/^reactive: meets the 30m wait SLO 99\.\d\d% of the time at \$117\.0k, within 1% of static-20's \$116\.8k, with a shorter wait p95 \(13m vs 4h 47m\)\.$/);
    const strict = verdict(runs, { availabilityTarget: 0.95, minAvailability: 0.99 });
    expect(strict.recommended).toBe('reactive');
    expect(strict.reason).toMatch(/, the only policy that meets the requirements\.$/);
    expect(strict.policies.find((p) => p.policy === 'static-28')).toMatchObject({ feasible: false, failed: ['availability'], reasons: [expect.stringMatching(/^availability 97\.\d\d% < required 99\.00%$/)] });
  });

  test('with none feasible, the reason names the requirement that excludes the most', () => {
    const runs = [run('a', { costUsd: 200, availability: 0.5 }), run('b', { costUsd: 300, availability: 0.99 }), run('c', { costUsd: 400, availability: 0.999 })];
    const v = verdict(runs, { availabilityTarget: 0.95, maxCostUsd: 250 });
    expect(v.recommended).toBeNull();
    expect(v.excludedBy.map((e) => [e.requirement, e.count])).toEqual([['maxCost', 2], ['availability', 1]]);
    expect(v.reason).toBe('No policy meets the requirements: max cost $250.00 excludes the most (2 of 3); relax it or add capacity.');
    const tie = verdict([run('a', { costUsd: 200, availability: 0.5, waitP95S: 60 }), run('b', { costUsd: 300, availability: 0.99, waitP95S: 7200 })], { availabilityTarget: 0.95, maxCostUsd: 250, maxWaitP95S: 1800 });
    expect(tie.reason).toBe('No policy meets the requirements: the availability target 95.00%, max cost $250.00 and max wait p95 30m each exclude the most (1 of 2); relax one or add capacity.');
    expect(tie.policies.map((p) => p.reasons)).toEqual([['availability 50.00% < target 95.00%'], ['cost $300.00 > limit $250.00', 'wait p95 2h > limit 30m']]);
  });

  test('with no SLO set: cost decides, a tie goes to the shorter wait p95, and a min availability is not applied', () => {
    const runs = [run('fifo', { costUsd: 264_800, waitP95S: 52_560 }), run('sjf', { costUsd: 264_800, waitP95S: 6900 }), run('backfill', { costUsd: 264_800, waitP95S: 12_600 })];
    const v = verdict(runs, { availabilityTarget: 0.95, minAvailability: 0.99 });
    expect(v.sloSet).toBe(false);
    expect(v.notApplied).toEqual(['availability']);
    expect(v.recommended).toBe('sjf');
    expect(v.reason).toBe('sjf: with no SLO set, costs $264.8k, the same as fifo, with a shorter wait p95 (1h 55m vs 14h 36m).');
    const cheap = verdict([run('small', { costUsd: 100_000, waitP95S: 7200 }), run('big', { costUsd: 150_000, waitP95S: 60 })], { availabilityTarget: 0.95 });
    expect(cheap.reason).toBe('small: with no SLO set, the cheapest at $100.0k (wait p95 2h), $50.0k less than big.');
    // A planner's wait limit brings waits in.
    expect(verdict([run('small', { costUsd: 100_000, waitP95S: 7200 }), run('big', { costUsd: 150_000, waitP95S: 60 })], { availabilityTarget: 0.95, maxWaitP95S: 1800 }).recommended).toBe('big');
  });

  test('the app’s run bundle carries the scenario’s SLO for the verdict (target default 0.95; none without slo)', async () => {
    const host = { now: () => 0, yieldNow: async () => {}, sha256Hex: async () => '0'.repeat(64) };
    const short = readFileSync('scenarios/default.yaml', 'utf8').replace(/^horizon: .*$/m, 'horizon: 6h').replace(/^warmup: .*$/m, '');
    const bundleOf = async (text: string) => {
      const out = await new EngineSession(host).run({ text, fileName: 'd.yaml', policies: ['reactive'] });
      if (!out.ok) throw new Error(out.message);
      return out.bundle;
    };
    expect((await bundleOf(short)).slo).toEqual({ maxQueueWaitS: 1800, availabilityTarget: 0.95 });
    expect((await bundleOf(short.replace('slo: { maxQueueWait: 30m }', 'slo: { maxQueueWait: 1h, availabilityTarget: 0.99 }'))).slo).toEqual({ maxQueueWaitS: 3600, availabilityTarget: 0.99 });
    expect((await bundleOf(short.replace('slo: { maxQueueWait: 30m }', ''))).slo).toEqual({ maxQueueWaitS: null, availabilityTarget: 0.95 });
  });
});

