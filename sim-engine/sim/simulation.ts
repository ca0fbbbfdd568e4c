/**
 * The simulation: one policy over one workload and fleet (DESIGN.md §3).
 *
 * Events at one instant are handled in class order (completions, node changes, nodes
 * ready, arrivals, autoscaler ticks), then one scheduling pass, then any sample due at
 * that instant. The run covers [0, horizon). Jobs and nodes live in struct-of-arrays
 * typed columns; the hot loop allocates nothing.
 *
 * Drive it with `runFor(events)` in slices; results do not depend on the slice size.
 */
import { EventClass, EventQueue } from '../core/event-queue.js';
import { growF64, growI32, growI8, growU8, OptionalColumn } from '../core/growable.js';
import { makeSampler, type Sampler } from '../core/distributions.js';
import { formatDuration } from '../core/duration.js';
import type { Rng } from '../core/rng.js';
import { MaxTree } from '../core/segment-tree.js';
import { findAccelerator } from '../model/catalog.js';
import type { Autoscaler, AutoscalerView, PoolView, Scheduler, SchedulerActions, SchedulerView, ScaleDecision } from '../policies/types.js';
import { MAX_SAMPLES, type PoolSpec } from '../scenario/schema.js';
import type { JobSource } from '../workload/source.js';
import type { DecisionRecord, JobOutcomes, SeriesData } from '../metrics/types.js';

/** Job states (jobs.csv order). */
export const JobState = { Completed: 0, Running: 1, Queued: 2, Rejected: 3 } as const;
const NodeState = { Provisioning: 0, Ready: 1, Released: 2 } as const;

const KIND_COMPLETION = 0;
const KIND_READY = 0;
const KIND_TICK = 0;
/** How many queued jobs (oldest first) an autoscaler's demand estimate looks at. */
const AUTOSCALER_QUEUE_SCAN = 20_000;

export interface SimulationConfig {
  pools: PoolSpec[];
  sources: JobSource[];
  scheduler: Scheduler;
  autoscaler: Autoscaler;
  /** Finite horizon in seconds, or Infinity for `horizon: drain`. */
  horizonS: number;
  warmupS: number;
  sampleEveryS: number;
  /** slo.maxQueueWait in seconds, or null. */
  maxQueueWaitS: number | null;
  rng: Rng;
}

interface PoolRt {
  index: number;
  name: string;
  perNode: number;
  min: number;
  max: number;
  initial: number;
  bound: number;
  reserved: boolean;
  acceleratorId: string;
  speed: number;
  priceNodeHourUsd: number;
  provisioning: Sampler;
  /** Node ids in request order (the pool-local numbering). */
  nodeIds: Int32Array<ArrayBuffer>;
  nodeCount: number;
  tree: MaxTree;
  provisioningNodes: number;
  readyNodes: number;
  idleNodes: number;
  busyAcc: number;
  freeAcc: number;
  queuedAcc: number;
  queuedJobs: number;
  // Integrals (exact, piecewise constant).
  lastT: number;
  costAllUsd: number;
  costWinUsd: number;
  billedAccSWin: number;
  busyAccSWin: number;
}

export class Simulation {
  readonly cfg: SimulationConfig;
  now = 0;
  events = 0;
  finished = false;
  /** Set when the run ended early because the fleet can never finish (drain). */
  failure: string | null = null;
  endS = 0;

  private readonly queue = new EventQueue(4096);
  private readonly pools: PoolRt[];
  private readonly horizon: number;
  private readonly warmup: number;
  private readonly sampleEvery: number;
  private nextSampleT = 0;
  private readonly ticking: boolean;

  // Jobs (struct of arrays).
  private nJobs = 0;
  private jSubmit = new Float64Array(1024);
  private jDur = new Float64Array(1024);
  private jK = new Int32Array(1024);
  private jStart = new Float64Array(1024);
  private jPool = new Int8Array(1024); // pool index (< 32) or -1
  private jState = new Uint8Array(1024);
  private jMask = new Int32Array(1024); // eligible pools bitmask
  private jPref = new Int8Array(1024); // first eligible pool (-1 if rejected)
  // Placement: a single-node job keeps its node in jNodeOff itself; a gang job of c nodes
  // (c = ⌈k / perNode⌉, not stored) keeps an offset into nodeList.
  private jNodeOff = new Int32Array(1024);
  // Columns most runs do not need take no memory until a job has a value (less to touch).
  private readonly jTenant = new OptionalColumn((n) => new Int32Array(n), -1);
  private readonly jSource = new OptionalColumn((n) => new Int32Array(n), 0);
  private readonly jRecWait = new OptionalColumn((n) => new Float64Array(n), NaN);
  private nodeList = new Int32Array(1024);
  private nodeListLen = 0;
  readonly rejectReasons = new Map<number, string>();
  readonly tenants: string[] = [];
  private readonly tenantIndex = new Map<string, number>();
  private readonly maskCache = new Map<string, number>();

  // Waiting queue: ring buffer of job ids in submit order (capacity a power of two).
  private wq = new Int32Array(1024);
  private wqHead = 0;
  private wqLen = 0;

  // Nodes (struct of arrays), numbered in creation order; pool-local order in PoolRt.nodeIds.
  private nNodes = 0;
  private nPool = new Int32Array(256);
  private nPos = new Int32Array(256);
  private nState = new Uint8Array(256);
  private nFree = new Int32Array(256);
  private nJobs_ = new Int32Array(256);
  private nIdleSince = new Float64Array(256);

  // Series (rows × (pools + 1)).
  private sRows = 0;
  private sTime = new Float64Array(256);
  private sReady = new Float64Array(256);
  private sProv = new Float64Array(256);
  private sBusy = new Float64Array(256);
  private sDemand = new Float64Array(256);
  private sQueued = new Float64Array(256);
  private sCost = new Float64Array(256);

  readonly decisions: DecisionRecord[] = [];
  private readonly sourceDone: boolean[];
  /** Submit time of each source's pending record (Infinity when exhausted). */
  private readonly srcNext: Float64Array;
  private nextArrivalT = Infinity;
  private running = 0;
  private readonly schedView: SchedulerView;
  private readonly schedAct: SchedulerActions;
  private dirty = true;

  constructor(cfg: SimulationConfig) {
    this.cfg = cfg;
    if (cfg.pools.length > 31) throw new Error(`simulation: at most 31 pools are supported (got ${cfg.pools.length})`);
    this.horizon = cfg.horizonS;
    this.warmup = cfg.warmupS;
    this.sampleEvery = cfg.sampleEveryS;
    this.ticking = cfg.autoscaler.tickS !== null;
    this.pools = cfg.pools.map((p, index) => {
      const acc = findAccelerator(p.accelerator);
      if (!acc) throw new Error(`simulation: unknown accelerator ${p.accelerator} (the schema should have caught it)`);
      const max = p.max ?? Math.max(p.initial, p.min);
      const perHour = p.pricePerNodeHour ?? (acc.prices[p.purchase] ?? acc.prices['on-demand']) * p.perNode;
      return {
        index,
        name: p.name,
        perNode: p.perNode,
        min: p.min,
        max,
        initial: p.initial,
        bound: cfg.autoscaler.capacityBound({ initial: p.initial, max }),
        reserved: p.purchase === 'reserved',
        acceleratorId: p.accelerator,
        speed: acc.speed.training,
        priceNodeHourUsd: perHour,
        provisioning: makeSampler(p.provisioning, cfg.rng.fork(`provisioning/${p.name}`)),
        nodeIds: new Int32Array(16),
        nodeCount: 0,
        tree: new MaxTree(Math.max(16, p.initial)),
        provisioningNodes: 0,
        readyNodes: 0,
        idleNodes: 0,
        busyAcc: 0,
        freeAcc: 0,
        queuedAcc: 0,
        queuedJobs: 0,
        lastT: 0,
        costAllUsd: 0,
        costWinUsd: 0,
        billedAccSWin: 0,
        busyAccSWin: 0,
      } satisfies PoolRt;
    });
    // Size job storage once from the sources' hints (capped: storage still grows if needed).
    const hint = Math.min(cfg.sources.reduce((a, s) => a + s.sizeHint, 0), 1 << 24);
    if (hint > this.jSubmit.length) this.growJobs(hint);
    // Initial nodes: ready and billed at t = 0, numbered in pool order.
    for (const pool of this.pools) for (let i = 0; i < pool.initial; i++) this.makeReady(this.createNode(pool));
    // First arrival of each source.
    this.sourceDone = cfg.sources.map(() => false);
    this.srcNext = new Float64Array(cfg.sources.length);
    cfg.sources.forEach((src, i) => this.pullArrival(i, src));
    this.updateNextArrival();
    if (this.ticking) this.queue.push(0, EventClass.Tick, KIND_TICK, 0);
    this.schedView = this.makeSchedulerView();
    this.schedAct = { start: (qi, pool, nodes, count) => this.startJob(qi, pool, nodes, count) };
  }

  get poolNames(): string[] {
    return this.pools.map((p) => p.name);
  }

  /** Fraction done, 0..1. */
  progress(): number {
    if (this.finished) return 1;
    if (Number.isFinite(this.horizon)) return Math.min(1, this.now / this.horizon);
    let sum = 0;
    for (const s of this.cfg.sources) sum += s.progress();
    return Math.min(0.99, sum / Math.max(1, this.cfg.sources.length));
  }

  /**
   * Process whole instants until at least `maxEvents` events have been handled or the run
   * ends. Returns true when the run is finished.
   */
  runFor(maxEvents: number): boolean {
    const q = this.queue;
    const stopAt = this.events + maxEvents;
    while (!this.finished && this.events < stopAt) {
      // Arrivals wait in their sources (one pending record each), not in the heap: they
      // take their place in the class order below without a push and pop per job.
      const th = q.peekTime();
      const ta = this.nextArrivalT;
      const t = th < ta ? th : ta;
      if (t >= this.horizon || t === Infinity) {
        this.finish(Number.isFinite(this.horizon) ? this.horizon : this.now);
        break;
      }
      if (this.nextSampleT < t) this.takeSamplesBefore(t);
      if (this.failure) {
        this.finish(this.now);
        break;
      }
      this.now = t;
      // All events at this instant, in class order: completions, node changes, nodes ready …
      while (q.size > 0 && q.peekTime() === t && q.peekClass() < EventClass.Arrival) this.dispatch();
      // … arrivals (sources in workload order, each in its own submit order) …
      if (ta === t) {
        const srcNext = this.srcNext;
        for (let i = 0; i < srcNext.length; i++) while (srcNext[i] === t) this.arrive(i);
        this.updateNextArrival();
      }
      // … autoscaler ticks (and anything they schedule at this instant).
      while (q.size > 0 && q.peekTime() === t) this.dispatch();
      if (this.dirty && this.wqLen > 0) this.cfg.scheduler.schedule(this.schedView, this.schedAct);
      this.dirty = false;
      if (!Number.isFinite(this.horizon) && (this.drainComplete() || this.drainStalled())) {
        this.finish(this.now);
        break;
      }
    }
    return this.finished;
  }

  private dispatch(): void {
    const q = this.queue;
    q.pop();
    this.events++;
    switch (q.poppedClass) {
      case EventClass.Completion:
        this.completeJob(q.poppedPayload);
        break;
      case EventClass.NodeReady:
        this.nodeReady(q.poppedPayload);
        break;
      case EventClass.Tick:
        this.tick();
        break;
      default:
        throw new Error(`simulation invariant: unknown event class ${q.poppedClass}`);
    }
  }

  /** Run to the end in one go. */
  run(): void {
    while (!this.runFor(1 << 20));
  }

  // ── Arrivals ──────────────────────────────────────────────────────────────

  /** Load the source's next record; its submit time becomes the source's next arrival. */
  private pullArrival(i: number, src: JobSource): void {
    if (src.next() && src.submitS < this.horizon) {
      if (!(src.submitS >= this.now)) throw new Error(`simulation invariant: source ${src.label} is not in submit order (${src.submitS} < ${this.now})`);
      this.srcNext[i] = src.submitS;
    } else {
      this.srcNext[i] = Infinity;
      this.sourceDone[i] = true;
    }
  }

  private updateNextArrival(): void {
    let m = Infinity;
    const a = this.srcNext;
    for (let i = 0; i < a.length; i++) if (a[i]! < m) m = a[i]!;
    this.nextArrivalT = m;
  }

  private arrive(sourceIndex: number): void {
    const src = this.cfg.sources[sourceIndex]!;
    this.events++;
    const j = this.nJobs++;
    if (j >= this.jSubmit.length) this.growJobs(j + 1);
    const k = src.accelerators;
    this.jSubmit[j] = src.submitS;
    this.jDur[j] = src.durationS;
    this.jK[j] = k;
    this.jStart[j] = NaN;
    this.jPool[j] = -1;
    const cap = this.jSubmit.length;
    if (src.tenant !== null) this.jTenant.set(j, this.tenantId(src.tenant), cap);
    if (sourceIndex !== 0) this.jSource.set(j, sourceIndex, cap);
    if (!Number.isNaN(src.recordedWaitS)) this.jRecWait.set(j, src.recordedWaitS, cap);
    let mask = src.acceleratorType === null ? -1 : this.typeMask(src.acceleratorType);
    // Drop pools that can never hold the job under this policy.
    let pref = -1;
    const pools = this.pools;
    for (let pi = 0; pi < pools.length; pi++) {
      const p = pools[pi]!;
      const bit = 1 << pi;
      if (!(mask & bit)) continue;
      const nodesNeeded = k <= p.perNode ? 1 : Math.ceil(k / p.perNode);
      if (p.bound < nodesNeeded) mask &= ~bit;
      else if (pref < 0) pref = p.index;
    }
    this.jMask[j] = mask;
    this.jPref[j] = pref;
    if (pref < 0) {
      this.jState[j] = JobState.Rejected;
      this.rejectReasons.set(j, this.cachedRejectReason(k, src.acceleratorType));
    } else {
      this.jState[j] = JobState.Queued;
      this.enqueue(j);
      const pool = this.pools[pref]!;
      pool.queuedJobs++;
      pool.queuedAcc += k;
      this.dirty = true;
    }
    this.pullArrival(sourceIndex, src);
  }

  private demandOf(k: number, perNode: number): number {
    return k <= perNode ? k : Math.ceil(k / perNode) * perNode;
  }

  private readonly reasonCache = new Map<string, string>();

  /** Rejection reasons repeat (same size, same constraint): build each message once. */
  private cachedRejectReason(k: number, type: string | null): string {
    const key = type === null ? String(k) : `${k}|${type}`;
    let r = this.reasonCache.get(key);
    if (r === undefined) {
      r = this.rejectReason(k, type);
      this.reasonCache.set(key, r);
    }
    return r;
  }

  private rejectReason(k: number, type: string | null): string {
    const allowed = this.pools.filter((p) => type === null || type.split('|').includes(p.acceleratorId));
    if (allowed.length === 0) return `no pool has accelerator type ${type}`;
    let best = allowed[0]!;
    for (const p of allowed) if (p.bound * p.perNode > best.bound * best.perNode) best = p;
    const what = this.cfg.autoscaler.tickS === null ? 'initial' : 'max';
    return `needs ${k} accelerators; the largest allowed pool holds ${best.bound * best.perNode} (${best.name}: ${best.bound} ${what} nodes × ${best.perNode})`;
  }

  /** Pools a type constraint allows; `a|b` lists alternatives. */
  private typeMask(type: string): number {
    let m = this.maskCache.get(type);
    if (m === undefined) {
      m = 0;
      const allowed = type.split('|');
      for (const p of this.pools) if (allowed.includes(p.acceleratorId)) m |= 1 << p.index;
      this.maskCache.set(type, m);
    }
    return m;
  }

  private tenantId(name: string): number {
    let id = this.tenantIndex.get(name);
    if (id === undefined) {
      id = this.tenants.length;
      this.tenants.push(name);
      this.tenantIndex.set(name, id);
    }
    return id;
  }

  private enqueue(j: number): void {
    if (this.wqLen === this.wq.length) {
      const b = new Int32Array(this.wq.length * 2);
      for (let i = 0; i < this.wqLen; i++) b[i] = this.wq[(this.wqHead + i) & (this.wq.length - 1)]!;
      this.wq = b;
      this.wqHead = 0;
    }
    this.wq[(this.wqHead + this.wqLen) & (this.wq.length - 1)] = j;
    this.wqLen++;
  }

  private dequeueAt(qi: number): number {
    const m = this.wq.length - 1;
    const j = this.wq[(this.wqHead + qi) & m]!;
    if (qi === 0) {
      this.wqHead = (this.wqHead + 1) & m;
    } else {
      for (let i = qi; i < this.wqLen - 1; i++) this.wq[(this.wqHead + i) & m] = this.wq[(this.wqHead + i + 1) & m]!;
    }
    this.wqLen--;
    return j;
  }

  // ── Jobs ──────────────────────────────────────────────────────────────────

  private startJob(qi: number, poolIndex: number, nodes: Int32Array, count: number): void {
    if (qi < 0 || qi >= this.wqLen) throw new Error(`scheduler decision invalid: queue index ${qi} out of range`);
    const j = this.wq[(this.wqHead + qi) & (this.wq.length - 1)]!;
    const pool = this.pools[poolIndex];
    if (!pool) throw new Error(`scheduler decision invalid: pool ${poolIndex}`);
    if (!(this.jMask[j]! & (1 << poolIndex))) throw new Error(`scheduler decision invalid: job ${j} may not run in pool ${pool.name}`);
    const k = this.jK[j]!;
    const gang = k > pool.perNode;
    if (count !== (gang ? Math.ceil(k / pool.perNode) : 1)) throw new Error(`scheduler decision invalid: job ${j} needs ${gang ? Math.ceil(k / pool.perNode) : 1} nodes (got ${count})`);
    const t = this.now;
    this.touch(pool, t);
    for (let i = 0; i < count; i++) {
      const n = nodes[i]!;
      if (this.nPool[n] !== poolIndex || this.nState[n] !== NodeState.Ready) throw new Error(`scheduler decision invalid: node ${n} is not a ready node of ${pool.name}`);
      const take = gang ? pool.perNode : k;
      if (this.nFree[n]! < take || (gang && this.nJobs_[n] !== 0)) throw new Error(`scheduler decision invalid: node ${n} has ${this.nFree[n]} free accelerators, job ${j} needs ${take}${gang ? ' on an idle node' : ''}`);
      if (this.nJobs_[n] === 0) pool.idleNodes--;
      this.nJobs_[n]!++;
      this.nFree[n]! -= take;
      pool.freeAcc -= take;
      pool.tree.set(this.nPos[n]!, this.nFree[n]!);
      if (count === 1) this.jNodeOff[j] = n;
      else {
        if (this.nodeListLen >= this.nodeList.length) this.nodeList = growI32(this.nodeList, this.nodeListLen + 1);
        if (i === 0) this.jNodeOff[j] = this.nodeListLen;
        this.nodeList[this.nodeListLen++] = n;
      }
    }
    this.dequeueAt(qi);
    const pref = this.pools[this.jPref[j]!]!;
    pref.queuedJobs--;
    pref.queuedAcc -= k;
    pool.busyAcc += k;
    this.jState[j] = JobState.Running;
    this.jStart[j] = t;
    this.jPool[j] = poolIndex;
    this.running++;
    const runtime = this.jDur[j]! / pool.speed;
    this.queue.push(t + runtime, EventClass.Completion, KIND_COMPLETION, j);
  }

  private completeJob(j: number): void {
    const pool = this.pools[this.jPool[j]!]!;
    const t = this.now;
    this.touch(pool, t);
    const k = this.jK[j]!;
    const gang = k > pool.perNode;
    const off = this.jNodeOff[j]!;
    const cnt = gang ? Math.ceil(k / pool.perNode) : 1;
    for (let i = 0; i < cnt; i++) {
      const n = cnt === 1 ? off : this.nodeList[off + i]!;
      const give = gang ? pool.perNode : k;
      this.nFree[n]! += give;
      pool.freeAcc += give;
      if (--this.nJobs_[n]! === 0) {
        pool.idleNodes++;
        this.nIdleSince[n] = t;
      }
      pool.tree.set(this.nPos[n]!, this.nFree[n]!);
    }
    pool.busyAcc -= k;
    this.jState[j] = JobState.Completed;
    this.running--;
    this.dirty = true;
  }

  // ── Nodes ─────────────────────────────────────────────────────────────────

  private createNode(pool: PoolRt): number {
    const n = this.nNodes++;
    if (n >= this.nPool.length) {
      const need = n + 1;
      this.nPool = growI32(this.nPool, need);
      this.nPos = growI32(this.nPos, need);
      this.nState = growU8(this.nState, need);
      this.nFree = growI32(this.nFree, need);
      this.nJobs_ = growI32(this.nJobs_, need);
      this.nIdleSince = growF64(this.nIdleSince, need);
    }
    this.touch(pool, this.now);
    pool.nodeIds = growI32(pool.nodeIds, pool.nodeCount + 1);
    const pos = pool.nodeCount++;
    pool.nodeIds[pos] = n;
    this.nPool[n] = pool.index;
    this.nPos[n] = pos;
    this.nState[n] = NodeState.Provisioning;
    this.nFree[n] = -1;
    this.nJobs_[n] = 0;
    this.nIdleSince[n] = NaN;
    pool.provisioningNodes++;
    return n;
  }

  private makeReady(n: number): void {
    const pool = this.pools[this.nPool[n]!]!;
    this.touch(pool, this.now);
    pool.provisioningNodes--;
    pool.readyNodes++;
    pool.idleNodes++;
    pool.freeAcc += pool.perNode;
    this.nState[n] = NodeState.Ready;
    this.nFree[n] = pool.perNode;
    this.nIdleSince[n] = this.now;
    pool.tree.set(this.nPos[n]!, pool.perNode);
    this.dirty = true;
  }

  private nodeReady(n: number): void {
    if (this.nState[n] !== NodeState.Provisioning) return; // released while provisioning
    this.makeReady(n);
  }

  private releaseNode(n: number): void {
    const pool = this.pools[this.nPool[n]!]!;
    if (this.nState[n] !== NodeState.Ready || this.nJobs_[n] !== 0) throw new Error(`autoscaler decision invalid: node ${n} is not idle`);
    this.touch(pool, this.now);
    pool.readyNodes--;
    pool.idleNodes--;
    pool.freeAcc -= pool.perNode;
    this.nState[n] = NodeState.Released;
    this.nFree[n] = -1;
    pool.tree.set(this.nPos[n]!, -1);
  }

  /** Billed nodes: requested and not released (a reserved pool's `min` are billed regardless). */
  private billedNodes(pool: PoolRt): number {
    const live = pool.provisioningNodes + pool.readyNodes;
    return pool.reserved ? Math.max(live, pool.min) : live;
  }

  /** Integrate the pool's piecewise-constant rates from its last change up to t. */
  private touch(pool: PoolRt, t: number): void {
    const last = pool.lastT;
    if (t <= last) return;
    const billed = this.billedNodes(pool);
    pool.costAllUsd += ((t - last) * billed * pool.priceNodeHourUsd) / 3600;
    const a = last > this.warmup ? last : this.warmup;
    const b = t < this.horizon ? t : this.horizon;
    if (b > a) {
      const span = b - a;
      pool.costWinUsd += (span * billed * pool.priceNodeHourUsd) / 3600;
      pool.billedAccSWin += span * billed * pool.perNode;
      pool.busyAccSWin += span * pool.busyAcc;
    }
    pool.lastT = t;
  }

  // ── Autoscaling ───────────────────────────────────────────────────────────

  private tick(): void {
    const view = this.autoscalerView();
    const decisions = this.cfg.autoscaler.decide(view);
    for (const d of decisions) this.applyDecision(d);
    const next = this.now + this.cfg.autoscaler.tickS!;
    if (next < this.horizon) this.queue.push(next, EventClass.Tick, KIND_TICK, 0);
  }

  private applyDecision(d: ScaleDecision): void {
    const pool = this.pools[d.pool];
    if (!pool) throw new Error(`autoscaler decision invalid: pool ${d.pool}`);
    if ('add' in d) {
      const live = pool.provisioningNodes + pool.readyNodes;
      const add = Math.min(Math.floor(d.add), pool.max - live);
      if (!(add > 0)) return;
      for (let i = 0; i < add; i++) {
        const n = this.createNode(pool);
        const delay = Math.max(0, pool.provisioning());
        this.queue.push(this.now + delay, EventClass.NodeReady, KIND_READY, n);
      }
      this.decisions.push({ timeS: this.now, pool: pool.name, delta: add, reason: d.reason });
    } else {
      let released = 0;
      for (const n of d.release) {
        const live = pool.provisioningNodes + pool.readyNodes;
        if (live <= pool.min) break;
        if (this.nPool[n] !== pool.index) throw new Error(`autoscaler decision invalid: node ${n} is not in pool ${pool.name}`);
        this.releaseNode(n);
        released++;
      }
      if (released > 0) this.decisions.push({ timeS: this.now, pool: pool.name, delta: -released, reason: d.reason });
    }
    this.dirty = true;
  }

  /**
   * Queued demand per pool as an autoscaler should read it: each queued job (oldest first,
   * up to AUTOSCALER_QUEUE_SCAN) goes to the first pool it may use that has room for it —
   * free, provisioning or growth up to max — so demand a full pool cannot absorb spills
   * over to the next eligible pool.
   */
  private queuedDemandByPool(): { demand: Float64Array; jobs: Int32Array } {
    const P = this.pools.length;
    const room = new Float64Array(P);
    for (const p of this.pools) room[p.index] = p.freeAcc + p.provisioningNodes * p.perNode + Math.max(0, p.max - p.provisioningNodes - p.readyNodes) * p.perNode;
    const demand = new Float64Array(P);
    const jobs = new Int32Array(P);
    const scan = Math.min(this.wqLen, AUTOSCALER_QUEUE_SCAN);
    for (let i = 0; i < scan; i++) {
      const j = this.wq[(this.wqHead + i) & (this.wq.length - 1)]!;
      const k = this.jK[j]!;
      const mask = this.jMask[j]!;
      let chosen = this.jPref[j]!;
      for (const p of this.pools) {
        if (!(mask & (1 << p.index))) continue;
        if (room[p.index]! >= this.demandOf(k, p.perNode)) {
          chosen = p.index;
          break;
        }
      }
      const d = this.demandOf(k, this.pools[chosen]!.perNode);
      demand[chosen]! += d;
      room[chosen]! -= d;
      jobs[chosen]!++;
    }
    return { demand, jobs };
  }

  private autoscalerView(): AutoscalerView {
    const queued = this.queuedDemandByPool();
    const pools: PoolView[] = this.pools.map((p) => {
      const idle: { node: number; idleSinceS: number }[] = [];
      for (let pos = p.nodeCount - 1; pos >= 0; pos--) {
        const n = p.nodeIds[pos]!;
        if (this.nState[n] === NodeState.Ready && this.nJobs_[n] === 0) idle.push({ node: n, idleSinceS: this.nIdleSince[n]! });
      }
      return {
        index: p.index,
        name: p.name,
        perNode: p.perNode,
        min: p.min,
        max: p.max,
        initial: p.initial,
        nodes: p.provisioningNodes + p.readyNodes,
        ready: p.readyNodes,
        provisioning: p.provisioningNodes,
        idle: p.idleNodes,
        freeAccelerators: p.freeAcc,
        busyAccelerators: p.busyAcc,
        queuedDemandAccelerators: queued.demand[p.index]!,
        queuedJobs: queued.jobs[p.index]!,
        idleNodes: idle,
      };
    });
    return {
      now: this.now,
      pools,
      queueLength: this.wqLen,
      oldestQueuedSubmitS: this.wqLen > 0 ? this.jSubmit[this.wq[this.wqHead]!]! : null,
    };
  }

  // ── Drain ─────────────────────────────────────────────────────────────────

  private allSourcesDone(): boolean {
    for (const d of this.sourceDone) if (!d) return false;
    return true;
  }

  private drainComplete(): boolean {
    return this.wqLen === 0 && this.running === 0 && this.allSourcesDone();
  }

  /**
   * In drain mode, a queue that nothing can ever move is an error, not an endless run.
   * Checked after the scheduling pass: jobs wait, nothing runs, no node is coming, every
   * source is done, and the autoscaler says it will never act.
   */
  private drainStalled(): boolean {
    if (this.wqLen === 0 || this.running > 0 || !this.allSourcesDone()) return false;
    for (const p of this.pools) if (p.provisioningNodes > 0) return false;
    if (this.ticking && this.cfg.autoscaler.mayStillAct(this.autoscalerView())) return false;
    this.failure = `the fleet can never finish the queued jobs: ${this.wqLen} job(s) wait, nothing runs, no node is coming and the autoscaler will add none (at t = ${formatDuration(this.now)})`;
    return true;
  }

  // ── Samples and the end ───────────────────────────────────────────────────

  private takeSamplesBefore(t: number): void {
    const end = Math.min(t, this.horizon);
    while (this.nextSampleT < end) {
      this.takeSample(this.nextSampleT);
      if (this.failure) break;
      this.nextSampleT = this.sRows * this.sampleEvery;
    }
  }

  private takeSample(t: number): void {
    if (this.sRows >= MAX_SAMPLES) {
      // Only a drain run can get here (the schema bounds horizon / sampleEvery).
      this.failure ??= `the run lasts beyond ${formatDuration(t)}: more than ${MAX_SAMPLES.toLocaleString('en-US')} samples at sampleEvery ${formatDuration(this.sampleEvery)}; raise sampleEvery or use a finite horizon`;
      this.nextSampleT = Infinity;
      return;
    }
    const width = this.pools.length + 1;
    const base = this.sRows * width;
    const need = base + width;
    if (need > this.sReady.length) {
      this.sReady = growF64(this.sReady, need);
      this.sProv = growF64(this.sProv, need);
      this.sBusy = growF64(this.sBusy, need);
      this.sDemand = growF64(this.sDemand, need);
      this.sQueued = growF64(this.sQueued, need);
      this.sCost = growF64(this.sCost, need);
    }
    this.sTime = growF64(this.sTime, this.sRows + 1);
    this.sTime[this.sRows] = t;
    let ready = 0, prov = 0, busy = 0, demand = 0, queued = 0, cost = 0;
    for (const p of this.pools) {
      const i = base + p.index;
      const r = p.readyNodes * p.perNode;
      const pv = p.provisioningNodes * p.perNode;
      const d = p.busyAcc + p.queuedAcc;
      const c = p.costAllUsd + ((t - p.lastT) * this.billedNodes(p) * p.priceNodeHourUsd) / 3600;
      this.sReady[i] = r;
      this.sProv[i] = pv;
      this.sBusy[i] = p.busyAcc;
      this.sDemand[i] = d;
      this.sQueued[i] = p.queuedJobs;
      this.sCost[i] = c;
      ready += r; prov += pv; busy += p.busyAcc; demand += d; queued += p.queuedJobs; cost += c;
    }
    const i = base + this.pools.length;
    this.sReady[i] = ready;
    this.sProv[i] = prov;
    this.sBusy[i] = busy;
    this.sDemand[i] = demand;
    this.sQueued[i] = queued;
    this.sCost[i] = cost;
    this.sRows++;
  }

  private finish(end: number): void {
    this.endS = end;
    if (!Number.isFinite(this.horizon)) {
      // Drain: samples up to and including the end instant.
      while (this.nextSampleT <= end) {
        this.takeSample(this.nextSampleT);
        if (this.failure) break;
        this.nextSampleT = this.sRows * this.sampleEvery;
      }
    } else this.takeSamplesBefore(end);
    for (const p of this.pools) this.touch(p, end);
    this.now = end;
    this.finished = true;
  }

  // ── Views and outputs ─────────────────────────────────────────────────────

  private makeSchedulerView(): SchedulerView {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the view closes over the live simulation
    const self = this;
    return {
      get now() {
        return self.now;
      },
      poolCount: this.pools.length,
      queueLength: () => self.wqLen,
      queuedJob: (i) => self.wq[(self.wqHead + i) & (self.wq.length - 1)]!,
      jobAccelerators: (j) => self.jK[j]!,
      jobAllowsPool: (j, p) => (self.jMask[j]! & (1 << p)) !== 0,
      poolPerNode: (p) => self.pools[p]!.perNode,
      firstFitNode: (p, k) => {
        const pool = self.pools[p]!;
        const pos = pool.tree.leftmostAtLeast(k);
        return pos < 0 ? -1 : pool.nodeIds[pos]!;
      },
      idleNodeCount: (p) => self.pools[p]!.idleNodes,
      lowestIdleNodes: (p, n, out) => {
        const pool = self.pools[p]!;
        let got = 0;
        for (let pos = 0; pos < pool.nodeCount && got < n; pos++) {
          const node = pool.nodeIds[pos]!;
          if (self.nState[node] === NodeState.Ready && self.nJobs_[node] === 0) out[got++] = node;
        }
        return got;
      },
    };
  }

  private growJobs(need: number): void {
    this.jSubmit = growF64(this.jSubmit, need);
    this.jDur = growF64(this.jDur, need);
    this.jK = growI32(this.jK, need);
    this.jStart = growF64(this.jStart, need);
    this.jPool = growI8(this.jPool, need);
    this.jState = growU8(this.jState, need);
    this.jMask = growI32(this.jMask, need);
    this.jPref = growI8(this.jPref, need);
    this.jNodeOff = growI32(this.jNodeOff, need);
    this.jTenant.grow(need);
    this.jSource.grow(need);
    this.jRecWait.grow(need);
  }

  /** Per-pool integrals over the measurement window. */
  poolTotals(): { name: string; costWinUsd: number; billedAccHoursWin: number; busyAccHoursWin: number; costAllUsd: number }[] {
    return this.pools.map((p) => ({
      name: p.name,
      costWinUsd: p.costWinUsd,
      billedAccHoursWin: p.billedAccSWin / 3600,
      busyAccHoursWin: p.busyAccSWin / 3600,
      costAllUsd: p.costAllUsd,
    }));
  }

  series(): SeriesData {
    const width = this.pools.length + 1;
    const n = this.sRows * width;
    return {
      pools: this.poolNames,
      timeS: this.sTime.slice(0, this.sRows),
      ready: this.sReady.slice(0, n),
      provisioning: this.sProv.slice(0, n),
      busy: this.sBusy.slice(0, n),
      demand: this.sDemand.slice(0, n),
      queued: this.sQueued.slice(0, n),
      costUsd: this.sCost.slice(0, n),
    };
  }

  jobs(): JobOutcomes {
    const n = this.nJobs;
    return {
      length: n,
      submitS: this.jSubmit.slice(0, n),
      startS: this.jStart.slice(0, n),
      endS: this.endTimes(n),
      accelerators: this.jK.slice(0, n),
      pool: Int32Array.from(this.jPool.subarray(0, n)),
      state: this.jState.slice(0, n),
      reasons: this.rejectReasons,
      tenant: this.jTenant.slice(n),
      tenants: this.tenants.slice(),
      source: this.jSource.slice(n),
      recordedWaitS: this.jRecWait.slice(n),
    };
  }

  /**
   * End times, NaN for jobs that did not complete. Not stored: a completion fires at exactly
   * start + duration / speed (the same expression startJob schedules), so this is bit-identical.
   */
  private endTimes(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      out[j] = this.jState[j] === JobState.Completed ? this.jStart[j]! + this.jDur[j]! / this.pools[this.jPool[j]!]!.speed : NaN;
    }
    return out;
  }

  /** Raw columns for the metrics (no copies). */
  jobColumns(): { n: number; submit: Float64Array; start: Float64Array; state: Uint8Array; k: Int32Array } {
    return { n: this.nJobs, submit: this.jSubmit, start: this.jStart, state: this.jState, k: this.jK };
  }
}
