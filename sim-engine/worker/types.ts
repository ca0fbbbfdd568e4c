/**
 * The engine's worker API, as the renderer sees it through comlink
 * (`Comlink.wrap<EngineApi>(worker)`). The renderer imports only these types.
 * Cancellation: the renderer terminates the worker (and makes a new one); a run
 * never writes anything, so nothing is left half-written.
 */
import type { ResultsJson, RunResult } from '../metrics/types.js';

export interface ScenarioProblem {
  /** File name as given, e.g. `default.yaml`. */
  file: string;
  line: number;
  column: number;
  /** Path in the document, e.g. `fleet.pools[0].max`. */
  path: string;
  message: string;
}

export interface EngineProgress {
  /** Index and name of the policy being run. */
  policyIndex: number;
  policy: string;
  policies: number;
  /** Overall fraction done, 0..1. */
  fraction: number;
  simTimeS: number;
  events: number;
}

/** A trace file the scenario refers to, as bytes (possibly gzipped), keyed by the path written in the scenario. */
export interface TraceInput {
  path: string;
  bytes: Uint8Array;
}

export interface RunRequest {
  text: string;
  fileName: string;
  traces?: TraceInput[];
  /** Overrides like the CLI's --seed / --policy. */
  seed?: number;
  policies?: string[];
}

export interface RunBundle {
  results: ResultsJson;
  /** One per policy, in scenario order (typed arrays transferred, not copied). */
  runs: RunResult[];
  /** The same files the CLI writes with --out. */
  files: { 'results.json': string; 'series.csv': string; 'jobs.csv': string };
  /** Warnings such as skipped trace rows, as `PATH:LINE: message`. */
  warnings: string[];
}

export type RunOutcome = { ok: true; bundle: RunBundle } | { ok: false; problems: ScenarioProblem[]; message: string };

export type CheckOutcome = { ok: true; name: string; policies: string[]; tracePaths: string[] } | { ok: false; problems: ScenarioProblem[] };

export interface EngineApi {
  /** Validate scenario text (YAML or JSON) without running it. */
  check(text: string, fileName: string): Promise<CheckOutcome>;
  /** Run every policy (or the chosen ones); progress is reported through a Comlink.proxy callback. */
  run(request: RunRequest, onProgress?: (p: EngineProgress) => void): Promise<RunOutcome>;
}
