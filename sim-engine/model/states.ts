/** States of jobs and nodes, and the kinds of events within each class (DESIGN.md §3). */

/** The most accelerators one job may ask for: traces (a row issue above it), the scenario schema, and synthetic draws (capped) alike. */
export const MAX_JOB_ACCELERATORS = 1_000_000;

/** Job states, in jobs.csv order (`JOB_STATES` in metrics/types.ts names them). */
export const JobState = { Completed: 0, Running: 1, Queued: 2, Rejected: 3 } as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

/**
 * Node lifecycle: requested → provisioning → ready → released; ready → failed → ready (repair);
 * ready → draining (a spot preemption notice: up and billed, takes no new jobs) → released.
 */
export const NodeState = { Provisioning: 0, Ready: 1, Released: 2, Failed: 3, Draining: 4 } as const;
export type NodeState = (typeof NodeState)[keyof typeof NodeState];

/**
 * Event kinds: within one priority class (core/event-queue.ts), which module's handler an
 * event goes to. The kernel dispatches on (class, kind).
 */
export const EventKind = {
  Completion: {
    /** A batch job's run ends (payload: job, tag: its epoch). */
    JobEnd: 0,
  },
  NodeChange: {
    /** A node fails (payload: node, tag: its epoch when its failure clock was set). */
    Failure: 0,
    /** A spot node gets its preemption notice (payload: node, tag: its epoch). */
    Preemption: 1,
    /** A preempted spot node's notice ends: its jobs die and it is released (payload: node, tag: its epoch). */
    NoticeEnd: 2,
  },
  NodeReady: {
    /** A requested node finished provisioning (payload: node, tag: its epoch). */
    Provisioned: 0,
    /** A failed node is repaired (payload: node, tag: its epoch after the failure). */
    Repaired: 1,
  },
  Tick: {
    /** The autoscaler asked to be woken (payload: 0). */
    AutoscalerWake: 0,
  },
} as const;
