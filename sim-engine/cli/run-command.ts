/**
 * `fleetlab run [SCENARIO] [--out DIR] [--json] [--seed N] [--policy NAME]... [--replications N] [--strict] [--quiet]`
 * (DESIGN.md §6). Exit 0 on success, 2 on bad input (with PATH:LINE messages), 1 on an internal error.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { basename, dirname, relative, resolve } from 'node:path';
import Table from 'cli-table3';
import { didYouMean, formatIssue, loadScenario, topLevelKeyLine } from '../scenario/loader.js';
import type { Scenario, TraceWorkloadSpec } from '../scenario/schema.js';
import { isAllocationFailure, limitsOf, memoryStopMessage } from '../scenario/limits.js';
import { estimateLine, LONG_RUN_EVENTS, preflight } from '../scenario/preflight.js';
import { loadSpotHistories, loadTraces, RunFailed, RunTooLarge, runScenario, type LoadedTraces, type RunHost, type ScenarioResults, type TraceReader } from '../run/index.js';
import type { ResultsJson, RunResult } from '../metrics/types.js';
import { DECISIONS_HEADER, decisionsCsvChunks, resultsJsonText, SERIES_HEADER, seriesCsvChunks } from '../report/files.js';
import { bestIndexes, formatMetric, formatMetricCell, METRIC_ROWS, shownRows } from '../report/metric-rows.js';
import { traceScanKnobs } from '../scenario/prepare.js';
import { TraceChanged } from '../traces/trace-stream.js';
import type { TraceIssue } from '../traces/types.js';
import { plural } from '../report/plural.js';
import { traceIssueLine } from './issue-line.js';
import { installInterruptHandlers, OutputSet, sha256Hex } from './io.js';
import { BadInput, builtinScenarioNames, resolveScenarioPath, type CliIo } from './common.js';
import { createProgress } from './progress.js';
import { readRegularFile } from './read-file.js';

export { BadInput, builtinScenarioNames, resolveScenarioPath, type CliIo };

export interface RunCommandOptions {
  out?: string;
  json?: boolean;
  seed?: number;
  policy?: string[];
  replications?: number;
  strict?: boolean;
  quiet?: boolean;
  /** `--exact-percentiles-up-to N`: overrides the scenario's `exactPercentilesUpTo`. */
  exactPercentilesUpTo?: number;
  /**
   * A text trace with more rows than this, in submit order, is streamed from its file instead of
   * kept as a table (README "Large runs"). Default: `FLEETLAB_STREAM_TRACE_ROWS`, else 1,000,000.
   */
  streamTraceRows?: number;
  /** `--force`: run even when the pre-flight estimate is over the limits (the memory guard still applies). */
  force?: boolean;
}

/** Rows a trace may have and still be kept as a table (more, in submit order, stream). */
export const STREAM_TRACE_ROWS = 1_000_000;

function streamTraceRows(opts: RunCommandOptions): number {
  if (opts.streamTraceRows !== undefined) return opts.streamTraceRows;
  const env = process.env.FLEETLAB_STREAM_TRACE_ROWS;
  const n = env === undefined || env.trim() === '' ? NaN : Number(env);
  return Number.isInteger(n) && n >= 0 ? n : STREAM_TRACE_ROWS;
}

const MAX_ROW_ISSUES_SHOWN = 20;

/** What `--out DIR` writes, in the order they are published (results.json last; see io.ts). */
const OUTPUT_FILES = ['jobs.csv', 'series.csv', 'decisions.csv', 'results.json'] as const;

export async function runCommand(scenarioArg: string | undefined, opts: RunCommandOptions, io: CliIo): Promise<number> {
  // --out is checked first (a bad one fails before anything is read or run); the files are
  // published together by commit() at the end, or not at all (bad input, error, interrupt).
  const outputs = opts.out === undefined ? null : OutputSet.open(opts.out, OUTPUT_FILES);
  installInterruptHandlers(); // without --out too: an interrupted run exits 130, as the README says
  try {
    return await runWithOutputs(scenarioArg, opts, io, outputs);
  } finally {
    outputs?.discard();
  }
}

async function runWithOutputs(scenarioArg: string | undefined, opts: RunCommandOptions, io: CliIo, outputs: OutputSet | null): Promise<number> {
  const path = resolveScenarioPath(scenarioArg);
  const shown = scenarioArg === undefined ? relativeOrAbsolute(path) : path;
  const read = readRegularFile(path, 'scenario', shown);
  if (!read.ok) {
    const hint = read.code === 'file-not-found' ? builtinScenarioNames() : [];
    throw new BadInput([`${shown}:1: ${read.message}${hint.length ? `; built-in scenarios: ${hint.join(', ')}` : ''}`]);
  }
  const bytes = read.bytes;
  const loaded = loadScenario(bytes.toString('utf8'), shown);
  if (!loaded.ok) throw new BadInput(loaded.issues.map(formatIssue));
  const scenario: Scenario = loaded.scenario;
  const seed = opts.seed ?? scenario.seed;

  // --policy NAME... selects policies (in scenario order).
  let policyIndexes = scenario.policies.map((_, i) => i);
  if (opts.policy && opts.policy.length > 0) {
    const names = scenario.policies.map((p) => p.name);
    const bad = opts.policy.filter((p) => !names.includes(p));
    if (bad.length) {
      throw new BadInput(bad.map((b) => {
        const hint = didYouMean(b, names);
        return `${shown}:1: unknown --policy ${JSON.stringify(b)}${hint ? ` — did you mean ${JSON.stringify(hint)}?` : ''} (policies: ${names.join(', ')})`;
      }));
    }
    policyIndexes = policyIndexes.filter((i) => opts.policy!.includes(scenario.policies[i]!.name));
  }

  // Pre-flight (issue 12): the work the scenario asks for, within its limits — before reading traces, then with them.
  const text = bytes.toString('utf8');
  const estimateOpts = { policyIndexes, replications: opts.replications ?? 1, force: !!opts.force, keepRuns: false, ...(opts.exactPercentilesUpTo === undefined ? {} : { exactPercentilesUpTo: opts.exactPercentilesUpTo }) };
  const before = preflight(text, shown, scenario, estimateOpts);
  if (before.issues.length) throw new BadInput(before.issues.map(formatIssue));

  // Traces: read (with progress), report row issues, apply the scenario's knobs.
  const progress = createProgress({ quiet: !!opts.quiet });
  const tracePath = (spec: TraceWorkloadSpec) => resolve(dirname(path), spec.path);
  const traceShown = (spec: TraceWorkloadSpec) => relativeOrAbsolute(tracePath(spec));
  // The importers load only when the scenario has a trace (a synthetic run starts without them).
  const keepUpTo = streamTraceRows(opts);
  const readTrace: TraceReader = async (spec, _index, options) => {
    const { readTraceFile } = await import('./trace-io.js');
    return readTraceFile(tracePath(spec), spec.format, options, (done, total) => progress.update(total > 0 ? done / total : 0, `reading ${basename(tracePath(spec))}`), { knobs: traceScanKnobs(spec), keepUpTo });
  };
  const traces = await loadTraces(scenario, readTrace, { strict: !!opts.strict });
  for (const r of traces.rowIssues) {
    const lines = issueLines(traceShown(r.spec), r.issues);
    io.stderr(`fleetlab: ${traceShown(r.spec)}: skipped ${plural(r.skipped, 'row')} with issues (${plural(r.issueCount, 'issue')}; first ${lines.length} below)\n${lines.join('\n')}\n`);
  }
  if (!traces.ok) throw new BadInput(traceFailureLines(traces, traceShown(traces.spec), shown));
  const spot = await loadSpotHistories(scenario, async (p) => {
    const file = readRegularFile(resolve(dirname(path), p), 'the spot history', p);
    return file.ok ? { text: file.bytes.toString('utf8') } : { unavailable: file.message };
  });
  if (!spot.ok) throw new BadInput([`${relativeOrAbsolute(resolve(dirname(path), spot.path))}:${spot.line}: ${spot.message}`]);
  let estimate = before.estimate;
  if (traces.tables.size > 0) {
    const after = preflight(text, shown, scenario, { ...estimateOpts, traces: traces.tables });
    if (after.issues.length) throw new BadInput(after.issues.map(formatIssue));
    estimate = after.estimate;
  }
  // A long run says what it is about to do (the app shows the same line next to Run all).
  if (!opts.quiet && estimate.eventsTotal > LONG_RUN_EVENTS) io.stderr(`fleetlab: ${estimateLine(estimate)}: a long run (Ctrl-C stops it; nothing is written)\n`);

  // jobs.csv is written as the runs go, into the output set (published at the end, or removed).
  let done: ScenarioResults;
  let at = { policy: scenario.policies[policyIndexes[0]!]!.name, simTimeS: 0 };
  try {
    const exact = opts.exactPercentilesUpTo === undefined ? {} : { exactPercentilesUpTo: opts.exactPercentilesUpTo };
    // Every CSV is written as the policies finish, so nothing per run is kept (a file of many policies runs in bounded memory).
    const csvs = outputs ? { jobsCsv: outputs.stream('jobs.csv'), onRun: csvWriters(outputs) } : {};
    done = await runScenario({ scenario, scenarioSha256: sha256Hex(bytes), seed, policyIndexes, replications: opts.replications, traces, ...exact, ...csvs, keepRuns: false }, CLI_HOST, {
      sliceEvents: 100_000,
      yieldEveryMs: 50,
      onProgress: (p) => {
        at = { policy: p.policy, simTimeS: p.simTimeS };
        progress.update(p.fraction, `${p.policy}${p.replications > 1 ? ` (replication ${p.replication + 1}/${p.replications})` : ''}`);
      },
      memoryCheck: memoryGuard(limitsOf(scenario.limits).maxMemoryMB),
    });
  } catch (e) {
    // Memory (issue 12): the guard's stop, or an allocation that failed, is a run too large for this machine (exit 2).
    const memoryLine = () => `${shown}:${topLevelKeyLine(text, scenario.limits ? 'limits' : 'workload')}`;
    if (e instanceof RunTooLarge || isAllocationFailure(e)) {
      progress.stop();
      throw new BadInput([`${memoryLine()}: ${e instanceof RunTooLarge ? e.message : memoryStopMessage(at.policy, at.simTimeS, null, null)}`]);
    }
    progress.stop();
    if (e instanceof TraceChanged) throw new BadInput([`${relativeOrAbsolute(resolve(dirname(path), e.path))}:1: ${e.message}`]);
    if (!(e instanceof RunFailed)) throw e;
    throw new BadInput([`${shown}:${topLevelKeyLine(bytes.toString('utf8'), 'horizon')}: horizon: policy ${JSON.stringify(e.policy)}: ${e.message}`]);
  }
  progress.stop();

  const { results } = done;
  const json = resultsJsonText(results);
  if (outputs) {
    await outputs.write('results.json', [json]);
    await outputs.commit();
  }
  if (opts.json) io.stdout(json);
  else {
    io.stdout(renderTable(scenario.name, results));
    if (outputs && !opts.quiet) io.stdout(`\nWrote results.json, series.csv, jobs.csv and decisions.csv to ${opts.out}\n`);
  }
  return 0;
}

/**
 * The CLI's memory guard (issue 12), asked between slices: V8's heap past 90% of its limit
 * (beyond it V8 aborts the process), or the resident set past `maxMemoryMB` (at most 90% of
 * the machine's memory, before the system kills the process).
 */
function memoryGuard(maxMemoryMB: number): () => { usedBytes: number; limitBytes: number } | null {
  const heapLimit = 0.9 * getHeapStatistics().heap_size_limit;
  const rssLimit = Math.min(maxMemoryMB * 2 ** 20, 0.9 * totalmem());
  return () => {
    const heap = getHeapStatistics().used_heap_size;
    if (heap > heapLimit) return { usedBytes: heap, limitBytes: heapLimit };
    const rss = process.memoryUsage.rss();
    return rss > rssLimit ? { usedBytes: rss, limitBytes: rssLimit } : null;
  };
}

/** series.csv and decisions.csv, streamed into the output set: the headers now, each policy's rows when it is done. */
function csvWriters(outputs: OutputSet): (run: RunResult) => void {
  const series = outputs.stream('series.csv');
  const decisions = outputs.stream('decisions.csv');
  series(`${SERIES_HEADER}\n`);
  decisions(`${DECISIONS_HEADER}\n`);
  return (run) => {
    for (const chunk of seriesCsvChunks([run], false)) series(chunk);
    for (const chunk of decisionsCsvChunks([run], false)) decisions(chunk);
  };
}

/** The CLI's clock and yield (setImmediate lets the progress bar's timers and stdio run). */
const CLI_HOST: RunHost = { now: () => Date.now(), yieldNow: () => new Promise<void>((r) => setImmediate(r)) };

/** A trace's row issues as `PATH:LINE[:COL]: message` lines (the first MAX_ROW_ISSUES_SHOWN). */
function issueLines(traceShown: string, issues: readonly TraceIssue[]): string[] {
  return issues.slice(0, MAX_ROW_ISSUES_SHOWN).map((iss) => traceIssueLine(traceShown, iss, 'scenario'));
}

/** The stderr lines of a trace that stops the run (exit 2). */
function traceFailureLines(t: Extract<LoadedTraces, { ok: false }>, traceShown: string, scenarioShown: string): string[] {
  const f = t.failure;
  switch (f.kind) {
    case 'fatal': return [traceIssueLine(traceShown, f.issue, 'scenario')];
    case 'strict': return [...issueLines(traceShown, f.issues), `${traceShown}: ${plural(f.issueCount, 'row issue')} with --strict`];
    case 'unusable': return [`${scenarioShown}:1: workload[${t.index}] (${t.spec.path}): ${f.message}`];
    case 'unavailable': return [`${traceShown}:1: ${f.message}`];
  }
}

export function renderTable(title: string, results: ResultsJson): string {
  const tty = process.stdout.isTTY === true;
  const table = new Table({
    head: ['', ...results.runs.map((r) => r.policy)],
    style: tty ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    colAligns: ['left', ...results.runs.map(() => 'right' as const)],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of shownRows(results.runs.map((r) => r.summary))) {
    const values = results.runs.map((r) => r.summary[row.key]);
    const best = new Set(bestIndexes(row, values));
    table.push([
      row.label,
      ...results.runs.map((r, i) => {
        const cell = formatMetricCell(row, r.summary[row.key], r.ci95?.[row.key]);
        return best.has(i) ? `${cell} *` : cell;
      }),
    ]);
  }
  const reps = results.runs[0]?.replications;
  let text = `${title}${reps ? ` — means of ${reps} replications, ± 95% CI` : ''} (seed ${results.seed})\n${table.toString()}\n* best value in the row\n`;
  text += renderPools(results, tty);
  text += renderTenants(results, tty);
  text += renderCalibration(results, tty);
  return text;
}

const MAX_TENANT_ROWS = 25;

function plainTable(head: string[], tty: boolean): Table.Table {
  return new Table({
    head,
    style: tty ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    colAligns: head.map((_, i) => (i === 0 ? 'left' : 'right')),
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
}

const waitFmt = (v: number | null) => formatMetric(METRIC_ROWS.find((r) => r.key === 'waitP95S')!, v);

function renderTenants(results: ResultsJson, tty: boolean): string {
  const first = results.runs[0]?.byTenant;
  if (!first || first.length === 0) return '';
  const table = plainTable(['tenant', 'jobs', ...results.runs.flatMap((r) => [`${r.policy} wait p95`, `${r.policy} cost`])], tty);
  for (const t of first.slice(0, MAX_TENANT_ROWS)) {
    table.push([
      t.tenant,
      String(t.jobsSubmitted),
      ...results.runs.flatMap((r) => {
        const mine = r.byTenant?.find((x) => x.tenant === t.tenant);
        return [waitFmt(mine?.waitP95S ?? null), mine ? formatMetric(METRIC_ROWS[0]!, mine.costShareUsd) : '—'];
      }),
    ]);
  }
  const more = first.length > MAX_TENANT_ROWS ? `(${first.length - MAX_TENANT_ROWS} more tenants in results.json)\n` : '';
  return `\nBy tenant (cost shared in proportion to busy accelerator-hours)\n${table.toString()}\n${more}`;
}

const usdFmt = (v: number | null | undefined) => formatMetric(METRIC_ROWS[0]!, v);

/** Cost per pool (a fleet of several pools), then committed capacity vs on demand. */
function renderPools(results: ResultsJson, tty: boolean): string {
  let out = '';
  const first = results.runs[0]?.byPool ?? [];
  if (first.length > 1) {
    const table = plainTable(['pool', 'purchase', ...results.runs.map((r) => `${r.policy} cost`)], tty);
    for (const p of first) table.push([p.pool, p.purchase, ...results.runs.map((r) => usdFmt(r.byPool?.find((x) => x.pool === p.pool)?.costUsd))]);
    out += `\nBy pool\n${table.toString()}\n`;
  }
  const runs = results.runs.filter((r) => r.commitments?.some((c) => c.nodeHoursCommitted > 0));
  if (runs.length > 0) {
    const table = plainTable(['policy', 'pool', 'purchase', 'nodes', 'used', 'cost', 'on demand', 'saved'], tty);
    for (const r of runs) {
      for (const c of r.commitments!) if (c.nodeHoursCommitted > 0) table.push([r.policy, c.pool, c.purchase, Number.isInteger(c.nodes) ? String(c.nodes) : c.nodes.toFixed(1), c.utilization === null ? '—' : `${(c.utilization * 100).toFixed(1)}%`, usdFmt(c.costUsd), usdFmt(c.onDemandCostUsd), usdFmt(c.savingsUsd)]);
    }
    out += `\nCommitted capacity vs on demand (the node-hours it ran jobs, bought on demand)\n${table.toString()}\n`;
  }
  return out;
}

function renderCalibration(results: ResultsJson, tty: boolean): string {
  const runs = results.runs.filter((r) => r.calibration?.length);
  if (runs.length === 0) return '';
  let out = '';
  for (const c of runs[0]!.calibration!) {
    const table = plainTable(['wait', 'recorded', ...runs.map((r) => r.policy)], tty);
    for (const [label, key] of [['mean', 'waitMeanS'], ['p50', 'waitP50S'], ['p95', 'waitP95S'], ['p99', 'waitP99S']] as const) {
      table.push([label, waitFmt(c.recorded[key]), ...runs.map((r) => waitFmt(r.calibration!.find((x) => x.workload === c.workload)?.simulated[key] ?? null))]);
    }
    out += `\nRecorded vs simulated waits — ${c.workload} (${c.jobs} jobs)\n${table.toString()}\n`;
  }
  return out;
}

function relativeOrAbsolute(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}
