import { z } from 'zod';
import { formatDuration } from '../../core/duration.js';
import { NonNegDuration, PosDuration } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler, AutoscalerView, ScaleSink } from '../types.js';
import { longIdleNodes } from './common.js';

export interface ReactiveParams {
  scaleUpAfterWait: number;
  scaleDownAfterIdle: number;
  tick: number;
}

/**
 * Reactive autoscaler. Every `tick`:
 * - scale up when the oldest queued job has waited at least `scaleUpAfterWait`: each pool
 *   gets the nodes its queued demand needs beyond what is free or already provisioning,
 *   bounded by `max`;
 * - scale down when the queue is empty: release ready nodes idle for at least
 *   `scaleDownAfterIdle` (highest-numbered first), never below `min`;
 * - keep every pool at `min` or more.
 * Cost per tick: O(pools + nodes of pools that may shrink), no allocation unless it acts.
 */
export function createReactiveAutoscaler(params: ReactiveParams): Autoscaler {
  return {
    name: 'reactive',
    capacityBound: (pool) => ({ nodes: Math.max(pool.max, pool.initial), limit: 'max' }),
    firstWakeS: () => 0,
    mayStillAct(view: AutoscalerView): boolean {
      // Until the oldest job has waited scaleUpAfterWait, a later tick may still add nodes.
      if (view.oldestQueuedSubmitS === null) return false;
      if (view.now - view.oldestQueuedSubmitS < params.scaleUpAfterWait) return true;
      return view.pools.some((p) => p.nodes < p.min || (p.queuedDemandAccelerators > p.freeAccelerators + p.provisioning * p.perNode && p.nodes < p.max));
    },
    decide(view: AutoscalerView, sink: ScaleSink): number {
      const waited = view.oldestQueuedSubmitS === null ? -1 : view.now - view.oldestQueuedSubmitS;
      for (const pool of view.pools) {
        if (pool.nodes < pool.min) {
          sink.add(pool.index, pool.min - pool.nodes, `below min: ${pool.nodes} < ${pool.min} nodes`);
          continue;
        }
        if (waited >= params.scaleUpAfterWait && pool.queuedDemandAccelerators > 0) {
          const supply = pool.freeAccelerators + pool.provisioning * pool.perNode;
          const short = pool.queuedDemandAccelerators - supply;
          const wanted = Math.ceil(short / pool.perNode);
          const byQuota = pool.quotaRoomNodes < pool.max - pool.nodes;
          const add = Math.min(wanted, pool.max - pool.nodes, pool.quotaRoomNodes);
          if (short > 0 && add > 0) {
            sink.add(
              pool.index,
              add,
              `oldest queued job waited ${formatDuration(waited)} ≥ ${formatDuration(params.scaleUpAfterWait)}; queue needs ${pool.queuedDemandAccelerators} accelerators, ${supply} free or provisioning → +${add} node${add === 1 ? '' : 's'}${add < wanted ? (byQuota ? ` (capped by the accelerator quota)` : ` (capped at max ${pool.max})`) : ''}`,
            );
          }
          continue;
        }
        if (view.queueLength === 0 && pool.nodes > pool.min) {
          const release = longIdleNodes(view, pool, pool.nodes - pool.min, params.scaleDownAfterIdle, []);
          if (release.length > 0) {
            sink.release(pool.index, release, `queue empty; ${release.length} node${release.length === 1 ? '' : 's'} idle ≥ ${formatDuration(params.scaleDownAfterIdle)} → −${release.length}`);
          }
        }
      }
      return view.now + params.tick;
    },
  };
}

/** Defaults are input values (`prefault`), so the JSON Schema and the editor show them as written. */
export const reactiveParams = z.strictObject({
  scaleUpAfterWait: NonNegDuration.prefault('10m').describe('add nodes when a job waited this long'),
  scaleDownAfterIdle: NonNegDuration.prefault('30m').describe('release nodes idle this long'),
  tick: PosDuration.prefault('60s').describe('how often it decides'),
}) satisfies z.ZodType<ReactiveParams, unknown>;

export const reactiveAutoscaler: AutoscalerDefinition<typeof reactiveParams> = {
  name: 'reactive',
  description: 'Adds nodes when the oldest queued job waited scaleUpAfterWait, releases nodes idle for scaleDownAfterIdle, every tick.',
  params: reactiveParams,
  create: createReactiveAutoscaler,
};
