import { z } from 'zod';
import { ownValue } from '../params.js';
import { count, show } from '../../scenario/fields.js';
import type { AutoscalerDefinition } from '../definition.js';
import type { Autoscaler, AutoscalerView, ScaleSink } from '../types.js';

export const staticParams = z.strictObject({
  nodes: z.record(z.string(), count('nodes')).optional().describe("fixed node counts per pool for this policy (overrides the pools' initial)"),
});
export type StaticParams = z.output<typeof staticParams>;

/**
 * A fixed fleet: the `initial` nodes of each pool (or `nodes[pool]`), held at that size.
 * Costs nothing per run (it is never woken) unless nodes are lost: a preempted spot node is
 * replaced at once, an unfulfilled request asked again after STATIC_RETRY_S.
 */
/** How long a static fleet waits before it asks again for a node whose request was not fulfilled. */
export const STATIC_RETRY_S = 60;

export function createStaticAutoscaler(params: StaticParams = {}): Autoscaler {
  /** Pools below their fixed size (only after a lost node): top them up. */
  const topUp = (view: AutoscalerView, sink: ScaleSink): boolean => {
    let short = false;
    for (const p of view.pools) {
      if (p.nodes >= p.initial) continue;
      const add = Math.min(p.initial - p.nodes, p.quotaRoomNodes);
      if (add > 0) sink.add(p.index, add, `below its fixed size: ${p.nodes} < ${p.initial} nodes (a request was not fulfilled) → +${add}`);
      short = true;
    }
    return short;
  };
  return {
    name: 'static',
    capacityBound: (pool) => ({ nodes: pool.initial, limit: 'initial' }),
    firstWakeS: () => Infinity,
    decide: (view, sink) => (topUp(view, sink), Infinity),
    mayStillAct: (view) => view.pools.some((p) => p.nodes < p.initial),
    initialNodes: (pool) => ownValue(params.nodes, pool.name),
    // A preempted spot node is replaced at once; an unfulfilled request is asked again a minute
    // later (a failed node is repaired, not replaced).
    onNodesLost: (view, sink, pool, count, cause, reason) => {
      if (cause === 'unfulfilled') return view.now + STATIC_RETRY_S;
      sink.add(pool, count, `${reason}: hold the fleet at its size → +${count} node${count === 1 ? '' : 's'}`);
      return undefined;
    },
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
