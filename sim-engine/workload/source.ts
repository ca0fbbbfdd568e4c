/**
 * Workload sources yield batch jobs in submit order, lazily (DESIGN.md §9): the engine
 * pulls one record at a time, so memory grows with jobs in the system, not the trace.
 * `next()` loads the following record into the public fields and returns false at the end.
 */
export interface JobSource {
  readonly label: string;
  submitS: number;
  /** Duration on the reference accelerator, seconds. */
  durationS: number;
  accelerators: number;
  /** Accelerator-type constraint (catalog id) or null for any. */
  acceleratorType: string | null;
  tenant: string | null;
  /** The wait the trace recorded for this job (start − submit in reality), seconds, or NaN. */
  recordedWaitS: number;
  /** Roughly how many jobs the source will yield (to size storage once), or 0 if unknown. */
  readonly sizeHint: number;
  /** Fraction of the source consumed, 0..1 (for progress), or NaN if unknown. */
  progress(): number;
  next(): boolean;
}
