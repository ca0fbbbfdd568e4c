/**
 * The engine's worker API, as the renderer sees it through comlink
 * (`Comlink.wrap<EngineApi>(worker)`). The renderer imports only these types.
 * Cancellation: the renderer terminates the worker (and makes a new one); a run
 * never writes anything, so nothing is left half-written.
 */
import type { ResultsJson, RunResult } from '../metrics/types.js';
import type { RunProgress } from '../run/index.js';
import type { TraceSummary } from '../traces/inspect-summary.js';

export interface ScenarioProblem {
  /** File name as given, e.g. `default.yaml`. */
  file: string;
  line: number;
  column: number;
  /** Path in the document, e.g. `fleet.pools[0].max`. */
  path: string;
  message: string;
}

/** Progress of a run: the policy (position among those run) and replication being run, overall fraction, simulated time, events. */
export type EngineProgress = RunProgress;

/** A trace file the scenario refers to, as bytes (possibly gzipped), keyed by the path written in the scenario. */
export interface TraceInput {
  path: string;
  bytes: Uint8Array;
}

export interface RunRequest {
  text: string;
  fileName: string;
  traces?: TraceInput[];
  /** Overrides like the CLI's --seed / --policy / --replications. */
  seed?: number;
  policies?: string[];
  /** Runs per policy with seeds derived from the seed (default 1): results.runs then hold means and `ci95`, like `--replications N`. */
  replications?: number;
}

/**
 * What the UI gets of one policy run: everything but the per-job arrays (which stay in the
 * worker for `exportFiles`), with the decision log capped at `MAX_DECISIONS_SENT` entries
 * (`decisionCount` is the full count). Typed arrays are transferred, not copied.
 */
export type RunView = Omit<RunResult, 'jobs'> & { decisionCount: number };

/** Decision-log entries sent per run (the log shows them a page at a time). */
export const MAX_DECISIONS_SENT = 5000;

/** The same files the CLI writes with --out. */
export interface ExportFiles {
  'results.json': string;
  'series.csv': string;
  'jobs.csv': string;
  'decisions.csv': string;
}

export interface RunBundle {
  /** Names this run in the worker (`exportFiles(id)`). */
  id: string;
  results: ResultsJson;
  /** One per policy, in scenario order (its first replication, with replications). */
  runs: RunView[];
  /** results.json is small and always here; series.csv and jobs.csv are built on demand by `exportFiles`. */
  files: { 'results.json': string };
  /** Warnings such as skipped trace rows, as `PATH:LINE: message`. */
  warnings: string[];
  /** The scenario's SLO, for the verdict (not in results.json, which stays the CLI's). */
  slo?: SloView;
}

/** `slo` as validated: `maxQueueWait` in seconds (null = no SLO set) and `availabilityTarget` (default 0.95). */
export interface SloView {
  maxQueueWaitS: number | null;
  availabilityTarget: number;
}

export type RunOutcome = { ok: true; bundle: RunBundle } | { ok: false; problems: ScenarioProblem[]; message: string };

export type ExportOutcome = { ok: true; files: ExportFiles } | { ok: false; message: string };

/** What `fleetlab inspect --json` prints for a trace (built by traces/inspect-summary.ts). */
export type { TraceSummary };

export type InspectOutcome = { ok: true; summary: TraceSummary } | { ok: false; message: string };

export interface InspectProgress {
  bytesRead: number;
  totalBytes: number;
  fraction: number;
}

export type CheckOutcome = { ok: true; name: string; policies: string[]; tracePaths: string[] } | { ok: false; problems: ScenarioProblem[] };

export interface EngineApi {
  /** Validate scenario text (YAML or JSON) without running it. */
  check(text: string, fileName: string): Promise<CheckOutcome>;
  /** Run every policy (or the chosen ones); progress is reported through a Comlink.proxy callback. */
  run(request: RunRequest, onProgress?: (p: EngineProgress) => void): Promise<RunOutcome>;
  /**
   * Import a trace from its bytes (gzip detected by magic bytes) and summarize it like
   * `fleetlab inspect --json`; `format` may be `auto`. A file that cannot be read as a whole
   * gives `{ ok: false, message }`; bad rows are listed in `summary.issues`.
   */
  inspect(bytes: Uint8Array, fileName: string, format: string, onProgress?: (p: InspectProgress) => void): Promise<InspectOutcome>;
  /**
   * results.json, series.csv and jobs.csv of the last run, built on demand (`runId` = its
   * `bundle.id`; omitted = the last run). Only the last run is kept, and a cancelled or crashed
   * worker keeps none: then the outcome says to run again.
   */
  exportFiles(runId?: string): Promise<ExportOutcome>;
}
