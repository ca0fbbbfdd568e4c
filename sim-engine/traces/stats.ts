/**
 * Summary statistics of an imported trace, shared by `fleetlab inspect` (CLI) and the app's
 * trace preview (worker): arrivals per hour of day, accelerator-demand histogram, duration /
 * token / recorded-wait percentiles, or the pools of a fleet inventory. Pure: no host APIs.
 */
import type { ImportResult, JobTable, NodeInventory, RequestTable } from './types.js';

/** Arrivals per hour of day (0..23): counts, and the mean per day over the trace's span. */
export type HourProfile = { counts: number[]; perHour: number[]; days: number };
/**
 * Arrivals over the trace's own time span, in bins of a round width (`binS`: 1 s … 1 year,
 * about `ARRIVAL_BINS` of them (at most 25% more), aligned to multiples of the width on the dated clock):
 * `counts[i]` arrived in [startS + i·binS, startS + (i + 1)·binS) of the trace clock.
 * `originUnixS` is the Unix time of the trace clock's 0 when the trace has dates (epoch
 * timestamps, or an SWF header's UnixStartTime), null when its times are relative.
 */
export type TimeHistogram = { startS: number; binS: number; counts: number[]; originUnixS: number | null };

/** Trace times at or beyond this (≈ 1973 as a Unix time) are absolute dates (scenario/prepare.ts re-bases them). */
export const ABSOLUTE_TIME_S = 1e8;
/** Bins of the arrivals-over-time histogram, about (the width is rounded up to a round duration). */
export const ARRIVAL_BINS = 60;
const ROUND_BINS_S = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000, 7776000, 31536000];
/** One bar of the accelerators-per-job histogram (`"1"`…`"8"`, then `"9-16"`, `"17-32"`…). */
export type AcceleratorBucket = { accelerators: string; jobs: number };

/** Nearest-rank percentile of sorted values: the ⌈p·n⌉-th smallest. */
export function pct(sorted: Float64Array, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const k = Math.min(n, Math.max(1, Math.ceil(p * n)));
  return sorted[k - 1]!;
}

function finiteSorted(a: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) out[k++] = a[i]!;
  return out.sort();
}

export type Distribution = { count: number; mean: number | null; min: number | null; p50: number | null; p90: number | null; p95: number | null; p99: number | null; max: number | null };

export function distribution(a: Float64Array): Distribution {
  const s = finiteSorted(a);
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i]!;
  return {
    count: s.length,
    mean: s.length ? sum / s.length : null,
    min: s.length ? s[0]! : null,
    p50: pct(s, 0.5),
    p90: pct(s, 0.9),
    p95: pct(s, 0.95),
    p99: pct(s, 0.99),
    max: s.length ? s[s.length - 1]! : null,
  };
}

/** Arrivals per hour of day (hour = floor((t mod 86400) / 3600) of the trace's own clock) and the mean rate per hour. */
export function hourProfile(times: Float64Array, n: number, startS: number | null, endS: number | null, originS = 0): HourProfile {
  const counts = new Array<number>(24).fill(0);
  for (let i = 0; i < n; i++) {
    const t = times[i]! + originS;
    const h = Math.floor((((t % 86400) + 86400) % 86400) / 3600);
    counts[h] = counts[h]! + 1;
  }
  const days = startS !== null && endS !== null ? Math.max(1, (endS - startS) / 86400) : 1;
  return { counts, perHour: counts.map((c) => c / days), days };
}

/** The Unix time of the trace clock's 0, or null when the trace's times are relative (see TimeHistogram). */
export function traceOriginUnixS(r: Pick<ImportResult, 'meta' | 'startS'>): number | null {
  if (typeof r.meta?.UnixStartTime === 'number' && r.meta.UnixStartTime > 0) return r.meta.UnixStartTime;
  return r.startS !== null && r.startS >= ABSOLUTE_TIME_S ? 0 : null;
}

/** Arrivals over [startS, endS] of the trace clock (first and last submit time), in about `bins` round bins. */
export function arrivalHistogram(times: Float64Array, n: number, startS: number | null, endS: number | null, originUnixS: number | null, bins = ARRIVAL_BINS): TimeHistogram {
  if (startS === null || endS === null || !(endS >= startS)) return { startS: startS ?? 0, binS: 0, counts: [], originUnixS };
  const span = endS - startS;
  // The narrowest round width that gives at most 25% more bins than asked (74 days: daily bins).
  const binS = ROUND_BINS_S.find((w) => w * bins * 1.25 >= span) ?? span / bins;
  // Bin edges on multiples of the width on the dated clock (days start at midnight UTC).
  const origin = originUnixS ?? 0;
  const first = Math.floor((startS + origin) / binS) * binS - origin;
  const counts = new Array<number>(Math.floor((endS - first) / binS) + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (!(t >= first)) continue;
    const k = Math.min(counts.length - 1, Math.floor((t - first) / binS));
    counts[k]! += 1;
  }
  return { startS: first, binS, counts, originUnixS };
}

export function acceleratorHistogram(acc: Int32Array): AcceleratorBucket[] {
  const m = new Map<number, number>();
  for (let i = 0; i < acc.length; i++) {
    const k = acc[i]!;
    // Exact counts up to 8, then power-of-two buckets.
    const b = k <= 8 ? k : 2 ** Math.ceil(Math.log2(k));
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([b, jobs]) => ({ accelerators: b <= 8 ? String(b) : `${b / 2 + 1}-${b}`, jobs }));
}

/** Statistics of a batch-job trace. */
export type JobTraceStats = {
  arrivalsByHourOfDay: HourProfile;
  arrivalsOverTime: TimeHistogram;
  acceleratorDemand: AcceleratorBucket[];
  durationS: Distribution;
  /** Where the trace records what really happened (start − submit). */
  recordedWaitS?: Distribution;
  /** Number of distinct tenants (virtual clusters, queues…). */
  tenants?: number;
  acceleratorTypes?: string[];
};
/** Statistics of an inference-request trace. */
export type RequestTraceStats = {
  arrivalsByHourOfDay: HourProfile;
  arrivalsOverTime: TimeHistogram;
  inputTokens: Distribution;
  outputTokens: Distribution;
  serviceS: Distribution;
  models: number | undefined;
};
/** Statistics of a fleet inventory. */
export type NodeTraceStats = {
  pools: NodeInventory['pools'];
  accelerators: number;
  unknownModels: string[];
};
export type TraceStats = JobTraceStats | RequestTraceStats | NodeTraceStats;

/** The statistics of an imported trace, typed by its kind (`r.table.kind`). */
export function summarizeTrace(r: ImportResult): TraceStats {
  const t = r.table;
  // SWF times are relative to the header's UnixStartTime: use it so hours are wall-clock hours.
  const origin = typeof r.meta?.UnixStartTime === 'number' ? r.meta.UnixStartTime : 0;
  const dated = traceOriginUnixS(r);
  if (t.kind === 'jobs') {
    const j = t as JobTable;
    const out: Omit<JobTraceStats, 'arrivalsOverTime'> = {
      arrivalsByHourOfDay: hourProfile(j.submitS, j.length, r.startS, r.endS, origin),
      acceleratorDemand: acceleratorHistogram(j.accelerators),
      durationS: distribution(j.durationS),
    };
    if (j.recordedWaitS) out.recordedWaitS = distribution(j.recordedWaitS);
    if (j.tenants) out.tenants = j.tenants.length;
    if (j.acceleratorTypes) out.acceleratorTypes = j.acceleratorTypes;
    // Last: `fleetlab inspect --json` keeps its earlier keys in their order (the new one is additive).
    return { ...out, arrivalsOverTime: arrivalHistogram(j.submitS, j.length, r.startS, r.endS, dated) };
  }
  if (t.kind === 'requests') {
    const q = t as RequestTable;
    return {
      arrivalsByHourOfDay: hourProfile(q.arrivalS, q.length, r.startS, r.endS),
      inputTokens: distribution(q.inputTokens),
      outputTokens: distribution(q.outputTokens),
      serviceS: distribution(q.serviceS),
      models: q.models ? q.models.length : undefined,
      arrivalsOverTime: arrivalHistogram(q.arrivalS, q.length, r.startS, r.endS, dated),
    };
  }
  const nodes = t as NodeInventory;
  return {
    pools: nodes.pools,
    accelerators: nodes.pools.reduce((s, p) => s + p.nodes * p.acceleratorsPerNode, 0),
    unknownModels: nodes.pools.filter((p) => p.catalogId === null).map((p) => p.model).filter((m, i, a) => a.indexOf(m) === i),
  };
}

/** `summarizeTrace` as a plain record (what `fleetlab inspect --json` prints under `stats`). */
export function traceStats(r: ImportResult): Record<string, unknown> {
  return summarizeTrace(r);
}
