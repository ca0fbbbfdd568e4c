/**
 * `fleetlab run [SCENARIO] [--out DIR] [--json] [--seed N] [--policy NAME]... [--replications N] [--strict] [--quiet]`
 * (DESIGN.md §6). Exit 0 on success, 2 on bad input (with PATH:LINE messages), 1 on an internal error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import Table from 'cli-table3';
import { didYouMean, formatIssue, loadScenario, topLevelKeyLine } from '../scenario/loader.js';
import type { Scenario } from '../scenario/schema.js';
import { prepareTrace, traceImportOptions, traceWorkloads } from '../scenario/prepare.js';
import { aggregateReplications, collect, createSimulation, replicationSeed, RunFailed, type PreparedTraces } from '../run.js';
import type { ResultsJson, RunResult, Summary } from '../metrics/types.js';
import { jobsCsvChunks, resultsJsonText, seriesCsvChunks } from '../report/files.js';
import { bestIndexes, formatMetric, METRIC_ROWS } from '../report/metric-rows.js';
import { FLEETLAB_VERSION } from '../version.js';
import type { JobTable } from '../traces/types.js';
import { readTraceFile } from './trace-io.js';
import { scenariosDir, sha256Hex, writeFileAtomic } from './io.js';
import { createProgress } from './progress.js';

export interface RunOptions {
  out?: string;
  json?: boolean;
  seed?: number;
  policy?: string[];
  replications?: number;
  strict?: boolean;
  quiet?: boolean;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Bad input: printed as-is (already `PATH:LINE: message` lines), exit 2. */
export class BadInput extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'BadInput';
  }
}

const MAX_ROW_ISSUES_SHOWN = 20;

/** A scenario argument: a file path, or the name of a built-in (`default`, `mmc`, `bursty`). */
export function resolveScenarioPath(arg: string | undefined): string {
  if (arg === undefined) return join(scenariosDir(), 'default.yaml');
  if (existsSync(arg)) return arg;
  if (!/[\\/]/.test(arg) && !/\.(ya?ml|json)$/i.test(arg)) {
    const builtin = join(scenariosDir(), `${arg}.yaml`);
    if (existsSync(builtin)) return builtin;
  }
  return arg;
}

export function builtinScenarioNames(): string[] {
  const dir = scenariosDir();
  return ['default', 'mmc', 'bursty', 'philly'].filter((n) => existsSync(join(dir, `${n}.yaml`)));
}

export async function runCommand(scenarioArg: string | undefined, opts: RunOptions, io: CliIo): Promise<number> {
  const path = resolveScenarioPath(scenarioArg);
  const shown = scenarioArg === undefined ? relativeOrAbsolute(path) : path;
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new BadInput([`${shown}:1: scenario path is a directory, not a file (got ${shown})`]);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof BadInput) throw e;
    const hint = builtinScenarioNames();
    throw new BadInput([`${shown}:1: cannot read scenario: no such file (got ${shown})${hint.length ? `; built-in scenarios: ${hint.join(', ')}` : ''}`]);
  }
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

  // Traces: read, report row issues, apply the scenario's knobs.
  const progress = createProgress({ quiet: !!opts.quiet });
  const traces = new Map<number, JobTable>();
  const traceInfo: ResultsJson['traces'] = [];
  for (const { index, spec } of traceWorkloads(scenario)) {
    const tracePath = resolve(dirname(path), spec.path);
    const tracePathShown = relativeOrAbsolute(tracePath);
    const result = await readTraceFile(tracePath, spec.format, traceImportOptions(spec), (done, total) => progress.update(total > 0 ? done / total : 0, `reading ${basename(tracePath)}`));
    if (result.fatal) throw new BadInput([`${tracePathShown}:${Math.max(1, result.fatal.line)}: ${result.fatal.message}`]);
    if (result.issueCount > 0) {
      const lines = result.issues.slice(0, MAX_ROW_ISSUES_SHOWN).map((iss) => `${tracePathShown}:${iss.line}${iss.column ? `:${iss.column}` : ''}: ${iss.message}`);
      if (opts.strict || spec.strict) throw new BadInput([...lines, `${tracePathShown}: ${result.issueCount} row issue(s) with --strict`]);
      io.stderr(`fleetlab: ${tracePathShown}: skipped ${result.skipped} row(s) with issues (${result.issueCount} issue(s); first ${lines.length} below)\n${lines.join('\n')}\n`);
    }
    const prepared = prepareTrace(spec, result);
    if (!prepared.ok) throw new BadInput([`${shown}:1: workload[${index}] (${spec.path}): ${prepared.message}`]);
    traces.set(index, prepared.table);
    traceInfo.push({ path: spec.path, sha256: result.sha256, records: result.records });
  }

  const replications = Math.max(1, opts.replications ?? 1);
  const runs: RunResult[] = [];
  const resultRuns: ResultsJson['runs'] = [];
  const totalRuns = policyIndexes.length * replications;
  let done = 0;
  for (const pi of policyIndexes) {
    const name = scenario.policies[pi]!.name;
    const summaries: Summary[] = [];
    for (let r = 0; r < replications; r++) {
      let result: RunResult;
      try {
        result = await runOne(scenario, pi, replicationSeed(seed, r), traces, (f) =>
          progress.update((done + f) / totalRuns, `${name}${replications > 1 ? ` (replication ${r + 1}/${replications})` : ''}`),
        );
      } catch (e) {
        if (!(e instanceof RunFailed)) throw e;
        progress.stop();
        throw new BadInput([`${shown}:${topLevelKeyLine(bytes.toString('utf8'), 'horizon')}: horizon: policy ${JSON.stringify(name)}: ${e.message}`]);
      }
      done++;
      summaries.push(result.summary);
      if (r === 0) runs.push(result);
    }
    const first = runs[runs.length - 1]!;
    const extra = { ...(first.byTenant.length ? { byTenant: first.byTenant } : {}), ...(first.calibration.length ? { calibration: first.calibration } : {}) };
    if (replications > 1) {
      const agg = aggregateReplications(summaries);
      resultRuns.push({ policy: name, summary: agg.summary, ci95: agg.ci95, replications, ...extra });
    } else resultRuns.push({ policy: name, summary: summaries[0]!, ...extra });
  }
  progress.stop();

  const results: ResultsJson = {
    fleetlab: FLEETLAB_VERSION,
    scenario: { name: scenario.name, sha256: sha256Hex(bytes) },
    seed,
    traces: traceInfo,
    runs: resultRuns,
  };
  const json = resultsJsonText(results);
  if (opts.out) {
    const dir = resolve(opts.out);
    await writeFileAtomic(join(dir, 'results.json'), [json]);
    await writeFileAtomic(join(dir, 'series.csv'), seriesCsvChunks(runs));
    await writeFileAtomic(join(dir, 'jobs.csv'), jobsCsvChunks(runs));
  }
  if (opts.json) io.stdout(json);
  else {
    io.stdout(renderTable(scenario.name, results));
    if (opts.out && !opts.quiet) io.stdout(`\nWrote results.json, series.csv and jobs.csv to ${opts.out}\n`);
  }
  return 0;
}

async function runOne(scenario: Scenario, policyIndex: number, seed: number, traces: PreparedTraces, onProgress: (f: number) => void): Promise<RunResult> {
  const sim = createSimulation(scenario, policyIndex, seed, traces);
  let lastYield = Date.now();
  while (!sim.runFor(100_000)) {
    const now = Date.now();
    if (now - lastYield > 50) {
      onProgress(sim.progress());
      // Let the progress bar's timers and stdio run.
      await new Promise<void>((r) => setImmediate(r));
      lastYield = Date.now();
    }
  }
  if (sim.failure) throw new RunFailed(sim.failure);
  return collect(sim, scenario, policyIndex, seed);
}

export function renderTable(title: string, results: ResultsJson): string {
  const tty = process.stdout.isTTY === true;
  const table = new Table({
    head: ['', ...results.runs.map((r) => r.policy)],
    style: tty ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    colAligns: ['left', ...results.runs.map(() => 'right' as const)],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of METRIC_ROWS) {
    const values = results.runs.map((r) => r.summary[row.key]);
    const best = new Set(bestIndexes(row, values));
    table.push([
      row.label,
      ...results.runs.map((r, i) => {
        let cell = formatMetric(row, r.summary[row.key]);
        const ci = r.ci95?.[row.key];
        if (ci !== undefined && ci !== null && cell !== '—') cell += ` ± ${formatMetric(row, ci)}`;
        return best.has(i) ? `${cell} *` : cell;
      }),
    ]);
  }
  const reps = results.runs[0]?.replications;
  let text = `${title}${reps ? ` — means of ${reps} replications, ± 95% CI` : ''} (seed ${results.seed})\n${table.toString()}\n* best value in the row\n`;
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
