/** A scriptable stand-in for the engine worker client (no Worker in jsdom). */
import type { Summary } from '../../sim-engine/metrics/types';
import type { CheckOutcome, EngineProgress, ExportOutcome, InspectOutcome, InspectProgress, RunBundle, RunOutcome, RunRequest, RunView, ScenarioProblem, TraceSummary } from '../../sim-engine/worker/types';
import { EngineError, type EngineClient } from '../../renderer/engine/client';

export function summary(over: Partial<Summary> = {}): Summary {
  return {
    costUsd: 1000, acceleratorHoursBilled: 200, acceleratorHoursBusy: 150, utilization: 0.75,
    waitMeanS: 60, waitP50S: 30, waitP95S: 300, waitP99S: 900, jobsQueuedAtEnd: 0,
    jobsSubmitted: 100, jobsCompleted: 98, jobsUnfinished: 2, jobsRejected: 0,
    shortfallHours: 1, availability: 0.99, costPerBusyAcceleratorHour: 6.67,
    preemptions: 0, jobsPreempted: 0, nodeFailures: 0, jobRestarts: 0, acceleratorHoursLost: 0, energyKwh: 40, energyCostUsd: null, ...over,
  };
}

export function fakeRun(policy: string, over: Partial<Summary> = {}): RunView {
  // Built loosely: the engine's RunResult grows fields the renderer does not need.
  const n = 10;
  const f = (g: (i: number) => number) => Float64Array.from({ length: n * 2 }, (_, k) => g(Math.floor(k / 2)));
  return {
    policy, seed: 1, summary: summary(over),
    series: { pools: ['a100'], timeS: Float64Array.from({ length: n }, (_, i) => i * 300), ready: f(() => 32), provisioning: f(() => 0), busy: f((i) => i), demand: f((i) => i * 2), queued: f(() => 0), costUsd: f((i) => i * 10) },
    decisions: [{ timeS: 60, policy: 'reactive', component: 'autoscaler', pool: 'a100', action: 'add', count: 1, reason: 'test' }],
    decisionCount: 1,
    waitsSortedS: Float64Array.from([0, 10, 100]), endS: n * 300, eventsProcessed: 100, byTenant: [], calibration: [], byPool: [],
  } as unknown as RunView;
}

export function fakeBundle(policies: string[]): RunBundle {
  const runs = policies.map((p, i) => fakeRun(p, { costUsd: 1000 + i * 100 }));
  return {
    results: { fleetlab: '0.1.0', scenario: { name: 't', sha256: '0' }, seed: 1, traces: [], runs: runs.map((r) => ({ policy: r.policy, summary: r.summary })) },
    id: 'run-1',
    runs,
    files: { 'results.json': '{}' },
    warnings: [],
  };
}

export interface FakeEngine extends EngineClient {
  checks: string[];
  runs: RunRequest[];
  /** Problems the next checks report, computed from the text. */
  problemsFor: (text: string) => ScenarioProblem[];
  /** Trace paths the checks report (default: none). */
  tracePathsFor: (text: string) => string[];
  /** How runs behave: resolve at once, hang until cancelled, or crash. */
  mode: 'ok' | 'hang' | 'crash';
  progress?: (p: EngineProgress) => void;
  cancelled: number;
  /** Bundle the next runs resolve with (default: fakeBundle(policies)). */
  bundle?: RunBundle;
  inspects: { fileName: string; format: string; bytes: number }[];
  /** What inspect answers (default: a summary of the philly week); `hang` waits for `finishInspect`. */
  inspectResult: (fileName: string, format: string) => InspectOutcome;
  inspectMode: 'ok' | 'hang';
  inspectProgress?: (p: InspectProgress) => void;
  finishInspect?: () => void;
  exports: string[];
}

/** A trace summary like the worker's for the philly week (numbers from the real file). */
export function fakeTraceSummary(over: Partial<TraceSummary> = {}): TraceSummary {
  const counts = [340, 300, 280, 260, 270, 310, 380, 420, 560, 640, 700, 720, 690, 680, 660, 640, 600, 560, 520, 480, 440, 400, 380, 356];
  return {
    path: 'philly-2017-10-02-week.csv', format: 'philly', kind: 'jobs', sha256: 'ab'.repeat(32), bytes: 621_473,
    records: 11_386, skipped: 2, filtered: 0, filteredReasons: {},
    issues: [{ line: 42, code: 'bad-number', message: 'submit time is not a timestamp (got "2017-13-09 06:13:03")' }, { line: 97, code: 'negative-duration', message: 'duration must be ≥ 0 (got -3)' }],
    issueCount: 2, startS: 1506902400, endS: 1507507199, meta: {},
    stats: {
      arrivalsByHourOfDay: { counts, perHour: counts.map((c) => c / 7), days: 7 },
      // 3-hour bins from 2017-10-02 00:00 UTC (the trace's times are Unix seconds: its clock's 0 is the epoch).
      arrivalsOverTime: { startS: 1506902400, binS: 10800, counts: Array.from({ length: 56 }, (_, i) => 120 + ((i * 37) % 160)), originUnixS: 0 },
      acceleratorDemand: [{ accelerators: '1', jobs: 8000 }, { accelerators: '2', jobs: 1200 }, { accelerators: '4', jobs: 900 }, { accelerators: '8', jobs: 1100 }, { accelerators: '9-16', jobs: 150 }, { accelerators: '33-64', jobs: 36 }],
      durationS: { count: 11_386, mean: 20_000, min: 1, p50: 900, p90: 30_000, p95: 80_000, p99: 400_000, max: 1_200_000 },
      recordedWaitS: { count: 11_386, mean: 600, min: 0, p50: 30, p90: 900, p95: 1800, p99: 7200, max: 86_400 },
      tenants: 14,
    },
    ...over,
  };
}

export function createFakeEngine(policies = ['fixed', 'reactive']): FakeEngine {
  let rejectRun: ((e: unknown) => void) | null = null;
  const engine: FakeEngine = {
    checks: [],
    runs: [],
    problemsFor: () => [],
    tracePathsFor: () => [],
    mode: 'ok',
    cancelled: 0,
    inspects: [],
    inspectResult: () => ({ ok: true, summary: fakeTraceSummary() }),
    inspectMode: 'ok',
    exports: [],
    async check(text: string): Promise<CheckOutcome> {
      engine.checks.push(text);
      const problems = engine.problemsFor(text);
      return problems.length ? { ok: false, problems } : { ok: true, name: 't', policies, tracePaths: engine.tracePathsFor(text) };
    },
    run(request, onProgress): Promise<RunOutcome> {
      engine.runs.push(request);
      engine.progress = onProgress;
      if (engine.mode === 'crash') return Promise.reject(new EngineError('crashed', 'The simulation engine stopped unexpectedly: boom'));
      if (engine.mode === 'hang') {
        return new Promise((_, reject) => {
          rejectRun = reject;
        });
      }
      onProgress({ policyIndex: 0, policy: policies[0]!, policies: policies.length, replication: 0, replications: 1, fraction: 1, simTimeS: 10, events: 10 });
      return Promise.resolve({ ok: true, bundle: engine.bundle ?? fakeBundle(policies) });
    },
    inspect(bytes, fileName, format, onProgress): Promise<InspectOutcome> {
      engine.inspects.push({ fileName, format, bytes: bytes.length });
      engine.inspectProgress = onProgress;
      onProgress({ bytesRead: 0, totalBytes: bytes.length, fraction: 0 });
      if (engine.inspectMode === 'hang') {
        return new Promise((resolve) => {
          engine.finishInspect = () => resolve(engine.inspectResult(fileName, format));
        });
      }
      return Promise.resolve(engine.inspectResult(fileName, format));
    },
    exportFiles(runId): Promise<ExportOutcome> {
      engine.exports.push(runId);
      return Promise.resolve({ ok: true, files: { 'results.json': '{}', 'series.csv': 'time_s\n', 'jobs.csv': 'policy\n', 'decisions.csv': 'time_s\n' } });
    },
    cancel() {
      engine.cancelled++;
      rejectRun?.(new EngineError('cancelled', 'Run cancelled'));
      rejectRun = null;
    },
    dispose() {},
  };
  return engine;
}

export const CATALOG = [
  { id: 'nvidia-a100-80gb', vendor: 'NVIDIA', name: 'A100 80GB', memoryGiB: 80, powerW: 400, speed: { training: 1, inference: 1 }, prices: { 'on-demand': 5, spot: 2 } },
  { id: 'nvidia-h100-80gb', vendor: 'NVIDIA', name: 'H100 80GB', memoryGiB: 80, powerW: 700, speed: { training: 2, inference: 2 }, prices: { 'on-demand': 10 } },
];

export const SCENARIO = `# A test scenario
name: Test fleet
seed: 7
horizon: 1d
workload:
  - kind: synthetic
    arrivals: { ratePerHour: 10 }
    accelerators: 1
    duration: 1h
fleet:
  pools:
    - name: a100        # the main pool
      accelerator: nvidia-a100-80gb
      perNode: 8
      initial: 4
      min: 0
      max: 8
      provisioning: 5m
policies:
  - name: fixed
    autoscaler: { kind: static }
  - name: reactive
    autoscaler: { kind: reactive, scaleUpAfterWait: 10m }
`;
