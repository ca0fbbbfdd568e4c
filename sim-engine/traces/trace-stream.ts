/**
 * Streamed trace replay (DESIGN.md §9, issue 11): a job trace too long to keep as a table is read
 * twice through the same pipeline (decoder, importer, `JobBuilder`), never held whole.
 *
 * - Pass 1, `TraceScan` (a `JobRowSink`): the host's ordinary read, which still hashes the file
 *   and reports every row issue. The scan keeps the builder's rows up to `keepUpTo`; past that, if
 *   the rows are still in submit order, it lets the builder drop them and only counts: rows, the
 *   first submit time, the rows the window and tenant filter keep and the first of them.
 *   `plan()` then says whether the trace can be streamed.
 * - Pass 2, `StreamedTrace.open()` per policy run or replication: the host re-reads the file
 *   synchronously in chunks (`OpenTracePass`); `StreamRows` applies the knobs row by row (window,
 *   filter, rebase, timeScale, measuredOn speed) into a small batch the job source replays.
 *
 * Rows in non-decreasing submit order after the filter are exactly what the stable sort of
 * `applyTraceKnobs` would give, so a streamed replay yields the same rows as the in-memory table.
 * Platform-neutral: the host reads the bytes.
 */
import { grow } from '../core/columns.js';
import type { JobColumnsPresent, JobRowSink, JobTable } from './types.js';

/** What pass 1 needs of the trace knobs: the window (relative to the first record) and the tenant filter. */
export interface ScanKnobs {
  fromS?: number;
  toS?: number;
  tenants?: readonly string[];
}

/** A trace pass 1 found streamable: everything pass 2 and the run need besides the file. */
export interface StreamPlan {
  /** Valid rows in the file (the import's `records`). */
  records: number;
  /** Rows the window and tenant filter keep (the replayed table's length). */
  kept: number;
  /** Submit time (trace origin) of the first kept row, NaN when none is kept. */
  firstKeptS: number;
  present: JobColumnsPresent;
  /** The importer's tenant and accelerator-type names, in id order (before `acceleratorMap`). */
  tenants: string[];
  acceleratorTypes: string[];
}

/** `plan()`: keep the table (`memory`), read the file again into a table (`reread`), or stream. */
export type ScanOutcome = { kind: 'memory' } | { kind: 'reread'; reason: string } | { kind: 'stream'; plan: StreamPlan };

const NO_COLUMNS: JobColumnsPresent = { tenant: false, acceleratorType: false, recordedWait: false, requested: false, priority: false };

/** Tenant ids a filter keeps, by id, from the importer's names (the same test as `applyTraceKnobs`). */
class TenantFilter {
  private readonly want: Set<string>;
  /** Per tenant id: 0 not yet looked up, 1 kept, 2 left out. */
  private ok = new Uint8Array(16);
  constructor(names: readonly string[], private readonly tenants: () => readonly string[]) {
    this.want = new Set(names);
  }
  keeps(t: number): boolean {
    if (t < 0) return false;
    if (t >= this.ok.length) this.ok = grow(this.ok, t + 1);
    let v = this.ok[t]!;
    if (v === 0) {
      v = this.want.has(this.tenants()[t]!) ? 1 : 2;
      this.ok[t] = v;
    }
    return v === 1;
  }
}

export class TraceScan implements JobRowSink {
  keepRows = true;
  private present = NO_COLUMNS;
  private tenantNames: readonly string[] = [];
  private accTypeNames: readonly string[] = [];
  private readonly filter: TenantFilter | null;
  private readonly fromS: number;
  private readonly toS: number;
  private readonly windowed: boolean;
  private rows = 0;
  private firstS = NaN;
  private lastAll = -Infinity;
  private lastKept = -Infinity;
  private sortedAll = true;
  private sortedFiltered = true;
  private keptWindow = 0;
  private firstKeptWindow = NaN;
  private keptFiltered = 0;
  private firstKeptFiltered = NaN;
  private rewrite: string | null = null;

  /** `keepUpTo`: rows kept as a table before streaming is considered (more than this stream). */
  constructor(knobs: ScanKnobs, private readonly keepUpTo: number) {
    this.filter = knobs.tenants ? new TenantFilter(knobs.tenants, () => this.tenantNames) : null;
    this.fromS = knobs.fromS ?? -Infinity;
    this.toS = knobs.toS ?? Infinity;
    this.windowed = knobs.fromS !== undefined || knobs.toS !== undefined;
  }

  attach(present: JobColumnsPresent, tenants: readonly string[], acceleratorTypes: readonly string[]): void {
    this.present = present;
    this.tenantNames = tenants;
    this.accTypeNames = acceleratorTypes;
  }

  row(submitS: number, _d: number, _a: number, tenant: number): void {
    if (++this.rows === 1) this.firstS = submitS;
    if (submitS < this.lastAll) this.sortedAll = false;
    this.lastAll = submitS;
    if (this.filter && !this.filter.keeps(tenant)) return;
    if (submitS < this.lastKept) this.sortedFiltered = false;
    this.lastKept = submitS;
    if (this.keptFiltered++ === 0) this.firstKeptFiltered = submitS;
    // With every row in order the first row is the earliest, the window's origin.
    const rel = submitS - this.firstS;
    if (!(rel < this.fromS || rel >= this.toS) && this.keptWindow++ === 0) this.firstKeptWindow = submitS;
    if (this.keepRows && this.rows > this.keepUpTo && this.ordered() === null) this.keepRows = false;
  }

  rewritten(reason: string): void {
    this.rewrite ??= reason;
  }

  /** Null when the rows so far can be streamed, else why not. */
  private ordered(): string | null {
    if (this.rewrite !== null) return `the importer rewrites rows at the end (${this.rewrite})`;
    if (this.sortedAll) return null;
    if (!this.sortedFiltered) return 'rows are not in submit order';
    return this.windowed ? 'rows are not in submit order (only those of the filtered tenants are), and from/to is set' : null;
  }

  plan(): ScanOutcome {
    if (this.keepRows) return { kind: 'memory' };
    const why = this.ordered();
    if (why !== null) return { kind: 'reread', reason: why };
    const windowed = this.sortedAll;
    return {
      kind: 'stream',
      plan: {
        records: this.rows,
        kept: windowed ? this.keptWindow : this.keptFiltered,
        firstKeptS: windowed ? this.firstKeptWindow : this.firstKeptFiltered,
        present: { ...this.present },
        tenants: this.tenantNames.slice(),
        acceleratorTypes: this.accTypeNames.slice(),
      },
    };
  }
}

/** One pass over the file: `step()` feeds the next chunk (rows go to the sink), false once the whole file is fed and checked. */
export interface TracePass {
  step(): boolean;
}
/** Opens a fresh pass over the file whose rows go to `sink` (the host: CLI `fs.readSync`). */
export type OpenTracePass = (sink: JobRowSink) => TracePass;

/** The file changed between pass 1 and a replay (or a replay found rows pass 1 did not). */
export class TraceChanged extends Error {
  /** `path`: the trace's path (as the scenario or the host names it). */
  constructor(message: string, readonly path: string) {
    super(message);
    this.name = 'TraceChanged';
  }
}

/** The knobs a replay applies row by row, resolved from the plan and the scenario's trace entry. */
export interface RowKnobs {
  /** The trace's earliest submit time (the window's origin). */
  firstS: number;
  fromS: number;
  toS: number;
  /** Subtracted from submit times before `timeScale`. */
  baseS: number;
  timeScale: number;
  /** Reference speed of `measuredOn` (durations and requested runtimes are multiplied by it). */
  speed: number;
  filter?: readonly string[];
}

/** Batches of rows ready to replay: `batch` holds rows 0..length−1, `refill` replaces them (false at the end). */
export interface RowBatches {
  readonly batch: JobTable;
  refill(): boolean;
}

/** A trace replayed from its file: what the run needs before it starts, and `open` for each replay. */
export interface StreamedTrace {
  readonly kind: 'streamed';
  /** Rows the replay yields (after window and filter). */
  readonly length: number;
  /** Source lists (empty when the trace has no such column), accelerator names after `acceleratorMap`. */
  readonly tenants: string[];
  readonly acceleratorTypes: string[];
  open(): RowBatches;
}

/** `path` names the trace in errors; `acceleratorTypes` are the plan's after `acceleratorMap`. */
export function streamedTrace(plan: StreamPlan, knobs: RowKnobs, acceleratorTypes: string[], openPass: OpenTracePass, path: string): StreamedTrace {
  return {
    kind: 'streamed',
    length: plan.kept,
    tenants: plan.present.tenant ? plan.tenants.slice() : [],
    acceleratorTypes: plan.present.acceleratorType ? acceleratorTypes : [],
    open: () => new StreamRows(plan, knobs, openPass, path),
  };
}

const BATCH_START = 4096;

/** Pass 2's sink: the knobs applied to each row, kept rows appended to `batch`. */
class StreamRows implements JobRowSink, RowBatches {
  readonly keepRows = false;
  readonly batch: JobTable;
  private readonly pass: TracePass;
  private readonly filter: TenantFilter | null;
  private names: readonly string[] = [];
  private done = false;
  private rows = 0;
  private kept = 0;
  private lastS = -Infinity;

  constructor(private readonly plan: StreamPlan, private readonly k: RowKnobs, openPass: OpenTracePass, private readonly path: string) {
    const p = plan.present;
    const b: JobTable = { kind: 'jobs', length: 0, submitS: new Float64Array(BATCH_START), durationS: new Float64Array(BATCH_START), accelerators: new Int32Array(BATCH_START) };
    if (p.tenant) b.tenant = new Int32Array(BATCH_START);
    if (p.acceleratorType) b.acceleratorType = new Int32Array(BATCH_START);
    if (p.recordedWait) b.recordedWaitS = new Float64Array(BATCH_START);
    if (p.requested) b.requestedS = new Float64Array(BATCH_START);
    if (p.priority) b.priority = new Float64Array(BATCH_START);
    this.batch = b;
    this.filter = k.filter ? new TenantFilter(k.filter, () => this.names) : null;
    this.pass = openPass(this);
  }

  attach(_present: JobColumnsPresent, tenants: readonly string[]): void {
    this.names = tenants;
  }

  rewritten(reason: string): void {
    throw new TraceChanged(`the importer rewrote rows of a streamed trace (${reason})`, this.path);
  }

  row(submitS: number, durationS: number, accelerators: number, tenant: number, accType: number, waitS: number, requestedS: number, priority: number): void {
    this.rows++;
    const k = this.k;
    if (this.filter && !this.filter.keeps(tenant)) return;
    const rel = submitS - k.firstS;
    if (rel < k.fromS || rel >= k.toS) return;
    if (submitS < this.lastS) throw new TraceChanged(`the file changed since it was read before the run: rows are no longer in submit order (row ${this.rows}, submit ${submitS} after ${this.lastS})`, this.path);
    this.lastS = submitS;
    this.kept++;
    const b = this.batch;
    const n = b.length;
    if (n === b.submitS.length) this.grow(n + 1);
    b.submitS[n] = (submitS - k.baseS) * k.timeScale;
    b.durationS[n] = k.speed !== 1 ? durationS * k.speed : durationS;
    b.accelerators[n] = accelerators;
    if (b.tenant) b.tenant[n] = tenant;
    if (b.acceleratorType) b.acceleratorType[n] = accType;
    if (b.recordedWaitS) b.recordedWaitS[n] = waitS;
    if (b.requestedS) b.requestedS[n] = k.speed !== 1 ? requestedS * k.speed : requestedS;
    if (b.priority) b.priority[n] = priority;
    b.length = n + 1;
  }

  private grow(need: number): void {
    const b = this.batch;
    b.submitS = grow(b.submitS as Float64Array<ArrayBuffer>, need);
    b.durationS = grow(b.durationS as Float64Array<ArrayBuffer>, need);
    b.accelerators = grow(b.accelerators as Int32Array<ArrayBuffer>, need);
    if (b.tenant) b.tenant = grow(b.tenant as Int32Array<ArrayBuffer>, need);
    if (b.acceleratorType) b.acceleratorType = grow(b.acceleratorType as Int32Array<ArrayBuffer>, need);
    if (b.recordedWaitS) b.recordedWaitS = grow(b.recordedWaitS as Float64Array<ArrayBuffer>, need);
    if (b.requestedS) b.requestedS = grow(b.requestedS as Float64Array<ArrayBuffer>, need);
    if (b.priority) b.priority = grow(b.priority as Float64Array<ArrayBuffer>, need);
  }

  refill(): boolean {
    this.batch.length = 0;
    while (this.batch.length === 0) {
      if (this.done) return false;
      if (!this.pass.step()) {
        this.done = true;
        if (this.rows !== this.plan.records || this.kept !== this.plan.kept) {
          throw new TraceChanged(`the file changed since it was read before the run: ${this.plan.records} rows, ${this.plan.kept} kept then (got ${this.rows} rows, ${this.kept} kept)`, this.path);
        }
      }
    }
    return true;
  }
}
