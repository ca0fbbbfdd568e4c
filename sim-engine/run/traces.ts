/**
 * Loading a scenario's traces, host-neutral: for each trace workload the host reads the
 * file (CLI: `readTraceFile`) or the bytes it was given (worker: `readTraceBytes`) and
 * returns the import result with the raw bytes' SHA-256; this module applies the issue
 * policy (a file unreadable as a whole stops the run; row issues are skipped and reported,
 * or stop it when strict), prepares the tables (`prepareTrace`) and builds the
 * results.traces entries. It returns one structured outcome — row issues as data — from
 * which each host writes its own messages (the CLI `PATH:LINE: message` lines on stderr,
 * the app `ScenarioProblem`s and warnings). Nothing here throws on bad input.
 */
import type { ResultsJson } from '../metrics/types.js';
import { plural } from '../report/plural.js';
import type { PreparedTraces } from './simulation.js';
import { attachSpotLifetimes, prepareStreamedTrace, prepareTrace, spotHistories, traceImportOptions, traceWorkloads } from '../scenario/prepare.js';
import { parseSpotLifetimes } from '../traces/spot-lifetimes.js';
import type { Scenario, TraceWorkloadSpec } from '../scenario/schema.js';
import type { OpenTracePass, StreamedTrace, StreamPlan } from '../traces/trace-stream.js';
import type { ImportOptions, ImportResult, JobTable, TraceIssue } from '../traces/types.js';

/**
 * A trace as the host read it: the import result and the SHA-256 of the raw file bytes. With
 * `streamed` the host kept no rows (the table is empty; `records` counts them): the trace is
 * replayed from its file by `open` (pass 2 of `traces/trace-stream.ts`).
 */
export type TraceRead = ImportResult & { sha256: string; streamed?: { plan: StreamPlan; open: OpenTracePass } };

/**
 * Reads one trace workload's file with the importer options the scenario sets (`options`).
 * `{ unavailable }` when the host has no such file to read (its message is the host's).
 */
export type TraceReader = (spec: TraceWorkloadSpec, index: number, options: ImportOptions) => Promise<TraceRead | { unavailable: string }>;

/** Row issues of one trace (skipped rows): `issues` is the capped list, `issueCount` exact. */
export interface TraceRowIssues {
  index: number;
  spec: TraceWorkloadSpec;
  issues: TraceIssue[];
  issueCount: number;
  skipped: number;
}

/** Why a trace stops the run. */
export type TraceFailure =
  /** The host could not provide the file. */
  | { kind: 'unavailable'; message: string }
  /** The file cannot be read as a whole (missing, empty, unknown format, corrupt, ...). */
  | { kind: 'fatal'; issue: TraceIssue }
  /** Row issues with strict on (`strict: true` on the trace, or the host's `--strict`). */
  | { kind: 'strict'; issues: TraceIssue[]; issueCount: number }
  /** Read, but yields nothing to replay (wrong kind of records, nothing left after the window and filters). */
  | { kind: 'unusable'; message: string };

export type LoadedTraces =
  | { ok: true; tables: PreparedTraces; entries: ResultsJson['traces']; rowIssues: TraceRowIssues[] }
  /** `rowIssues` lists the traces read before the failing one. */
  | { ok: false; index: number; spec: TraceWorkloadSpec; failure: TraceFailure; rowIssues: TraceRowIssues[] };

export interface LoadTraceOptions {
  /** Any row issue in any trace stops the run (the CLI's `--strict`); a trace's own `strict: true` always does. */
  strict?: boolean;
}

/** Reads, checks and prepares every trace workload of `scenario`, in workload order; stops at the first failure. */
export async function loadTraces(scenario: Scenario, read: TraceReader, opts: LoadTraceOptions = {}): Promise<LoadedTraces> {
  const tables = new Map<number, JobTable | StreamedTrace>();
  const entries: ResultsJson['traces'] = [];
  const rowIssues: TraceRowIssues[] = [];
  for (const { index, spec } of traceWorkloads(scenario)) {
    const fail = (failure: TraceFailure): LoadedTraces => ({ ok: false, index, spec, failure, rowIssues });
    const result = await read(spec, index, traceImportOptions(spec));
    if ('unavailable' in result) return fail({ kind: 'unavailable', message: result.unavailable });
    if (result.fatal) return fail({ kind: 'fatal', issue: result.fatal });
    if (result.issueCount > 0) {
      if (opts.strict || spec.strict) return fail({ kind: 'strict', issues: result.issues, issueCount: result.issueCount });
      rowIssues.push({ index, spec, issues: result.issues, issueCount: result.issueCount, skipped: result.skipped });
    }
    const prepared = result.streamed ? prepareStreamedTrace(spec, result, result.streamed.plan, result.streamed.open) : prepareTrace(spec, result);
    if (!prepared.ok) return fail({ kind: 'unusable', message: prepared.message });
    tables.set(index, prepared.table);
    entries.push({ path: spec.path, sha256: result.sha256, records: result.records });
  }
  return { ok: true, tables, entries, rowIssues };
}

/** What a host returns for a spot-history file: its text, or why it is not there. */
export type SpotHistoryRead = { text: string } | { unavailable: string };

export type SpotHistoriesLoaded = { ok: true } | { ok: false; path: string; line: number; message: string };

/**
 * Read and attach every pool's recorded spot history (`preemption: { trace }`): the host reads
 * the file (relative to the scenario, or from the bytes the app was given), this parses it.
 */
export async function loadSpotHistories(scenario: Scenario, read: (path: string) => Promise<SpotHistoryRead>): Promise<SpotHistoriesLoaded> {
  for (const { index, pool, path } of spotHistories(scenario)) {
    const got = await read(path);
    if ('unavailable' in got) return { ok: false, path, line: 1, message: got.unavailable };
    const parsed = parseSpotLifetimes(got.text);
    if (!parsed.ok) return { ok: false, path, line: parsed.line, message: `${parsed.message} (spot history of pool ${pool})` };
    if (parsed.issues.length) return { ok: false, path, line: parsed.issues[0]!.line, message: `${parsed.issues[0]!.message} (${plural(parsed.skipped, 'bad row')} in the spot history of pool ${pool})` };
    attachSpotLifetimes(scenario, index, parsed.lifetimesS);
  }
  return { ok: true };
}
