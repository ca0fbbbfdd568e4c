/**
 * The pre-flight work estimate (issue 12): what a scenario asks of the engine before it
 * runs — expected jobs, events, nodes, series rows, runs and memory — from the validated
 * scenario alone (synthetic workloads: rate × loadScale × horizon) and, once the host has
 * read them, the trace tables (rows × loadScale; `horizon: drain` lasts about as long as the
 * trace). Pure arithmetic, no simulation: each figure keeps the document path of the field
 * that drives it, so a refusal (preflight.ts) points at that field's line.
 *
 * Events per run ≈ 2 per job (arrival, completion) + autoscaler wake-ups (horizon / tick;
 * a scheduled autoscaler's window edges) + samples + fault events (failures and repairs,
 * preemptions and their notices). Memory ≈ the job columns kept in memory (~120 bytes a
 * job; a streamed run keeps 1 bit a job), the series (~96 bytes a row) and the node columns.
 */
import type { JobTable } from '../traces/types.js';

/** A prepared trace as the run layer holds it: a table in memory, or one streamed from its file (its row count only). */
export type TraceRows = JobTable | { readonly kind: 'streamed'; readonly length: number };
const inMemory = (t: TraceRows | undefined): t is JobTable => t !== undefined && t.kind === 'jobs';
import { compact } from './limits.js';
import type { Scenario } from './schema.js';

const WEEK_S = 7 * 86400;
/** Bytes a job costs when its outcome is kept in memory (36 B of columns, doubling headroom, sorted waits, the jobs.csv copy). */
export const BYTES_PER_JOB = 120;
/** Bytes a series row costs (8 float64 columns, doubling headroom). */
export const BYTES_PER_SERIES_ROW = 96;
/** Fixed bytes a streamed run keeps (its job ring, the sketch). */
const STREAMED_FIXED_BYTES = 4 * 2 ** 20;
/** Bytes a trace row costs in its table (~20) and its prepared copy. */
const BYTES_PER_TRACE_ROW = 48;

/** One figure and the field that drives it. */
export interface Part {
  /** Document path of the driving field (`['workload', 0, 'arrivals', 'ratePerHour']`). */
  path: (string | number)[];
  amount: number;
  /** How it was computed, for messages ("ratePerHour 40 × loadScale 1 over 7d"). */
  how: string;
}

/** One policy's run. */
export interface RunEstimate {
  policyIndex: number;
  policy: string;
  /** Nodes at the start (initial, or the policy's own `nodes`), by pool. */
  nodes: number;
  nodeParts: Part[];
  /** Expected events, and what they come from (jobs, ticks, samples, faults). */
  events: number;
  eventParts: Part[];
  memoryBytes: number;
}

export interface WorkEstimate {
  /** The span estimated over: the horizon, or for `horizon: drain` the traces' last submit plus their longest job. */
  horizonS: number;
  /** Expected jobs per run, with each workload entry's share. */
  jobs: number;
  jobParts: Part[];
  /** Series rows per run: samples × (pools + 1). */
  samples: number;
  samplesPerPool: number;
  runs: number;
  policies: number;
  replications: number;
  /** Per policy run (the first replication's: replications have the same estimate). */
  perRun: RunEstimate[];
  /** The largest run's events, and all runs' together. */
  events: number;
  eventsTotal: number;
  /** The largest run's starting nodes; the pools' `max` together (what autoscalers may reach). */
  nodes: number;
  nodesMax: number;
  /** Memory of the whole plan (the runs that are kept, the largest one running), and what it is made of. */
  memoryBytes: number;
  memoryParts: Part[];
  /** Whether runs stream their outcomes (the CLI above exactPercentilesUpTo) or keep every job (the app). */
  streamed: boolean;
  /** Trace workloads whose tables were not given (their jobs are not counted yet). */
  tracesPending: number;
}

export interface EstimateOptions {
  /** Prepared trace tables by workload index (`loadTraces`); absent entries are pending. */
  traces?: ReadonlyMap<number, TraceRows>;
  /** Scenario indexes of the policies to run (default all). */
  policyIndexes?: readonly number[];
  replications?: number;
  /** 'auto' (the CLI): outcomes streamed above `exactPercentilesUpTo`; 'never' (the app keeps every job). */
  stream?: 'auto' | 'never';
  exactPercentilesUpTo?: number;
  /** Whether every policy's first run is kept to the end (the app, for its exports; default) or each is let go when written (the CLI). */
  keepRuns?: boolean;
}

/** Count of `xs` (sorted ascending) below `limit`. */
function countBelow(xs: Float64Array, n: number, limit: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const fmtNum = (v: number): string => (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(+v.toPrecision(4)));

/** Horizons up to this long are admitted as such (1000 years): beyond, the horizon is what drives a count. */
export const LONG_HORIZON_S = 1000 * 31_536_000;

function spanText(s: number): string {
  if (s >= 31_536_000) return `${+(s / 31_536_000).toPrecision(3)}y`;
  if (s >= 86400) return `${+(s / 86400).toPrecision(3)}d`;
  if (s >= 3600) return `${+(s / 3600).toPrecision(3)}h`;
  return `${+s.toPrecision(3)}s`;
}

/** The span the run covers: the horizon, or (drain) the traces' last submit plus their longest job. */
function horizonOf(scenario: Scenario, traces: ReadonlyMap<number, TraceRows> | undefined): number {
  if (scenario.horizon !== 'drain') return scenario.horizon;
  let end = 0;
  for (const t of traces?.values() ?? []) {
    // A streamed trace's times are read during the run: only its rows count.
    if (!inMemory(t)) continue;
    let longest = 0;
    for (let i = 0; i < t.length; i++) if (t.durationS[i]! > longest) longest = t.durationS[i]!;
    // Tables are shifted to t = 0 and sorted by submit time (prepareTrace).
    end = Math.max(end, (t.length ? t.submitS[t.length - 1]! : 0) + longest);
  }
  return end;
}

/** Wake-ups of an autoscaler over `horizonS` (static: none; budget: its inner one's; scheduled: window edges). */
export function autoscalerWakes(ref: Record<string, unknown>, path: (string | number)[], horizonS: number): Part | null {
  const kind = ref['kind'];
  if (kind === 'static') return null;
  const inner = ref['inner'];
  if (kind === 'budget' && inner && typeof inner === 'object') return autoscalerWakes(inner as Record<string, unknown>, [...path, 'inner'], horizonS);
  const windows = ref['windows'];
  if (Array.isArray(windows)) {
    const perWeek = windows.reduce((a: number, w: { days?: unknown[] }) => a + 2 * (Array.isArray(w.days) ? w.days.length : 7), 0);
    return { path: horizonS > LONG_HORIZON_S ? ['horizon'] : [...path, 'windows'], amount: Math.ceil((perWeek * horizonS) / WEEK_S), how: `${perWeek} window edges a week over ${spanText(horizonS)}` };
  }
  const tick = ref['tick'];
  if (typeof tick === 'number' && tick > 0) return { path: horizonS > LONG_HORIZON_S ? ['horizon'] : [...path, 'tick'], amount: Math.ceil(horizonS / tick), how: `tick ${spanText(tick)} over ${spanText(horizonS)}` };
  return null;
}

/** The estimate of a validated scenario (and the traces read so far). */
export function estimateWork(scenario: Scenario, opts: EstimateOptions = {}): WorkEstimate {
  const traces = opts.traces;
  const H = horizonOf(scenario, traces);
  const jobParts: Part[] = [];
  let tracesPending = 0;
  scenario.workload.forEach((w, i) => {
    if (w.kind === 'synthetic') {
      const rate = w.arrivals.ratePerHour;
      const amount = (rate * w.loadScale * H) / 3600;
      // The scale drives it when it is what makes the count large.
      const path = H > LONG_HORIZON_S ? ['horizon'] : w.loadScale > 1 && w.loadScale > rate ? ['workload', i, 'loadScale'] : ['workload', i, 'arrivals', 'ratePerHour'];
      jobParts.push({ path, amount, how: `ratePerHour ${fmtNum(rate)} × loadScale ${fmtNum(w.loadScale)} over ${spanText(H)}` });
      return;
    }
    const table = traces?.get(i);
    if (!table) {
      tracesPending++;
      return;
    }
    const rows = scenario.horizon === 'drain' || !inMemory(table) ? table.length : countBelow(table.submitS, table.length, H);
    jobParts.push({ path: ['workload', i, w.loadScale > 1 ? 'loadScale' : 'path'], amount: rows * w.loadScale, how: `${compact(rows)} trace rows × loadScale ${fmtNum(w.loadScale)}` });
  });
  const jobs = jobParts.reduce((a, p) => a + p.amount, 0);
  const pools = scenario.fleet.pools;
  const samplesPerPool = H > 0 && scenario.sampleEvery > 0 ? Math.ceil(H / scenario.sampleEvery) : 0;
  const samples = samplesPerPool * (pools.length + 1);
  const indexes = opts.policyIndexes ?? scenario.policies.map((_, i) => i);
  const replications = opts.replications ?? 1;
  const streamed = (opts.stream ?? 'auto') === 'auto' && jobs > (opts.exactPercentilesUpTo ?? scenario.exactPercentilesUpTo);
  const jobBytes = streamed ? jobs / 8 + STREAMED_FIXED_BYTES : jobs * BYTES_PER_JOB;
  const seriesBytes = samples * BYTES_PER_SERIES_ROW;
  let traceBytes = 0;
  for (const t of traces?.values() ?? []) if (inMemory(t)) traceBytes += t.length * BYTES_PER_TRACE_ROW;

  const perRun = indexes.map((policyIndex): RunEstimate => {
    const policy = scenario.policies[policyIndex]!;
    const ref = policy.autoscaler as Record<string, unknown>;
    const own = ref['kind'] === 'static' && ref['nodes'] && typeof ref['nodes'] === 'object' ? (ref['nodes'] as Record<string, number>) : undefined;
    const nodeParts: Part[] = pools.map((p, i) => {
      const n = own && Object.hasOwn(own, p.name) ? own[p.name]! : p.initial;
      const path = own && Object.hasOwn(own, p.name) ? ['policies', policyIndex, 'autoscaler', 'nodes', p.name] : ['fleet', 'pools', i, 'initial'];
      return { path, amount: n, how: `${compact(n)} nodes of pool ${p.name}` };
    });
    const nodes = nodeParts.reduce((a, p) => a + p.amount, 0);
    const eventParts: Part[] = [];
    for (const p of jobParts) eventParts.push({ ...p, amount: 2 * p.amount, how: `2 per job: ${p.how}` });
    const wakes = autoscalerWakes(ref, ['policies', policyIndex, 'autoscaler'], H);
    if (wakes) eventParts.push(wakes);
    if (samplesPerPool > 0) eventParts.push({ path: ['sampleEvery'], amount: samplesPerPool, how: `sampleEvery ${spanText(scenario.sampleEvery)} over ${spanText(H)}` });
    pools.forEach((p, i) => {
      const n = Math.max(nodeParts[i]!.amount, p.min);
      const mtbf = p.failures?.mtbf;
      if (mtbf !== undefined && Number.isFinite(mtbf) && mtbf > 0) eventParts.push({ path: ['fleet', 'pools', i, 'failures', 'mtbf'], amount: (2 * n * H) / mtbf, how: `failures and repairs of ${n} nodes, mtbf ${spanText(mtbf)} over ${spanText(H)}` });
      const rate = p.preemption?.ratePerNodeHour;
      if (rate !== undefined && rate > 0) eventParts.push({ path: ['fleet', 'pools', i, 'preemption', 'ratePerNodeHour'], amount: (2 * n * rate * H) / 3600, how: `preemptions of ${n} nodes at ${fmtNum(rate)} per node-hour over ${spanText(H)}` });
    });
    const events = eventParts.reduce((a, p) => a + p.amount, 0);
    const nodeBytes = pools.reduce((a, p, i) => a + 2 * nodeParts[i]!.amount * (64 + 4 * p.perNode), 0);
    return { policyIndex, policy: policy.name, nodes, nodeParts, events, eventParts, memoryBytes: jobBytes + seriesBytes + nodeBytes };
  });
  const events = Math.max(0, ...perRun.map((r) => r.events));
  const eventsTotal = perRun.reduce((a, r) => a + r.events * replications, 0);
  // Each policy's first replication is kept (its series, and its jobs unless streamed) where runs are kept; one run's nodes at a time.
  const keptRuns = (opts.keepRuns ?? true) ? perRun.length : Math.min(1, perRun.length);
  const kept = keptRuns * (jobBytes + seriesBytes);
  const largest = perRun.reduce<RunEstimate | undefined>((a, r) => (!a || r.memoryBytes > a.memoryBytes ? r : a), undefined);
  const running = largest ? largest.memoryBytes - jobBytes - seriesBytes : 0;
  const biggest = (parts: readonly Part[]): Part | undefined => parts.reduce<Part | undefined>((a, p) => (!a || p.amount > a.amount ? p : a), undefined);
  const memoryParts: Part[] = [];
  const jobDriver = biggest(jobParts);
  if (jobDriver) memoryParts.push({ path: jobDriver.path, amount: keptRuns * jobBytes, how: `${streamed ? `the streamed outcomes of ${compact(jobs)} jobs` : `${compact(jobs)} jobs kept in memory`}${keptRuns > 1 ? ` × ${keptRuns} policies` : ''}` });
  if (samples > 0) memoryParts.push({ path: ['sampleEvery'], amount: keptRuns * seriesBytes, how: `${compact(samples)} series rows${keptRuns > 1 ? ` × ${keptRuns} policies` : ''}` });
  const nodeDriver = largest ? biggest(largest.nodeParts) : undefined;
  if (nodeDriver && running > 0) memoryParts.push({ path: nodeDriver.path, amount: running, how: `${compact(largest!.nodes)} nodes` });
  scenario.workload.forEach((w, i) => {
    const t = traces?.get(i);
    if (inMemory(t)) memoryParts.push({ path: ['workload', i, 'path'], amount: t.length * BYTES_PER_TRACE_ROW, how: `${compact(t.length)} trace rows` });
  });
  return {
    horizonS: H,
    jobs,
    jobParts,
    samples,
    samplesPerPool,
    runs: indexes.length * replications,
    policies: indexes.length,
    replications,
    perRun,
    events,
    eventsTotal,
    nodes: Math.max(0, ...perRun.map((r) => r.nodes)),
    nodesMax: pools.reduce((a, p) => a + (p.max ?? Math.max(p.initial, p.min)), 0),
    memoryBytes: kept + running + traceBytes,
    memoryParts,
    streamed,
    tracesPending,
  };
}
