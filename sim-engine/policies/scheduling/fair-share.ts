/**
 * Weighted fair share across tenants: at each start, the tenant with the lowest running
 * share — accelerators its jobs run on now ÷ its weight — goes first; within a tenant, jobs
 * in submit order. A tenant whose oldest job does not fit now is skipped for the rest of the
 * pass (no head-of-line blocking across tenants; within a tenant, submit order holds). Jobs
 * without a tenant share one tenant, "" (weight `defaultWeight`).
 * Cost: O(nodes + running jobs + tenants × starts) per pass.
 */
import { z } from 'zod';
import { ownValue } from '../params.js';
import type { PoolOrder, SchedulerDefinition } from '../definition.js';
import type { Placement, Scheduler, SchedulerActions, SchedulerView } from '../types.js';
import { startInFirstPool } from './fifo.js';
import { QueueGroups } from './queue-groups.js';

const params = z.strictObject({
  weights: z.record(z.string(), z.number().positive()).default({}).describe('weight per tenant (a bigger weight gets a bigger share)').meta({ keyedBy: 'tenant' }),
  defaultWeight: z.number().positive().default(1).describe('weight of tenants not listed (and of jobs without a tenant)'),
});

class FairShare implements Scheduler {
  readonly name = 'fair-share';
  /** Groups keyed by tenant id (-1: no tenant), in first-seen order (the order does not matter: shares decide). */
  private readonly groups = new QueueGroups((view, job) => view.jobTenant(job), () => 0);
  private running = new Float64Array(8);
  private weight = new Float64Array(8);
  private blocked = new Uint8Array(8);
  private buf = new Int32Array(64);

  constructor(
    readonly placement: Placement,
    private readonly poolOrder: PoolOrder,
    private readonly weights: Readonly<Record<string, number>>,
    private readonly defaultWeight: number,
  ) {}

  schedule(view: SchedulerView, act: SchedulerActions): void {
    const groups = this.groups;
    groups.refresh(view);
    const G = groups.keys.length;
    if (this.running.length < G) {
      this.running = new Float64Array(G * 2);
      this.weight = new Float64Array(G * 2);
      this.blocked = new Uint8Array(G * 2);
    }
    for (let g = 0; g < G; g++) {
      const t = groups.keys[g]!;
      this.weight[g] = ownValue(this.weights, t < 0 ? '' : view.tenantName(t)) ?? this.defaultWeight;
      this.running[g] = 0;
      this.blocked[g] = 0;
    }
    // Running accelerators per tenant, from the nodes (a gang job counts k / its nodes on each).
    for (let p = 0; p < view.poolCount; p++) {
      const perNode = view.poolPerNode(p);
      if (this.buf.length < perNode) this.buf = new Int32Array(perNode);
      for (let pos = 0; pos < view.poolNodeCount(p); pos++) {
        const n = view.jobsOnNode(view.poolNode(p, pos), this.buf);
        for (let i = 0; i < n; i++) {
          const j = this.buf[i]!;
          const g = this.groupOf(view.jobTenant(j));
          const k = view.jobAccelerators(j);
          if (g >= 0) this.running[g]! += k <= perNode ? k : k / Math.ceil(k / perNode);
        }
      }
    }
    for (;;) {
      // The tenant with queued work and the lowest running share per weight (ties: first group).
      let best = -1;
      let bestShare = Infinity;
      for (let g = 0; g < G; g++) {
        if (this.blocked[g]) continue;
        const share = this.running[g]! / this.weight[g]!;
        if (share < bestShare && groups.nextIn(view, g, 0) >= 0) {
          best = g;
          bestShare = share;
        }
      }
      if (best < 0) return;
      const j = groups.nextIn(view, best, 0);
      if (startInFirstPool(view, act, j, this.poolOrder)) {
        groups.started(view, j);
        this.running[best]! += view.jobAccelerators(j);
      } else this.blocked[best] = 1;
    }
  }

  private groupOf(tenant: number): number {
    const keys = this.groups.keys;
    for (let g = 0; g < keys.length; g++) if (keys[g] === tenant) return g;
    return -1;
  }
}

export const fairShareScheduler: SchedulerDefinition<typeof params> = {
  name: 'fair-share',
  description: 'Weighted fair share: the tenant with the lowest running accelerators ÷ weight starts its oldest job next; a tenant whose job does not fit does not block the others.',
  params,
  create: (p, ctx) => new FairShare(ctx.placement, ctx.poolOrder, p.weights, p.defaultWeight),
};
