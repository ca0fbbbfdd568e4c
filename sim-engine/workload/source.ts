/**
 * Workload sources yield batch jobs in submit order, lazily (DESIGN.md §9): the engine
 * pulls one record at a time, so memory grows with jobs in the system, not the trace.
 * `next()` loads the following record into the public fields and returns false at the end.
 * Strings come as indexes into the source's own lists, so the engine maps them once per
 * distinct value, not once per job.
 */
export interface JobSource {
  readonly label: string;
  submitS: number;
  /** Duration on the reference accelerator, seconds. */
  durationS: number;
  accelerators: number;
  /** Accelerator-type constraint: an index into `acceleratorTypes` (a catalog id, `a|b` for alternatives), -1 for any. */
  acceleratorType: number;
  readonly acceleratorTypes: readonly string[];
  /** Tenant: an index into `tenants`, -1 for none. */
  tenant: number;
  readonly tenants: readonly string[];
  /** The wait the trace recorded for this job (start − submit in reality), seconds, or NaN. */
  recordedWaitS: number;
  /** The runtime the job requested (reference seconds), or NaN. */
  requestedS: number;
  /** Scheduling priority (higher first), 0 by default. */
  priority: number;
  /** Roughly how many jobs the source will yield (to size storage once), or 0 if unknown. */
  readonly sizeHint: number;
  /** Fraction of the source consumed, 0..1 (for progress), or NaN if unknown. */
  progress(): number;
  next(): boolean;
}
