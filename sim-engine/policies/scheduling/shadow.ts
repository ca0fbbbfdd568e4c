/**
 * The blocked head's reservation for easy-backfill: its shadow time S and what later jobs
 * may take without delaying it, projected node by node.
 *
 * For each pool the head may use, the pool's ready nodes (draining ones excluded) start
 * from their free accelerators now; each running job frees its share of its nodes at its
 * estimated end (start + estimate, or now if it has already run past its estimate). The head
 * fits at time t when some node has k free (a job of k ≤ perNode) or ceil(k / perNode) nodes
 * are wholly free (a gang job). S is the earliest estimated end at which it fits, with every
 * end at S applied; the pool with the earliest S (ties: first in pool order) holds the
 * reservation. The projection at S is kept, so a later job that would still run at S may
 * start only where the head still fits at S after it — on one pool with one accelerator per
 * node this is exactly "needs ≤ extra = free at S − the head's need".
 * Cost per blocked pass: O(nodes + running · log running) per pool the head may use.
 */
import type { SchedulerView } from '../types.js';
import type { RuntimeEstimator } from './estimate.js';

export class ShadowPlan {
  /** The head's shadow time (Infinity when no pool can ever hold it on its ready nodes). */
  shadowS = Infinity;
  /** The pool holding the reservation, or -1. */
  pool = -1;
  /** Projected free accelerators at S, by node id (valid for the reservation pool's nodes). */
  private proj = new Int32Array(256);
  /** Nodes of the reservation pool where the head fits at S (a node with k free, or a wholly free node for a gang). */
  private fitting = 0;
  private need = 0;
  private k = 0;
  private gang = false;
  private perNode = 0;
  private endS = new Float64Array(256);
  private evNode = new Int32Array(256);
  private evTake = new Int32Array(256);
  /** Per node of the pool: when the head could fit there (gang heads). */
  private nodeFitS = new Float64Array(256);
  private jobsBuf = new Int32Array(64);

  /** Plan the head's reservation over the pools it may use (in the scheduler's pool order). */
  plan(view: SchedulerView, head: number, pools: Int32Array, est: RuntimeEstimator): void {
    this.shadowS = Infinity;
    this.pool = -1;
    let fitting = 0;
    for (let i = 0; i < pools.length; i++) {
      const p = pools[i]!;
      if (!view.jobAllowsPool(head, p)) continue;
      const s = this.shadowIn(view, head, p, est);
      if (s < this.shadowS) {
        this.shadowS = s;
        this.pool = p;
        fitting = this.fitting;
      }
    }
    if (this.pool < 0) return;
    this.fitting = fitting;
    this.setHead(view, head, this.pool);
  }

  /**
   * Whether a job that would still run at S may take these nodes of the reservation pool
   * (`take` accelerators on each): the head must still fit there at S. Records it if so.
   */
  admit(nodes: Int32Array, count: number, take: number): boolean {
    let fitting = this.fitting;
    for (let i = 0; i < count; i++) {
      const n = nodes[i]!;
      fitting += (this.fits(this.proj[n]! - take) ? 1 : 0) - (this.fits(this.proj[n]!) ? 1 : 0);
    }
    if (fitting < this.need) return false;
    for (let i = 0; i < count; i++) this.proj[nodes[i]!]! -= take;
    this.fitting = fitting;
    return true;
  }

  private setHead(view: SchedulerView, head: number, pool: number): void {
    this.k = view.jobAccelerators(head);
    this.perNode = view.poolPerNode(pool);
    this.gang = this.k > this.perNode;
    this.need = this.gang ? Math.ceil(this.k / this.perNode) : 1;
  }

  private fits(free: number): boolean {
    return this.gang ? free === this.perNode : free >= this.k;
  }

  /**
   * The head's shadow time in one pool; leaves the projection at that time in `proj` and
   * `fitting`. The head fits at t on a node once the node's free room plus what its jobs
   * ending by t free reaches k (a gang: once the node is wholly free), so S is the earliest
   * such time over the nodes (a gang: the need-th earliest).
   */
  private shadowIn(view: SchedulerView, head: number, pool: number, est: RuntimeEstimator): number {
    this.setHead(view, head, pool);
    const now = view.now;
    const { perNode, k: headK, gang } = this;
    if (this.jobsBuf.length < perNode) this.jobsBuf = new Int32Array(perNode);
    let events = 0;
    let nodes = 0;
    let shadowS = Infinity;
    for (let pos = 0, n = view.poolNodeCount(pool); pos < n; pos++) {
      const node = view.poolNode(pool, pos);
      const free = view.nodeFreeAccelerators(node);
      if (free < 0) continue;
      if (node >= this.proj.length) this.proj = growInt(this.proj, node + 1);
      this.proj[node] = free;
      const first = events;
      const jobs = view.jobsOnNode(node, this.jobsBuf);
      if (events + jobs > this.endS.length) this.growEvents(events + jobs);
      for (let i = 0; i < jobs; i++) {
        const job = this.jobsBuf[i]!;
        const k = view.jobAccelerators(job);
        this.endS[events] = Math.max(view.jobStartS(job) + est.estimateS(view, job, pool), now);
        this.evNode[events] = node;
        this.evTake[events] = k > perNode ? perNode : k;
        events++;
      }
      const fitS = gang ? this.idleAtS(first, events, now) : this.roomAtS(first, events, free, headK, now);
      if (gang) {
        if (nodes >= this.nodeFitS.length) this.nodeFitS = growFloat(this.nodeFitS, nodes + 1);
        this.nodeFitS[nodes++] = fitS;
      }
      else if (fitS < shadowS) shadowS = fitS;
    }
    if (gang) {
      if (nodes < this.need) shadowS = Infinity;
      else {
        const sorted = this.nodeFitS.subarray(0, nodes).sort();
        shadowS = sorted[this.need - 1]!;
      }
    }
    // The projection at S: every estimated end at or before S applied.
    let fitting = 0;
    for (let e = 0; e < events; e++) if (this.endS[e]! <= shadowS) this.proj[this.evNode[e]!]! += this.evTake[e]!;
    for (let pos = 0, n = view.poolNodeCount(pool); pos < n; pos++) {
      const node = view.poolNode(pool, pos);
      if (view.nodeFreeAccelerators(node) >= 0 && this.fits(this.proj[node]!)) fitting++;
    }
    this.fitting = fitting;
    return shadowS;
  }

  /** When a node's jobs (events first … end − 1) have all ended: the node is wholly free. */
  private idleAtS(first: number, end: number, now: number): number {
    let t = now;
    for (let e = first; e < end; e++) if (this.endS[e]! > t) t = this.endS[e]!;
    return t;
  }

  /** When a node first has k free: its free room now plus its jobs' shares, in end order (a node holds at most perNode jobs). */
  private roomAtS(first: number, end: number, free: number, k: number, now: number): number {
    if (free >= k) return now;
    const endS = this.endS;
    const take = this.evTake;
    // Insertion sort of the node's few events by end time (node and take travel along).
    for (let i = first + 1; i < end; i++) {
      const t = endS[i]!;
      const a = take[i]!;
      let j = i - 1;
      for (; j >= first && endS[j]! > t; j--) {
        endS[j + 1] = endS[j]!;
        take[j + 1] = take[j]!;
      }
      endS[j + 1] = t;
      take[j + 1] = a;
    }
    for (let e = first; e < end; e++) {
      free += take[e]!;
      if (free >= k) return endS[e]!;
    }
    return Infinity;
  }

  private growEvents(min: number): void {
    const n = Math.max(min, this.endS.length * 2);
    this.endS = growFloat(this.endS, n);
    this.evNode = growInt(this.evNode, n);
    this.evTake = growInt(this.evTake, n);
  }
}

function growInt(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(min, a.length * 2));
  out.set(a);
  return out;
}

function growFloat(a: Float64Array, min: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(Math.max(min, a.length * 2));
  out.set(a);
  return out;
}
