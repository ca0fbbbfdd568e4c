import { z } from 'zod';
import { count, show } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler } from '../types.js';

export const staticParams = z.strictObject({
  nodes: z.record(z.string(), count('nodes')).optional().describe("fixed node counts per pool for this policy (overrides the pools' initial)"),
});
export type StaticParams = z.output<typeof staticParams>;

/**
 * A fixed fleet: the `initial` nodes of each pool (or `nodes[pool]`), never changed.
 * Costs nothing per run (it is never woken).
 */
export function createStaticAutoscaler(params: StaticParams = {}): Autoscaler {
  return {
    name: 'static',
    capacityBound: (pool) => ({ nodes: pool.initial, limit: 'initial' }),
    firstWakeS: () => Infinity,
    decide: () => Infinity,
    mayStillAct: () => false,
    initialNodes: (pool) => params.nodes?.[pool.name],
    // A preempted spot node is replaced by a new request (a failed node is repaired, not replaced).
    onNodesLost: (_view, sink, pool, count, reason) => sink.add(pool, count, `${reason}: hold the fleet at its size → +${count} node${count === 1 ? '' : 's'}`),
  };
}

export const staticAutoscaler: AutoscalerDefinition<typeof staticParams> = {
  name: 'static',
  description: 'A fixed fleet: each pool keeps its initial nodes (or nodes[pool]) for the whole run, never scaled.',
  params: staticParams,
  create: createStaticAutoscaler,
  validate(params, { poolNames, pools }, addIssue) {
    for (const [name, n] of Object.entries(params.nodes ?? {})) {
      const pool = pools.find((p) => p.name === name);
      if (!pool) addIssue({ path: ['nodes', name], params: { didYouMean: [...poolNames] }, message: `unknown pool (got ${show(name)}; pools: ${poolNames.join(', ')})` });
      else if (pool.max !== undefined && n > pool.max) addIssue({ path: ['nodes', name], message: `nodes must be ≤ the pool's max (${pool.max}) (got ${n})` });
    }
  },
};
