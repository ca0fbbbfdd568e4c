/**
 * Policies decide; the engine validates and applies (STYLE.md §4). Views are read-only
 * projections of engine state; a policy never mutates it.
 */

/** What a scheduler sees during one scheduling pass. Reflects placements made so far in the pass. */
export interface SchedulerView {
  readonly now: number;
  readonly poolCount: number;
  queueLength(): number;
  /** Job id at queue position i (0 = oldest submitted). */
  queuedJob(i: number): number;
  jobAccelerators(job: number): number;
  /** True if the job may run in pool p (type constraint and capacity). */
  jobAllowsPool(job: number, pool: number): boolean;
  poolPerNode(pool: number): number;
  /** Lowest-numbered ready node of pool p with at least k free accelerators, or -1. */
  firstFitNode(pool: number, k: number): number;
  /** Ready nodes of pool p with no job on them. */
  idleNodeCount(pool: number): number;
  /** Fill `out` with the n lowest-numbered idle nodes of pool p; returns how many were found. */
  lowestIdleNodes(pool: number, n: number, out: Int32Array): number;
}

/** How a scheduler starts jobs. The engine checks every placement and throws on an invalid one. */
export interface SchedulerActions {
  /** Start the job at queue position `queueIndex` on `count` nodes listed in `nodes` of pool `pool`. */
  start(queueIndex: number, pool: number, nodes: Int32Array, count: number): void;
}

export interface Scheduler {
  readonly name: string;
  schedule(view: SchedulerView, act: SchedulerActions): void;
}

/** One pool as an autoscaler sees it at a tick. */
export interface PoolView {
  readonly index: number;
  readonly name: string;
  readonly perNode: number;
  readonly min: number;
  readonly max: number;
  readonly initial: number;
  /** Nodes requested and not released (provisioning + ready). */
  readonly nodes: number;
  readonly ready: number;
  readonly provisioning: number;
  readonly idle: number;
  readonly freeAccelerators: number;
  readonly busyAccelerators: number;
  /** Accelerators queued jobs need whose first choice is this pool (gang jobs count whole nodes). */
  readonly queuedDemandAccelerators: number;
  readonly queuedJobs: number;
  /** Idle ready nodes with the time they became idle, highest-numbered first. */
  readonly idleNodes: readonly { node: number; idleSinceS: number }[];
}

export interface AutoscalerView {
  readonly now: number;
  readonly pools: readonly PoolView[];
  readonly queueLength: number;
  /** Submit time of the oldest queued job, or null when the queue is empty. */
  readonly oldestQueuedSubmitS: number | null;
}

export type ScaleDecision =
  | { pool: number; add: number; reason: string }
  | { pool: number; release: number[]; reason: string };

export interface Autoscaler {
  readonly kind: string;
  /** Seconds between ticks, or null for a policy that never acts (no tick events at all). */
  readonly tickS: number | null;
  /** The node count a pool can ever reach under this policy (decides which jobs can never fit). */
  capacityBound(pool: { initial: number; max: number }): number;
  decide(view: AutoscalerView): ScaleDecision[];
  /**
   * Whether the policy may still add capacity later when nothing else changes (the same
   * view, later in time). `horizon: drain` fails with a clear message when this is false
   * while jobs wait, nothing runs and no node is coming.
   */
  mayStillAct(view: AutoscalerView): boolean;
}
