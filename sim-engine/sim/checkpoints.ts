/**
 * Checkpointing (DESIGN.md §11): a job of a workload entry with `checkpointEvery` saves its
 * progress after every `everyS` seconds of running; with `checkpointCost` each checkpoint
 * pauses it `costS` seconds (it holds its accelerators, and the checkpoint counts once the
 * pause is over). No checkpoint is taken at the very end of a run. A killed job keeps the work
 * of its completed checkpoints and loses the time run since the last one. Interval counts
 * allow a relative 1e-9 of float error (1800 pool-seconds computed as 4140 / 2.3 =
 * 1800.0000000000002 are three 600 s intervals, not four).
 */

const EPS = 1e-9;
export interface CheckpointPlan {
  readonly everyS: number;
  readonly costS: number;
}

/** How long a run doing `workS` seconds of work takes: the work plus a pause per checkpoint taken. */
export function runtimeWithCheckpoints(workS: number, plan: CheckpointPlan | null): number {
  if (plan === null || plan.costS === 0) return workS;
  const checkpoints = Math.ceil(workS / plan.everyS - EPS) - 1;
  return checkpoints > 0 ? workS + checkpoints * plan.costS : workS;
}

/** Seconds of work a run killed after `ranS` seconds keeps: its completed checkpoints' (0 without checkpoints). */
export function keptWorkS(ranS: number, plan: CheckpointPlan | null): number {
  if (plan === null) return 0;
  return completedCheckpoints(ranS, plan) * plan.everyS;
}

/** Seconds run since the last completed checkpoint of a run killed after `ranS` seconds (the lost work). */
export function lostRunS(ranS: number, plan: CheckpointPlan | null): number {
  if (plan === null) return ranS;
  return Math.max(0, ranS - completedCheckpoints(ranS, plan) * (plan.everyS + plan.costS));
}

function completedCheckpoints(ranS: number, plan: CheckpointPlan): number {
  return Math.floor(ranS / (plan.everyS + plan.costS) + EPS);
}
