/**
 * easy-backfill against an independent reference (the textbook algorithm as a plain loop on
 * one pool of single-accelerator nodes, counting free accelerators), and the EASY guarantee
 * as a property: with exact estimates no queue head starts after the shadow time it was given.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { builtinPolicyRegistry } from '../../sim-engine/policies/registry.js';
import { RuntimeEstimator } from '../../sim-engine/policies/scheduling/estimate.js';
import { poolSequence } from '../../sim-engine/policies/scheduling/pass-helpers.js';
import { ShadowPlan } from '../../sim-engine/policies/scheduling/shadow.js';
import type { Scheduler } from '../../sim-engine/policies/types.js';
import { makeSim, pool, type JobRow } from '../sim/harness.js';

const registry = builtinPolicyRegistry();
const easy = (): Scheduler => registry.createScheduler({ kind: 'easy-backfill', estimate: 'exact' });

/** EASY on `nodes` single-accelerator nodes, one pass per instant after its completions and arrivals (DESIGN.md §3, §12). */
function referenceEasy(jobs: JobRow[], nodes: number): number[] {
  const start = jobs.map(() => NaN);
  const running: { endS: number; k: number }[] = [];
  const queue: number[] = [];
  let free = nodes;
  let next = 0;
  const run = (j: number, now: number) => {
    start[j] = now;
    free -= jobs[j]![2];
    running.push({ endS: now + jobs[j]![1], k: jobs[j]![2] });
  };
  while (next < jobs.length || queue.length > 0) {
    const now = Math.min(next < jobs.length ? jobs[next]![0] : Infinity, ...running.map((r) => r.endS));
    for (let i = running.length - 1; i >= 0; i--) {
      if (running[i]!.endS === now) {
        free += running[i]!.k;
        running.splice(i, 1);
      }
    }
    while (next < jobs.length && jobs[next]![0] === now) queue.push(next++);
    while (queue.length > 0 && jobs[queue[0]!]![2] <= free) run(queue.shift()!, now);
    if (queue.length === 0) continue;
    const need = jobs[queue[0]!]![2];
    const ends = running.map((r) => r).sort((a, b) => a.endS - b.endS);
    let shadowS = Infinity;
    let atS = free;
    for (let i = 0; i < ends.length; ) {
      const t = ends[i]!.endS;
      for (; i < ends.length && ends[i]!.endS === t; i++) atS += ends[i]!.k;
      if (atS >= need) {
        shadowS = t;
        break;
      }
    }
    let extra = atS - need;
    for (let q = 1; q < queue.length; q++) {
      const j = queue[q]!;
      const [, d, k] = jobs[j]!;
      if (k > free) continue;
      const endsByS = now + d <= shadowS;
      if (!endsByS && k > extra) continue;
      if (!endsByS) extra -= k;
      run(j, now);
      queue.splice(q--, 1);
    }
  }
  return start;
}

const traceArb = (nodes: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: nodes })), { minLength: 1, maxLength: 40 }).map((rows) => {
    let t = 0;
    return rows.map(([gap, d, k]): JobRow => [(t += gap), d, k]);
  });

describe('easy-backfill', () => {
  test('the reference itself reproduces a hand-checked case', () => {
    // 4 nodes: J0 3×100 from 0; J1 4 nodes blocks (S = 100, extra 0); J2 1×50 ends by S: backfills; J3 1×200 does not.
    expect(referenceEasy([[0, 100, 3], [1, 10, 4], [2, 50, 1], [3, 200, 1]], 4)).toEqual([0, 100, 2, 110]);
  });

  test('matches the independent reference on random traces (one pool, one accelerator per node)', () => {
    const arb = fc.integer({ min: 1, max: 6 }).chain((nodes) => fc.tuple(fc.constant(nodes), traceArb(nodes)));
    fc.assert(
      fc.property(arb, ([nodes, jobs]) => {
        const sim = makeSim({ pools: [pool({ name: 'p', perNode: 1, initial: nodes })], jobs, scheduler: easy(), horizonS: 1e7, sampleEveryS: 1e7 });
        sim.run();
        expect(Array.from(sim.jobs().startS)).toEqual(referenceEasy(jobs, nodes));
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  test('no queue head starts after the shadow time it was given (multi-node pools, gangs, two pools)', () => {
    const poolsArb = fc.array(fc.record({ perNode: fc.constantFrom(1, 2, 4), initial: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 });
    const arb = poolsArb.chain((pools) => fc.tuple(fc.constant(pools), traceArb(Math.max(...pools.map((p) => p.perNode * p.initial)))));
    fc.assert(
      fc.property(arb, ([pools, jobs]) => {
        const inner = easy();
        const plan = new ShadowPlan();
        const exact = new RuntimeEstimator('exact', undefined, 'test');
        const promisedS = new Map<number, number>();
        const observed: Scheduler = {
          name: 'observed',
          placement: inner.placement,
          schedule(view, act) {
            inner.schedule(view, act);
            const head = view.firstQueued();
            if (head < 0) return;
            plan.plan(view, head, poolSequence(view, head, 'fleet'), exact);
            if (plan.shadowS < Infinity) promisedS.set(head, Math.min(promisedS.get(head) ?? Infinity, plan.shadowS));
          },
        };
        const sim = makeSim({ pools: pools.map((p, i) => pool({ name: `p${i}`, ...p })), jobs, scheduler: observed, horizonS: 1e7, sampleEveryS: 1e7 });
        sim.run();
        const startS = sim.jobs().startS;
        for (const [job, s] of promisedS) expect(startS[job]!).toBeLessThanOrEqual(s);
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
