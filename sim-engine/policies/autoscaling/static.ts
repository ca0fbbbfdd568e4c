import type { Autoscaler } from '../types.js';

/** A fixed fleet: the `initial` nodes of each pool, never changed. Costs nothing per tick (it has none). */
export function createStaticAutoscaler(): Autoscaler {
  return {
    kind: 'static',
    tickS: null,
    capacityBound: (pool) => pool.initial,
    decide: () => [],
    mayStillAct: () => false,
  };
}
