/**
 * Arrivals: merges the workload's job sources (each lazily in submit order, DESIGN.md §9)
 * into one stream for the kernel. Arrivals wait in their sources — one pending record each —
 * not in the event heap, and at one instant the sources deliver in workload order.
 *
 * Strings (tenants, accelerator-type constraints) arrive as each source's own ids and are
 * translated to run-wide ids through a small per-source table: nothing is re-interned per job.
 */
import { Interner } from '../core/interner.js';
import type { JobSource } from '../workload/source.js';
import type { Batch } from './batch.js';
import type { ArrivalStream } from './kernel.js';
import type { FleetState } from './state.js';

const UNSET = -2;

export class Arrivals implements ArrivalStream {
  nextS = Infinity;
  readonly tenants = new Interner();
  private readonly pending: Float64Array;
  private readonly done: boolean[];
  /** Sources not yet done (`exhausted` is asked after every instant of a drain run). */
  private live: number;
  private readonly tenantMap: Int32Array[];
  private readonly constraintMap: Int32Array[];
  /** Run-wide constraint id of "any accelerator". */
  private readonly anyConstraint: number;

  constructor(
    private readonly sources: readonly JobSource[],
    private readonly horizonS: number,
    private readonly state: FleetState,
    private readonly batch: Batch,
  ) {
    this.pending = new Float64Array(sources.length);
    this.done = sources.map(() => false);
    this.live = sources.length;
    this.tenantMap = sources.map((s) => new Int32Array(s.tenants.length).fill(UNSET));
    this.constraintMap = sources.map((s) => new Int32Array(s.acceleratorTypes.length).fill(UNSET));
    this.anyConstraint = state.eligibility.constraint(null);
    sources.forEach((_, i) => this.pull(i, 0));
    this.updateNext();
  }

  /** Every source has delivered its last record. */
  get exhausted(): boolean {
    return this.live === 0;
  }

  /** Fraction of the sources consumed, 0..1 (for progress of drain runs). */
  progress(): number {
    let sum = 0;
    for (const s of this.sources) sum += s.progress();
    return sum / Math.max(1, this.sources.length);
  }

  deliverAt(t: number): number {
    let delivered = 0;
    const pending = this.pending;
    if (pending.length === 1) {
      // One workload entry (most scenarios): its pending arrival is the next one.
      while (pending[0] === t) {
        this.arrive(0);
        delivered++;
      }
      this.nextS = pending[0]!;
      return delivered;
    }
    for (let i = 0; i < pending.length; i++) {
      while (pending[i] === t) {
        this.arrive(i);
        delivered++;
      }
    }
    this.updateNext();
    return delivered;
  }

  private arrive(i: number): void {
    const src = this.sources[i]!;
    const ti = src.acceleratorType;
    const constraint = ti < 0 ? this.anyConstraint : this.constraintOf(i, ti);
    const j = this.batch.admit(src.durationS, src.accelerators, constraint);
    if (src.tenant >= 0 || i !== 0 || src.recordedWaitS === src.recordedWaitS) this.state.setAttributes(j, src.tenant >= 0 ? this.tenantOf(i, src.tenant) : -1, i, src.recordedWaitS);
    if (src.priority !== 0 || src.requestedS === src.requestedS) this.state.jobExtras.set(this.state.slot(j), src.priority, src.requestedS, this.state.jobs.capacity);
    this.pull(i, src.submitS);
  }

  private tenantOf(i: number, local: number): number {
    const map = this.tenantMap[i]!;
    let id = map[local]!;
    if (id === UNSET) id = map[local] = this.tenants.id(this.sources[i]!.tenants[local]!);
    return id;
  }

  private constraintOf(i: number, local: number): number {
    const map = this.constraintMap[i]!;
    let id = map[local]!;
    if (id === UNSET) id = map[local] = this.state.eligibility.constraint(this.sources[i]!.acceleratorTypes[local]!);
    return id;
  }

  /** Load source i's next record; its submit time becomes the source's pending arrival. */
  private pull(i: number, now: number): void {
    const src = this.sources[i]!;
    if (src.next() && src.submitS < this.horizonS) {
      if (!(src.submitS >= now)) throw notInOrder(src.label, src.submitS, now);
      this.pending[i] = src.submitS;
    } else {
      this.pending[i] = Infinity;
      if (!this.done[i]) this.live--;
      this.done[i] = true;
    }
  }

  private updateNext(): void {
    let m = Infinity;
    const a = this.pending;
    for (let i = 0; i < a.length; i++) if (a[i]! < m) m = a[i]!;
    this.nextS = m;
  }
}

/** Out of line, so pull stays small enough to inline. */
function notInOrder(label: string, submitS: number, now: number): Error {
  return new Error(`arrivals invariant: source ${label} is not in submit order (${submitS} < ${now})`);
}
