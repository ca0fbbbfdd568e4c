/**
 * The files a run writes (DESIGN.md §6): results.json, series.csv, jobs.csv. Pure
 * string building, shared by the CLI and the app, so every result in the app can be
 * reproduced headless byte for byte. Large CSVs come as chunk generators.
 */
import { JOB_STATES, SUMMARY_KEYS, type ResultsJson, type RunResult, type Summary, type SummaryKey } from '../metrics/types.js';

/** Plain JSON numbers: non-finite becomes null; values are rounded to 12 significant digits for stable output. */
export function jsonNumber(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return Number(x.toPrecision(12));
}

export function normalizeSummary(s: Summary): Summary {
  const out = {} as Record<SummaryKey, number | null>;
  for (const k of SUMMARY_KEYS) out[k] = jsonNumber(s[k]);
  return out as unknown as Summary;
}

/** A row with its numbers as plain JSON numbers (jsonNumber), other fields as they are. */
function jsonNumbers<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'number' || v === null ? jsonNumber(v) : v;
  return out as T;
}

export function resultsJsonText(results: ResultsJson): string {
  const clean: ResultsJson = {
    fleetlab: results.fleetlab,
    scenario: results.scenario,
    seed: results.seed,
    traces: results.traces,
    runs: results.runs.map((r) => {
      const run: ResultsJson['runs'][number] = { policy: r.policy, summary: normalizeSummary(r.summary) };
      if (r.ci95) {
        const ci = {} as Record<SummaryKey, number | null>;
        for (const k of SUMMARY_KEYS) if (k in r.ci95) ci[k] = jsonNumber(r.ci95[k]);
        run.ci95 = ci;
      }
      if (r.replications !== undefined) run.replications = r.replications;
      if (r.byPool) run.byPool = r.byPool.map(jsonNumbers);
      if (r.commitments) run.commitments = r.commitments.map(jsonNumbers);
      for (const [k, v] of Object.entries(r)) if (!(k in run)) (run as Record<string, unknown>)[k] = v;
      return run;
    }),
  };
  return `${JSON.stringify(clean, null, 2)}\n`;
}

/** A CSV number: fixed to at most 6 decimals, no trailing zeros; empty for NaN. */
export function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toFixed(6)));
}

/**
 * A CSV text field (names, reasons): quoted when it holds `"`, `,` or a line break; a field that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` (and quoted) so a
 * spreadsheet shows it as text instead of running it as a formula (OWASP, "CSV Injection").
 * Numbers never come through here (csvNumber), so a negative number stays a number.
 */
export function csvField(s: string): string {
  if (/^[=+\-@\t\r]/.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** DESIGN.md §6; new columns are appended, never inserted (`failed`; jobs.csv `restarts,lost_s`). */
export const SERIES_HEADER = 'policy,time_s,pool,ready,provisioning,busy,demand,queued,cost_usd,failed';
export const JOBS_HEADER = 'policy,job,submit_s,start_s,end_s,accelerators,pool,state,reason,restarts,lost_s';
/** DESIGN.md §12. */
export const DECISIONS_HEADER = 'time_s,policy,component,pool,action,count,reason';

const CHUNK_ROWS = 20_000;

export function* seriesCsvChunks(runs: readonly RunResult[], header = true): Generator<string> {
  if (header) yield `${SERIES_HEADER}\n`;
  for (const run of runs) {
    const s = run.series;
    const width = s.pools.length + 1;
    const names = [...s.pools, '*'].map(csvField);
    const policy = csvField(run.policy);
    let buf = '';
    let rows = 0;
    for (let r = 0; r < s.timeS.length; r++) {
      const t = csvNumber(s.timeS[r]!);
      for (let p = 0; p < width; p++) {
        const i = r * width + p;
        buf += `${policy},${t},${names[p]},${csvNumber(s.ready[i]!)},${csvNumber(s.provisioning[i]!)},${csvNumber(s.busy[i]!)},${csvNumber(s.demand[i]!)},${csvNumber(s.queued[i]!)},${csvNumber(s.costUsd[i]!)},${csvNumber(s.failed[i]!)}\n`;
        if (++rows === CHUNK_ROWS) {
          yield buf;
          buf = '';
          rows = 0;
        }
      }
    }
    if (buf) yield buf;
  }
}

/** One jobs.csv row (`policy` and `pool` already CSV fields); the in-memory and the streamed jobs.csv both write it. */
export function jobsCsvRow(policy: string, job: number, submitS: number, startS: number, endS: number, k: number, pool: string, state: number, reason: string | undefined, restarts: number, lostS: number): string {
  return `${policy},${job},${csvNumber(submitS)},${csvNumber(startS)},${csvNumber(endS)},${k},${pool},${JOB_STATES[state]},${reason ? csvField(reason) : ''},${restarts},${csvNumber(lostS)}\n`;
}

/** The rows of runs whose jobs were kept in memory (a streamed run has none: its rows went to the stream). */
export function* jobsCsvChunks(runs: readonly RunResult[], header = true): Generator<string> {
  if (header) yield `${JOBS_HEADER}\n`;
  for (const run of runs) {
    const j = run.jobs;
    const pools = run.series.pools.map(csvField);
    const policy = csvField(run.policy);
    const restarts = j.requeues?.restarts;
    const lostS = j.requeues?.lostS;
    let buf = '';
    let rows = 0;
    for (let i = 0; i < j.length; i++) {
      const pool = j.pool[i]!;
      const reason = j.reasons.get(i);
      // The row of jobsCsvRow, inline (a call per row costs ~30% here); the streamed-outcomes tests hold them equal.
      const killed = restarts === undefined ? '0,0' : `${restarts[i]},${csvNumber(lostS![i]!)}`;
      buf += `${policy},${i},${csvNumber(j.submitS[i]!)},${csvNumber(j.startS[i]!)},${csvNumber(j.endS[i]!)},${j.accelerators[i]},${pool >= 0 ? pools[pool] : ''},${JOB_STATES[j.state[i]!]},${reason ? csvField(reason) : ''},${killed}\n`;
      if (++rows === CHUNK_ROWS) {
        yield buf;
        buf = '';
        rows = 0;
      }
    }
    if (buf) yield buf;
  }
}

/** decisions.csv: every policy decision of every run, in time order per run (DESIGN.md §12). */
export function* decisionsCsvChunks(runs: readonly RunResult[], header = true): Generator<string> {
  if (header) yield `${DECISIONS_HEADER}\n`;
  for (const run of runs) {
    let buf = '';
    let rows = 0;
    for (const d of run.decisions) {
      buf += `${csvNumber(d.timeS)},${csvField(d.policy || run.policy)},${d.component},${csvField(d.pool)},${d.action},${d.count},${csvField(d.reason)}\n`;
      if (++rows === CHUNK_ROWS) {
        yield buf;
        buf = '';
        rows = 0;
      }
    }
    if (buf) yield buf;
  }
}

export function joinChunks(chunks: Iterable<string>): string {
  let s = '';
  for (const c of chunks) s += c;
  return s;
}
