/**
 * The engine side of the app's worker, host-neutral: validate a scenario, run it through
 * the run layer (`run/`: its traces read from the bytes the app was given, its policies
 * and replications in slices, yielding so the worker stays responsive — as the CLI runs
 * it), summarize a trace for the preview, and build the same files
 * the CLI writes — on demand, from the last run kept here, so the UI is never sent
 * per-job arrays or megabytes of CSV it does not show.
 */
import { loadScenario, topLevelKeyLine } from '../scenario/loader.js';
import { spotHistories, traceWorkloads } from '../scenario/prepare.js';
import { loadSpotHistories, loadTraces, RunFailed, RunTooLarge, runScenario, type LoadedTraces } from '../run/index.js';
import { isAllocationFailure, memoryStopMessage } from '../scenario/limits.js';
import { preflight } from '../scenario/preflight.js';
import { inspectSummary, inspectSummaryJson } from '../traces/inspect-summary.js';
import { decisionsCsvChunks, jobsCsvChunks, resultsJsonText, seriesCsvChunks } from '../report/files.js';
import { DEFAULT_AVAILABILITY_TARGET } from '../report/verdict.js';
import type { FaultEvents, ResultsJson, RunResult } from '../metrics/types.js';
import { plural } from '../report/plural.js';
import { withFormatHint } from '../traces/hints.js';
import { readTraceBytes, type ReadHost } from './trace-bytes.js';
import { MAX_DECISIONS_SENT, type CheckOutcome, type EngineProgress, type ExportFiles, type ExportOutcome, type InspectOutcome, type InspectProgress, type RunOutcome, type RunRequest, type RunView, type ScenarioProblem, type SloView, type TraceSummary } from './types.js';

export interface HostServices extends ReadHost {
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** The memory guard between slices (issue 12): memory in use and the limit once past it, else null (see RunOptions). */
  memoryCheck?: () => { usedBytes: number; limitBytes: number } | null;
}

/** A finished run as the worker keeps it (full RunResults, for exports). */
export interface KeptRun {
  id: string;
  results: ResultsJson;
  runs: RunResult[];
}

export function checkScenario(text: string, fileName: string): CheckOutcome {
  const loaded = loadScenario(text, fileName);
  if (!loaded.ok) return { ok: false, problems: loaded.issues };
  // Over its work limits (one replication, as the editor's quick check): the run's refusal, located at its field.
  const over = preflight(text, fileName, loaded.scenario, { replications: 1, stream: 'never' });
  if (over.issues.length) return { ok: false, problems: over.issues };
  return { ok: true, name: loaded.scenario.name, policies: loaded.scenario.policies.map((p) => p.name), tracePaths: [...traceWorkloads(loaded.scenario).map((t) => t.spec.path), ...spotHistories(loaded.scenario).map((h) => h.path)] };
}

/** Fault markers sent per run (evenly thinned beyond: a timeline cannot show more apart). */
export const MAX_FAULT_EVENTS_SENT = 4000;

function capEvents(e: FaultEvents): FaultEvents {
  const n = e.timeS.length;
  if (n <= MAX_FAULT_EVENTS_SENT) return { timeS: e.timeS.slice(), pool: e.pool.slice(), kind: e.kind.slice() };
  const pick = Int32Array.from({ length: MAX_FAULT_EVENTS_SENT }, (_, i) => Math.floor((i * n) / MAX_FAULT_EVENTS_SENT));
  return { timeS: Float64Array.from(pick, (i) => e.timeS[i]!), pool: Int32Array.from(pick, (i) => e.pool[i]!), kind: Int32Array.from(pick, (i) => e.kind[i]!) };
}

/** The UI's view of a run: no per-job arrays, a capped decision log, copies of the series (so the kept run's stay usable after a transfer). */
export function runView(r: RunResult): RunView {
  const s = r.series;
  return {
    policy: r.policy,
    seed: r.seed,
    summary: r.summary,
    series: { pools: s.pools, timeS: s.timeS.slice(), ready: s.ready.slice(), provisioning: s.provisioning.slice(), busy: s.busy.slice(), demand: s.demand.slice(), queued: s.queued.slice(), costUsd: s.costUsd.slice(), failed: s.failed.slice() },
    decisions: r.decisions.length > MAX_DECISIONS_SENT ? r.decisions.slice(0, MAX_DECISIONS_SENT) : r.decisions,
    decisionCount: r.decisions.length,
    waitsSortedS: r.waitsSortedS.slice(),
    byTenant: r.byTenant,
    calibration: r.calibration,
    byPool: r.byPool,
    commitments: r.commitments,
    faultEvents: capEvents(r.faultEvents),
    endS: r.endS,
    warmupS: r.warmupS,
    eventsProcessed: r.eventsProcessed,
  };
}

/** Joins CSV chunks, yielding to the host now and then so a big export does not block the worker. */
async function joinYielding(chunks: Iterable<string>, host: ReadHost): Promise<string> {
  const parts: string[] = [];
  let last = host.now();
  for (const c of chunks) {
    parts.push(c);
    if (host.now() - last > 25) {
      await host.yieldNow();
      last = host.now();
    }
  }
  return parts.join('');
}

export async function exportFilesOf(kept: KeptRun, host: ReadHost): Promise<ExportFiles> {
  return {
    'results.json': resultsJsonText(kept.results),
    'series.csv': await joinYielding(seriesCsvChunks(kept.runs), host),
    'jobs.csv': await joinYielding(jobsCsvChunks(kept.runs), host),
    'decisions.csv': await joinYielding(decisionsCsvChunks(kept.runs), host),
  };
}

/** The `fleetlab inspect --json` object of a trace given as bytes. Never throws on bad data. */
export async function inspectTrace(bytes: Uint8Array, fileName: string, format: string, host: HostServices, onProgress?: (p: InspectProgress) => void): Promise<InspectOutcome> {
  const r = await readTraceBytes(bytes, fileName, format || 'auto', {}, host, onProgress);
  // The preview has a Format picker: its hint says to use it (the CLI's says --format).
  if (r.fatal) return { ok: false, message: `${fileName}${r.fatal.line ? `:${r.fatal.line}` : ''}: ${withFormatHint(r.fatal, 'preview')}` };
  const summary = inspectSummary(r, { path: fileName, sha256: await host.sha256Hex(bytes), bytes: bytes.length });
  // The same values the CLI prints: through its JSON, so non-finite numbers become null.
  return { ok: true, summary: JSON.parse(inspectSummaryJson(summary)) as TraceSummary };
}

/**
 * The worker's state and API, host-neutral: `engine-worker.ts` exposes it through comlink,
 * tests call it directly with a fake host.
 */
export class EngineSession {
  private kept: KeptRun | null = null;
  private seq = 0;
  constructor(private readonly host: HostServices) {}

  check(text: string, fileName: string): CheckOutcome {
    return checkScenario(text, fileName);
  }

  async run(request: RunRequest, onProgress?: (p: EngineProgress) => void): Promise<RunOutcome> {
    // A new run replaces the kept one: free it before the new one allocates.
    this.kept = null;
    const done = await runRequest(request, this.host, onProgress);
    if (!done.ok) return done;
    const id = `run-${++this.seq}`;
    this.kept = { id, results: done.results, runs: done.runs };
    return { ok: true, bundle: { id, results: done.results, runs: done.runs.map(runView), files: { 'results.json': resultsJsonText(done.results) }, warnings: done.warnings, slo: done.slo } };
  }

  inspect(bytes: Uint8Array, fileName: string, format: string, onProgress?: (p: InspectProgress) => void): Promise<InspectOutcome> {
    return inspectTrace(bytes, fileName, format, this.host, onProgress);
  }

  async exportFiles(runId?: string): Promise<ExportOutcome> {
    const kept = this.kept;
    if (!kept || (runId !== undefined && kept.id !== runId)) {
      return { ok: false, message: 'The engine no longer holds this run (only the latest run is kept, and a cancelled run clears it). Run the scenario again to export series.csv and jobs.csv.' };
    }
    return { ok: true, files: await exportFilesOf(kept, this.host) };
  }
}

/** A finished run with the full RunResults (before the UI's view is made of it). */
export type ScenarioRun = { ok: true; results: ResultsJson; runs: RunResult[]; warnings: string[]; slo: SloView } | { ok: false; problems: ScenarioProblem[]; message: string };

/** Runs a request through the run layer (`run/`), as the CLI runs a scenario file; bad input becomes problems. */
export async function runRequest(request: RunRequest, host: HostServices, onProgress?: (p: EngineProgress) => void): Promise<ScenarioRun> {
  const file = request.fileName;
  const loaded = loadScenario(request.text, file);
  if (!loaded.ok) return { ok: false, problems: loaded.issues, message: `${file} has ${plural(loaded.issues.length, 'problem')}` };
  const scenario = loaded.scenario;
  const seed = request.seed ?? scenario.seed;
  const problem = (line: number, message: string): ScenarioRun => ({ ok: false, problems: [{ file, line, column: 1, path: '', message }], message });
  const policyIndexes = scenario.policies.map((_, i) => i).filter((i) => !request.policies || request.policies.includes(scenario.policies[i]!.name));
  // Pre-flight (issue 12), as the CLI's: the same estimate, limits and words — the app keeps every job (no streaming).
  const estimateOpts = { policyIndexes, replications: request.replications ?? 1, stream: 'never' as const };
  const refused = (issues: ScenarioProblem[]): ScenarioRun => ({ ok: false, problems: issues, message: `${file} asks for more work than its limits allow` });
  const before = preflight(request.text, file, scenario, estimateOpts);
  if (before.issues.length) return refused(before.issues);

  const traces = await loadTraces(scenario, async (spec, index, options) => {
    const input = request.traces?.find((t) => t.path === spec.path);
    if (!input) return { unavailable: `workload[${index}] needs the trace ${spec.path}: open it together with the scenario` };
    const result = await readTraceBytes(input.bytes, spec.path, spec.format, options, host);
    return { ...result, sha256: await host.sha256Hex(input.bytes) };
  });
  if (!traces.ok) return problem(1, traceProblem(traces));
  const spot = await loadSpotHistories(scenario, async (path) => {
    const input = request.traces?.find((t) => t.path === path);
    return input ? { text: new TextDecoder().decode(input.bytes) } : { unavailable: `the spot history ${path} is needed: open it together with the scenario` };
  });
  if (!spot.ok) return problem(1, `${spot.path}:${spot.line}: ${spot.message}`);
  const warnings = traces.rowIssues.flatMap((r) => r.issues.map((iss) => `${r.spec.path}:${iss.line}: ${iss.message}`));
  if (traces.tables.size > 0) {
    const after = preflight(request.text, file, scenario, { ...estimateOpts, traces: traces.tables });
    if (after.issues.length) return refused(after.issues);
  }
  const scenarioSha256 = await host.sha256Hex(new TextEncoder().encode(request.text));
  let at = { policy: scenario.policies[policyIndexes[0] ?? 0]?.name ?? '', simTimeS: 0 };
  const progress = (p: EngineProgress) => {
    at = { policy: p.policy, simTimeS: p.simTimeS };
    onProgress?.(p);
  };
  try {
    // The app keeps every job (its job table and exports read them): outcomes are not streamed here.
    const done = await runScenario({ scenario, scenarioSha256, seed, policyIndexes, replications: request.replications, traces, streamOutcomes: false }, host, { onProgress: progress, ...(host.memoryCheck ? { memoryCheck: host.memoryCheck } : {}) });
    const slo = { maxQueueWaitS: scenario.slo?.maxQueueWait ?? null, availabilityTarget: scenario.slo?.availabilityTarget ?? DEFAULT_AVAILABILITY_TARGET };
    return { ok: true, results: done.results, runs: done.runs, warnings, slo };
  } catch (e) {
    // Memory (issue 12): the guard's stop, or a failed allocation, is a run too large for this machine, not a crash.
    if (e instanceof RunTooLarge || isAllocationFailure(e)) return problem(topLevelKeyLine(request.text, scenario.limits ? 'limits' : 'workload'), e instanceof RunTooLarge ? e.message : memoryStopMessage(at.policy, at.simTimeS, null, null));
    if (!(e instanceof RunFailed)) throw e;
    return problem(topLevelKeyLine(request.text, 'horizon'), `horizon: policy ${JSON.stringify(e.policy)}: ${e.message}`);
  }
}

/** The app's message for a trace that stops the run. */
function traceProblem(t: Extract<LoadedTraces, { ok: false }>): string {
  const { spec, failure: f } = t;
  switch (f.kind) {
    case 'unavailable': return f.message;
    case 'fatal': return `${spec.path}:${f.issue.line}: ${withFormatHint(f.issue, 'scenario')}`;
    case 'strict': return `${spec.path}: ${plural(f.issueCount, 'row issue')} and strict: true`;
    case 'unusable': return `workload[${t.index}] (${spec.path}): ${f.message}`;
  }
}
