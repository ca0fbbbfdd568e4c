import { noParams, type PoolOrder, type SchedulerDefinition } from '../definition.js';
import { createFirstFitPlacement } from '../placement/first-fit.js';
import type { Placement, Scheduler, SchedulerActions, SchedulerView } from '../types.js';

/**
 * Strict FIFO (the reference scheduler, DESIGN.md §3). No job starts before an
 * earlier-submitted one: the pass stops at the first job that cannot be placed
 * (head-of-line blocking). Pools are tried in fleet order; within a pool the placement
 * (first-fit by default) picks the nodes.
 * Cost: O(pools) placement calls per placed job (first-fit and spread O(log nodes) each,
 * best-fit O(perNode)), O(pools) for a blocked head.
 */
class Fifo implements Scheduler {
  readonly name = 'fifo';
  constructor(
    readonly placement: Placement,
    private readonly poolOrder: PoolOrder,
  ) {}

  schedule(view: SchedulerView, act: SchedulerActions): void {
    for (let job = view.firstQueued(); job >= 0; job = view.firstQueued()) {
      if (!startInFirstPool(view, act, job, this.poolOrder)) return;
    }
  }
}

export function createFifoScheduler(placement: Placement = createFirstFitPlacement(), poolOrder: PoolOrder = 'fleet'): Scheduler {
  return new Fifo(placement, poolOrder);
}

/** Start a job in the first pool (in the given pool order) where it fits now; false if none. Shared with other schedulers. */
export function startInFirstPool(view: SchedulerView, act: SchedulerActions, job: number, order: PoolOrder = 'fleet'): boolean {
  if (order === 'fleet') {
    for (let p = 0; p < view.poolCount; p++) {
      if (view.jobAllowsPool(job, p) && act.tryStart(job, p)) return true;
    }
    return false;
  }
  const pools = view.poolsInOrder(order, job);
  for (let i = 0; i < pools.length; i++) {
    const p = pools[i]!;
    if (view.jobAllowsPool(job, p) && act.tryStart(job, p)) return true;
  }
  return false;
}

export const fifoScheduler: SchedulerDefinition = {
  name: 'fifo',
  description: 'Strict FIFO: no job starts before an earlier-submitted one (head-of-line blocking); the first pool (in poolOrder) where the job fits (the reference).',
  params: noParams(),
  create: (_params, ctx) => createFifoScheduler(ctx.placement, ctx.poolOrder),
};
