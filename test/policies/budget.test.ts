/** budget: the inner autoscaler's additions capped by a cost rate and a projected total; refusals logged; bad input clear. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { summarize } from '../../sim-engine/metrics/summary.js';
import type { Autoscaler, AutoscalerView } from '../../sim-engine/policies/types.js';
import { makeSim, pool, type JobRow } from '../sim/harness.js';
import { autoscalerOf, decisionsOf, issuesOf, reasonsOf, scenarioWith } from './autoscaler-helpers.js';

const a = (over: Record<string, unknown> = {}) => pool({ name: 'a', perNode: 4, initial: 1, max: 10, pricePerNodeHour: 10, provisioning: { dist: 'constant', value: 120 }, ...over } as never);
const ten: JobRow[] = Array.from({ length: 10 }, (): JobRow => [0, 3600, 4]);

/** The autoscaler, recording the view's cost rate after every decision it makes. */
function sampled(inner: Autoscaler, rates: number[]): Autoscaler {
  const after = <T>(view: AutoscalerView, v: T): T => (rates.push(view.costRateUsdPerHour), v);
  return {
    name: inner.name,
    capacityBound: (p) => inner.capacityBound(p),
    firstWakeS: () => inner.firstWakeS(),
    mayStillAct: (v) => inner.mayStillAct(v),
    decide: (v, s) => after(v, inner.decide(v, s)),
    ...(inner.onNodesLost ? { onNodesLost: (v: AutoscalerView, ...rest: [never, number, number, 'preempted' | 'unfulfilled', string]) => after(v, inner.onNodesLost!(v, ...rest)) } : {}),
  };
}

describe('budget', () => {
  test('maxUsdPerHour grants the part that fits and logs the rest, once while nothing changes', () => {
    const sim = makeSim({ pools: [a()], jobs: ten, autoscaler: autoscalerOf({ kind: 'budget', maxUsdPerHour: 45, inner: { kind: 'backlog' } }), horizonS: 4 * 3600 });
    sim.run();
    // $10/h now + 3 × $10 ≤ $45: 3 of the 9 nodes backlog asks for. The same refusal at 120, 180, … is not repeated.
    expect(decisionsOf(sim).slice(0, 6)).toEqual(['0 a add 3', '0 a refused 6', '60 a refused 6', '3600 a refused 5', '3720 a refused 2', '7200 a refused 1']);
    expect(reasonsOf(sim)[0]).toMatch(/→ \+9 nodes in a, .* \(budget: 3 of 9 granted\)$/);
    expect(reasonsOf(sim)[1]).toMatch(/^budget: \+9 nodes at \$10\.00\/h each: the cost rate would go from \$10\.00\/h to \$100\.00\/h, over maxUsdPerHour \$45\.00\/h → granted 3, refused 6 \(asked: 9 queued jobs/);
  });

  test('maxUsd caps the projected total: cost so far + rate × time left', () => {
    // 1 node at $10/h for 4h = $40 projected; $100 leaves room for floor(60 / 40) = 1 more node at t = 0.
    const sim = makeSim({ pools: [a()], jobs: ten, autoscaler: autoscalerOf({ kind: 'budget', maxUsd: 100, inner: { kind: 'backlog' } }), horizonS: 4 * 3600 });
    sim.run();
    expect(decisionsOf(sim).slice(0, 2)).toEqual(['0 a add 1', '0 a refused 8']);
    expect(reasonsOf(sim)[1]).toMatch(/the projected total \(\$0\.00 so far \+ \$100\.00\/h × 4h left\) would be \$400\.00, over maxUsd \$100\.00 → granted 1, refused 8/);
    expect(summarize(sim.summaryInput()).summary.costUsd).toBeLessThanOrEqual(100 + 1e-9);
  });

  test('never exceeds its caps, whatever the workload and the inner autoscaler', () => {
    const job = fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 60, max: 10_000 }), fc.constantFrom(1, 2, 4, 8, 12));
    const arb = fc.record({
      jobs: fc.array(job, { minLength: 1, maxLength: 40 }),
      inner: fc.constantFrom({ kind: 'backlog' }, { kind: 'target-tracking' }, { kind: 'reactive', scaleUpAfterWait: '1m' }, { kind: 'scheduled', windows: [{ days: ['mon'], from: '02:00', to: '05:00', nodes: { a: 6, b: 3 } }] }),
      rateCap: fc.option(fc.integer({ min: 20, max: 120 }), { nil: undefined }),
      totalCap: fc.option(fc.integer({ min: 100, max: 800 }), { nil: undefined }),
      provisioningS: fc.integer({ min: 0, max: 900 }),
    });
    fc.assert(
      fc.property(arb, ({ jobs, inner, rateCap, totalCap, provisioningS }) => {
        const caps = rateCap === undefined && totalCap === undefined ? { maxUsdPerHour: 50 } : { ...(rateCap !== undefined ? { maxUsdPerHour: rateCap } : {}), ...(totalCap !== undefined ? { maxUsd: totalCap } : {}) };
        const rates: number[] = [];
        const horizonS = 6 * 3600;
        const pools = [a({ initial: 1, provisioning: { dist: 'constant', value: provisioningS } }), pool({ name: 'b', perNode: 8, initial: 0, max: 6, pricePerNodeHour: 13, provisioning: { dist: 'constant', value: provisioningS } } as never)];
        const rows = [...jobs].sort((x, y) => x[0] - y[0]) as JobRow[];
        const sim = makeSim({ pools, jobs: rows, autoscaler: sampled(autoscalerOf({ kind: 'budget', ...caps, inner }), rates), horizonS });
        sim.run();
        // The initial fleet costs $10/h: within every cap drawn ($20/h; $100 > $10 × 6h).
        if (caps.maxUsdPerHour !== undefined) for (const r of rates) expect(r).toBeLessThanOrEqual(caps.maxUsdPerHour + 1e-6);
        const { summary } = summarize(sim.summaryInput());
        if (caps.maxUsd !== undefined) expect(summary.costUsd).toBeLessThanOrEqual(caps.maxUsd + 1e-6);
        expect(summary.jobsSubmitted).toBe(summary.jobsCompleted + summary.jobsUnfinished + summary.jobsRejected);
      }),
      { numRuns: 60, seed: 20260611 },
    );
  });

  test('forwards the inner policy: initial nodes, capacity bound, lost-node replacements', () => {
    const b = autoscalerOf({ kind: 'budget', maxUsdPerHour: 100, inner: { kind: 'static', nodes: { a: 3 } } });
    expect(b.initialNodes?.({ name: 'a', initial: 1, max: 4 })).toBe(3);
    expect(b.capacityBound({ initial: 3, max: 9 })).toEqual({ nodes: 3, limit: 'initial' });
    expect(b.firstWakeS()).toBe(Infinity);
    expect(typeof b.onNodesLost).toBe('function');
    expect(autoscalerOf({ kind: 'budget', maxUsd: 5, inner: { kind: 'backlog' } }).onNodesLost).toBeUndefined();
  });

  test('bad input: no cap, a bad inner kind, bad inner params, a budget in a budget', () => {
    expect(issuesOf(scenarioWith('kind: budget\ninner: { kind: backlog }'))).toEqual(['t.yaml:19:7: policies[0].autoscaler: a budget needs maxUsdPerHour or maxUsd (got neither)']);
    expect(issuesOf(scenarioWith('kind: budget\nmaxUsd: 100\ninner: { kind: reactiv }'))).toEqual(['t.yaml:21:22: policies[0].autoscaler.inner.kind: unknown autoscaler kind "reactiv" — did you mean "reactive"?']);
    expect(issuesOf(scenarioWith('kind: budget\nmaxUsd: 100\ninner: { kind: reactive, tick: -5 }'))).toEqual(['t.yaml:21:38: policies[0].autoscaler.inner.tick: must be > 0 (got -5)']);
    expect(issuesOf(scenarioWith('kind: budget\nmaxUsd: 100\ninner: { kind: static, nodes: { a10: 2 } }'))).toEqual(['t.yaml:21:44: policies[0].autoscaler.inner.nodes.a10: unknown pool (got "a10"; pools: a100) — did you mean "a100"?']);
    expect(issuesOf(scenarioWith('kind: budget\nmaxUsd: 100\ninner: { kind: budget, maxUsd: 5, inner: { kind: static } }'))).toEqual(['t.yaml:21:22: policies[0].autoscaler.inner.kind: unknown autoscaler kind "budget" (expected one of: static, reactive, target-tracking, backlog, scheduled, predictive, spot-fallback)']);
    expect(issuesOf(scenarioWith('kind: budget\nmaxUsd: 100\ninner: { kind: reactive, tik: 5 }'))).toEqual(['t.yaml:21:32: policies[0].autoscaler.inner.tik: unknown key "tik" — did you mean "tick"?']);
    expect(issuesOf(scenarioWith('kind: budget\nmaxUsdPerHour: -1\ninner: { kind: static }'))).toEqual(['t.yaml:20:22: policies[0].autoscaler.maxUsdPerHour: must be ≥ 0 (got -1)']);
  });
});
