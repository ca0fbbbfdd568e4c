/**
 * From a loaded scenario and its imported traces to the job tables the engine replays:
 * importer options from the scenario's trace fields, then the trace knobs (window,
 * time scale, filters, accelerator mapping) that shift records to t = 0 in submit order.
 */
import { findAccelerator } from '../model/catalog.js';
import { ABSOLUTE_TIME_S } from '../traces/stats.js';
import { inflateLimits } from '../traces/inflate-limits.js';
import { streamedTrace, type OpenTracePass, type ScanKnobs, type StreamedTrace, type StreamPlan } from '../traces/trace-stream.js';
import { applyTraceKnobs, checkTimeScale, mapAcceleratorNames } from '../traces/transform.js';
import type { ImportOptions, ImportResult, JobTable } from '../traces/types.js';
import type { PoolSpec, Scenario, TraceWorkloadSpec } from './schema.js';

/** Trace times at or beyond this (≈ 1973 as a Unix time) are absolute dates, re-based to t = 0 by default. */
export { ABSOLUTE_TIME_S };

export function traceImportOptions(w: TraceWorkloadSpec): ImportOptions {
  const opts: ImportOptions = {};
  if (w.columns) opts.columns = w.columns;
  if (w.timeUnit !== undefined) opts.timeUnitS = w.timeUnit;
  if (w.commentPrefix !== undefined) opts.commentPrefix = w.commentPrefix;
  // The entry's own gzip caps (maxInflatedBytes, maxInflateRatio): the CLI and the app read with the same ones.
  return Object.assign(opts, inflateLimits(w));
}

/** The trace workloads of a scenario with their indexes. */
export function traceWorkloads(scenario: Scenario): { index: number; spec: TraceWorkloadSpec }[] {
  const out: { index: number; spec: TraceWorkloadSpec }[] = [];
  scenario.workload.forEach((w, index) => {
    if (w.kind === 'trace') out.push({ index, spec: w });
  });
  return out;
}

export type PreparedTrace = { ok: true; table: JobTable } | { ok: false; message: string };

/** What pass 1 of a streamed replay needs of a trace entry's knobs (`traces/trace-stream.ts`). */
export function traceScanKnobs(w: TraceWorkloadSpec): ScanKnobs {
  const k: ScanKnobs = {};
  if (w.from !== undefined) k.fromS = w.from;
  if (w.to !== undefined) k.toS = w.to;
  if (w.filter?.tenant) k.tenants = w.filter.tenant;
  return k;
}

const noneLeft = (w: TraceWorkloadSpec) => `no trace records left after the window and filters (from ${w.from ?? 0}s, to ${w.to ?? '∞'}, filter ${JSON.stringify(w.filter ?? {})})`;

/**
 * `prepareTrace` for a trace pass 1 found streamable: the same knobs, resolved once here and
 * applied row by row as the file is replayed.
 */
export function prepareStreamedTrace(w: TraceWorkloadSpec, imported: ImportResult, plan: StreamPlan, openPass: OpenTracePass): { ok: true; table: StreamedTrace } | { ok: false; message: string } {
  if (plan.kept === 0) return { ok: false, message: noneLeft(w) };
  const rebase = w.rebase ?? (imported.startS ?? 0) >= ABSOLUTE_TIME_S;
  checkTimeScale(w.timeScale);
  const firstKept = plan.firstKeptS;
  const table = streamedTrace(plan, {
    firstS: imported.startS!,
    fromS: w.from ?? -Infinity,
    toS: w.to ?? Infinity,
    baseS: rebase ? firstKept : Math.min(0, firstKept),
    timeScale: w.timeScale,
    speed: w.measuredOn ? findAccelerator(w.measuredOn)!.speed[w.class] : 1,
    ...(w.filter?.tenant ? { filter: w.filter.tenant } : {}),
  }, mapAcceleratorNames(plan.acceleratorTypes, w.acceleratorMap), openPass, w.path);
  return { ok: true, table };
}

export function prepareTrace(w: TraceWorkloadSpec, imported: ImportResult): PreparedTrace {
  if (imported.table.kind !== 'jobs') {
    return { ok: false, message: `format ${imported.format} yields ${imported.table.kind}, not batch jobs; the serving model that replays ${imported.table.kind} is not available yet (got format ${JSON.stringify(w.format)})` };
  }
  const knobs: Parameters<typeof applyTraceKnobs>[1] = { timeScale: w.timeScale, rebase: w.rebase ?? (imported.startS ?? 0) >= ABSOLUTE_TIME_S };
  if (w.from !== undefined) knobs.fromS = w.from;
  if (w.to !== undefined) knobs.toS = w.to;
  if (w.filter?.tenant) knobs.filter = { tenant: w.filter.tenant };
  if (w.acceleratorMap) knobs.acceleratorMap = w.acceleratorMap;
  const table = applyTraceKnobs(imported.table, knobs);
  // Durations measured on a slower or faster accelerator become reference durations.
  const speed = w.measuredOn ? findAccelerator(w.measuredOn)!.speed[w.class] : 1;
  if (speed !== 1) for (let i = 0; i < table.length; i++) table.durationS[i]! *= speed;
  if (speed !== 1 && table.requestedS) for (let i = 0; i < table.length; i++) table.requestedS[i]! *= speed;
  if (table.length === 0) return { ok: false, message: noneLeft(w) };
  return { ok: true, table };
}

/** A pool's recorded spot history once the host has read it (`preemption: { trace }`). */
type WithLifetimes = { lifetimesS?: Float64Array };

/** The spot-history traces a scenario names: pool index, pool name and path. */
export function spotHistories(scenario: Scenario): { index: number; pool: string; path: string }[] {
  return scenario.fleet.pools.flatMap((p, index) => (p.preemption?.trace ? [{ index, pool: p.name, path: p.preemption.trace }] : []));
}

/** Attach a parsed spot history to its pool (it travels with the pool's `preemption`, copies included). */
export function attachSpotLifetimes(scenario: Scenario, poolIndex: number, lifetimesS: Float64Array): void {
  (scenario.fleet.pools[poolIndex]!.preemption as WithLifetimes).lifetimesS = lifetimesS;
}

/** The recorded lifetimes of a pool with `preemption: { trace }`, once attached. */
export function spotLifetimesOf(pool: PoolSpec): Float64Array | undefined {
  return (pool.preemption as WithLifetimes | undefined)?.lifetimesS;
}
