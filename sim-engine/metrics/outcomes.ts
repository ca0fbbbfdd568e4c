/**
 * Per-job outcomes leave the engine through a sink. In memory (today's only sink), a job's
 * row is the state's job columns themselves and its end time is derived exactly when the
 * outputs are built, so the sink keeps only what the columns cannot hold: rejection reasons.
 * A streaming sink (jobs.csv rows written as jobs finish, percentiles from a quantile sketch)
 * implements the same two calls.
 */
export interface OutcomeSink {
  /** A job was rejected when it was submitted (it can never fit the fleet under the policy). */
  rejected(job: number, reason: string): void;
  /** A job ran to its end at endS. */
  completed(job: number, endS: number): void;
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
