/**
 * Faults (DESIGN.md §11): node failures with repair, and spot preemption with a notice.
 * Owns the NodeChange events (Failure, Preemption, NoticeEnd) and NodeReady/Repaired; changes
 * state only through FleetState's mutators and kills jobs through Batch (requeue from the last
 * checkpoint). Built only when some pool has `failures` or `preemption`: a fleet without them
 * schedules no event and pays nothing.
 *
 * - Failures: when a node becomes ready (provisioned or repaired), its time to failure is drawn
 *   (exponential with mean `mtbf`, or Weibull with that mean and `shape`; substream
 *   `failures/<pool>`). At the failure its jobs are killed (a gang job loses every node's
 *   progress), the node is down but billed while repaired for `mttr` (substream `repair/<pool>`),
 *   then ready again with a new clock.
 * - Spot preemption: each ready spot node is preempted by its own Poisson process of
 *   `ratePerNodeHour` (substream `preemption/<pool>`). At the preemption the node stops taking
 *   jobs; after `notice` its jobs are killed and it is released (billing stops). The autoscaler
 *   hears of the lost node (a static fleet requests a replacement).
 * A failure during a notice is ignored: the node is leaving anyway.
 */
import { makeLifetimeSampler, makeSampler, type Sampler } from '../core/distributions.js';
import { f64Column, i32Column } from '../core/columns.js';
import { EventClass } from '../core/event-queue.js';
import type { Rng } from '../core/rng.js';
import { EventKind, NodeState } from '../model/states.js';
import { spotLifetimesOf } from '../scenario/prepare.js';
import type { PoolSpec } from '../scenario/schema.js';
import type { Batch } from './batch.js';
import type { EventHandler, Kernel } from './kernel.js';
import type { FleetState } from './state.js';

/** Per-pool counts of what faults did in the measurement window. */
export interface FaultTotals {
  preemptions: number;
  nodeFailures: number;
}

/**
 * The shortest time to a node's next failure, repair, preemption or notice end (1 s): a
 * Weibull shape near 0, an enormous rate or a 0-length recorded lifetime cannot make a node
 * fail, return and fail again at one instant.
 */
export const MIN_FAULT_GAP_S = 1;

interface PoolFaults {
  timeToFailure: Sampler | null;
  repair: Sampler | null;
  timeToPreemption: Sampler | null;
  noticeS: number;
}

/** Whether any pool of the fleet has faults (otherwise the module is not built). */
export function fleetHasFaults(specs: readonly PoolSpec[]): boolean {
  return specs.some((p) => (p.failures && Number.isFinite(p.failures.mtbf)) || (p.preemption && ((p.preemption.ratePerNodeHour ?? 0) > 0 || p.preemption.trace !== undefined)));
}

/** A recorded spot history's lifetimes, one per node that becomes ready, in file order (then again from the start). */
function replay(p: PoolSpec): Sampler {
  const lifetimes = spotLifetimesOf(p);
  if (!lifetimes || lifetimes.length === 0) throw new Error(`faults invariant: the spot history ${p.preemption?.trace} of pool ${p.name} was not loaded`);
  let next = 0;
  return () => {
    const s = lifetimes[next]!;
    next = (next + 1) % lifetimes.length;
    return s;
  };
}

/** What a fault event was (RunResult.faultEvents.kind). */
export const FAULT_EVENT = { preemption: 0, failure: 1 } as const;

export class Faults implements EventHandler {
  readonly totals: FaultTotals[];
  /** Spot preemptions per pool over the whole run (what autoscalers see; `totals` are the window's). */
  readonly preemptionsAll: Int32Array;
  /** Every preemption and failure, in time order (the app's capacity-timeline markers). */
  readonly events = { timeS: f64Column(64), pool: i32Column(64), kind: i32Column(64) };
  private readonly pools: PoolFaults[];
  private buf = new Int32Array(64);

  constructor(
    private readonly kernel: Kernel,
    private readonly state: FleetState,
    private readonly batch: Batch,
    specs: readonly PoolSpec[],
    rng: Rng,
    /** A node was lost for good (a preempted spot node): the autoscaler hears of it. */
    private readonly onNodeLost: (pool: number, reason: string) => void,
    /** Counts cover the measurement window [warmup, horizon) like every other metric. */
    private readonly warmupS = 0,
  ) {
    this.pools = specs.map((p) => {
      const f = p.failures && Number.isFinite(p.failures.mtbf) ? p.failures : null;
      const rate = p.preemption?.ratePerNodeHour ?? 0;
      return {
        timeToFailure: f ? makeLifetimeSampler(f.mtbf, f.shape, rng.fork(`failures/${p.name}`)) : null,
        repair: f ? makeSampler(f.mttr, rng.fork(`repair/${p.name}`)) : null,
        timeToPreemption: p.preemption?.trace !== undefined ? replay(p) : rate > 0 ? makeLifetimeSampler(3600 / rate, undefined, rng.fork(`preemption/${p.name}`)) : null,
        noticeS: p.preemption?.notice ?? 0,
      };
    });
    this.totals = specs.map(() => ({ preemptions: 0, nodeFailures: 0 }));
    this.preemptionsAll = new Int32Array(specs.length);
    kernel.on(EventClass.NodeChange, EventKind.NodeChange.Failure, this);
    kernel.on(EventClass.NodeChange, EventKind.NodeChange.Preemption, this);
    kernel.on(EventClass.NodeChange, EventKind.NodeChange.NoticeEnd, this);
    kernel.on(EventClass.NodeReady, EventKind.NodeReady.Repaired, { onEvent: (_kind, node, tag) => this.repaired(node, tag) });
  }

  private repaired(node: number, tag: number): void {
    if (tag !== this.state.nodes.c.epoch[node]) return;
    this.state.ready(node);
    this.armNode(node);
  }

  /** A node became ready (provisioned or repaired): start its failure and preemption clocks. */
  armNode(node: number): void {
    const f = this.pools[this.state.nodes.c.pool[node]!]!;
    if (f.timeToFailure) this.at(f.timeToFailure(), EventClass.NodeChange, EventKind.NodeChange.Failure, node);
    if (f.timeToPreemption) this.at(f.timeToPreemption(), EventClass.NodeChange, EventKind.NodeChange.Preemption, node);
  }

  onEvent(kind: number, node: number, tag: number): void {
    const n = this.state.nodes.c;
    // Released, failed or repaired since this event was scheduled: its epoch moved on.
    if (tag !== n.epoch[node]) return;
    const p = n.pool[node]!;
    const f = this.pools[p]!;
    const totals = this.totals[p]!;
    switch (kind) {
      case EventKind.NodeChange.Failure:
        if (n.state[node] !== NodeState.Ready) return; // draining: leaving anyway
        if (this.kernel.now >= this.warmupS) totals.nodeFailures++;
        this.logEvent(p, FAULT_EVENT.failure);
        this.killJobsOn(node);
        this.state.fail(node);
        this.at(f.repair!(), EventClass.NodeReady, EventKind.NodeReady.Repaired, node);
        return;
      case EventKind.NodeChange.Preemption:
        if (n.state[node] !== NodeState.Ready) return;
        if (this.kernel.now >= this.warmupS) totals.preemptions++;
        this.preemptionsAll[p]!++;
        this.logEvent(p, FAULT_EVENT.preemption);
        if (f.noticeS > 0) {
          this.state.drain(node);
          this.at(f.noticeS, EventClass.NodeChange, EventKind.NodeChange.NoticeEnd, node);
        } else this.reclaim(node, p);
        return;
      case EventKind.NodeChange.NoticeEnd:
        this.reclaim(node, p);
        return;
      default:
        throw new Error(`faults invariant: unknown node-change kind ${kind}`);
    }
  }

  private logEvent(pool: number, kind: number): void {
    this.events.timeS.push(this.kernel.now);
    this.events.pool.push(pool);
    this.events.kind.push(kind);
  }

  /** The end of a preempted spot node: its jobs die, it is released, the autoscaler hears of it. */
  private reclaim(node: number, pool: number): void {
    this.killJobsOn(node);
    this.state.release(node);
    this.onNodeLost(pool, `spot node ${node} preempted`);
  }

  private killJobsOn(node: number): void {
    const state = this.state;
    const perNode = state.pools[state.nodes.c.pool[node]!]!.perNode;
    if (this.buf.length < perNode) this.buf = new Int32Array(perNode);
    const count = state.jobsOn(node, this.buf);
    for (let i = 0; i < count; i++) this.batch.kill(this.buf[i]!, 'fault');
  }

  /** Schedule a node's next fault event `afterS` from now — at least MIN_FAULT_GAP_S, so no node can cycle at one instant. */
  private at(afterS: number, cls: EventClass, kind: number, node: number): void {
    const t = this.kernel.now + Math.max(MIN_FAULT_GAP_S, afterS);
    if (t < this.kernel.horizonS) this.kernel.schedule(t, cls, kind, node, this.state.nodes.c.epoch[node]!);
  }
}
