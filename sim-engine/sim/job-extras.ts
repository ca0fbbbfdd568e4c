/**
 * Per-job attributes only some policies read — priority and the requested runtime — stored
 * only when a run has them (a column is allocated on its first non-default value), beside
 * the state's job columns.
 */
import { OptionalColumn } from '../core/columns.js';

export class JobExtras {
  /** Scheduling priority (higher first), 0 by default. */
  readonly priority = new OptionalColumn((n) => new Float64Array(n), 0);
  /** The runtime the job requested (reference seconds), NaN when unknown. */
  readonly requestedS = new OptionalColumn((n) => new Float64Array(n), NaN);

  set(j: number, priority: number, requestedS: number, capacity: number): void {
    if (priority !== 0) this.priority.set(j, priority, capacity);
    if (requestedS === requestedS) this.requestedS.set(j, requestedS, capacity);
  }

  grow(capacity: number): void {
    this.priority.grow(capacity);
    this.requestedS.grow(capacity);
  }

  clear(i: number): void {
    this.priority.clear(i);
    this.requestedS.clear(i);
  }

  remap(capacity: number, from: number, to: number, oldMask: number, newMask: number): void {
    this.priority.remap(capacity, from, to, oldMask, newMask);
    this.requestedS.remap(capacity, from, to, oldMask, newMask);
  }
}
