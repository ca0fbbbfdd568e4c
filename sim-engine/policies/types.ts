/**
 * Policies decide; the engine validates and applies (STYLE.md §4). Views are read-only
 * projections of the live engine state, built once per run (no allocation per pass or tick);
 * a policy never mutates state — it acts through the actions and sinks it is handed, and
 * every invalid decision throws and names the broken invariant.
 */

/** What placements read: a pool's nodes and their free accelerators ("ready" excludes draining nodes). */
export interface PlacementView {
  /** Lowest-numbered ready node of the pool with at least k free accelerators, or -1. O(log nodes). */
  firstFitNode(pool: number, k: number): number;
  /**
   * The fullest ready node of the pool that fits k: the fewest free accelerators ≥ k (ties: the
   * lowest-numbered), or -1. O(perNode − k + 1). Only for a placement that declares
   * `needsFreeBuckets` (throws otherwise).
   */
  bestFitNode(pool: number, k: number): number;
  /** The emptiest ready node of the pool if it fits k: the most free accelerators (ties: the lowest-numbered), or -1. O(log nodes). */
  emptiestNode(pool: number, k: number): number;
  /** Ready nodes of the pool with no job on them. */
  idleNodeCount(pool: number): number;
  /** Fill `out` with the `count` lowest-numbered idle nodes of the pool; returns how many were found. */
  lowestIdleNodes(pool: number, count: number, out: Int32Array): number;
}

/**
 * Where in a pool a job goes. A job of k ≤ perNode takes one node with k free accelerators;
 * a gang job takes whole idle nodes.
 */
export interface Placement {
  readonly name: string;
  /**
   * Whether the placement calls `bestFitNode`: the engine then keeps per-free-count buckets of
   * each pool's nodes (a little work on every start and end, which other placements do not pay).
   * Read once, when the run's pools are built.
   */
  readonly needsFreeBuckets?: boolean;
  /** A node for a single-node job of k accelerators, or -1 when none fits now. */
  nodeFor(view: PlacementView, pool: number, k: number): number;
  /** Fill `out` with `count` idle nodes for a gang job; returns how many were found. */
  idleNodesFor(view: PlacementView, pool: number, count: number, out: Int32Array): number;
}

/** What a scheduler sees during one scheduling pass. Reflects placements made so far in the pass. */
export interface SchedulerView extends PlacementView {
  readonly now: number;
  readonly poolCount: number;
  /** Jobs waiting. */
  queueLength(): number;
  /** The oldest-submitted queued job, or -1 when the queue is empty. */
  firstQueued(): number;
  /** The next queued job after `job` in submit order, or -1. */
  nextQueued(job: number): number;
  jobAccelerators(job: number): number;
  jobSubmitS(job: number): number;
  /** True if the job may run in the pool (type constraint and capacity). */
  jobAllowsPool(job: number, pool: number): boolean;
  poolPerNode(pool: number): number;
  /** Free accelerators of the pool's ready nodes (draining nodes' excluded). */
  poolFreeAccelerators(pool: number): number;
  /**
   * Every pool, cheapest per accelerator-hour first or fastest for the job's workload class
   * first (ties in fleet order); fleet order is 0 … poolCount − 1. Do not modify.
   */
  poolsInOrder(order: 'cheapest' | 'fastest', job: number): Int32Array;
  /** How long the job would run if started now in the pool (its remaining work at the pool's speed, plus checkpoint pauses): the exact runtime. */
  jobRuntimeS(job: number, pool: number): number;
  /** The runtime the job's trace requested (e.g. SWF field 9), reference seconds; NaN when the trace has none. */
  jobRequestedS(job: number): number;
  /** The job's priority (workload `priority` or the trace's; higher goes first), 0 by default. */
  jobPriority(job: number): number;
  /** Tenant id (`tenantName`), or -1 for none. */
  jobTenant(job: number): number;
  tenantName(id: number): string;
  /** A running job's start, pool and exact end. */
  jobStartS(job: number): number;
  jobPool(job: number): number;
  jobEndS(job: number): number;
  /** Kills of running jobs so far (failures, preemptions, schedulers): a change means jobs came back to the queue. */
  killCount(): number;
  /** Whether the job waits in the queue now / runs now. */
  isQueued(job: number): boolean;
  isRunning(job: number): boolean;
  /** Nodes the pool has ever had (positions 0 … poolNodeCount − 1, in request order) and the node at a position. */
  poolNodeCount(pool: number): number;
  poolNode(pool: number, pos: number): number;
  /** Free accelerators of a node that takes jobs, -1 for one that does not (provisioning, draining, failed, released). */
  nodeFreeAccelerators(node: number): number;
  /** Fill `out` with the jobs running on the node (a gang job on each of its nodes); returns how many. */
  jobsOnNode(node: number, out: Int32Array): number;
  /** Relative speed of the pool for the job's workload class (runtime = work / speed). */
  poolSpeed(pool: number, job: number): number;
}

/** How a scheduler starts jobs. The engine checks every placement and throws on an invalid one. */
export interface SchedulerActions {
  /** Start a queued job in the pool where the scheduler's placement finds room; false if it does not fit now. */
  tryStart(job: number, pool: number): boolean;
  /** Start a queued job on explicit nodes (`count` of them in `nodes`). Throws unless they fit. */
  startOn(job: number, pool: number, nodes: Int32Array, count: number): void;
  /**
   * Kill a running job to make room; it requeues in its submit-order place and resumes from its
   * last checkpoint. The reason lands in the decision log. Throws unless the job is running.
   */
  preempt(job: number, reason: string): void;
}

export interface Scheduler {
  readonly name: string;
  readonly placement: Placement;
  schedule(view: SchedulerView, act: SchedulerActions): void;
}

/** A pool's identity and limits (index = position in `fleet.pools`). */
export interface PoolLimits {
  readonly index: number;
  readonly name: string;
  readonly perNode: number;
  readonly min: number;
  readonly max: number;
  readonly initial: number;
}

/** One pool as an autoscaler sees it (live: read it during `decide`). */
export interface PoolView extends PoolLimits {
  /** Nodes requested and not released (provisioning + ready + failed). */
  readonly nodes: number;
  /** Nodes down for repair (billed, not usable). */
  readonly failed: number;
  /** Node requests not fulfilled so far (spot availability, stockouts). */
  readonly unfulfilledRequests: number;
  /** Nodes the accelerator type's quota (fleet.quotas) still allows across pools; Infinity without one. Adds beyond are refused. */
  readonly quotaRoomNodes: number;
  readonly ready: number;
  readonly provisioning: number;
  readonly idle: number;
  readonly freeAccelerators: number;
  readonly busyAccelerators: number;
  /** Accelerators the queue needs from this pool (see `queuedDemandByPool` in policy-host.ts). */
  readonly queuedDemandAccelerators: number;
  readonly queuedJobs: number;
  /** How the pool's nodes are bought. */
  readonly purchase: 'on-demand' | 'spot' | 'reserved' | 'owned';
  /** Catalog accelerator id. */
  readonly accelerator: string;
  /** What one more node-hour costs (list price, or the pool's pricePerNodeHour; spot price for spot pools). */
  readonly priceNodeHourUsd: number;
  /** Relative speed for training work (catalog; A100-80GB = 1.0). */
  readonly speed: number;
  /** Mean provisioning delay of a node request, seconds. */
  readonly provisioningMeanS: number;
  /** Nodes billed now (requested and not released, fulfilled; committed nodes count). */
  readonly billedNodes: number;
  /** Spot preemptions of the pool's nodes so far (the whole run). */
  readonly preemptionsSoFar: number;
}

export interface AutoscalerView {
  readonly now: number;
  readonly pools: readonly PoolView[];
  readonly queueLength: number;
  /** Submit time of the oldest queued job, or null when the queue is empty. */
  readonly oldestQueuedSubmitS: number | null;
  /** The pool's node at position pos in its request order (0 = oldest). */
  nodeAt(pool: number, pos: number): number;
  /** How many nodes the pool has ever requested (positions 0 .. nodeCount − 1). */
  nodeCount(pool: number): number;
  /**
   * The position of the pool's newest idle ready node before position `before` (pass
   * nodeCount(pool) to start), or -1 when there is none: walks the idle nodes newest first in
   * O(log nodes) each, skipping busy and released ones (a pool that scaled up and down many
   * times has requested many more nodes than it has).
   */
  prevIdleNode(pool: number, before: number): number;
  /** When a ready node became idle, or NaN when it is not an idle ready node. */
  idleSinceS(node: number): number;
  /** Accelerators a ready node has free (0 for one not ready). */
  nodeFreeAccelerators(node: number): number;
  /** The run's finite horizon in seconds, or Infinity for `horizon: drain`. */
  readonly horizonS: number;
  /** Weekday of t = 0 (scenario `startsOn`): 0 = Monday … 6 = Sunday. */
  readonly startsOn: number;
  /** What the fleet has cost from t = 0 to now, USD. */
  readonly costSoFarUsd: number;
  /** What the fleet costs per hour right now (billed nodes × their prices), USD. */
  readonly costRateUsdPerHour: number;
  /** The oldest queued job, or -1 (then `nextQueued`); jobs in submit order. */
  firstQueued(): number;
  nextQueued(job: number): number;
  jobAccelerators(job: number): number;
  /** Whether the job may run in the pool (its type constraint; not whether it fits now). */
  jobAllowsPool(job: number, pool: number): boolean;
}

/** Where an autoscaler writes its decisions; each carries a human-readable reason for the decision log. */
export interface ScaleSink {
  /** Request `count` new nodes (never beyond the pool's max). */
  add(pool: number, count: number, reason: string): void;
  /** Release idle ready nodes of the pool (never below its min). */
  release(pool: number, nodes: readonly number[], reason: string): void;
  /** Log additions a policy decided against (a budget's cap): `refused` in the decision log; nothing changes. */
  refuse(pool: number, count: number, reason: string): void;
}

export interface Autoscaler {
  readonly name: string;
  /**
   * The node count a pool can ever reach under this policy, and the pool field that sets it
   * (named in the reason of a job rejected for needing more).
   */
  capacityBound(pool: { initial: number; max: number }): { nodes: number; limit: 'initial' | 'max' };
  /** When to be woken first: seconds from t = 0, or Infinity for a policy that never acts (no events at all). */
  firstWakeS(): number;
  /** Decide at a wake-up; returns the next time (absolute seconds) to be woken, Infinity for never. */
  decide(view: AutoscalerView, sink: ScaleSink): number;
  /**
   * Whether the policy may still add capacity later when nothing else changes (the same
   * view, later in time). `horizon: drain` fails with a clear message when this is false
   * while jobs wait, nothing runs and no node is coming.
   */
  mayStillAct(view: AutoscalerView): boolean;
  /**
   * Optional: nodes of a pool were lost for good — a spot node preempted, or a node request not
   * fulfilled — at the instant they were. The policy may request replacements through the sink
   * at once, and/or return a time (after now) to be woken for a later try (a retry of an
   * unfulfilled request should wait: with no provisioning delay it would fail at the same instant).
   */
  onNodesLost?(view: AutoscalerView, sink: ScaleSink, pool: number, count: number, cause: 'preempted' | 'unfulfilled', reason: string): number | undefined;
  /**
   * Optional: the nodes a pool starts with under this policy, or undefined to keep the
   * pool's `initial`. Before the run, the host sets the pool's `initial` to the value and
   * its `max` to max(max ?? 0, value) (a static fleet fixed per policy).
   */
  initialNodes?(pool: { readonly name: string; readonly initial: number; readonly max: number | undefined }): number | undefined;
}
