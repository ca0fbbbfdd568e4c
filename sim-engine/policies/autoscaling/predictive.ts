import { z } from 'zod';
import { formatDuration } from '../../core/duration.js';
import { count, nonNegNum, PosDuration } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler, AutoscalerView, PoolView, ScaleSink } from '../types.js';
import { HoltWinters, LeadError } from './forecast.js';
import { clock, longIdleNodes } from './common.js';

const unit = (what: string) => nonNegNum(what).refine((v) => v <= 1, { message: `${what} must be ≤ 1` });

/** Defaults are input values (`prefault`), so the JSON Schema and the editor show them as written. */
export const predictiveParams = z.strictObject({
  tick: PosDuration.prefault('5m').describe('how often it samples demand and decides (one season = season / tick samples)'),
  season: PosDuration.prefault('1d').describe('the period of the demand pattern'),
  headroom: nonNegNum('headroom').default(0.1).describe('capacity kept above the forecast, as a fraction of it'),
  margin: count('margin').default(0).describe('accelerators kept above the forecast besides headroom'),
  scaleDownAfterIdle: PosDuration.prefault('30m').describe('release nodes idle this long once the forecast is below capacity'),
  seasonality: z.enum(['additive', 'multiplicative']).default('additive').describe('how the daily pattern combines with the level'),
  alpha: unit('alpha').default(0.2).describe('Holt-Winters level smoothing (0…1)'),
  beta: unit('beta').default(0.01).describe('Holt-Winters trend smoothing (0…1)'),
  gamma: unit('gamma').default(0.3).describe('Holt-Winters seasonal smoothing (0…1)'),
});
export type PredictiveParams = z.output<typeof predictiveParams>;

/** What a pool's forecaster keeps between ticks (sized at the first tick). */
interface PoolModel {
  readonly hw: HoltWinters;
  readonly err: LeadError;
  /** Samples from now to the end of the next provisioning delay plus a tick (1 … season). */
  readonly window: number;
  /** Samples ahead whose forecast is scored (the provisioning delay, at least 1). */
  readonly lead: number;
}

/**
 * Predictive autoscaler. Every `tick` it samples each pool's demanded accelerators — busy plus
 * queued demand, as the view shows them at `now` (it never reads the future) — into a seasonal
 * Holt-Winters model of period `season` (additive by default; α 0.2, β 0.01, γ 0.3, fixed), and
 * sizes the pool for the highest forecast from now to the end of the pool's mean provisioning
 * delay plus a tick, so nodes are ready when the demand comes:
 *   target = max(demand now, forecast) × (1 + headroom) + margin accelerators.
 * Before a full season was observed it acts on demand now (a reactive policy with no wait);
 * over the next half season the forecast's weight grows from 0 to 1. It adds the nodes the
 * target needs beyond ready and provisioning accelerators (bounded by max and quotas), and
 * releases nodes idle for `scaleDownAfterIdle` (highest-numbered first, never below min) while
 * the pool has no queued job and the target is a node or more below its capacity. Reasons give
 * the forecast, when it peaks and its error over the last season (WAPE of the forecasts made a
 * provisioning delay ahead).
 * Cost per tick: O(pools × (window + nodes of pools that may shrink)); allocation-free unless
 * it acts (ring buffers of one season per pool, sized at the first tick).
 */
export class PredictiveAutoscaler implements Autoscaler {
  readonly name = 'predictive';
  private models: PoolModel[] | null = null;
  /** Reused for releases (the sink reads it at once). */
  private readonly releaseBuf: number[] = [];
  private readonly period: number;

  constructor(private readonly params: PredictiveParams) {
    this.period = Math.max(2, Math.round(params.season / params.tick));
  }

  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' } {
    return { nodes: Math.max(pool.max, pool.initial), limit: 'max' };
  }

  firstWakeS(): number {
    return 0;
  }

  mayStillAct(view: AutoscalerView): boolean {
    if (view.queueLength === 0) return false;
    return view.pools.some((p) => p.nodes < p.min || (p.queuedDemandAccelerators > p.freeAccelerators + p.provisioning * p.perNode && p.nodes < p.max && p.quotaRoomNodes > 0));
  }

  decide(view: AutoscalerView, sink: ScaleSink): number {
    const models = (this.models ??= view.pools.map((p) => this.modelFor(p)));
    for (const pool of view.pools) this.decidePool(view, sink, pool, models[pool.index]!);
    return view.now + this.params.tick;
  }

  private modelFor(pool: PoolView): PoolModel {
    const { tick, alpha, beta, gamma, seasonality } = this.params;
    const m = this.period;
    const lead = Math.min(m, Math.max(1, Math.ceil(pool.provisioningMeanS / tick)));
    const window = Math.min(m, Math.max(1, Math.ceil((pool.provisioningMeanS + tick) / tick)));
    return { hw: new HoltWinters({ period: m, alpha, beta, gamma, seasonality }), err: new LeadError(lead, m), window, lead };
  }

  private decidePool(view: AutoscalerView, sink: ScaleSink, pool: PoolView, model: PoolModel): void {
    const { hw, err } = model;
    const demand = pool.busyAccelerators + pool.queuedDemandAccelerators;
    hw.observe(demand);
    err.observe(demand);
    // The highest forecast over the window, and how many samples ahead it falls.
    let peak = NaN;
    let peakH = 0;
    if (hw.ready) {
      for (let h = 1; h <= model.window; h++) {
        const f = hw.forecast(h);
        if (!(f <= peak)) {
          peak = f;
          peakH = h;
        }
      }
      err.record(hw.forecast(model.lead));
    }
    const weight = hw.ready ? Math.min(1, (hw.observed - this.period + 1) / Math.max(1, this.period / 2)) : 0;
    const predicted = hw.ready ? demand + weight * (peak - demand) : demand;
    const need = Math.max(demand, predicted);
    const target = Math.ceil(need * (1 + this.params.headroom) + this.params.margin - 1e-9);
    const readyAcc = pool.busyAccelerators + pool.freeAccelerators;
    const provAcc = pool.provisioning * pool.perNode;
    const supply = readyAcc + provAcc;

    if (pool.nodes < pool.min) {
      const add = Math.min(pool.min - pool.nodes, pool.quotaRoomNodes);
      if (add > 0) sink.add(pool.index, add, `below min: ${pool.nodes} < ${pool.min} nodes`);
      return;
    }
    if (target > supply) {
      const wanted = Math.ceil((target - supply) / pool.perNode);
      const add = Math.min(wanted, pool.max - pool.nodes, pool.quotaRoomNodes);
      if (add <= 0) return;
      const cap = add < wanted ? (pool.quotaRoomNodes < pool.max - pool.nodes ? ' (capped by the accelerator quota)' : ` (capped at max ${pool.max})`) : '';
      sink.add(pool.index, add, `${this.why(view, model, demand, peak, peakH, weight)}; ${this.needs(target)}; ${readyAcc} ready + ${provAcc} provisioning → +${add} node${add === 1 ? '' : 's'}${cap}`);
      return;
    }
    const spare = Math.floor((supply - target) / pool.perNode);
    if (spare < 1 || pool.queuedJobs > 0 || pool.nodes <= pool.min) return;
    const release = longIdleNodes(view, pool, Math.min(spare, pool.nodes - pool.min), this.params.scaleDownAfterIdle, this.releaseBuf);
    if (release.length > 0) {
      sink.release(pool.index, release, `${this.why(view, model, demand, peak, peakH, weight)}; ${this.needs(target)}; ${readyAcc} ready + ${provAcc} provisioning; ${release.length} node${release.length === 1 ? '' : 's'} idle ≥ ${formatDuration(this.params.scaleDownAfterIdle)} → −${release.length}`);
    }
  }

  private needs(target: number): string {
    const { headroom, margin } = this.params;
    const extra = [headroom > 0 ? `+${+(headroom * 100).toFixed(1)}% headroom` : '', margin > 0 ? `+${margin} margin` : ''].filter(Boolean).join(' ');
    return `${extra ? `${extra} → ` : ''}target ${target} accelerators`;
  }

  /** What the target rests on: the forecast (when it peaks, its recent error) or, while it learns, the demand now. */
  private why(view: AutoscalerView, model: PoolModel, demand: number, peak: number, peakH: number, weight: number): string {
    const now = `demand ${demand} accelerators now`;
    if (!model.hw.ready) {
      return `${now} (learning the ${formatDuration(this.params.season)} pattern: ${formatDuration(model.hw.observed * this.params.tick)} of ${formatDuration(this.params.season)} seen)`;
    }
    const wape = model.err.wape;
    const error = wape === wape ? `${Math.round(wape * 100)}% error (WAPE) over the last ${formatDuration(this.params.season)}` : 'error not yet measured';
    const blend = weight < 1 ? `, weighed ${Math.round(weight * 100)}% against demand now while it learns` : '';
    return `forecast ${Math.round(peak)} accelerators at ${clock(view.now + peakH * this.params.tick, view.startsOn)} (Holt-Winters ${this.params.seasonality}, ${error}${blend}); ${now}`;
  }
}

export function createPredictiveAutoscaler(params: PredictiveParams): Autoscaler {
  return new PredictiveAutoscaler(params);
}

export const predictiveAutoscaler: AutoscalerDefinition<typeof predictiveParams> = {
  name: 'predictive',
  description: 'Forecasts each pool’s demand with a daily Holt-Winters model of what it saw so far and provisions ahead by the provisioning delay plus headroom; acts on demand now until it has seen a day.',
  params: predictiveParams,
  create: createPredictiveAutoscaler,
};
