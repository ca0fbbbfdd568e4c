/**
 * Small shared pieces for importers: fast number and timestamp parsing, spans and the capped
 * issue list. Pure: no host APIs. (Growable columns and the string interner are the engine's
 * own, in core/columns.ts and core/interner.ts.)
 */
import { MAX_JOB_ACCELERATORS } from '../model/states.js';
import { DEFAULT_MAX_ISSUES, type ImportResult, type TraceIssue, type TraceTable } from './types.js';

/** Exact powers of ten (10^0 .. 10^22 are exactly representable as doubles). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses the decimal number in `s[a, b)` (surrounding spaces allowed). Returns NaN when the
 * text is not a plain decimal number (hex, `Infinity`, words...). Callers check emptiness first.
 * Fast path: up to 15 significant digits and a short fraction — m / 10^d with both operands exact
 * is correctly rounded, so the result equals `Number(text)` bit for bit.
 */
export function parseNumber(s: string, a: number, b: number): number {
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  if (a >= b) return NaN;
  let i = a;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43) { neg = c === 45; i++; }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let seenDot = false;
  let any = false;
  for (; i < b; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      any = true;
      if (digits === 0 && c === 48 && !seenDot) continue;
      if (seenDot) {
        // Trailing zeros after the dot do not change the value.
        frac++;
      }
      m = m * 10 + (c - 48);
      if (m !== 0 || seenDot) digits++;
      if (digits > 15) return slowNumber(s, a, b);
    } else if (c === 46 && !seenDot) {
      seenDot = true;
    } else {
      return slowNumber(s, a, b);
    }
  }
  if (!any) return NaN;
  if (frac > 22) return slowNumber(s, a, b);
  const v = frac === 0 ? m : m / POW10[frac]!;
  return neg ? -v : v;
}

function slowNumber(s: string, a: number, b: number): number {
  const t = s.slice(a, b);
  if (!NUMBER_RE.test(t)) return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** Whole-string convenience for `parseNumber`; empty (after trimming) gives NaN. */
export function toNumber(s: string): number {
  return parseNumber(s, 0, s.length);
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses `YYYY-MM-DD[ T]HH:MM[:SS[.fffffff]][Z]` in `s[a, b)` as seconds since the Unix epoch,
 * reading the wall-clock time as UTC (traces carry no time zone; only differences matter).
 * Returns NaN when the text is not such a timestamp or a field is out of range.
 */
export function parseTimestamp(s: string, a: number, b: number): number {
  while (a < b && s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  if (b - a < 16) return NaN;
  const y = digitsAt(s, a, 4);
  if (y < 0 || s.charCodeAt(a + 4) !== 45) return NaN;
  const mo = digitsAt(s, a + 5, 2);
  if (mo < 1 || mo > 12 || s.charCodeAt(a + 7) !== 45) return NaN;
  const d = digitsAt(s, a + 8, 2);
  if (d < 1 || d > 31) return NaN;
  const sep = s.charCodeAt(a + 10);
  if (sep !== 32 && sep !== 84) return NaN;
  const h = digitsAt(s, a + 11, 2);
  if (h < 0 || h > 23 || s.charCodeAt(a + 13) !== 58) return NaN;
  const mi = digitsAt(s, a + 14, 2);
  if (mi < 0 || mi > 59) return NaN;
  let i = a + 16;
  let sec = 0;
  if (i < b && s.charCodeAt(i) === 58) {
    sec = digitsAt(s, i + 1, 2);
    if (sec < 0 || sec > 60) return NaN;
    i += 3;
    if (i < b && s.charCodeAt(i) === 46) {
      i++;
      let f = 0;
      let scale = 1;
      while (i < b) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (scale < 1e15) { f = f * 10 + c; scale *= 10; }
        i++;
      }
      sec += f / scale;
    }
  }
  if (i < b && s.charCodeAt(i) === 90) i++;
  if (i !== b) return NaN;
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/** Parses a time field: a plain number (in file units) or a timestamp (seconds, ignoring `unit`). */
export function parseTime(s: string, a: number, b: number, unit: number): number {
  // Four digits then '-' is never a number (parseNumber would end in its regex and say NaN):
  // go straight to the timestamp.
  let i = a;
  while (i < b && s.charCodeAt(i) <= 32) i++;
  if (b - i >= 16 && s.charCodeAt(i + 4) === 45 && digitsAt(s, i, 4) >= 0) return parseTimestamp(s, a, b);
  const v = parseNumber(s, a, b);
  if (!Number.isNaN(v)) return v * unit;
  return parseTimestamp(s, a, b);
}

/** Shortens a value for display in a message. */
export function shown(v: string): string {
  const t = v.length > 60 ? `${v.slice(0, 57)}...` : v;
  return JSON.stringify(t);
}

/**
 * Accumulates everything an importer reports: issues (capped list, exact count), skipped and
 * filtered rows, and the first fatal problem. Every importer builds its result through this.
 */
export class Report {
  readonly issues: TraceIssue[] = [];
  issueCount = 0;
  skipped = 0;
  filtered = 0;
  readonly filteredReasons: Record<string, number> = {};
  fatal: TraceIssue | undefined;
  readonly meta: Record<string, string | number> = {};
  constructor(readonly maxIssues = DEFAULT_MAX_ISSUES) {}

  issue(i: TraceIssue): void {
    this.issueCount++;
    if (this.issues.length < this.maxIssues) this.issues.push(i);
  }
  /** A data row that cannot be imported: one issue, one skipped row. */
  skip(i: TraceIssue): void {
    this.skipped++;
    this.issue(i);
  }
  filter(reason: string): void {
    this.filtered++;
    this.filteredReasons[reason] = (this.filteredReasons[reason] ?? 0) + 1;
  }
  setFatal(i: TraceIssue): void {
    if (!this.fatal) this.fatal = i;
  }

  result<T extends TraceTable>(format: string, table: T, records: number, startS: number | null, endS: number | null): ImportResult<T> {
    let fatal = this.fatal;
    if (!fatal && records === 0) {
      const why = this.skipped > 0
        ? `no usable records (${this.skipped} rows skipped, ${this.filtered} filtered)`
        : this.filtered > 0 ? `no usable records (all ${this.filtered} rows filtered)` : 'no data rows';
      fatal = { line: 0, code: 'no-records', message: `${why} (got 0)` };
    }
    const r: ImportResult<T> = {
      format,
      table,
      records,
      skipped: this.skipped,
      filtered: this.filtered,
      filteredReasons: { ...this.filteredReasons },
      issues: this.issues.slice(),
      issueCount: this.issueCount,
      startS,
      endS,
    };
    if (fatal) r.fatal = fatal;
    if (Object.keys(this.meta).length > 0) r.meta = { ...this.meta };
    return r;
  }
}

/** Min and max of a column (null when empty). */
export function span(col: Float64Array, n: number): [number | null, number | null] {
  if (n === 0) return [null, null];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = col[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** The most accelerators one job may request (checked after rounding up, before int32 storage). */
export const MAX_ACCELERATORS = MAX_JOB_ACCELERATORS;
/** Trace times (submit, arrival, end) must lie within ±this many seconds of the trace's origin (about 3,170 years). */
export const MAX_TIME_S = 1e11;
/** Durations (runtime, service, recorded wait, requested) must be at most this many seconds: 100 years. */
export const MAX_DURATION_S = 100 * 365.25 * 86400;

/**
 * Why a row's values cannot be stored, or null: every time within ±MAX_TIME_S, every duration
 * within ±MAX_DURATION_S (NaN = unknown is fine where the column allows it), accelerators a
 * whole number from 1 to MAX_ACCELERATORS. The message ends with the offending value.
 */
export function rangeProblem(timeS: number, durationS: number, accelerators: number, waitS = NaN, requestedS = NaN, timeName = 'submit time'): string | null {
  if (!(Math.abs(timeS) <= MAX_TIME_S)) return `${timeName} must be within ±${MAX_TIME_S} s of the trace's origin (got ${timeS} s)`;
  if (!(Math.abs(durationS) <= MAX_DURATION_S) && !Number.isNaN(durationS)) return `duration must be at most 100 years, ${MAX_DURATION_S} s (got ${durationS} s)`;
  if (!(accelerators >= 1 && accelerators <= MAX_ACCELERATORS) && !Number.isNaN(accelerators)) return `accelerators must be between 1 and ${MAX_ACCELERATORS} per job (got ${accelerators})`;
  if (Math.abs(waitS) > MAX_DURATION_S) return `recorded wait must be within ±100 years, ${MAX_DURATION_S} s (got ${waitS} s)`;
  if (Math.abs(requestedS) > MAX_DURATION_S) return `requested time must be at most 100 years, ${MAX_DURATION_S} s (got ${requestedS} s)`;
  return null;
}
