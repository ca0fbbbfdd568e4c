import { z } from 'zod';
import { formatDuration } from '../../core/duration.js';
import { count, NonNegDuration, PosDuration, show } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler, AutoscalerView, PoolView, ScaleSink } from '../types.js';
import { clock, longIdleNodes } from './common.js';
import { acceleratorsDemanded } from '../../model/eligibility.js';

/** Defaults are input values (`prefault`), so the JSON Schema and the editor show them as written. */
export const spotFallbackParams = z.strictObject({
  scaleUpAfterWait: NonNegDuration.prefault('10m').describe('add nodes when a job waited this long'),
  scaleDownAfterIdle: NonNegDuration.prefault('30m').describe('release nodes idle this long'),
  tick: PosDuration.prefault('60s').describe('how often it decides'),
  maxPreemptionsPerHour: count('maxPreemptionsPerHour').default(2).describe('more preemptions than this in a spot pool within an hour move new demand to on-demand'),
  cooldown: PosDuration.prefault('1h').describe('how long without trouble before new demand goes back to spot'),
  fallback: z.array(z.string()).optional().describe('the pools to fall back to (default: every on-demand pool)'),
});
export type SpotFallbackParams = z.output<typeof spotFallbackParams>;

/** Preemption times kept per spot pool beyond the threshold (the reason counts up to this many more). */
const EXTRA_TIMES = 15;
/** How many queued jobs (oldest first) the demand estimate looks at. */
const QUEUE_SCAN = 20_000;
const HOUR_S = 3600;

const nodes = (n: number) => `${n} node${n === 1 ? '' : 's'}`;
const pricePerAcc = (p: PoolView) => p.priceNodeHourUsd / p.perNode;

/**
 * Spot-fallback autoscaler. Every `tick`, once the oldest queued job waited
 * `scaleUpAfterWait`, it sizes pools for the queue: each queued job (oldest first) counts
 * against free or provisioning accelerators of a pool it may use (fleet order), else grows a
 * healthy spot pool (cheapest per accelerator-hour first), else — its spot pools in trouble —
 * a fallback pool (default every on-demand pool; one with the spot pool's accelerator type
 * first, then any the job may use, cheapest first), else, as a last resort, the spot pool in
 * trouble, else any pool it may use with room (fleet order). A spot pool is in trouble for `cooldown` after a request of it went unfulfilled
 * (`unfulfilledRequests` grew, or `onNodesLost` with cause `unfulfilled`) or after its
 * preemptions within the last hour (from `preemptionsSoFar` deltas) exceeded
 * `maxPreemptionsPerHour`; new trouble extends it, and demand goes back to spot once
 * `cooldown` passed without. Nodes already running stay where they are. It scales down like
 * `reactive` (queue empty: release nodes idle for `scaleDownAfterIdle`, never below min) and
 * keeps every pool at min or more.
 * Cost per tick: O(pools × queued jobs scanned, up to 20k) when it scales up, O(pools + nodes
 * of pools that may shrink) otherwise; state is preallocated at the first call.
 */
export class SpotFallbackAutoscaler implements Autoscaler {
  readonly name = 'spot-fallback';
  private ready = false;
  private spotOrder = new Int32Array(0);
  private fallbackOrder = new Int32Array(0);
  private seenPreemptions = new Int32Array(0);
  private seenUnfulfilled = new Int32Array(0);
  /** Per pool, a ring of its latest preemption times (NaN = empty). */
  private times = new Float64Array(0);
  private timesAt = new Int32Array(0);
  private troubleUntil = new Float64Array(0);
  private troubleWhy: string[] = [];
  private supply = new Float64Array(0);
  private growRoom = new Float64Array(0);
  private grow = new Float64Array(0);
  /** Demand that would have grown the spot pool, sent to a fallback pool instead. */
  private diverted = new Float64Array(0);
  /** Reused for releases (the sink reads it at once). */
  private readonly releaseBuf: number[] = [];

  constructor(private readonly params: SpotFallbackParams) {}

  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' } {
    return { nodes: Math.max(pool.max, pool.initial), limit: 'max' };
  }

  firstWakeS(): number {
    return 0;
  }

  mayStillAct(view: AutoscalerView): boolean {
    if (view.oldestQueuedSubmitS === null) return false;
    if (view.now - view.oldestQueuedSubmitS < this.params.scaleUpAfterWait) return true;
    return view.pools.some((p) => p.nodes < p.min || (p.queuedDemandAccelerators > p.freeAccelerators + p.provisioning * p.perNode && p.nodes < p.max && p.quotaRoomNodes > 0));
  }

  onNodesLost(view: AutoscalerView): number | undefined {
    this.watch(view);
    return undefined;
  }

  decide(view: AutoscalerView, sink: ScaleSink): number {
    this.watch(view);
    const waited = view.oldestQueuedSubmitS === null ? -1 : view.now - view.oldestQueuedSubmitS;
    const scaleUp = waited >= this.params.scaleUpAfterWait;
    if (scaleUp) this.estimate(view);
    for (const pool of view.pools) {
      const p = pool.index;
      if (pool.nodes < pool.min) {
        const add = Math.min(pool.min - pool.nodes, pool.quotaRoomNodes);
        if (add > 0) sink.add(p, add, `below min: ${pool.nodes} < ${pool.min} nodes`);
        continue;
      }
      if (scaleUp) {
        if (this.diverted[p]! > 0) sink.refuse(p, Math.ceil(this.diverted[p]! / pool.perNode), `spot: ${this.troubleWhy[p]} → on-demand until ${clock(this.troubleUntil[p]!, view.startsOn)}`);
        const wanted = Math.ceil(this.grow[p]! / pool.perNode);
        const add = Math.min(wanted, pool.max - pool.nodes, pool.quotaRoomNodes);
        if (add > 0) sink.add(p, add, `oldest queued job waited ${formatDuration(waited)} ≥ ${formatDuration(this.params.scaleUpAfterWait)}; ${this.whyHere(view, pool)}${this.grow[p]} accelerator${this.grow[p] === 1 ? '' : 's'} beyond free or provisioning → +${nodes(add)}${add < wanted ? ' (capped by max or quota)' : ''}`);
        continue;
      }
      if (view.queueLength === 0 && pool.nodes > pool.min) this.scaleDown(view, sink, pool);
    }
    return view.now + this.params.tick;
  }

  /** Why demand grows this pool: spot first, or a fallback while spot is in trouble, or a last resort. */
  private whyHere(view: AutoscalerView, pool: PoolView): string {
    if (pool.purchase === 'spot') return this.troubleUntil[pool.index]! > view.now ? `spot pool in trouble (${this.troubleWhy[pool.index]}) but no fallback has room for ` : 'spot first: queue needs ';
    const from: string[] = [];
    for (const s of this.spotOrder) if (this.diverted[s]! > 0) from.push(`spot ${view.pools[s]!.name}: ${this.troubleWhy[s]} → on-demand until ${clock(this.troubleUntil[s]!, view.startsOn)}`);
    return from.length > 0 ? `${from.join('; ')}; queue needs ` : 'queue needs ';
  }

  private scaleDown(view: AutoscalerView, sink: ScaleSink, pool: PoolView): void {
    const release = longIdleNodes(view, pool, pool.nodes - pool.min, this.params.scaleDownAfterIdle, this.releaseBuf);
    if (release.length > 0) sink.release(pool.index, release, `queue empty; ${nodes(release.length)} idle ≥ ${formatDuration(this.params.scaleDownAfterIdle)} → −${release.length}`);
  }

  /** Size the state and pool orders at the first call. */
  private init(view: AutoscalerView): void {
    const P = view.pools.length;
    const byPrice = (list: PoolView[]) => Int32Array.from(list.sort((a, b) => pricePerAcc(a) - pricePerAcc(b) || a.index - b.index), (p) => p.index);
    const fallback = this.params.fallback;
    this.spotOrder = byPrice(view.pools.filter((p) => p.purchase === 'spot'));
    this.fallbackOrder = byPrice(view.pools.filter((p) => (fallback ? fallback.includes(p.name) : p.purchase === 'on-demand')));
    this.seenPreemptions = new Int32Array(P);
    this.seenUnfulfilled = new Int32Array(P);
    this.times = new Float64Array(P * (this.params.maxPreemptionsPerHour + 1 + EXTRA_TIMES)).fill(NaN);
    this.timesAt = new Int32Array(P);
    this.troubleUntil = new Float64Array(P).fill(-Infinity);
    this.troubleWhy = view.pools.map(() => '');
    this.supply = new Float64Array(P);
    this.growRoom = new Float64Array(P);
    this.grow = new Float64Array(P);
    this.diverted = new Float64Array(P);
    this.ready = true;
  }

  /** Read what happened to the spot pools since the last call: unfulfilled requests and preemptions. */
  private watch(view: AutoscalerView): void {
    if (!this.ready) this.init(view);
    const now = view.now;
    const R = this.params.maxPreemptionsPerHour + 1 + EXTRA_TIMES;
    for (const p of this.spotOrder) {
      const pool = view.pools[p]!;
      const unfulfilled = pool.unfulfilledRequests - this.seenUnfulfilled[p]!;
      this.seenUnfulfilled[p] = pool.unfulfilledRequests;
      if (unfulfilled > 0) this.trouble(p, now, `${unfulfilled} spot request${unfulfilled === 1 ? '' : 's'} not fulfilled`);
      const preempted = pool.preemptionsSoFar - this.seenPreemptions[p]!;
      this.seenPreemptions[p] = pool.preemptionsSoFar;
      if (preempted <= 0) continue;
      for (let i = 0; i < Math.min(preempted, R); i++) {
        this.times[p * R + this.timesAt[p]!] = now;
        this.timesAt[p] = (this.timesAt[p]! + 1) % R;
      }
      let recent = 0;
      for (let i = 0; i < R; i++) if (this.times[p * R + i]! > now - HOUR_S) recent++;
      if (recent > this.params.maxPreemptionsPerHour) this.trouble(p, now, `${recent}${recent === R ? '+' : ''} preemptions in the last hour > ${this.params.maxPreemptionsPerHour}`);
    }
  }

  private trouble(p: number, now: number, why: string): void {
    this.troubleUntil[p] = Math.max(this.troubleUntil[p]!, now + this.params.cooldown);
    this.troubleWhy[p] = why;
  }

  /**
   * Where the queue's demand should grow the fleet: `grow[p]` accelerators per pool (and
   * `diverted[p]` for spot pools in trouble). Gang jobs count whole nodes.
   */
  private estimate(view: AutoscalerView): void {
    const { supply, growRoom, grow, diverted } = this;
    for (const pool of view.pools) {
      supply[pool.index] = pool.freeAccelerators + pool.provisioning * pool.perNode;
      growRoom[pool.index] = Math.max(0, Math.min(pool.max - pool.nodes, pool.quotaRoomNodes)) * pool.perNode;
    }
    grow.fill(0);
    diverted.fill(0);
    const now = view.now;
    let scanned = 0;
    for (let j = view.firstQueued(); j >= 0 && scanned < QUEUE_SCAN; j = view.nextQueued(j), scanned++) {
      const k = view.jobAccelerators(j);
      if (this.takeSupply(view, j, k)) continue;
      let home = -1;
      let placed = -1;
      for (const p of this.spotOrder) {
        if (!view.jobAllowsPool(j, p)) continue;
        if (this.troubleUntil[p]! > now) {
          if (home < 0) home = p;
        } else if (growRoom[p]! >= acceleratorsDemanded(k, view.pools[p]!.perNode)) {
          placed = p;
          break;
        }
      }
      // Fallback: the spot pool's accelerator type first, then any the job may use.
      const type = home >= 0 ? view.pools[home]!.accelerator : null;
      for (let pass = 0; placed < 0 && pass < 2; pass++) {
        for (const p of this.fallbackOrder) {
          const pool = view.pools[p]!;
          if ((pass === 0) !== (pool.accelerator === type) || !view.jobAllowsPool(j, p) || growRoom[p]! < acceleratorsDemanded(k, pool.perNode)) continue;
          placed = p;
          break;
        }
      }
      if (placed >= 0 && home >= 0) diverted[home]! += acceleratorsDemanded(k, view.pools[home]!.perNode);
      // Last resort: the spot pool in trouble, else any pool the job may use with room (fleet order).
      if (placed < 0 && home >= 0 && growRoom[home]! >= acceleratorsDemanded(k, view.pools[home]!.perNode)) placed = home;
      for (let p = 0; placed < 0 && p < view.pools.length; p++) if (view.jobAllowsPool(j, p) && growRoom[p]! >= acceleratorsDemanded(k, view.pools[p]!.perNode)) placed = p;
      if (placed < 0) continue;
      const d = acceleratorsDemanded(k, view.pools[placed]!.perNode);
      grow[placed]! += d;
      growRoom[placed]! -= d;
    }
  }

  /** Count the job against free or provisioning accelerators of a pool it may use (fleet order); false when none has room. */
  private takeSupply(view: AutoscalerView, j: number, k: number): boolean {
    for (const pool of view.pools) {
      const d = acceleratorsDemanded(k, pool.perNode);
      if (!view.jobAllowsPool(j, pool.index) || this.supply[pool.index]! < d) continue;
      this.supply[pool.index]! -= d;
      return true;
    }
    return false;
  }
}


export function createSpotFallbackAutoscaler(params: SpotFallbackParams): Autoscaler {
  return new SpotFallbackAutoscaler(params);
}

export const spotFallbackAutoscaler: AutoscalerDefinition<typeof spotFallbackParams> = {
  name: 'spot-fallback',
  description: 'Grows spot pools first; after a failed spot request or more than maxPreemptionsPerHour preemptions in an hour, grows on-demand pools until cooldown passes calmly.',
  params: spotFallbackParams,
  create: createSpotFallbackAutoscaler,
  validate(params, { poolNames }, addIssue) {
    (params.fallback ?? []).forEach((name, i) => {
      if (!poolNames.includes(name)) addIssue({ path: ['fallback', i], params: { didYouMean: [...poolNames] }, message: `unknown pool (got ${show(name)}; pools: ${poolNames.join(', ')})` });
    });
  },
};
