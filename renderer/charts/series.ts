/** Columns of a run's series for charting (total over pools), extracted once per run. */
import type { RunView } from '../../sim-engine/worker/types';
import { lowerBound } from './downsample';

export interface TotalSeries {
  t: Float64Array;
  ready: Float64Array;
  /** ready + provisioning */
  capacity: Float64Array;
  busy: Float64Array;
  demand: Float64Array;
  queued: Float64Array;
  cost: Float64Array;
  /** Accelerators down for repair (part of ready). */
  failed: Float64Array;
  /** busy / ready (NaN when nothing is ready). */
  utilization: Float64Array;
}

const cache = new WeakMap<RunView, TotalSeries>();

/** Row r of the total is at index r * (pools + 1) + pools (SeriesData). */
export function totalSeries(run: RunView): TotalSeries {
  const hit = cache.get(run);
  if (hit) return hit;
  const s = run.series;
  const stride = s.pools.length + 1;
  const off = s.pools.length;
  const n = s.timeS.length;
  const col = (a: Float64Array) => {
    const out = new Float64Array(n);
    for (let r = 0; r < n; r++) out[r] = a[r * stride + off] ?? NaN;
    return out;
  };
  const ready = col(s.ready);
  const prov = col(s.provisioning);
  const busy = col(s.busy);
  const capacity = new Float64Array(n);
  const utilization = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    capacity[r] = ready[r]! + prov[r]!;
    utilization[r] = ready[r]! > 0 ? busy[r]! / ready[r]! : NaN;
  }
  const failed = s.failed ? col(s.failed) : new Float64Array(n);
  const out: TotalSeries = { t: s.timeS, ready, capacity, busy, demand: col(s.demand), queued: col(s.queued), cost: col(s.costUsd), failed, utilization };
  cache.set(run, out);
  return out;
}

/**
 * Cumulative cost over the measurement window, as the KPI table counts it: 0 at the warm-up's
 * end, then what was billed since (the sampled cumulative cost minus its value at the warm-up's
 * end), and at the run's end `windowCostUsd` — the summary's exact `costUsd`, which also holds
 * what the samples cannot see after the last one (the tail to the horizon, billing rounded up
 * at the end). Nothing is drawn before the warm-up's end (the chart shades it). With no
 * warm-up this is the plain cumulative cost. The cost between samples is read linearly.
 */
export function costSinceWarmup(t: Float64Array, cost: Float64Array, warmupS: number, endS: number, windowCostUsd: number): { x: Float64Array; y: Float64Array } {
  const n = Math.min(t.length, cost.length);
  if (n === 0) return { x: new Float64Array(0), y: new Float64Array(0) };
  const first = lowerBound(t, warmupS, 0, n); // the first sample in the window
  let base: number;
  if (first < n && t[first] === warmupS) base = cost[first]!;
  else if (first === 0) base = cost[0]!;
  else if (first >= n) base = cost[n - 1]!;
  else base = cost[first - 1]! + ((cost[first]! - cost[first - 1]!) * (warmupS - t[first - 1]!)) / (t[first]! - t[first - 1]!);
  const x: number[] = [];
  const y: number[] = [];
  if (first >= n || t[first]! > warmupS) {
    x.push(warmupS);
    y.push(0);
  }
  for (let i = first; i < n && t[i]! < endS; i++) {
    x.push(t[i]!);
    y.push(cost[i]! - base);
  }
  if (endS > warmupS || x.length === 0) {
    x.push(endS);
    y.push(windowCostUsd);
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}

const costCache = new WeakMap<RunView, { x: Float64Array; y: Float64Array }>();

/** costSinceWarmup of a run's total (its own summary's costUsd at the end), cached per run. */
export function windowCostSeries(run: RunView): { x: Float64Array; y: Float64Array } {
  const hit = costCache.get(run);
  if (hit) return hit;
  const s = totalSeries(run);
  const out = costSinceWarmup(s.t, s.cost, run.warmupS ?? 0, run.endS, run.summary.costUsd);
  costCache.set(run, out);
  return out;
}

/** Policy colours (Tableau 10 without its red, which marks demand). */
export const POLICY_COLORS = ['#4e79a7', '#f28e2c', '#59a14f', '#af7aa1', '#76b7b2', '#edc949', '#9c755f', '#ff9da7', '#bab0ab'];
export const DEMAND_COLOR = '#e15759';

const assigned = new Map<string, number>();
const uses = new Array<number>(POLICY_COLORS.length).fill(0);

/**
 * A policy's colour, by name, stable for the session: a name keeps the colour it was first
 * given, so removing or reordering policies never recolours the others. A new name takes the
 * least-used colour (the first such), so the first run's policies get the palette in order.
 */
export function policyColor(name: string): string {
  let i = assigned.get(name);
  if (i === undefined) {
    i = 0;
    for (let k = 1; k < uses.length; k++) if (uses[k]! < uses[i]!) i = k;
    assigned.set(name, i);
    uses[i]!++;
  }
  return POLICY_COLORS[i]!;
}

/**
 * Ready accelerators of each pool stacked in pool order: stacked[p][r] = Σ ready of pools 0..p
 * at row r (the last is the total), for a capacity chart stacked by pool.
 */
export function stackedReady(run: RunView): Float64Array[] {
  const s = run.series;
  const P = s.pools.length;
  const stride = P + 1;
  const n = s.timeS.length;
  const out: Float64Array[] = [];
  for (let p = 0; p < P; p++) {
    const a = new Float64Array(n);
    for (let r = 0; r < n; r++) a[r] = (p > 0 ? out[p - 1]![r]! : 0) + (s.ready[r * stride + p] ?? 0);
    out.push(a);
  }
  return out;
}

/** Marker colours of fault events (RunResult.faultEvents kinds 0 and 1). */
export const FAULT_MARKERS = [
  { kind: 0, label: 'spot preemption', color: '#8c6bb1' },
  { kind: 1, label: 'node failure', color: '#7f2704' },
] as const;

/** Marker colours and legend labels of policy decisions (DecisionRecord.action). */
export const DECISION_MARKERS = {
  add: { label: 'nodes added', color: '#2f8a4e' },
  release: { label: 'nodes released', color: '#8a94a6' },
  unfulfilled: { label: 'request unfulfilled', color: '#d08a00' },
  refused: { label: 'request refused', color: '#d08a00' },
  preempt: { label: 'job preempted', color: '#c0392b' },
} as const;
