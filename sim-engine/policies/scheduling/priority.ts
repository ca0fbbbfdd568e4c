/**
 * Priority scheduling: higher `priority` first (workload entries and traces carry it), in
 * submit order within a priority. Strict: the pass stops at the first job that can neither
 * start nor, with `preempt: true`, make room — no lower-priority job passes it (the
 * high-priority head is never starved by smaller low-priority work).
 *
 * With `preempt: true` a job that does not fit may kill running jobs of strictly lower
 * priority — lowest priority first, most recently started first among equals — when that
 * frees enough room in one pool (the pools tried in poolOrder): accelerators on one node for
 * a single-node job, whole idle nodes for a gang job. Only the victims on the nodes the job
 * will use are killed; they requeue in their submit-order place and resume from their last
 * checkpoint (lost work counted exactly), and each kill is logged with its reason.
 * Cost: O(priority levels + jobs started) per pass; a preemption O(nodes + running jobs of the pool · log).
 */
import { z } from 'zod';
import type { PoolOrder, SchedulerDefinition } from '../definition.js';
import type { Placement, Scheduler, SchedulerActions, SchedulerView } from '../types.js';
import { startInFirstPool } from './fifo.js';
import { QueueGroups } from './queue-groups.js';

const params = z.strictObject({
  preempt: z.boolean().default(false).describe('a job that does not fit may kill running lower-priority jobs (lowest priority, most recently started first) when that frees enough room in one pool'),
});

interface Victim {
  job: number;
  priority: number;
  startS: number;
  k: number;
}

class Priority implements Scheduler {
  readonly name = 'priority';
  private readonly groups = new QueueGroups((view, job) => view.jobPriority(job), (a, b) => b - a);
  private buf = new Int32Array(64);

  constructor(
    readonly placement: Placement,
    private readonly poolOrder: PoolOrder,
    private readonly preempt: boolean,
  ) {}

  schedule(view: SchedulerView, act: SchedulerActions): void {
    const groups = this.groups;
    groups.refresh(view);
    for (let g = 0; g < groups.keys.length; g++) {
      for (let j = groups.nextIn(view, g, 0); j >= 0; j = groups.nextIn(view, g, j + 1)) {
        if (startInFirstPool(view, act, j, this.poolOrder) || (this.preempt && this.makeRoom(view, act, j))) {
          groups.started(view, j);
          continue;
        }
        return; // strict: nothing passes a job that cannot start
      }
    }
  }

  /** Kill lower-priority jobs in the first pool where that lets `job` start, and start it there. */
  private makeRoom(view: SchedulerView, act: SchedulerActions, job: number): boolean {
    const order = this.poolOrder === 'fleet' ? null : view.poolsInOrder(this.poolOrder, job);
    for (let i = 0; i < view.poolCount; i++) {
      const pool = order ? order[i]! : i;
      if (!view.jobAllowsPool(job, pool)) continue;
      const kill = this.victimsIn(view, pool, job);
      if (!kill) continue;
      const p = view.jobPriority(job);
      for (const v of kill) act.preempt(v.job, `preempted for job ${job} (priority ${p} > ${v.priority})`);
      if (act.tryStart(job, pool)) return true;
      throw new Error(`scheduler invariant: job ${job} did not fit pool ${pool} after preempting ${kill.length} job(s)`);
    }
    return false;
  }

  /**
   * The victims that make room for `job` in the pool, or null: running jobs of lower priority
   * in kill order, freed one by one (on a copy of the nodes' free counts) until the job fits;
   * then only those on the node(s) it would use.
   */
  private victimsIn(view: SchedulerView, pool: number, job: number): Victim[] | null {
    const perNode = view.poolPerNode(pool);
    const k = view.jobAccelerators(job);
    const need = k <= perNode ? 1 : Math.ceil(k / perNode);
    const p = view.jobPriority(job);
    const N = view.poolNodeCount(pool);
    const free = new Float64Array(N); // -1: takes no jobs
    const onNodes = new Map<number, number[]>(); // victim job → node positions
    const victims: Victim[] = [];
    for (let pos = 0; pos < N; pos++) {
      const node = view.poolNode(pool, pos);
      free[pos] = view.nodeFreeAccelerators(node);
      if (free[pos]! < 0) continue;
      if (this.buf.length < perNode) this.buf = new Int32Array(perNode);
      const n = view.jobsOnNode(node, this.buf);
      for (let i = 0; i < n; i++) {
        const v = this.buf[i]!;
        const vp = view.jobPriority(v);
        if (!(vp < p)) continue;
        let at = onNodes.get(v);
        if (!at) {
          onNodes.set(v, (at = []));
          victims.push({ job: v, priority: vp, startS: view.jobStartS(v), k: view.jobAccelerators(v) });
        }
        at.push(pos);
      }
    }
    if (victims.length === 0) return null;
    victims.sort((a, b) => a.priority - b.priority || b.startS - a.startS || b.job - a.job);
    const freed = Float64Array.from(free);
    for (let n = 1; n <= victims.length; n++) {
      const v = victims[n - 1]!;
      for (const pos of onNodes.get(v.job)!) freed[pos]! += v.k > perNode ? perNode : v.k;
      const target = this.targetNodes(freed, perNode, k, need);
      if (!target) continue;
      // Kill only the victims (among the first n) on the nodes the job will use.
      return victims.slice(0, n).filter((x) => onNodes.get(x.job)!.some((pos) => target.has(pos)));
    }
    return null;
  }

  /** Node positions where the job fits given free counts, or null (lowest positions first). */
  private targetNodes(freed: Float64Array, perNode: number, k: number, need: number): Set<number> | null {
    const out = new Set<number>();
    for (let pos = 0; pos < freed.length && out.size < need; pos++) {
      if (k <= perNode ? freed[pos]! >= k : freed[pos]! === perNode) out.add(pos);
    }
    return out.size === need ? out : null;
  }
}

export const priorityScheduler: SchedulerDefinition<typeof params> = {
  name: 'priority',
  description: 'Higher priority first, strict (nothing passes a job that cannot start); preempt: true kills lower-priority jobs, lowest and newest first, to make room in one pool.',
  params,
  create: (p, ctx) => new Priority(ctx.placement, ctx.poolOrder, p.preempt),
};
