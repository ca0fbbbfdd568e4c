/** The app's state as views read it (the immer store of `AppController`), and its parts. */
import type { ScenarioProblem, TraceSummary } from '../../sim-engine/worker/types';
import type { RequirementTexts } from './requirements';
import type { ScenarioDoc } from './scenario-doc';

export type AppPhase = 'loading' | 'ready' | 'running' | 'done' | 'error';
export type Theme = 'light' | 'dark';

export interface ScenarioEntry {
  id: string;
  fileName: string;
  title: string;
  source: 'builtin' | 'file';
  /** The text as last loaded or saved (edits live in `doc` until saved). */
  text: string;
  /** Desktop only: where the file lives. */
  path?: string;
}

export interface AppError {
  /** `load` (opening a file), `scenario` (validation), `run` (engine). */
  kind: 'load' | 'scenario' | 'run';
  title: string;
  message: string;
  /** `file:line:col: message` lines, when there are several. */
  lines: string[];
}

export interface Progress {
  fraction: number;
  policy: string;
  policyIndex: number;
  policies: number;
  simTimeS: number;
  elapsedS: number;
  /** When the run is expected to end, on the controller's clock (ms; smoothed), or null before an estimate (runs.ts). */
  endsAtMs: number | null;
}

export interface RunInfo {
  runId: string;
  scenarioId: string;
  title: string;
  fileName: string;
  policies: string[];
  elapsedS: number;
  warnings: string[];
}

/** The trace preview: a file being (or already) summarized by the worker. */
export interface TracePreview {
  fileName: string;
  /** Size of the raw file, bytes. */
  size: number;
  /** The format asked for: `auto` or a format id (the picker). */
  format: string;
  phase: 'parsing' | 'done' | 'error';
  fraction: number;
  summary: TraceSummary | null;
  /** Why the file cannot be read as a whole (phase `error`). */
  message: string | null;
  /** A trace path of the active scenario this file provides (same file name), if any. */
  providesPath: string | null;
}

export interface AppState {
  phase: AppPhase;
  error: AppError | null;
  library: ScenarioEntry[];
  activeId: string | null;
  doc: ScenarioDoc | null;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  checkProblems: ScenarioProblem[];
  checkError: string | null;
  tracePaths: string[];
  progress: Progress | null;
  /** The last finished run of the active scenario (its bundle is in the results cache). */
  result: RunInfo | null;
  /** The last finished run of every scenario, by library id. */
  resultsByScenario: Record<string, RunInfo>;
  resultsStale: boolean;
  theme: Theme;
  notice: string | null;
  confirm: { title: string; message: string; confirmLabel: string } | null;
  attachedTraces: string[];
  /** Trace paths the active scenario reads that the app has no bytes for yet. */
  missingTraces: string[];
  preview: TracePreview | null;
  zoom: [number, number] | null;
  /** Runs per policy (the Replications input; like `fleetlab run --replications N`). */
  replications: number;
  /** The planner's requirements in the results view, as typed, by library id (for the app session). */
  requirements: Record<string, RequirementTexts>;
}
