import type { PoolOrder, SchedulerDefinition } from '../definition.js';
import type { Placement, Scheduler, SchedulerActions, SchedulerView } from '../types.js';
import { estimatingParams, RuntimeEstimator } from './estimate.js';
import { startInFirstPool } from './fifo.js';
import { firstAllowedPool, FitBound } from './pass-helpers.js';
import { SortedJobs, Visit } from './sorted-jobs.js';

/**
 * Shortest job first: each pass tries queued jobs in order of estimated runtime (ties by
 * submit order) and starts every one that fits, skipping those that do not (no head-of-line
 * blocking). A job's key is its estimate in the first pool (in poolOrder) it may use, taken
 * when it enters the queue (again after a kill: its remaining work).
 *
 * The scheduler keeps its own index of queued jobs by (estimate, id), updated incrementally:
 * jobs with ids above the last one seen are new arrivals; when the view's queue holds more
 * jobs than the index, killed jobs came back and the queue is scanned once for them. A pass
 * stops as soon as no job of the smallest queued size fits anywhere.
 * Cost: O(log n) per arrival; per pass O(visited + pools · log nodes per size that fails),
 * where visited ≤ queued jobs; O(queue) after a kill.
 */
class Sjf implements Scheduler {
  readonly name = 'sjf';
  private readonly index = new SortedJobs();
  private readonly fit = new FitBound();
  /** 1 for jobs in the index (all of them queued). */
  private indexed = new Uint8Array(1024);
  private lastSeen = -1;
  /** Indexed jobs by size, and the smallest size with any (lazily recomputed). */
  private readonly bySize = new Map<number, number>();
  private minK = Infinity;
  private view: SchedulerView | null = null;
  private act: SchedulerActions | null = null;
  private readonly visit = (job: number): Visit => this.tryJob(job);

  constructor(
    readonly placement: Placement,
    private readonly poolOrder: PoolOrder,
    private readonly estimator: RuntimeEstimator,
  ) {}

  schedule(view: SchedulerView, act: SchedulerActions): void {
    for (let j = this.lastSeen < 0 ? view.firstQueued() : view.nextQueued(this.lastSeen); j >= 0; j = view.nextQueued(j)) {
      this.add(view, j);
      this.lastSeen = j;
    }
    if (this.index.size !== view.queueLength()) {
      for (let j = view.firstQueued(); j >= 0; j = view.nextQueued(j)) if (this.indexed[j] !== 1) this.add(view, j);
    }
    if (this.index.size !== view.queueLength()) throw new Error(`scheduler sjf invariant: ${this.index.size} jobs indexed, ${view.queueLength()} queued`);
    this.fit.reset();
    this.view = view;
    this.act = act;
    this.index.scan(this.visit);
    this.view = this.act = null;
  }

  private tryJob(job: number): Visit {
    const view = this.view!;
    if (this.fit.exhausted(this.smallestSize())) return Visit.Stop;
    const k = view.jobAccelerators(job);
    if (!this.fit.mayFit(view, k) || !startInFirstPool(view, this.act!, job, this.poolOrder)) return Visit.Keep;
    this.indexed[job] = 0;
    const left = this.bySize.get(k)! - 1;
    this.bySize.set(k, left);
    if (left === 0 && k === this.minK) this.minK = NaN;
    return Visit.Remove;
  }

  private add(view: SchedulerView, job: number): void {
    const pool = firstAllowedPool(view, job, this.poolOrder);
    const key = pool < 0 ? Infinity : this.estimator.estimateS(view, job, pool);
    this.index.insert(key, job);
    if (job >= this.indexed.length) {
      const grown = new Uint8Array(Math.max(job + 1, this.indexed.length * 2));
      grown.set(this.indexed);
      this.indexed = grown;
    }
    this.indexed[job] = 1;
    const k = view.jobAccelerators(job);
    this.bySize.set(k, (this.bySize.get(k) ?? 0) + 1);
    if (k < this.minK) this.minK = k;
  }

  /** The smallest size among indexed jobs (Infinity when none). */
  private smallestSize(): number {
    if (this.minK === this.minK) return this.minK;
    let m = Infinity;
    for (const [k, n] of this.bySize) if (n > 0 && k < m) m = k;
    return (this.minK = m);
  }
}

export const sjfScheduler: SchedulerDefinition<typeof estimatingParams> = {
  name: 'sjf',
  description: 'Shortest estimated runtime first (ties by submit order), skipping jobs that do not fit: no head-of-line blocking; long jobs may starve. Cost: O(log n) per arrival, O(jobs visited) per pass.',
  params: estimatingParams,
  create: (params, ctx) => new Sjf(ctx.placement, ctx.poolOrder, new RuntimeEstimator(params.estimate, ctx.rng, 'sjf')),
};
