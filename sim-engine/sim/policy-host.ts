/**
 * The policy host: the one place that builds the views policies read, calls the scheduler
 * and the autoscaler, validates and applies their decisions and writes the decision log.
 *
 * Views are built once per run and read the live state (no allocation per pass or tick).
 * The scheduler runs once per instant, after every event of the instant, when something
 * changed that may let a queued job start. The autoscaler is woken when it asked to be
 * (its `decide` returns the next wake-up), never by a fixed tick the engine imposes.
 */
import { EventClass } from '../core/event-queue.js';
import { EventKind, NodeState } from '../model/states.js';
import { usdPerHour } from '../metrics/meters.js';
import type { DecisionRecord } from '../metrics/types.js';
import type { Autoscaler, AutoscalerView, PoolView, ScaleSink, Scheduler, SchedulerActions, SchedulerView } from '../policies/types.js';
import type { Batch } from './batch.js';
import type { Fleet } from './fleet.js';
import type { EventHandler, Kernel } from './kernel.js';
import { liveNodes } from './pool-runtime.js';
import { LiveSchedulerView, SchedulerActionsImpl } from './scheduler-view.js';
import type { FleetState, PoolRuntime } from './state.js';
import { acceleratorsDemanded } from '../model/eligibility.js';

/** How many queued jobs (oldest first) the autoscaler's demand estimate looks at. */
const AUTOSCALER_QUEUE_SCAN = 20_000;

export class PolicyHost implements EventHandler {
  readonly decisions: DecisionRecord[] = [];
  readonly schedulerView: SchedulerView;
  readonly autoscalerView: AutoscalerView;
  private readonly actions: SchedulerActions;
  private readonly sink: ScaleSink;
  /** Queued demand per pool, as of the current autoscaler call. */
  private readonly demandAcc: Float64Array;
  private readonly demandJobs: Int32Array;
  private readonly room: Float64Array;
  private nextWakeS: number;
  /** The sink takes decisions only during `decide`. */
  private deciding = false;
  /** Spot preemptions of each pool so far (the faults module counts them; none without faults). */
  preemptionsSoFar: (pool: number) => number = () => 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly state: FleetState,
    batch: Batch,
    private readonly fleet: Fleet,
    private readonly scheduler: Scheduler,
    private readonly autoscaler: Autoscaler,
    private readonly policyName: string,
    /** fleet.quotas: accelerators per type across pools. */
    private readonly quotas: ReadonlyMap<string, number> | null = null,
    /** Weekday of t = 0 (scenario `startsOn`, 0 = Monday). */
    private readonly startsOn = 0,
    /** Tenant names by id, as they arrive (what schedulers read through `tenantName`). */
    tenants: readonly string[] = [],
  ) {
    const P = state.pools.length;
    this.demandAcc = new Float64Array(P);
    this.demandJobs = new Int32Array(P);
    this.room = new Float64Array(P);
    this.schedulerView = new LiveSchedulerView(state, kernel, tenants);
    this.actions = new SchedulerActionsImpl(state, batch, this.schedulerView, scheduler.placement, kernel, (d) => this.decisions.push({ ...d, policy: this.policyName }));
    this.autoscalerView = this.makeAutoscalerView();
    this.sink = this.makeSink();
    kernel.on(EventClass.Tick, EventKind.Tick.AutoscalerWake, this);
    this.nextWakeS = autoscaler.firstWakeS();
    this.scheduleWake(this.nextWakeS);
  }

  /** The scheduling pass: once per instant, when something changed and jobs wait. */
  schedulingPass(): void {
    const state = this.state;
    if (state.takeDirty() && state.queue.size > 0) this.scheduler.schedule(this.schedulerView, this.actions);
  }

  /** Whether the autoscaler will ever be woken again and says it may still add capacity. */
  autoscalerMayAct(): boolean {
    if (this.nextWakeS === Infinity) return false;
    this.estimateQueuedDemand();
    return this.autoscaler.mayStillAct(this.autoscalerView);
  }

  onEvent(): void {
    this.estimateQueuedDemand();
    this.deciding = true;
    let next: number;
    try {
      next = this.autoscaler.decide(this.autoscalerView, this.sink);
    } finally {
      this.deciding = false;
    }
    if (!(next > this.kernel.now)) throw new Error(`autoscaler decision invalid: ${this.autoscaler.name} asked to be woken at ${next}, not after now (${this.kernel.now})`);
    this.nextWakeS = next;
    this.scheduleWake(next);
  }

  /** A node request was not fulfilled: logged; autoscalers see it (`unfulfilledRequests`, the smaller pool, onNodesLost). */
  requestUnfulfilled(pool: number, reason: string): void {
    this.log(this.state.pools[pool]!, 'unfulfilled', 1, reason);
    this.nodesLost(pool, 1, 'unfulfilled', reason);
  }

  /** Nodes were lost for good: the autoscaler may replace them now, or ask to be woken for a later try. */
  nodesLost(pool: number, count: number, cause: 'preempted' | 'unfulfilled', reason: string): void {
    if (!this.autoscaler.onNodesLost) return;
    this.estimateQueuedDemand();
    this.deciding = true;
    let wakeS: number | undefined;
    try {
      wakeS = this.autoscaler.onNodesLost(this.autoscalerView, this.sink, pool, count, cause, reason);
    } finally {
      this.deciding = false;
    }
    if (wakeS === undefined) return;
    if (!(wakeS > this.kernel.now)) throw new Error(`autoscaler decision invalid: ${this.autoscaler.name} asked to be woken at ${wakeS}, not after now (${this.kernel.now})`);
    if (wakeS < this.nextWakeS) {
      this.nextWakeS = wakeS;
      this.scheduleWake(wakeS);
    }
  }

  private scheduleWake(t: number): void {
    if (t < this.kernel.horizonS) this.kernel.schedule(t, EventClass.Tick, EventKind.Tick.AutoscalerWake, 0);
  }

  /** How many of `count` new nodes of the pool its accelerator type's quota (fleet.quotas) allows. */
  withinQuota(pool: Readonly<PoolRuntime>, count: number): number {
    const quota = this.quotas?.get(pool.acceleratorId);
    if (quota === undefined) return count;
    const room = Math.floor((quota - this.acceleratorsOf(pool.acceleratorId)) / pool.perNode);
    return Math.max(0, Math.min(count, room));
  }

  /** Accelerators of a type requested and not released across pools (pending requests count, fulfilled or not). */
  private acceleratorsOf(acceleratorId: string): number {
    let n = 0;
    for (const p of this.state.pools) if (p.acceleratorId === acceleratorId) n += liveNodes(p) * p.perNode;
    return n;
  }

  private log(pool: Readonly<PoolRuntime>, action: DecisionRecord['action'], count: number, reason: string): void {
    this.decisions.push({ timeS: this.kernel.now, policy: this.policyName, component: 'autoscaler', pool: pool.name, action, count, reason });
  }

  /**
   * Queued demand per pool as an autoscaler should read it: each queued job (oldest first, up
   * to AUTOSCALER_QUEUE_SCAN) goes to the first pool it may use that has room for it — free,
   * provisioning or growth up to max — so demand a full pool cannot absorb spills over to the
   * next eligible pool. Gang jobs count whole nodes.
   */
  private estimateQueuedDemand(): void {
    const { pools, queue, eligibility } = this.state;
    const c = this.state.jobs.c;
    const room = this.room;
    for (const p of pools) room[p.index] = p.freeAcc + p.provisioningNodes * p.perNode + Math.max(0, p.max - p.provisioningNodes - p.readyNodes - p.failedNodes) * p.perNode;
    this.demandAcc.fill(0);
    this.demandJobs.fill(0);
    let scanned = 0;
    for (let j = queue.first(); j >= 0 && scanned < AUTOSCALER_QUEUE_SCAN; j = queue.next(j + 1), scanned++) {
      const k = c.k[j & this.state.mask]!;
      const set = c.elig[j & this.state.mask]!;
      let chosen = eligibility.firstPool(set);
      for (const p of pools) {
        if (!eligibility.allows(set, p.index)) continue;
        if (room[p.index]! >= acceleratorsDemanded(k, p.perNode)) {
          chosen = p.index;
          break;
        }
      }
      const d = acceleratorsDemanded(k, pools[chosen]!.perNode);
      this.demandAcc[chosen]! += d;
      room[chosen]! -= d;
      this.demandJobs[chosen]!++;
    }
  }

  private makeAutoscalerView(): AutoscalerView {
    const { state, kernel, demandAcc, demandJobs } = this;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the views read the host's quota accounting
    const host = this;
    const pools: PoolView[] = state.pools.map((p) => ({
      index: p.index,
      name: p.name,
      perNode: p.perNode,
      min: p.min,
      max: p.max,
      initial: p.initial,
      get nodes() {
        return liveNodes(p);
      },
      get failed() {
        return p.failedNodes;
      },
      get unfulfilledRequests() {
        return p.unfulfilledRequests;
      },
      get quotaRoomNodes() {
        return host.withinQuota(p, Infinity);
      },
      get ready() {
        return p.readyNodes;
      },
      get provisioning() {
        return p.provisioningNodes;
      },
      get idle() {
        return p.idleNodes;
      },
      get freeAccelerators() {
        return p.freeAcc;
      },
      get busyAccelerators() {
        return p.busyAcc;
      },
      get queuedDemandAccelerators() {
        return demandAcc[p.index]!;
      },
      get queuedJobs() {
        return demandJobs[p.index]!;
      },
      purchase: p.purchase,
      accelerator: p.acceleratorId,
      priceNodeHourUsd: p.priceNodeHourUsd,
      speed: p.speeds[0]!,
      provisioningMeanS: p.provisioningMeanS,
      get billedNodes() {
        return state.billedNodes(p);
      },
      get preemptionsSoFar() {
        return host.preemptionsSoFar(p.index);
      },
    }));
    const startsOn = this.startsOn;
    return {
      get now() {
        return kernel.now;
      },
      pools,
      get queueLength() {
        return state.queue.size;
      },
      get oldestQueuedSubmitS() {
        const j = state.queue.first();
        return j < 0 ? null : state.jobs.c.submitS[state.slot(j)]!;
      },
      nodeAt: (pool, pos) => {
        const p = state.pools[pool]!;
        if (!(pos >= 0 && pos < p.nodeCount)) throw new Error(`autoscaler view: pool ${p.name} has no node at position ${pos} (it has ${p.nodeCount})`);
        return p.nodeIds[pos]!;
      },
      nodeCount: (pool) => state.pools[pool]!.nodeCount,
      // An idle ready node is one with every accelerator free: its slot of the placement tree holds perNode.
      prevIdleNode: (pool, before) => {
        const p = state.pools[pool]!;
        return p.tree.rightmostAtLeastBefore(p.perNode, before);
      },
      idleSinceS: (node) => (state.isIdle(node) ? state.nodes.c.idleSinceS[node]! : NaN),
      nodeFreeAccelerators: (node) => (state.nodes.c.state[node] === NodeState.Ready ? state.nodes.c.free[node]! : 0),
      horizonS: kernel.horizonS,
      startsOn,
      get costSoFarUsd() {
        let usd = 0;
        for (const p of state.pools) usd += state.costSoFarUsd(p);
        return usd;
      },
      get costRateUsdPerHour() {
        let usd = 0;
        for (const p of state.pools) usd += usdPerHour(p, state.billedNodes(p));
        return usd;
      },
      firstQueued: () => state.queue.first(),
      nextQueued: (job) => state.queue.next(job + 1),
      jobAccelerators: (job) => state.jobs.c.k[state.slot(job)]!,
      jobAllowsPool: (job, pool) => state.eligibility.allows(state.jobs.c.elig[state.slot(job)]!, pool),
    };
  }

  private makeSink(): ScaleSink {
    const { state, fleet } = this;
    const poolOf = (index: number): Readonly<PoolRuntime> => {
      if (!this.deciding) throw new Error(`autoscaler decision invalid: ${this.autoscaler.name} wrote a decision outside decide()`);
      const pool = state.pools[index];
      if (!pool) throw new Error(`autoscaler decision invalid: no pool ${index}`);
      return pool;
    };
    const live = liveNodes;
    return {
      add: (index, count, reason) => {
        const pool = poolOf(index);
        if (!(Number.isInteger(count) && count >= 1)) throw new Error(`autoscaler decision invalid: add ${count} nodes to ${pool.name} (a whole number ≥ 1)`);
        if (live(pool) + count > pool.max) throw new Error(`autoscaler decision invalid: add ${count} nodes to ${pool.name} exceeds its max ${pool.max} (it has ${live(pool)})`);
        const granted = this.withinQuota(pool, count);
        if (granted > 0) {
          fleet.request(pool, granted);
          this.log(pool, 'add', granted, reason);
        }
        if (granted < count) this.log(pool, 'refused', count - granted, `quota: at most ${this.quotas!.get(pool.acceleratorId)} ${pool.acceleratorId} accelerators across pools (${this.acceleratorsOf(pool.acceleratorId)} requested or up); asked: ${reason}`);
      },
      release: (index, nodes, reason) => {
        const pool = poolOf(index);
        if (live(pool) - nodes.length < pool.min) throw new Error(`autoscaler decision invalid: releasing ${nodes.length} nodes of ${pool.name} goes below its min ${pool.min} (it has ${live(pool)})`);
        for (const n of nodes) {
          if (!(n >= 0 && n < state.nodeCount) || state.nodes.c.pool[n] !== pool.index) throw new Error(`autoscaler decision invalid: node ${n} is not in pool ${pool.name}`);
          if (!state.isIdle(n)) throw new Error(`autoscaler decision invalid: node ${n} of ${pool.name} is not idle`);
          fleet.release(n);
        }
        if (nodes.length > 0) this.log(pool, 'release', nodes.length, reason);
      },
      refuse: (index, count, reason) => {
        const pool = poolOf(index);
        if (!(Number.isInteger(count) && count >= 1)) throw new Error(`autoscaler decision invalid: refuse ${count} nodes of ${pool.name} (a whole number ≥ 1)`);
        this.log(pool, 'refused', count, reason);
      },
    };
  }
}
