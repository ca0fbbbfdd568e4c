/**
 * Running the scenario: validation first, then the engine with throttled progress and an
 * ETA; cancel (a newer run or a cancel makes an older answer stale); the results kept per
 * run and the document each was made from; exports built by the worker that ran it.
 */
import { plural } from '../../sim-engine/report/plural';
import { errorMessage, isCancelled, type EngineClient } from '../engine/client';
import { exportFiles, type ExportFileName } from '../platform/host';
import { fmtProblem, titleOf, type AppContext } from './app-context';
import type { RunInfo } from './app-state';
import type { ScenarioDocument } from './document';
import { ResultsCache } from './results-cache';
import type { TraceFiles } from './traces';

export const MAX_REPLICATIONS = 100;

/** Below this many seconds left the estimate says "finishing…" rather than a count that can stick at "1s". */
export const FINISHING_S = 1.5;

/**
 * When the run will end, on the controller's clock (ms): from the fraction done and the time
 * taken so far, smoothed across reports (a burst of fast or slow slices moves it a quarter
 * of the way), so the countdown the view derives from it runs smoothly between reports and
 * never waits for the next one to move.
 */
export class EtaEstimator {
  private endsAtMs: number | null = null;

  /** `elapsedS` since the run started at clock time `nowMs`, `fraction` done; null until an estimate means something. */
  update(nowMs: number, elapsedS: number, fraction: number): number | null {
    if (!(fraction > 0.01) || elapsedS <= 0.3) return this.endsAtMs;
    const rawMs = nowMs + ((elapsedS * (1 - Math.min(1, fraction))) / fraction) * 1000;
    this.endsAtMs = this.endsAtMs === null ? rawMs : this.endsAtMs + 0.25 * (rawMs - this.endsAtMs);
    return this.endsAtMs;
  }
}

/**
 * What the progress shows at clock time `nowMs`: seconds left (a countdown between reports),
 * 'finishing' once the estimate is under FINISHING_S (or past: the run goes on, the
 * estimate was short), or null with no estimate yet.
 */
export function timeLeft(endsAtMs: number | null, nowMs: number): number | 'finishing' | null {
  if (endsAtMs === null) return null;
  const left = (endsAtMs - nowMs) / 1000;
  return left < FINISHING_S ? 'finishing' : Math.round(left);
}

export class RunController {
  readonly results = new ResultsCache(8);
  private runGen = 0;
  private runSeq = 0;
  /** The document each run was made from, to tell whether results are stale. */
  private readonly runDocs = new Map<string, string>();
  private lastProgressAt = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly engine: EngineClient,
    private readonly checker: EngineClient,
    private readonly doc: ScenarioDocument,
    private readonly traces: TraceFiles,
  ) {}

  docOfRun(runId: string): string | undefined {
    return this.runDocs.get(runId);
  }

  async run(): Promise<void> {
    const { ctx } = this;
    const s0 = ctx.store.get();
    const entry = ctx.active;
    if (s0.phase === 'running' || s0.phase === 'loading' || !entry || !s0.doc) return;
    // The quick check is the worker's schema: a scenario it refuses is not sent to the engine.
    const problems = this.doc.localProblems();
    if (problems.length > 0) {
      this.doc.showProblems((n) => `Fix ${plural(n, 'problem')} before running`, problems);
      return;
    }
    const text = this.doc.currentText();
    const fileName = entry.fileName;
    const scenarioId = entry.id;
    const docJson = JSON.stringify(s0.doc);
    const gen = ++this.runGen;
    const started = ctx.now();
    const eta = new EtaEstimator();
    this.lastProgressAt = 0;
    ctx.store.update((s) => {
      s.phase = 'running';
      s.error = null;
      s.notice = null; // a new run makes an old notice ("Run cancelled") stale
      s.progress = { fraction: 0, policy: '', policyIndex: 0, policies: 0, simTimeS: 0, elapsedS: 0, endsAtMs: null };
    });
    try {
      const check = await this.checker.check(text, fileName);
      if (gen !== this.runGen) return;
      if (!check.ok) {
        this.doc.showProblems((n) => `${fileName} has ${plural(n, 'problem')}`, check.problems);
        return;
      }
      const traces = await this.traces.resolve(check.tracePaths);
      if (gen !== this.runGen) return;
      const reps = s0.replications > 1 ? { replications: s0.replications } : {};
      const outcome = await this.engine.run({ text, fileName, traces, ...reps }, (p) => {
        if (gen !== this.runGen) return;
        const t = ctx.now();
        if (t - this.lastProgressAt < 100 && p.fraction < 1) return;
        this.lastProgressAt = t;
        const elapsedS = (t - started) / 1000;
        const endsAtMs = eta.update(t, elapsedS, p.fraction);
        ctx.store.update((s) => {
          if (s.phase !== 'running') return;
          s.progress = { fraction: p.fraction, policy: p.policy, policyIndex: p.policyIndex, policies: p.policies, simTimeS: p.simTimeS, elapsedS, endsAtMs };
        });
      });
      if (gen !== this.runGen) return;
      if (!outcome.ok) {
        const lines = outcome.problems.map(fmtProblem);
        ctx.fail('run', 'The run stopped', [outcome.message, ...lines.slice(0, 3)].filter(Boolean).join('\n'), lines);
        return;
      }
      const runId = `run-${++this.runSeq}`;
      this.results.set(runId, outcome.bundle);
      const elapsedS = (ctx.now() - started) / 1000;
      this.runDocs.set(runId, docJson);
      const info: RunInfo = {
        runId,
        scenarioId,
        title: titleOf(text, fileName),
        fileName,
        policies: outcome.bundle.results.runs.map((r) => r.policy),
        elapsedS,
        warnings: outcome.bundle.warnings.slice(0, 50),
      };
      ctx.store.update((s) => {
        s.progress = null;
        s.resultsByScenario[scenarioId] = info;
        if (s.activeId === scenarioId) {
          s.phase = 'done';
          s.zoom = null;
          s.resultsStale = JSON.stringify(s.doc) !== docJson;
          s.result = info;
        } else {
          s.phase = s.result ? 'done' : 'ready';
        }
      });
      if (ctx.store.get().activeId !== scenarioId) ctx.notify(`Results of ${fileName} are ready: switch back to it to see them.`);
    } catch (e) {
      if (gen !== this.runGen || isCancelled(e)) return;
      ctx.fail('run', 'The run failed', errorMessage(e));
    }
  }

  /** Sets the runs per policy of the next run (a whole number, 1..MAX_REPLICATIONS; other values are ignored). */
  setReplications(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICATIONS) return;
    this.ctx.store.update((s) => {
      s.replications = n;
    });
  }

  cancel(): void {
    if (this.ctx.store.get().phase !== 'running') return;
    this.runGen++;
    this.engine.cancel();
    this.ctx.store.update((s) => {
      s.phase = 'ready';
      s.progress = null;
    });
    this.ctx.notify('Run cancelled');
  }

  async exportResults(only?: ExportFileName): Promise<void> {
    const bundle = this.results.get(this.ctx.store.get().result?.runId);
    if (!bundle) {
      this.ctx.notify('Run the scenario first: there are no results to export yet.');
      return;
    }
    try {
      // results.json travels with the bundle; the CSVs are built by the worker that ran it, on demand.
      let files: Partial<Record<ExportFileName, string>> = { 'results.json': bundle.files['results.json'] };
      if (only !== 'results.json') {
        const out = await this.engine.exportFiles(bundle.id);
        if (!out.ok) {
          this.ctx.fail('run', 'Export failed', out.message);
          return;
        }
        files = out.files;
      }
      const msg = await exportFiles(files, only);
      if (msg) this.ctx.notify(msg);
    } catch (e) {
      this.ctx.fail('run', 'Export failed', errorMessage(e));
    }
  }
}
