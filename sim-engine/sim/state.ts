/**
 * The simulation state and its only mutators: jobs and nodes (struct-of-arrays columns), the
 * wait queue (id order = submit order, O(1) removal anywhere), the running jobs (per-node job
 * slots), and the per-pool counters the policies and the samples read.
 *
 * Every mutator advances the pool's meters before it changes a rate (billed nodes, busy
 * accelerators), so the integrals stay exact. Broken invariants throw and name the invariant;
 * policy decisions are checked here too, so no module can place a job where it does not fit.
 *
 * A job may start more than once (a kill requeues it): only jobs that restart store their
 * remaining work and their epoch (optional columns), so end times stay exact and a plain
 * replay pays nothing for restarts.
 */
import { ColumnSet, grow } from '../core/columns.js';
import { MAX_TAG } from '../core/event-queue.js';
import { OrderedIdSet } from '../core/ordered-set.js';
import type { EligibilityTable } from '../model/eligibility.js';
import { JobState, NodeState } from '../model/states.js';
import type { PoolMeters } from '../metrics/meters.js';
import { MAX_POOLS } from '../scenario/schema.js';
import type { Clock } from './kernel.js';
import { runtimeWithCheckpoints, type CheckpointPlan } from './checkpoints.js';
import { JobStore } from './job-store.js';
import { liveNodes, type PoolRuntime } from './pool-runtime.js';

export { poolRuntime, type PoolConstants, type PoolRuntime } from './pool-runtime.js';

const NODE_COLUMNS = { pool: 'i32', pos: 'i32', state: 'u8', free: 'i32', jobCount: 'i32', idleSinceS: 'f64', epoch: 'i32', slotOff: 'i32', requestedAtS: 'f64' } as const;


export class FleetState extends JobStore {
  /** The pools, read-only outside the state (the same objects its mutators change). */
  readonly pools: readonly Readonly<PoolRuntime>[];
  private readonly rw: PoolRuntime[];
  readonly eligibility: EligibilityTable;
  private readonly meters: PoolMeters;

  /** Gang placements: a gang job's nodes at jobs.nodeOff (a single-node job keeps its node there). */
  private nodeList = new Int32Array(1024);
  private nodeListLen = 0;
  /** Node-list runs of ended gang placements, by length: reused, so the list grows with the gang jobs running, not with all of them. */
  private readonly nodeListsFree = new Map<number, number[]>();

  nodeCount = 0;
  readonly nodes = new ColumnSet(NODE_COLUMNS, 256);
  /** Jobs running on each node: slots[slotOff .. slotOff + jobCount). */
  private slots = new Int32Array(1024);
  private slotsLen = 0;

  /** Queued jobs, in submit order. */
  readonly queue = new OrderedIdSet(1024);
  running = 0;
  /** Whether some workload's checkpoints pause its jobs (runtimes then include the pauses). */
  private readonly checkpointPauses: boolean;
  /** Set by any change that may let a queued job start (the scheduling pass runs only then). */
  private dirty = true;

  constructor(
    pools: PoolRuntime[],
    eligibility: EligibilityTable,
    meters: PoolMeters,
    private readonly clock: Clock,
    jobCapacity: number,
    /** Workload class index (WORKLOAD_CLASSES) of each source; every source is training when empty. */
    private readonly classBySource: Uint8Array = new Uint8Array(1),
    /** Checkpointing of each source (`checkpointEvery`, `checkpointCost`), null for none. */
    private readonly checkpointBySource: readonly (CheckpointPlan | null)[] = [],
    /** Ring storage for jobs with this many rows to start with (streamed outcomes only; 0: plain storage). */
    ringSlots = 0,
  ) {
    super(jobCapacity, ringSlots);
    if (pools.length > MAX_POOLS) throw new Error(`state invariant: at most ${MAX_POOLS} pools (got ${pools.length})`);
    this.pools = pools;
    this.rw = pools;
    this.eligibility = eligibility;
    this.meters = meters;
    this.checkpointPauses = checkpointBySource.some((c) => c !== null && c.costS > 0);
  }

  /** Whether anything changed since the last call (and reset): the scheduling pass runs only then. */
  takeDirty(): boolean {
    const d = this.dirty;
    this.dirty = false;
    return d;
  }

  /** Billed nodes: requested and not released (a reserved pool's `min` are billed regardless). */
  billedNodes(pool: Readonly<PoolRuntime>): number {
    const live = liveNodes(pool) - pool.unfulfilledNodes;
    return pool.committedNodes > 0 ? Math.max(live, pool.committedNodes) : live;
  }

  /** What the pool has cost from t = 0 to now. */
  costSoFarUsd(pool: Readonly<PoolRuntime>): number {
    return this.meters.costSoFarUsd(pool.index, this.clock.now, this.billedNodes(pool));
  }

  /** Advance pool p's meters to now (call before changing its rates). */
  private meter(pool: PoolRuntime): void {
    this.meters.advance(pool.index, this.clock.now, this.billedNodes(pool), pool.busyAcc, pool.readyNodes, pool.readyNodes - pool.idleNodes);
  }

  // ── Jobs ──────────────────────────────────────────────────────────────────

  reject(j: number): void {
    this.jobs.c.state[j & this.mask] = JobState.Rejected;
  }

  /** Put a job in the wait queue (first arrival or requeue after a kill); it keeps its place. */
  enqueue(j: number): void {
    const js = j & this.mask;
    const c = this.jobs.c;
    c.state[js] = JobState.Queued;
    if (!this.queue.add(j)) throw alreadyQueued(j);
    const pool = this.rw[this.eligibility.firstPool(c.elig[js]!)]!;
    pool.queuedJobs++;
    pool.queuedAcc += c.k[js]!;
    this.dirty = true;
  }

  /** Nodes a job of k accelerators takes in the pool (1 for k ≤ perNode, else whole nodes). */
  nodesNeeded(k: number, pool: Readonly<PoolRuntime>): number {
    return k <= pool.perNode ? 1 : Math.ceil(k / pool.perNode);
  }

  /**
   * Start a queued job on `count` nodes of a pool. Throws (naming the invariant) unless the
   * job is queued and allowed there, and every node is a ready node of the pool with room —
   * a gang job (k > perNode) needs wholly idle nodes. Returns the job's runtime in seconds.
   */
  place(j: number, poolIndex: number, nodes: Int32Array, count: number): number {
    const js = j & this.mask;
    const c = this.jobs.c;
    const pool = this.rw[poolIndex];
    if (!pool) throw placementInvalid(`no pool ${poolIndex}`);
    if (c.state[js] !== JobState.Queued) throw notQueued(j);
    if (!this.eligibility.allows(c.elig[js]!, poolIndex)) throw notAllowed(j, pool.name);
    const k = c.k[js]!;
    const gang = k > pool.perNode;
    const need = gang ? Math.ceil(k / pool.perNode) : 1;
    if (count !== need) throw wrongNodeCount(j, need, count);
    const n = this.nodes.c;
    this.meter(pool);
    for (let i = 0; i < count; i++) {
      const node = nodes[i]!;
      if (!(node >= 0 && node < this.nodeCount) || n.pool[node] !== poolIndex || n.state[node] !== NodeState.Ready) throw notReadyNode(node, pool.name);
      const take = gang ? pool.perNode : k;
      if (n.free[node]! < take || (gang && n.jobCount[node] !== 0)) throw noRoom(node, n.free[node]!, j, take, gang);
      if (n.jobCount[node] === 0) pool.idleNodes--;
      this.slots[n.slotOff[node]! + n.jobCount[node]!] = j;
      n.jobCount[node]!++;
      n.free[node]! -= take;
      pool.freeAcc -= take;
      pool.tree.set(n.pos[node]!, n.free[node]!);
      if (count === 1) c.nodeOff[js] = node;
      else {
        if (i === 0) c.nodeOff[js] = this.takeNodeList(count);
        this.nodeList[c.nodeOff[js]! + i] = node;
      }
    }
    this.queue.delete(j);
    const pref = this.rw[this.eligibility.firstPool(c.elig[js]!)]!;
    pref.queuedJobs--;
    pref.queuedAcc -= k;
    pool.busyAcc += k;
    c.state[js] = JobState.Running;
    c.startS[js] = this.clock.now;
    c.pool[js] = poolIndex;
    this.running++;
    const left = this.jobRemainingS.get(js);
    if (left === left) this.requeues.started(js, this.clock.now, this.jobs.capacity);
    return this.runtimeOf(j, pool);
  }

  /** The job ran to its end: free its nodes. */
  complete(j: number): void {
    this.unplace(j);
    this.jobs.c.state[j & this.mask] = JobState.Completed;
  }

  /**
   * Kill a running job and requeue it with `remainingS` reference-seconds of work left (its
   * last checkpoint); its pending completion becomes stale (epoch bump).
   */
  kill(j: number, remainingS: number): void {
    const js = j & this.mask;
    if (this.jobs.c.state[js] !== JobState.Running) throw new Error(`state invariant: job ${j} is not running`);
    if (!(remainingS >= 0)) throw new Error(`state invariant: remaining work must be ≥ 0 (got ${remainingS})`);
    const c = this.jobs.c;
    const cap = this.jobs.capacity;
    this.requeues.killed(js, c.submitS[js]!, c.startS[js]!, this.clock.now, cap);
    this.unplace(j);
    const e = this.jobEpoch.get(js) + 1;
    if (e > MAX_TAG) throw new Error(`state invariant: job ${j} restarted more than ${MAX_TAG} times`);
    this.jobEpoch.set(js, e, cap);
    this.jobRemainingS.set(js, remainingS, cap);
    // Queued again from now, keeping its submit-order place; no start or pool until it runs again.
    c.startS[js] = NaN;
    c.pool[js] = -1;
    this.enqueue(j);
  }

  private unplace(j: number): void {
    const js = j & this.mask;
    const c = this.jobs.c;
    const pool = this.rw[c.pool[js]!]!;
    this.meter(pool);
    const k = c.k[js]!;
    const gang = k > pool.perNode;
    const off = c.nodeOff[js]!;
    const cnt = gang ? Math.ceil(k / pool.perNode) : 1;
    const n = this.nodes.c;
    for (let i = 0; i < cnt; i++) {
      const node = cnt === 1 ? off : this.nodeList[off + i]!;
      const give = gang ? pool.perNode : k;
      n.free[node]! += give;
      this.removeSlot(node, j);
      --n.jobCount[node]!;
      if (n.state[node] === NodeState.Draining) continue; // freed room is not offered
      pool.freeAcc += give;
      if (n.jobCount[node] === 0) {
        pool.idleNodes++;
        n.idleSinceS[node] = this.clock.now;
      }
      pool.tree.set(n.pos[node]!, n.free[node]!);
    }
    if (cnt > 1) this.freeNodeLists(cnt).push(off);
    pool.busyAcc -= k;
    this.running--;
    this.dirty = true;
  }

  /** Room for a gang job's `count` nodes in the node list: a freed run of that length, or a new one. */
  private takeNodeList(count: number): number {
    const free = this.freeNodeLists(count);
    if (free.length > 0) return free.pop()!;
    const off = this.nodeListLen;
    this.nodeListLen += count;
    if (this.nodeListLen > this.nodeList.length) this.nodeList = grow(this.nodeList, this.nodeListLen);
    return off;
  }

  private freeNodeLists(count: number): number[] {
    let free = this.nodeListsFree.get(count);
    if (!free) this.nodeListsFree.set(count, (free = []));
    return free;
  }

  private removeSlot(node: number, j: number): void {
    const n = this.nodes.c;
    const base = n.slotOff[node]!;
    const last = base + n.jobCount[node]! - 1;
    for (let s = base; s <= last; s++) {
      if (this.slots[s] === j) {
        this.slots[s] = this.slots[last]!;
        return;
      }
    }
    throw notOnNode(j, node);
  }

  /** Jobs running on a node (a gang job appears on each of its nodes). */
  jobsOn(node: number, out: Int32Array): number {
    const n = this.nodes.c;
    const cnt = n.jobCount[node]!;
    const base = n.slotOff[node]!;
    for (let i = 0; i < cnt; i++) out[i] = this.slots[base + i]!;
    return cnt;
  }

  /** Runtime end of a running or completed job (exact: the expression its completion was scheduled with). */
  endOf(j: number): number {
    const js = j & this.mask;
    const c = this.jobs.c;
    return c.startS[js]! + this.runtimeOf(j, this.rw[c.pool[js]!]!);
  }

  /** How long a job's run in a pool takes: its work left at the pool's speed, plus its checkpoint pauses. */
  runtimeOf(j: number, pool: Readonly<PoolRuntime>): number {
    const js = j & this.mask;
    const left = this.jobRemainingS.get(js);
    const workS = (left === left ? left : this.jobs.c.durationS[js]!) / this.speedOf(j, pool);
    return this.checkpointPauses ? runtimeWithCheckpoints(workS, this.checkpointOf(j)) : workS;
  }

  /** A job's checkpointing (its workload entry's), null for none. */
  checkpointOf(j: number): CheckpointPlan | null {
    return this.checkpointBySource[this.jobSource.get(j & this.mask)] ?? null;
  }

  /** How fast a job runs in a pool: the pool's speed for the job's workload class. */
  speedOf(j: number, pool: Readonly<PoolRuntime>): number {
    return pool.speeds[this.classOf(j)]!;
  }

  /** A job's workload class (WORKLOAD_CLASSES index). */
  classOf(j: number): number {
    return this.classBySource[this.jobSource.get(j & this.mask)] ?? 0;
  }

  // ── Nodes ─────────────────────────────────────────────────────────────────

  /**
   * A new node of the pool, provisioning: billed from now, or — `unfulfilled` — a request that
   * will fail at the end of its provisioning delay and is never billed. Returns its id.
   */
  addNode(p: Readonly<PoolRuntime>, unfulfilled = false): number {
    const pool = this.rw[p.index]!;
    const id = this.nodeCount++;
    if (id >= this.nodes.capacity) this.nodes.ensure(id + 1);
    this.meter(pool);
    pool.nodeIds = grow(pool.nodeIds, pool.nodeCount + 1);
    const pos = pool.nodeCount++;
    pool.nodeIds[pos] = id;
    const n = this.nodes.c;
    n.pool[id] = pool.index;
    n.pos[id] = pos;
    n.state[id] = NodeState.Provisioning;
    n.free[id] = -1;
    n.jobCount[id] = 0;
    n.idleSinceS[id] = NaN;
    n.epoch[id] = 0;
    n.requestedAtS[id] = this.clock.now;
    n.slotOff[id] = this.slotsLen;
    this.slotsLen += pool.perNode;
    if (this.slotsLen > this.slots.length) this.slots = grow(this.slots, this.slotsLen);
    pool.provisioningNodes++;
    if (unfulfilled) {
      pool.unfulfilledNodes++;
      n.requestedAtS[id] = NaN; // never billed, so never rounded up
    }
    return id;
  }

  /** An unfulfilled request ends: the node never existed for billing; pending events become stale. */
  requestFailed(id: number): void {
    const n = this.nodes.c;
    const pool = this.rw[n.pool[id]!]!;
    if (n.state[id] !== NodeState.Provisioning) throw new Error(`state invariant: node ${id} is not provisioning`);
    this.meter(pool);
    pool.provisioningNodes--;
    pool.unfulfilledNodes--;
    pool.unfulfilledRequests++;
    n.state[id] = NodeState.Released;
    n.epoch[id]!++;
    this.dirty = true;
  }

  /** A provisioning node becomes ready (or a failed node is repaired). */
  ready(id: number): void {
    const n = this.nodes.c;
    const pool = this.rw[n.pool[id]!]!;
    const st = n.state[id];
    if (st !== NodeState.Provisioning && st !== NodeState.Failed) throw new Error(`state invariant: node ${id} is not provisioning or failed`);
    this.meter(pool);
    if (st === NodeState.Provisioning) pool.provisioningNodes--;
    else pool.failedNodes--;
    pool.readyNodes++;
    pool.idleNodes++;
    pool.freeAcc += pool.perNode;
    n.state[id] = NodeState.Ready;
    n.free[id] = pool.perNode;
    n.idleSinceS[id] = this.clock.now;
    pool.tree.set(n.pos[id]!, pool.perNode);
    this.dirty = true;
  }

  /** A ready or draining node with no jobs fails (its jobs were killed first); it stays billed while repaired. */
  fail(id: number): void {
    this.takeOutOfService(id, NodeState.Failed);
  }

  /** A ready node gets a preemption notice: it keeps its jobs (and its billing) but takes no new ones. */
  drain(id: number): void {
    const n = this.nodes.c;
    const pool = this.rw[n.pool[id]!]!;
    if (n.state[id] !== NodeState.Ready) throw new Error(`state invariant: node ${id} of ${pool.name} is not ready, so it cannot drain`);
    this.meter(pool);
    pool.drainingNodes++;
    pool.freeAcc -= n.free[id]!;
    if (n.jobCount[id] === 0) pool.idleNodes--;
    n.state[id] = NodeState.Draining;
    n.idleSinceS[id] = NaN;
    pool.tree.set(n.pos[id]!, -1);
    this.dirty = true;
  }

  /** Release an idle ready node: billing stops; pending events of the node become stale. */
  release(id: number): void {
    this.takeOutOfService(id, NodeState.Released);
  }

  private takeOutOfService(id: number, to: NodeState): void {
    const n = this.nodes.c;
    const pool = this.rw[n.pool[id]!]!;
    const from = n.state[id];
    if ((from !== NodeState.Ready && from !== NodeState.Draining) || n.jobCount[id] !== 0) throw new Error(`state invariant: node ${id} of ${pool.name} is not an idle ready node (${n.jobCount[id]} jobs)`);
    this.meter(pool);
    pool.readyNodes--;
    if (from === NodeState.Draining) pool.drainingNodes--;
    else {
      pool.idleNodes--;
      pool.freeAcc -= pool.perNode;
    }
    if (to === NodeState.Failed) pool.failedNodes++;
    const e = n.epoch[id]! + 1;
    if (e > MAX_TAG) throw new Error(`state invariant: node ${id} changed state more than ${MAX_TAG} times`);
    n.epoch[id] = e;
    n.state[id] = to;
    n.free[id] = -1;
    n.idleSinceS[id] = NaN;
    pool.tree.set(n.pos[id]!, -1);
    this.dirty = true;
    if (to === NodeState.Released) this.billRounding(id, this.clock.now);
  }

  /**
   * A node's billing ends at t (released, or the run ended): bill what its pool's granularity and
   * minimum add to its billed time. A pool with committed nodes is billed by its commitment instead.
   */
  billRounding(id: number, t: number): void {
    const n = this.nodes.c;
    const pool = this.rw[n.pool[id]!]!;
    if ((pool.billingGranularityS <= 1 && pool.billingMinimumS === 0) || pool.committedNodes > 0) return;
    const lifeS = t - n.requestedAtS[id]!;
    const g = pool.billingGranularityS > 1 ? pool.billingGranularityS : 0;
    const billedS = Math.max(pool.billingMinimumS, g > 0 ? Math.ceil(lifeS / g - 1e-9) * g : lifeS);
    this.meters.charge(pool.index, t, billedS - lifeS);
  }

  /** Whether a node is billed now (requested and not released). */
  isBilled(id: number): boolean {
    return this.nodes.c.state[id] !== NodeState.Released;
  }

  /** Whether a node is ready with no job on it. */
  isIdle(id: number): boolean {
    return this.nodes.c.state[id] === NodeState.Ready && this.nodes.c.jobCount[id] === 0;
  }

  /** Fill `out` with the n lowest-numbered idle nodes of a pool; returns how many were found. */
  lowestIdleNodes(pool: Readonly<PoolRuntime>, count: number, out: Int32Array): number {
    let got = 0;
    for (let pos = 0; pos < pool.nodeCount && got < count; pos++) {
      const node = pool.nodeIds[pos]!;
      if (this.isIdle(node)) out[got++] = node;
    }
    return got;
  }
}

// Failed invariants build their messages out of line: a template literal in a hot method makes
// its bytecode larger, and V8 inlines less of the job path into the loop (measured: fewer
// instructions per job). They run only when a check fails.
function placementInvalid(detail: string): Error {
  return new Error(`placement invalid: ${detail}`);
}
function notQueued(j: number): Error {
  return placementInvalid(`job ${j} is not queued`);
}
function notAllowed(j: number, pool: string): Error {
  return placementInvalid(`job ${j} may not run in pool ${pool}`);
}
function wrongNodeCount(j: number, need: number, count: number): Error {
  return placementInvalid(`job ${j} needs ${need} nodes (got ${count})`);
}
function notReadyNode(node: number, pool: string): Error {
  return placementInvalid(`node ${node} is not a ready node of ${pool}`);
}
function noRoom(node: number, free: number, j: number, take: number, gang: boolean): Error {
  return placementInvalid(`node ${node} has ${free} free accelerators, job ${j} needs ${take}${gang ? ' on an idle node' : ''}`);
}
function alreadyQueued(j: number): Error {
  return new Error(`state invariant: job ${j} is already queued`);
}
function notOnNode(j: number, node: number): Error {
  return new Error(`state invariant: job ${j} is not on node ${node}`);
}
