/**
 * Job storage of the fleet state (struct-of-arrays columns), FleetState's base: the job columns,
 * the optional per-job columns, and — for runs that stream their outcomes — ring storage.
 *
 * Job ids are numbered in submit order and never reused (the wait queue, jobs.csv and every
 * policy see ids). A job's row is `id & mask`: with plain storage the mask is all ones (row =
 * id); with ring storage (`recycle`) the columns hold a power-of-two number of rows and a
 * retired job's row (it ended, its outcomes were streamed: DESIGN.md §9) is reused by a later
 * job, so memory grows with the jobs in the system, not with the trace. When more jobs are in
 * the system than rows, the ring doubles and moves every live job to its new row.
 */
import { ColumnSet, OptionalColumn } from '../core/columns.js';
import { JobState } from '../model/states.js';
import { JobExtras } from './job-extras.js';
import { RequeueLog } from './requeue-log.js';

export const JOB_COLUMNS = { submitS: 'f64', durationS: 'f64', k: 'i32', startS: 'f64', pool: 'i8', state: 'u8', elig: 'u16', nodeOff: 'i32' } as const;

/** Ring storage starts with this many job rows by default (a power of two; doubles when more jobs are in the system). */
export const RING_SLOTS = 1 << 16;

/** A per-job column that ring storage moves when it grows and clears when a row is reused. */
interface RingColumn {
  grow(capacity: number): void;
  clear(i: number): void;
  remap(capacity: number, from: number, to: number, oldMask: number, newMask: number): void;
}

export class JobStore {
  jobCount = 0;
  readonly jobs: ColumnSet<typeof JOB_COLUMNS>;
  /**
   * Job ids map to rows of the job columns through this mask: all ones (row = id), or with
   * ring storage (`recycle`, streamed outcomes) capacity − 1, so a retired job's row is reused
   * and memory grows with the jobs in the system, not with the trace (DESIGN.md §9).
   */
  mask = 0x7fffffff;
  private retiredBelow = 0;
  private readonly extraColumns: RingColumn[] = [];
  /** `optionalColumns`, null until first asked for and after a column is added. */
  private ringColumns: RingColumn[] | null = null;
  /** Index into `tenants`, -1 for none. */
  readonly jobTenant = new OptionalColumn((n) => new Int32Array(n), -1);
  /** The workload entry that submitted the job. */
  readonly jobSource = new OptionalColumn((n) => new Int32Array(n), 0);
  readonly jobRecordedWaitS = new OptionalColumn((n) => new Float64Array(n), NaN);
  /** Priority and requested runtime (stored only when a run has them). */
  readonly jobExtras = new JobExtras();
  /** Bumped when a job is killed: its pending completion no longer matches. */
  readonly jobEpoch = new OptionalColumn((n) => new Int32Array(n), 0);
  /** Reference-seconds of work left, for jobs that were killed (NaN: the whole duration). */
  readonly jobRemainingS = new OptionalColumn((n) => new Float64Array(n), NaN);
  /** Killed jobs' queued times, episodes and cut-short runs (allocated only when a job is killed). */
  readonly requeues = new RequeueLog();

  private readonly recycle: boolean;

  /** `ringSlots`: ring storage with this many rows to start with (a power of two), 0 for plain storage. */
  constructor(jobCapacity: number, ringSlots: number) {
    if (ringSlots !== 0 && (ringSlots & (ringSlots - 1)) !== 0) throw new Error(`state invariant: ring storage needs a power of two of rows (got ${ringSlots})`);
    this.recycle = ringSlots > 0;
    this.jobs = new ColumnSet(JOB_COLUMNS, this.recycle ? ringSlots : Math.max(1024, jobCapacity));
    if (this.recycle) this.mask = ringSlots - 1;
  }

  /** A new job row (state Queued until admitted or rejected); returns its id. */
  newJob(submitS: number, durationS: number, k: number, elig: number): number {
    if ((k | 0) !== k || k < 1) throw badSize(k);
    const j = this.jobCount++;
    if (j - this.retiredBelow >= this.jobs.capacity) this.growJobs(j + 1);
    const s = j & this.mask;
    if (this.recycle) this.clearSlot(s);
    const c = this.jobs.c;
    c.submitS[s] = submitS;
    c.durationS[s] = durationS;
    c.k[s] = k;
    c.startS[s] = NaN;
    c.pool[s] = -1;
    c.elig[s] = elig;
    return j;
  }

  /** The per-job columns beside the state's own (the ring storage moves and clears them too). */
  private get optionalColumns(): RingColumn[] {
    // Built once (again after addJobColumn): ring storage clears every column at each new job.
    return (this.ringColumns ??= [this.jobTenant, this.jobSource, this.jobRecordedWaitS, this.jobEpoch, this.jobRemainingS, this.requeues, this.jobExtras, ...this.extraColumns]);
  }

  private growJobs(need: number): void {
    if (this.recycle) {
      // Ring storage: twice the slots, every job not yet retired moved to its new slot.
      const cap = this.jobs.capacity * 2;
      const mask = cap - 1;
      this.jobs.remap(cap, this.retiredBelow, this.jobCount - 1, this.mask, mask);
      for (const col of this.optionalColumns) col.remap(cap, this.retiredBelow, this.jobCount - 1, this.mask, mask);
      this.mask = mask;
      return;
    }
    this.jobs.ensure(need);
    const cap = this.jobs.capacity;
    for (const col of this.optionalColumns) col.grow(cap);
  }

  /** A reused slot forgets the job it held. */
  private clearSlot(s: number): void {
    this.jobs.c.state[s] = JobState.Queued;
    this.jobs.c.nodeOff[s] = 0;
    for (const col of this.optionalColumns) col.clear(s);
  }

  /**
   * Jobs below this id are retired: they ended and their outcomes were streamed, so nothing
   * reads them and ring storage reuses their slots (only with `recycle`).
   */
  retire(below: number): void {
    if (this.recycle) this.retiredBelow = below;
  }

  /** Whether a job's row was retired (its slot may hold a later job): a stale event of it is dropped. */
  isRetired(j: number): boolean {
    return j < this.retiredBelow;
  }

  /** A job's slot in the job columns (its id, or id & mask with ring storage). */
  slot(j: number): number {
    return j & this.mask;
  }

  /** Register another per-job column (Batch's restarts and lost time) for ring moves and clears. */
  addJobColumn(col: RingColumn): void {
    this.extraColumns.push(col);
    this.ringColumns = null;
  }

  /** A job's optional attributes: tenant id (-1 none), workload entry, recorded wait (NaN none). */
  setAttributes(j: number, tenant: number, source: number, recordedWaitS: number): void {
    const cap = this.jobs.capacity;
    if (tenant >= 0) this.jobTenant.set(j & this.mask, tenant, cap);
    if (source !== 0) this.jobSource.set(j & this.mask, source, cap);
    if (recordedWaitS === recordedWaitS) this.jobRecordedWaitS.set(j & this.mask, recordedWaitS, cap);
  }
}

/** Out of line, so newJob stays small enough to inline (see state.ts). */
function badSize(k: number): Error {
  return new Error(`state invariant: a job needs a whole number ≥ 1 of accelerators (got ${k})`);
}
