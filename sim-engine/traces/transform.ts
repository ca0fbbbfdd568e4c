/**
 * Trace knobs applied after import: a time window, a tenant filter, accelerator renaming, a time
 * stretch, and re-basing so the first kept job arrives at t = 0. Rows come out sorted by submit
 * time, stably (equal times keep file order). Pure; O(n log n) for the sort.
 */
import type { JobTable } from './types.js';

export interface TraceKnobs {
  /**
   * Shift times so the first kept job arrives at t = 0 (default true). When false, times are
   * kept as scenario seconds (t = 0 stays the trace's 0); negative times still shift to 0.
   */
  rebase?: boolean;
  /** Keep jobs submitted at least this long after the trace's first record (seconds). */
  fromS?: number;
  /** Keep jobs submitted less than this long after the trace's first record (seconds). */
  toS?: number;
  /** Multiplies the gaps between arrivals (2 = half the arrival rate); durations unchanged. */
  timeScale?: number;
  filter?: { tenant?: string[] };
  /** Renames accelerator types (raw trace model name → catalog id); `|` lists are mapped item by item. */
  acceleratorMap?: Record<string, string>;
}

export function applyTraceKnobs(table: JobTable, knobs: TraceKnobs = {}): JobTable {
  const n = table.length;
  const scale = knobs.timeScale ?? 1;
  checkTimeScale(scale);
  let first = Infinity;
  for (let i = 0; i < n; i++) if (table.submitS[i]! < first) first = table.submitS[i]!;
  const from = knobs.fromS ?? -Infinity;
  const to = knobs.toS ?? Infinity;

  let tenantOk: Uint8Array | null = null;
  if (knobs.filter?.tenant) {
    const names = table.tenants ?? [];
    tenantOk = new Uint8Array(names.length);
    const want = new Set(knobs.filter.tenant);
    names.forEach((t, i) => { if (want.has(t)) tenantOk![i] = 1; });
  }

  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const rel = table.submitS[i]! - first;
    if (rel < from || rel >= to) continue;
    if (tenantOk) {
      const t = table.tenant ? table.tenant[i]! : -1;
      if (t < 0 || !tenantOk[t]) continue;
    }
    keep.push(i);
  }
  // Stable sort by submit time, ties by index: one numeric sort of packed keys for whole-second
  // times, else the comparison sort (Array.prototype.sort is stable in ES2019+).
  if (!sortByWholeSeconds(keep, table.submitS, first)) keep.sort((a, b) => (table.submitS[a]! - table.submitS[b]!) || (a - b));
  const m = keep.length;
  const firstKept = m > 0 ? table.submitS[keep[0]!]! : 0;
  const base = knobs.rebase === false ? Math.min(0, firstKept) : firstKept;
  const out: JobTable = {
    kind: 'jobs',
    length: m,
    submitS: new Float64Array(m),
    durationS: new Float64Array(m),
    accelerators: new Int32Array(m),
  };
  for (let k = 0; k < m; k++) {
    const i = keep[k]!;
    out.submitS[k] = (table.submitS[i]! - base) * scale;
    out.durationS[k] = table.durationS[i]!;
    out.accelerators[k] = table.accelerators[i]!;
  }
  if (table.tenant) {
    const t = new Int32Array(m);
    for (let k = 0; k < m; k++) t[k] = table.tenant[keep[k]!]!;
    out.tenant = t;
    out.tenants = (table.tenants ?? []).slice();
  }
  if (table.acceleratorType) {
    const t = new Int32Array(m);
    for (let k = 0; k < m; k++) t[k] = table.acceleratorType[keep[k]!]!;
    out.acceleratorType = t;
    out.acceleratorTypes = mapAcceleratorNames(table.acceleratorTypes ?? [], knobs.acceleratorMap);
  }
  const pick = (col: Float64Array): Float64Array => Float64Array.from(keep, (i) => col[i]!);
  if (table.recordedWaitS) out.recordedWaitS = pick(table.recordedWaitS);
  if (table.requestedS) out.requestedS = pick(table.requestedS);
  if (table.priority) out.priority = pick(table.priority);
  return out;
}

/** Accelerator type names after `acceleratorMap` (a whole name, else each item of an `a|b` list). */
export function mapAcceleratorNames(names: readonly string[], map: Record<string, string> = {}): string[] {
  const mapped = (x: string): string | undefined => (Object.hasOwn(map, x) ? map[x] : undefined);
  return names.map((name) => mapped(name) ?? name.split('|').map((x) => mapped(x) ?? x).join('|'));
}

/** The check `applyTraceKnobs` makes of `timeScale` (a broken invariant: the schema validates it). */
export function checkTimeScale(scale: number): void {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`applyTraceKnobs: timeScale must be a positive finite number (got ${scale})`);
}

/**
 * Sorts `keep` (ascending indices) by `time[i]`, ties in index order, exactly as the comparator
 * `(time[a] − time[b]) || (a − b)` does, when every time is a whole number of seconds after
 * `first` (most traces): each (time, position) pair becomes one exact double
 * (time − first) · 2^b + position, and the built-in numeric sort orders those. False (and
 * `keep` untouched) otherwise.
 */
function sortByWholeSeconds(keep: number[], time: Float64Array, first: number): boolean {
  const m = keep.length;
  let span = 1;
  while (span < m) span *= 2;
  const limit = 2 ** 53 / span;
  const keys = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const rel = time[keep[k]!]! - first;
    if (!(rel >= 0 && rel < limit && Math.floor(rel) === rel)) return false;
    keys[k] = rel * span + k;
  }
  keys.sort();
  const idx = keep.slice();
  for (let k = 0; k < m; k++) keep[k] = idx[keys[k]! % span]!;
  return true;
}
