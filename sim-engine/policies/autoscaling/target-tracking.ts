import { z } from 'zod';
import { formatDuration } from '../../core/duration.js';
import { NonNegDuration, num, PosDuration } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler, AutoscalerView, PoolView, ScaleSink } from '../types.js';
import { ceilEps, idleNodesToRelease, nodes, pct } from './common.js';

export interface TargetTrackingParams {
  targetUtilization: number;
  scaleUpCooldown: number;
  scaleDownCooldown: number;
  tick: number;
}

/**
 * Target tracking, as cloud autoscaling groups do it, per pool (pools differ in accelerator
 * and price, so each tracks its own load; queued demand a full pool cannot take spills over to
 * the next eligible pool, see `queuedDemandByPool` in sim/policy-host.ts). Every `tick`:
 *
 * - load = busy accelerators + the accelerators the queue needs from the pool, so an idle but
 *   backlogged pool grows; utilization as reasons print it = load ÷ ready accelerators;
 * - desired = ceil(load ÷ (perNode × targetUtilization)), within [min, max]
 *   (= ceil(current × utilization ÷ target));
 * - scale up to desired when it is above the pool's nodes (provisioning and in-repair nodes
 *   count: they are coming), at most once per `scaleUpCooldown`, within the accelerator quota;
 * - scale down to the highest desired count of the ticks in the last `scaleDownCooldown`
 *   (a stabilization window: a short lull does not shed nodes), and not within
 *   `scaleDownCooldown` of the pool's last scaling (t = 0 counts as one); only idle ready
 *   nodes are released, highest-numbered first — busy ones stay until a later tick.
 *
 * Cost per tick: O(pools + the window's ticks + nodes of pools that shrink); no allocation
 * unless it acts.
 */
export class TargetTrackingAutoscaler implements Autoscaler {
  readonly name = 'target-tracking';
  /** Per pool: the last scale-up, the last scaling of either kind. */
  private lastUpS: Float64Array = new Float64Array(0);
  private lastScaleS: Float64Array = new Float64Array(0);
  /** Per pool: desired counts of recent ticks (a ring of times and counts). */
  private historyT: Float64Array[] = [];
  private historyN: Int32Array[] = [];
  private historyLen: Int32Array = new Int32Array(0);
  private historyHead: Int32Array = new Int32Array(0);

  constructor(private readonly params: TargetTrackingParams) {}

  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' } {
    return { nodes: Math.max(pool.max, pool.initial), limit: 'max' };
  }

  firstWakeS(): number {
    return 0;
  }

  /** The nodes the pool should have for its load now, within [min, max]. */
  desired(p: PoolView): number {
    const load = p.busyAccelerators + p.queuedDemandAccelerators;
    const want = load <= 0 ? 0 : ceilEps(load / (p.perNode * this.params.targetUtilization));
    return Math.min(p.max, Math.max(p.min, want));
  }

  mayStillAct(view: AutoscalerView): boolean {
    // A later tick adds nodes exactly when the load asks for more than the pool has (and may grow).
    return view.pools.some((p) => this.desired(p) > p.nodes && p.quotaRoomNodes > 0);
  }

  decide(view: AutoscalerView, sink: ScaleSink): number {
    this.ensure(view.pools.length);
    const { now } = view;
    const { targetUtilization: target, scaleUpCooldown, scaleDownCooldown } = this.params;
    for (const p of view.pools) {
      const i = p.index;
      const desired = this.desired(p);
      const stable = this.record(i, now, desired);
      const load = p.busyAccelerators + p.queuedDemandAccelerators;
      const readyAcc = p.ready * p.perNode;
      const util = readyAcc > 0 ? pct(load / readyAcc) : 'n/a (no ready nodes)';
      const why = `utilization ${util} (busy ${p.busyAccelerators} + queued ${p.queuedDemandAccelerators} of ${readyAcc} ready accelerators)`;
      if (desired > p.nodes) {
        if (now - this.lastUpS[i]! < scaleUpCooldown) continue;
        const add = Math.min(desired - p.nodes, p.quotaRoomNodes);
        if (add <= 0) continue;
        const capped = add < desired - p.nodes ? ' (capped by the accelerator quota)' : '';
        sink.add(i, add, `${why} > target ${pct(target)}; ${p.nodes} → ${desired} nodes → +${add}${capped}`);
        this.lastUpS[i] = now;
        this.lastScaleS[i] = now;
      } else if (stable < p.nodes && now - this.lastScaleS[i]! >= scaleDownCooldown) {
        const release = idleNodesToRelease(view, i, Math.min(p.nodes - stable, p.nodes - p.min));
        if (release.length === 0) continue;
        const busy = p.nodes - stable - release.length;
        sink.release(i, release, `${why} < target ${pct(target)} for ${formatDuration(scaleDownCooldown)}; ${p.nodes} → ${stable} nodes → −${release.length}${busy > 0 ? ` (${nodes(busy)} busy or not ready, kept)` : ''}`);
        this.lastScaleS[i] = now;
      }
    }
    return now + this.params.tick;
  }

  private ensure(pools: number): void {
    if (this.lastUpS.length === pools) return;
    const window = Math.ceil(this.params.scaleDownCooldown / this.params.tick) + 2;
    this.lastUpS = new Float64Array(pools).fill(-Infinity);
    this.lastScaleS = new Float64Array(pools); // t = 0 counts as a scaling: no scale-down in the first cooldown
    this.historyT = Array.from({ length: pools }, () => new Float64Array(window));
    this.historyN = Array.from({ length: pools }, () => new Int32Array(window));
    this.historyLen = new Int32Array(pools);
    this.historyHead = new Int32Array(pools);
  }

  /** Record this tick's desired count; returns the highest desired count of the ticks in the last scaleDownCooldown. */
  private record(pool: number, now: number, desired: number): number {
    const t = this.historyT[pool]!;
    const n = this.historyN[pool]!;
    const cap = t.length;
    let head = this.historyHead[pool]!;
    let len = this.historyLen[pool]!;
    // Drop ticks older than the window (oldest first), then append this one.
    while (len > 0 && t[head]! <= now - this.params.scaleDownCooldown) {
      head = (head + 1) % cap;
      len--;
    }
    if (len === cap) {
      head = (head + 1) % cap;
      len--;
    }
    const at = (head + len) % cap;
    t[at] = now;
    n[at] = desired;
    len++;
    this.historyHead[pool] = head;
    this.historyLen[pool] = len;
    let max = 0;
    for (let k = 0; k < len; k++) max = Math.max(max, n[(head + k) % cap]!);
    return max;
  }
}

export function createTargetTrackingAutoscaler(params: TargetTrackingParams): Autoscaler {
  return new TargetTrackingAutoscaler(params);
}

/** Defaults are input values (`prefault`), so the JSON Schema and the editor show them as written. */
export const targetTrackingParams = z.strictObject({
  targetUtilization: num('targetUtilization')
    .superRefine((v, ctx) => {
      if (!(v > 0 && v <= 1)) ctx.addIssue({ code: 'custom', message: `targetUtilization must be > 0 and ≤ 1 (got ${v})` });
    })
    .default(0.7)
    .describe('the utilization each pool is held near: (busy + queued accelerators) ÷ ready accelerators, per pool'),
  scaleUpCooldown: NonNegDuration.prefault('5m').describe('at most one scale-up per pool in this span'),
  scaleDownCooldown: NonNegDuration.prefault('15m').describe('scale down to the highest desired count of this span, and not within it of the last scaling; idle nodes only'),
  tick: PosDuration.prefault('1m').describe('how often it decides'),
}) satisfies z.ZodType<TargetTrackingParams, unknown>;

export const targetTrackingAutoscaler: AutoscalerDefinition<typeof targetTrackingParams> = {
  name: 'target-tracking',
  description: 'Holds each pool near targetUtilization ((busy + queued) ÷ ready accelerators): nodes = ceil(load ÷ target), with up/down cooldowns; releases idle nodes only.',
  params: targetTrackingParams,
  create: createTargetTrackingAutoscaler,
};
