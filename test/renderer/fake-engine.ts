/** A scriptable stand-in for the engine worker client (no Worker in jsdom). */
import type { RunResult, Summary } from '../../sim-engine/metrics/types';
import type { CheckOutcome, EngineProgress, RunBundle, RunOutcome, RunRequest, ScenarioProblem } from '../../sim-engine/worker/types';
import { EngineError, type EngineClient } from '../../renderer/engine/client';

export function summary(over: Partial<Summary> = {}): Summary {
  return {
    costUsd: 1000, acceleratorHoursBilled: 200, acceleratorHoursBusy: 150, utilization: 0.75,
    waitMeanS: 60, waitP50S: 30, waitP95S: 300, waitP99S: 900, jobsQueuedAtEnd: 0,
    jobsSubmitted: 100, jobsCompleted: 98, jobsUnfinished: 2, jobsRejected: 0,
    shortfallHours: 1, availability: 0.99, costPerBusyAcceleratorHour: 6.67, ...over,
  };
}

export function fakeRun(policy: string, over: Partial<Summary> = {}): RunResult {
  // Built loosely: the engine's RunResult grows fields the renderer does not need.
  const n = 10;
  const f = (g: (i: number) => number) => Float64Array.from({ length: n * 2 }, (_, k) => g(Math.floor(k / 2)));
  return {
    policy, seed: 1, summary: summary(over),
    series: { pools: ['a100'], timeS: Float64Array.from({ length: n }, (_, i) => i * 300), ready: f(() => 32), provisioning: f(() => 0), busy: f((i) => i), demand: f((i) => i * 2), queued: f(() => 0), costUsd: f((i) => i * 10) },
    decisions: [{ timeS: 60, pool: 'a100', delta: 1, reason: 'test' }],
    jobs: { length: 0, submitS: new Float64Array(), startS: new Float64Array(), endS: new Float64Array(), accelerators: new Int32Array(), pool: new Int32Array(), state: new Uint8Array(), reasons: new Map() } as unknown as RunResult['jobs'],
    waitsSortedS: Float64Array.from([0, 10, 100]), endS: n * 300, eventsProcessed: 100, byTenant: [], calibration: [],
  } as unknown as RunResult;
}

export function fakeBundle(policies: string[]): RunBundle {
  const runs = policies.map((p, i) => fakeRun(p, { costUsd: 1000 + i * 100 }));
  return {
    results: { fleetlab: '0.1.0', scenario: { name: 't', sha256: '0' }, seed: 1, traces: [], runs: runs.map((r) => ({ policy: r.policy, summary: r.summary })) },
    runs,
    files: { 'results.json': '{}', 'series.csv': 'time_s\n', 'jobs.csv': 'policy\n' },
    warnings: [],
  };
}

export interface FakeEngine extends EngineClient {
  checks: string[];
  runs: RunRequest[];
  /** Problems the next checks report, computed from the text. */
  problemsFor: (text: string) => ScenarioProblem[];
  /** How runs behave: resolve at once, hang until cancelled, or crash. */
  mode: 'ok' | 'hang' | 'crash';
  progress?: (p: EngineProgress) => void;
  cancelled: number;
}

export function createFakeEngine(policies = ['fixed', 'reactive']): FakeEngine {
  let rejectRun: ((e: unknown) => void) | null = null;
  const engine: FakeEngine = {
    checks: [],
    runs: [],
    problemsFor: () => [],
    mode: 'ok',
    cancelled: 0,
    async check(text: string): Promise<CheckOutcome> {
      engine.checks.push(text);
      const problems = engine.problemsFor(text);
      return problems.length ? { ok: false, problems } : { ok: true, name: 't', policies, tracePaths: [] };
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
      onProgress({ policyIndex: 0, policy: policies[0]!, policies: policies.length, fraction: 1, simTimeS: 10, events: 10 });
      return Promise.resolve({ ok: true, bundle: fakeBundle(policies) });
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
