import type { PoolOrder, SchedulerDefinition } from '../definition.js';
import type { Placement, Scheduler, SchedulerActions, SchedulerView } from '../types.js';
import { estimatingParams, RuntimeEstimator } from './estimate.js';
import { startInFirstPool } from './fifo.js';
import { FitBound, poolSequence } from './pass-helpers.js';
import { ShadowPlan } from './shadow.js';

/**
 * EASY backfilling (Mu'alem & Feitelson 2001; DESIGN.md §12, normative). A pass starts jobs
 * from the queue head in submit order while the head fits (first pool in poolOrder, like
 * fifo). When the head does not fit, it gets a reservation at its shadow time S in one pool
 * (see shadow.ts: the earliest estimated completion at which it fits, over the pools it may
 * use); then every later queued job, in queue order, starts now if it fits now (placement and
 * pool order as fifo) and either is estimated to end by S (now + estimate ≤ S), or runs in
 * another pool than the reservation's, or leaves the head room at S in the reservation's pool
 * (the "extra" accelerators at S, counted node by node; what such a job takes is used up).
 * Running jobs end at start + estimate, or now if already past it. With no reservation
 * possible on the ready nodes (S = ∞) every later job that fits may start.
 * Cost per pass: O(started · pools · log nodes); when the head blocks, O(nodes + running ·
 * log running) for S, plus O(queue) to scan the rest (O(1) for a job too big for any free room).
 */
class EasyBackfill implements Scheduler {
  readonly name = 'easy-backfill';
  private readonly shadow = new ShadowPlan();
  private readonly fit = new FitBound();
  private nodes = new Int32Array(64);

  constructor(
    readonly placement: Placement,
    private readonly poolOrder: PoolOrder,
    private readonly estimator: RuntimeEstimator,
  ) {}

  schedule(view: SchedulerView, act: SchedulerActions): void {
    let head = view.firstQueued();
    while (head >= 0 && startInFirstPool(view, act, head, this.poolOrder)) head = view.firstQueued();
    if (head < 0) return;
    this.fit.reset();
    let planned = false;
    for (let job = view.nextQueued(head); job >= 0 && !this.fit.exhausted(1); job = view.nextQueued(job)) {
      if (!this.fit.mayFit(view, view.jobAccelerators(job))) continue;
      if (!planned) {
        // Only once some later job could start: a pass where nothing fits costs no planning.
        this.shadow.plan(view, head, poolSequence(view, head, this.poolOrder), this.estimator);
        planned = true;
      }
      this.backfill(view, act, job);
    }
  }

  /** Start a later job now if it fits and does not delay the head's reservation; false if not. */
  private backfill(view: SchedulerView, act: SchedulerActions, job: number): boolean {
    const pools = poolSequence(view, job, this.poolOrder);
    const shadow = this.shadow;
    for (let i = 0; i < pools.length; i++) {
      const p = pools[i]!;
      if (!view.jobAllowsPool(job, p)) continue;
      if (p !== shadow.pool || view.now + this.estimator.estimateS(view, job, p) <= shadow.shadowS) {
        if (act.tryStart(job, p)) return true;
        continue;
      }
      // Still running at S in the reservation's pool: only on nodes that leave the head room at S.
      const k = view.jobAccelerators(job);
      const perNode = view.poolPerNode(p);
      const count = k <= perNode ? 1 : Math.ceil(k / perNode);
      if (!this.placeNodes(view, p, k, count)) continue;
      if (!shadow.admit(this.nodes, count, k <= perNode ? k : perNode)) continue;
      act.startOn(job, p, this.nodes, count);
      return true;
    }
    return false;
  }

  /** Where the placement would put a job of k accelerators in the pool now (into `nodes`); false if it does not fit. */
  private placeNodes(view: SchedulerView, pool: number, k: number, count: number): boolean {
    if (count === 1) {
      const node = this.placement.nodeFor(view, pool, k);
      this.nodes[0] = node;
      return node >= 0;
    }
    if (view.idleNodeCount(pool) < count) return false;
    if (this.nodes.length < count) this.nodes = new Int32Array(count * 2);
    return this.placement.idleNodesFor(view, pool, count, this.nodes) === count;
  }
}

export const easyBackfillScheduler: SchedulerDefinition<typeof estimatingParams> = {
  name: 'easy-backfill',
  description: 'EASY backfilling: FIFO, but a blocked head gets a reservation at its shadow time S; later jobs that fit start if they end by S or leave it room. Cost: O(nodes + running·log + queue) per pass.',
  params: estimatingParams,
  create: (params, ctx) => new EasyBackfill(ctx.placement, ctx.poolOrder, new RuntimeEstimator(params.estimate, ctx.rng, 'easy-backfill')),
};
