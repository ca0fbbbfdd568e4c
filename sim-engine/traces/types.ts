/**
 * The contract every trace importer fulfils. Importers are pure: they receive text
 * chunks (hosts open files, stream them and decompress them) and never throw on bad
 * input — they return issues with line numbers (DESIGN.md §7).
 */

/** One problem found in an input file. `line` is 1-based; 0 means "the file as a whole". */
export interface TraceIssue {
  line: number;
  column?: number;
  field?: string;
  /** Stable machine-readable code, e.g. `bad-number`, `negative-duration`, `missing-column`. */
  code: string;
  /** Human message ending with the offending value: `duration must be ≥ 0 (got -3)`. */
  message: string;
  /**
   * What the user can do, when it depends on where they are: the CLI has `--format`, the app a
   * format picker, a scenario the trace entry's `format:` — each surface words it
   * (traces/hints.ts), the importer names no flag or button.
   */
  hint?: TraceHint;
}

/** Pick the format by hand: one of `formats` (the candidates of an ambiguous head, or every known format). */
export interface TraceHint {
  kind: 'choose-format';
  formats: string[];
  /** The head matched several formats (else none). */
  ambiguous: boolean;
}


/** What kind of records a format yields. */
export type TraceKind = 'jobs' | 'requests' | 'nodes';

/**
 * Normalized batch jobs, columnar (struct of arrays) so a million rows cost a few
 * typed arrays, not a million objects. Row i is one job; rows are in file order.
 */
export interface JobTable {
  readonly kind: 'jobs';
  length: number;
  /** Submit time, seconds from the trace's own origin (not yet shifted to t = 0). */
  submitS: Float64Array;
  /** Run time on the reference accelerator (speed 1.0), seconds. */
  durationS: Float64Array;
  /** Accelerators requested (k); fractional GPUs are rounded up to whole accelerators. */
  accelerators: Int32Array;
  /** Index into `tenants`, or -1 when the trace carries no tenant / virtual cluster / queue. */
  tenant?: Int32Array;
  tenants?: string[];
  /** Index into `acceleratorTypes` (a catalog id or the trace's raw model name), or -1 for "any". */
  acceleratorType?: Int32Array;
  acceleratorTypes?: string[];
  /** What really happened, where the trace records it (start − submit), seconds; NaN if unknown. */
  recordedWaitS?: Float64Array;
  /** The runtime the user requested (a wall-clock limit, e.g. SWF field 9), seconds; NaN if unknown. */
  requestedS?: Float64Array;
  /** Scheduling priority where the trace has one (higher goes first). */
  priority?: Float64Array;
}

/** Normalized inference requests (columnar). */
export interface RequestTable {
  readonly kind: 'requests';
  length: number;
  arrivalS: Float64Array;
  inputTokens: Float64Array;
  outputTokens: Float64Array;
  /** Service time in seconds where the trace records one (e.g. execution time), else NaN. */
  serviceS: Float64Array;
  model?: Int32Array;
  models?: string[];
}

/** Fleet inventory rows grouped into pools by accelerator model. */
export interface NodeInventory {
  readonly kind: 'nodes';
  pools: { model: string; catalogId: string | null; nodes: number; acceleratorsPerNode: number }[];
}

export type TraceTable = JobTable | RequestTable | NodeInventory;

export interface ImportResult<T extends TraceTable = TraceTable> {
  format: string;
  table: T;
  /** Rows imported. */
  records: number;
  /** Rows with issues (not imported). */
  skipped: number;
  /** Valid rows deliberately left out (e.g. CPU-only pods), with per-reason counts. */
  filtered: number;
  filteredReasons: Record<string, number>;
  /** Capped list (first 20 kept), `issueCount` is the full count. */
  issues: TraceIssue[];
  issueCount: number;
  /** First and last submit/arrival time in seconds (trace origin), null if no records. */
  startS: number | null;
  endS: number | null;
  /** A fatal problem: the file cannot be read as a whole (empty, wrong format, no usable rows). */
  fatal?: TraceIssue;
  /** Format-specific facts from the file's header (e.g. SWF `MaxProcs`, `UnixStartTime`). */
  meta?: Record<string, string | number>;
}

/** Push-style streaming importer: feed text chunks in order, then `end()`. */
export interface TraceImporter<T extends TraceTable = TraceTable> {
  readonly format: string;
  push(chunk: string): void;
  end(): ImportResult<T>;
  /** True once the input has a fatal problem: later text is ignored, so hosts stop reading (and hashing). */
  readonly failed: boolean;
}

/** Options shared by importers. */
export interface ImportOptions {
  /** Generic CSV: mapping of roles to column names, units, comment prefix. */
  columns?: Partial<Record<'submit' | 'duration' | 'accelerators' | 'tenant' | 'acceleratorType' | 'end' | 'priority' | 'requested', string>>;
  /** Multiplier from the file's time unit to seconds (e.g. 1e-3 for ms). */
  timeUnitS?: number;
  commentPrefix?: string;
  /** Maximum issues kept in the list (the count is always exact). Default 20. */
  maxIssues?: number;
  /** Generic CSV: field delimiter (default `,`). */
  delimiter?: string;
  /** Column names for files without a header row (e.g. Alibaba PAI tables, whose header is a separate file). */
  header?: string[];
  /** Batch jobs: every imported row also goes to this sink, in file order (streamed replay, `trace-stream.ts`). */
  rowSink?: JobRowSink;
  /** gzip: the most bytes the input may inflate to (default `DEFAULT_MAX_INFLATED_BYTES`, trace-decoder.ts). */
  maxInflatedBytes?: number;
  /** gzip: the most inflated bytes per compressed byte once past `INFLATE_RATIO_AFTER_BYTES` (default `DEFAULT_MAX_INFLATE_RATIO`). */
  maxInflateRatio?: number;
}

/** Which optional job columns a trace's importer fills (the others read as their defaults). */
export interface JobColumnsPresent {
  tenant: boolean;
  acceleratorType: boolean;
  recordedWait: boolean;
  requested: boolean;
  priority: boolean;
}

/**
 * Where a job importer's rows go besides (or instead of) its table: `JobBuilder` hands each valid
 * row to `row` in file order, and keeps it in its columns only while `keepRows` is true (once it
 * turns false the builder drops the columns it had and counts the rest). One code path for the
 * in-memory table and for a streamed replay (DESIGN.md §9).
 */
export interface JobRowSink {
  readonly keepRows: boolean;
  /** The builder's optional columns and its live tenant / accelerator-type name lists (they grow as rows are interned). */
  attach(present: JobColumnsPresent, tenants: readonly string[], acceleratorTypes: readonly string[]): void;
  row(submitS: number, durationS: number, accelerators: number, tenant: number, accType: number, waitS: number, requestedS: number, priority: number): void;
  /** The importer rewrote rows after they were emitted (e.g. open jobs' durations at the end): they cannot be streamed. */
  rewritten(reason: string): void;
}

export const MAX_LINE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_ISSUES = 20;
