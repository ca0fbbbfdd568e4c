import { noParams, type SchedulerDefinition } from '../definition.js';
import { createFirstFitPlacement } from '../placement/first-fit.js';
import type { Placement, Scheduler, SchedulerActions, SchedulerView } from '../types.js';

/**
 * Strict FIFO (the reference scheduler, DESIGN.md §3). No job starts before an
 * earlier-submitted one: the pass stops at the first job that cannot be placed
 * (head-of-line blocking). Pools are tried in fleet order; within a pool the placement
 * (first-fit by default) picks the nodes.
 * Cost: O(pools · log nodes) per placed job, O(pools) for a blocked head.
 */
class Fifo implements Scheduler {
  readonly name = 'fifo';
  constructor(readonly placement: Placement) {}

  schedule(view: SchedulerView, act: SchedulerActions): void {
    for (let job = view.firstQueued(); job >= 0; job = view.firstQueued()) {
      if (!startInFirstPool(view, act, job)) return;
    }
  }
}

export function createFifoScheduler(placement: Placement = createFirstFitPlacement()): Scheduler {
  return new Fifo(placement);
}

/** Start a job in the first pool (fleet order) where it fits now; false if none. Shared with other schedulers. */
export function startInFirstPool(view: SchedulerView, act: SchedulerActions, job: number): boolean {
  for (let p = 0; p < view.poolCount; p++) {
    if (view.jobAllowsPool(job, p) && act.tryStart(job, p)) return true;
  }
  return false;
}

export const fifoScheduler: SchedulerDefinition = {
  name: 'fifo',
  description: 'Strict FIFO: no job starts before an earlier-submitted one (head-of-line blocking); pools in fleet order, first-fit within a pool (the reference).',
  params: noParams(),
  create: () => createFifoScheduler(),
};
