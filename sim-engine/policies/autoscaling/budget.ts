import { z } from 'zod';
import { nodePriceUsdPerHour, type PricedPool } from '../../model/catalog.js';
import { formatDuration } from '../../core/duration.js';
import { nonNegNum } from '../../scenario/fields.js';
import { autoscalerRef } from '../../scenario/policy-refs.js';
import type { AutoscalerDefinition, PolicyRef } from '../definition.js';
import type { PolicyRegistry } from '../registry.js';
import type { Autoscaler, AutoscalerView, ScaleSink } from '../types.js';
import { floorEps, nodes, usd } from './common.js';

export interface BudgetParams {
  maxUsdPerHour?: number | undefined;
  maxUsd?: number | undefined;
  inner: PolicyRef;
}

/**
 * A budget around another autoscaler (`inner`, any registered one but budget). The inner one
 * decides as usual; every node it adds goes through the budget, which grants the part that
 * fits and logs the rest as `refused` with the numbers. Releases pass through.
 *
 * - `maxUsdPerHour`: the fleet's cost rate now (`costRateUsdPerHour`) + n × the pool's
 *   `priceNodeHourUsd` ≤ the cap. New nodes are counted at full price (a reserved pool's
 *   idle committed nodes would cost nothing more: the cap errs on the safe side).
 * - `maxUsd`: the projected total — cost so far + (rate + n × price) × the time left to the
 *   horizon — ≤ the cap. The cost rate only rises through additions, so with per-second
 *   billing the run's total cost stays within maxUsd (billing minimums and granularity can
 *   add their rounding). Under `horizon: drain` the time left is unknown: additions are
 *   granted while the cost so far is below maxUsd (a soft cap).
 *
 * A refusal repeated at every tick — nothing granted, the same count refused by the same
 * cap — is logged once, not at every tick.
 *
 * The inner autoscaler's start (`firstWakeS`, `initialNodes`), capacity bound, `mayStillAct`
 * (false once the budget admits no node of any pool) and `onNodesLost` (its replacements are
 * capped too) are forwarded. Cost: the inner one's, plus O(1) per addition.
 */
export class BudgetAutoscaler implements Autoscaler {
  readonly name = 'budget';
  readonly onNodesLost?: Autoscaler['onNodesLost'];
  readonly initialNodes?: Autoscaler['initialNodes'];
  /** Per pool: the refusal logged last while nothing was granted since ('' for none). */
  private readonly lastRefusal = new Map<number, string>();

  constructor(
    private readonly params: BudgetParams,
    private readonly inner: Autoscaler,
  ) {
    const lost = inner.onNodesLost?.bind(inner);
    if (lost) this.onNodesLost = (view, sink, pool, count, cause, reason) => lost(view, this.capped(view, sink), pool, count, cause, reason);
    if (inner.initialNodes) this.initialNodes = inner.initialNodes.bind(inner);
  }

  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' } {
    return this.inner.capacityBound(pool);
  }

  firstWakeS(): number {
    return this.inner.firstWakeS();
  }

  decide(view: AutoscalerView, sink: ScaleSink): number {
    return this.inner.decide(view, this.capped(view, sink));
  }

  mayStillAct(view: AutoscalerView): boolean {
    return this.inner.mayStillAct(view) && view.pools.some((p) => this.allowed(view, p.index, 1).granted > 0);
  }

  /** How many of `count` new nodes of the pool the caps allow now, and the first cap that binds. */
  allowed(view: AutoscalerView, pool: number, count: number): { granted: number; why: string } {
    const price = view.pools[pool]!.priceNodeHourUsd;
    let granted = count;
    let why = '';
    if (!(price > 0)) return { granted, why };
    const rate = view.costRateUsdPerHour;
    const { maxUsdPerHour, maxUsd } = this.params;
    if (maxUsdPerHour !== undefined) {
      const n = Math.max(0, floorEps((maxUsdPerHour - rate) / price));
      if (n < granted) {
        granted = n;
        why = `the cost rate would go from ${usd(rate)}/h to ${usd(rate + count * price)}/h, over maxUsdPerHour ${usd(maxUsdPerHour)}/h`;
      }
    }
    if (maxUsd !== undefined) {
      const leftS = view.horizonS - view.now;
      const soFar = view.costSoFarUsd;
      const n = Number.isFinite(leftS) ? Math.max(0, floorEps((maxUsd - soFar - (rate * leftS) / 3600) / ((price * leftS) / 3600))) : soFar < maxUsd ? count : 0;
      if (n < granted) {
        granted = n;
        why = Number.isFinite(leftS)
          ? `the projected total (${usd(soFar)} so far + ${usd(rate + count * price)}/h × ${formatDuration(leftS)} left) would be ${usd(soFar + ((rate + count * price) * leftS) / 3600)}, over maxUsd ${usd(maxUsd)}`
          : `the cost so far (${usd(soFar)}) reached maxUsd ${usd(maxUsd)} (horizon: drain)`;
      }
    }
    return { granted, why };
  }

  /** The sink the inner autoscaler writes to: additions capped by the budget. */
  private capped(view: AutoscalerView, sink: ScaleSink): ScaleSink {
    return {
      add: (pool, count, reason) => {
        const { granted, why } = this.allowed(view, pool, count);
        const price = usd(view.pools[pool]!.priceNodeHourUsd);
        if (granted > 0) sink.add(pool, granted, granted < count ? `${reason} (budget: ${granted} of ${count} granted)` : reason);
        // The same refusal tick after tick (nothing granted, the same count, the same cap) is logged once.
        const key = `${count - granted}|${why.slice(0, 12)}`;
        if (granted < count && (granted > 0 || this.lastRefusal.get(pool) !== key)) sink.refuse(pool, count - granted, `budget: +${nodes(count)} at ${price}/h each: ${why} → granted ${granted}, refused ${count - granted} (asked: ${reason})`);
        this.lastRefusal.set(pool, granted < count && granted === 0 ? key : '');
      },
      release: (pool, list, reason) => sink.release(pool, list, reason),
      refuse: (pool, count, reason) => sink.refuse(pool, count, reason),
    };
  }
}

/**
 * The budget definition for a registry: `inner` accepts any autoscaler registered in it (but
 * budget), parsed and checked with their own schemas and `validate` (the registry is handed
 * in, so there is no import cycle registry → budget → registry; the schema is built lazily,
 * when the scenario is parsed, so autoscalers registered later are accepted too).
 */
export function budgetAutoscaler(registry: PolicyRegistry) {
  let inner: z.ZodType<PolicyRef, unknown> | undefined;
  const params = z.strictObject({
    maxUsdPerHour: nonNegNum('maxUsdPerHour').optional().describe("cap on the fleet's cost rate: rate now + the new nodes' price ≤ this, USD per hour"),
    maxUsd: nonNegNum('maxUsd').optional().describe('cap on the projected total: cost so far + rate × time left to the horizon ≤ this, USD'),
    inner: z.lazy(() => (inner ??= autoscalerRef(registry, 'budget'))).describe('the autoscaler whose additions are capped: { kind: NAME, ...params } (any but budget)'),
  }) satisfies z.ZodType<BudgetParams, unknown>;
  const def: AutoscalerDefinition<typeof params> = {
    name: 'budget',
    description: 'Runs the inner autoscaler and refuses additions over maxUsdPerHour (cost rate) or maxUsd (cost so far + rate × time left); logs what it refuses.',
    params,
    create: (p) => new BudgetAutoscaler(p, registry.createAutoscaler(p.inner)),
    validate(p, ctx, addIssue) {
      if (p.maxUsdPerHour === undefined && p.maxUsd === undefined) addIssue({ path: [], message: 'a budget needs maxUsdPerHour or maxUsd (got neither)' });
      const { kind, ...own } = p.inner;
      registry.autoscaler(kind)?.validate?.(own, ctx, (iss) => addIssue({ ...iss, path: ['inner', ...iss.path] }));
      // The fleet the inner policy starts with is not an addition the budget can refuse: it must fit the cap.
      if (p.maxUsdPerHour === undefined || !(p.maxUsdPerHour >= 0)) return; // none, or already reported as bad
      let start: Autoscaler;
      try {
        start = registry.createAutoscaler(p.inner);
      } catch {
        return; // a bad inner reference is reported by its own checks
      }
      let rate = 0;
      for (const pool of ctx.pools) {
        if (pool.accelerator === undefined || pool.perNode === undefined || pool.purchase === undefined) return;
        const nodes = start.initialNodes?.({ name: pool.name, initial: pool.initial, max: pool.max }) ?? pool.initial;
        rate += nodes * nodePriceUsdPerHour(pool as PricedPool);
      }
      if (rate > p.maxUsdPerHour) addIssue({ path: ['maxUsdPerHour'], message: `the fleet the policy starts with already costs $${rate.toFixed(2)} per hour, over the cap: lower the starting nodes or raise maxUsdPerHour (got ${p.maxUsdPerHour})` });
    },
  };
  return def;
}
