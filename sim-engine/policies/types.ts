/**
 * Policies decide; the engine validates and applies (STYLE.md §4). Views are read-only
 * projections of the live engine state, built once per run (no allocation per pass or tick);
 * a policy never mutates state — it acts through the actions and sinks it is handed, and
 * every invalid decision throws and names the broken invariant.
 */

/** What placements read: a pool's nodes and their free accelerators. */
export interface PlacementView {
  /** Lowest-numbered ready node of the pool with at least k free accelerators, or -1. */
  firstFitNode(pool: number, k: number): number;
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
  /** When a ready node became idle, or NaN when it is not an idle ready node. */
  idleSinceS(node: number): number;
}

/** Where an autoscaler writes its decisions; each carries a human-readable reason for the decision log. */
export interface ScaleSink {
  /** Request `count` new nodes (never beyond the pool's max). */
  add(pool: number, count: number, reason: string): void;
  /** Release idle ready nodes of the pool (never below its min). */
  release(pool: number, nodes: readonly number[], reason: string): void;
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
