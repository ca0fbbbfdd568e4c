/**
 * Per-job outcomes leave the engine through a sink. In memory, a job's row is the state's job
 * columns themselves and its end time is derived exactly when the outputs are built, so the
 * sink keeps only what the columns cannot hold: rejection reasons. The streaming sink
 * (metrics/outcome-stream.ts: jobs.csv rows written as jobs retire, sums folded as they go,
 * percentiles exact or from a quantile sketch) implements the same two calls.
 */
import { JobState } from '../model/states.js';

export interface OutcomeSink {
  /** A job was rejected when it was submitted (it can never fit the fleet under the policy). */
  rejected(job: number, reason: string): void;
  /** A job ran to its end at endS. */
  completed(job: number, endS: number): void;
}

/**
 * What killed and requeued jobs add to the outcomes: each one's total queued time (NaN for a
 * job never killed, whose wait is start − submit), and every queued episode as an interval —
 * DESIGN.md §11: a requeued job's wait is the total time it spent queued, and each queued
 * episode counts in shortfallHours from its start + maxQueueWait.
 */
export interface RequeueOutcomes {
  /** Per job: total seconds queued (up to the end for a job still queued), NaN if never killed. */
  queuedS: Float64Array;
  /** Per job: times killed and requeued, and seconds run that were lost (since the last checkpoint), summed over its kills. */
  restarts: Int32Array;
  lostS: Float64Array;
  /** The queued episodes of those jobs, [fromS, toS) (an open one ends at the run's end). */
  episodes: { fromS: Float64Array; toS: Float64Array };
  /** Their runs cut short by kills, [fromS, toS) of job: busy time the final run does not show. */
  killedRuns: { job: Int32Array; fromS: Float64Array; toS: Float64Array };
}

/** A job's wait (DESIGN.md §4, §11): start − submit, or up to the end if still queued; a requeued job's total queued time. */
export function waitOf(state: number, submitS: number, startS: number, endS: number, queuedS: number): number {
  if (queuedS === queuedS) return queuedS;
  return state === JobState.Queued ? endS - submitS : startS - submitS;
}

export class InMemoryOutcomes implements OutcomeSink {
  /** Rejection reasons by job id. */
  readonly reasons = new Map<number, string>();
  completedCount = 0;

  rejected(job: number, reason: string): void {
    this.reasons.set(job, reason);
  }

  completed(): void {
    this.completedCount++;
  }
}
