/** The verdict: which policies meet the SLO target and the planner's limits, and the cheapest of them. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { verdict } from '../../sim-engine/report/verdict.js';
import { runPolicy } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

const runsOf = (file: string) => {
  const r = loadScenario(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { scenario: r.scenario, runs: r.scenario.policies.map((_, i) => runPolicy(r.scenario, i, r.scenario.seed, new Map())) };
};

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
});
