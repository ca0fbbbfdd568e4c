import type { Autoscaler } from '../types.js';

/** A fixed fleet: the `initial` nodes of each pool, never changed. Costs nothing per run (it is never woken). */
export function createStaticAutoscaler(): Autoscaler {
  return {
    name: 'static',
    capacityBound: (pool) => ({ nodes: pool.initial, limit: 'initial' }),
    firstWakeS: () => Infinity,
    decide: () => Infinity,
    mayStillAct: () => false,
  };
}
