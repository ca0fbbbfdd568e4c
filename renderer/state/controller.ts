/**
 * The app's behaviour, as one facade over its parts: the scenario library (`library.ts`),
 * the document being edited and its validation (`document.ts`), trace files
 * (`traces.ts`), runs and exports (`runs.ts`). Views read the immer store and call these
 * methods; the engine and the OS are injected so component tests can use fakes.
 */
import type { EngineClient } from '../engine/client';
import { desktopApi, type ExportFileName, type FleetlabApi, type MenuCommand } from '../platform/host';
import type { AppContext } from './app-context';
import { titleOf } from './app-context';
import type { AppError, AppState, ScenarioEntry, Theme } from './app-state';
import { BUILTIN_SCENARIOS, type BuiltinScenario } from './builtins';
import { BUILTIN_CATALOG, type AcceleratorInfo } from './catalog';
import { ScenarioDocument } from './document';
import { ScenarioLibrary } from './library';
import { NO_REQUIREMENTS, type RequirementTexts } from './requirements';
import { RunController } from './runs';
import type { DocPath, ScenarioDoc } from './scenario-doc';
import { Store } from './store';
import { TraceFiles } from './traces';

export type { AppError, AppPhase, AppState, Progress, RunInfo, ScenarioEntry, Theme, TracePreview } from './app-state';
export { MAX_REPLICATIONS } from './runs';

export interface ControllerOptions {
  /** Runs simulations (terminated on cancel). */
  engine: EngineClient;
  /** Validates scenarios; defaults to `engine`. A separate client keeps checks responsive during runs. */
  checker?: EngineClient;
  /** Summarizes traces for the preview; defaults to `checker`. */
  inspector?: EngineClient;
  builtins?: BuiltinScenario[];
  catalog?: AcceleratorInfo[];
  desktop?: FleetlabApi;
  checkDelayMs?: number;
  now?: () => number;
  theme?: Theme;
  /** Loads the first built-in on init (default true). */
  autoLoad?: boolean;
}

export class AppController implements AppContext {
  readonly store: Store<AppState>;
  readonly catalog: AcceleratorInfo[];
  readonly now: () => number;
  private readonly engine: EngineClient;
  private readonly checker: EngineClient;
  private readonly inspector: EngineClient;
  private readonly desktop: FleetlabApi | undefined;
  private readonly doc: ScenarioDocument;
  private readonly library: ScenarioLibrary;
  private readonly traces: TraceFiles;
  private readonly runs: RunController;
  private unsubscribers: (() => void)[] = [];
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(opts: ControllerOptions) {
    this.engine = opts.engine;
    this.checker = opts.checker ?? opts.engine;
    this.inspector = opts.inspector ?? this.checker;
    this.catalog = opts.catalog ?? BUILTIN_CATALOG;
    this.desktop = opts.desktop ?? desktopApi();
    this.now = opts.now ?? (() => performance.now());
    const builtins = opts.builtins ?? BUILTIN_SCENARIOS;
    this.store = new Store<AppState>({
      phase: 'loading',
      error: null,
      library: builtins.map((b) => ({ id: `builtin:${b.fileName}`, fileName: b.fileName, title: titleOf(b.text, b.fileName), source: 'builtin', text: b.text })),
      activeId: null,
      doc: null,
      dirty: false,
      canUndo: false,
      canRedo: false,
      checkProblems: [],
      checkError: null,
      tracePaths: [],
      progress: null,
      result: null,
      resultsByScenario: {},
      resultsStale: false,
      theme: opts.theme ?? 'light',
      notice: null,
      confirm: null,
      attachedTraces: [],
      missingTraces: [],
      preview: null,
      zoom: null,
      replications: 1,
      requirements: {},
    });
    this.traces = new TraceFiles(this, this.inspector, this.desktop, (r) => this.doc.change(r));
    this.doc = new ScenarioDocument(this, {
      checker: this.checker,
      checkDelayMs: opts.checkDelayMs ?? 300,
      missingOf: (paths) => this.traces.missingOf(paths),
      docOfRun: (runId) => this.runs.docOfRun(runId),
    });
    this.runs = new RunController(this, this.engine, this.checker, this.doc, this.traces);
    this.library = new ScenarioLibrary(this, this.doc, this.desktop, (runId) => !!this.runs.results.get(runId));
    if (opts.autoLoad !== false) this.init();
  }

  get state(): AppState {
    return this.store.get();
  }

  get isDesktop(): boolean {
    return !!this.desktop;
  }

  /** Results bundles of recent runs, by run id. */
  get results() {
    return this.runs.results;
  }

  private init(): void {
    const first = this.state.library[0];
    if (first) this.library.activate(first.id);
    this.store.update((s) => {
      if (s.phase === 'loading') s.phase = 'ready';
    });
    if (this.desktop) {
      this.unsubscribers.push(this.desktop.onMenuCommand((c) => this.menuCommand(c)));
      this.unsubscribers.push(this.desktop.onOpenRecent((p) => void this.openRecent(p)));
    }
  }

  dispose(): void {
    for (const u of this.unsubscribers) u();
    this.doc.dispose();
    this.engine.dispose();
    if (this.checker !== this.engine) this.checker.dispose();
    if (this.inspector !== this.engine && this.inspector !== this.checker) this.inspector.dispose();
  }

  menuCommand(c: MenuCommand): void {
    switch (c) {
      case 'open-scenario': void this.openDialog(); break;
      case 'open-trace': void this.openTraceDialog(); break;
      case 'save-scenario': void this.save(); break;
      case 'export-results': void this.exportResults(); break;
      case 'run-all': void this.run(); break;
      case 'cancel-run': this.cancel(); break;
      case 'toggle-theme': this.toggleTheme(); break;
      case 'undo': this.undo(); break;
      case 'redo': this.redo(); break;
    }
  }

  // ------------------------------------------------------------------ library (library.ts)

  /** The active library entry. */
  get active(): ScenarioEntry | undefined {
    const s = this.state;
    return s.library.find((e) => e.id === s.activeId);
  }

  guard(action: () => void, what?: string): void { this.library.guard(action, what); }
  resolveConfirm(ok: boolean): void { this.library.resolveConfirm(ok); }
  selectScenario(id: string): void { this.library.select(id); }
  loadFile(fileName: string, text: string, path?: string): void { this.library.loadFile(fileName, text, path); }
  openWebFile(file: File): Promise<void> { return this.library.openWebFile(file); }
  openDialog(): Promise<void> { return this.library.openDialog(); }
  openRecent(path: string): Promise<void> { return this.library.openRecent(path); }
  save(): Promise<void> { return this.library.save(); }

  // ------------------------------------------------------------------ traces (traces.ts)

  openTraceFile(file: File): Promise<void> { return this.traces.openFile(file); }
  openTraceDialog(): Promise<void> { return this.traces.openDialog(); }
  previewTrace(fileName: string, bytes: Uint8Array, format = 'auto'): void { this.traces.preview(fileName, bytes, format); }
  setPreviewFormat(format: string): void { this.traces.setPreviewFormat(format); }
  closePreview(): void { this.traces.closePreview(); }
  useTraceInScenario(): void { this.traces.useInScenario(); }

  // ------------------------------------------------------------------ editing (document.ts)

  edit(path: DocPath, value: unknown, coalesce = true): void { this.doc.edit(path, value, coalesce); }
  change(recipe: (draft: ScenarioDoc) => void, key: string | null = null): void { this.doc.change(recipe, key); }
  undo(): void { this.doc.undo(); }
  redo(): void { this.doc.redo(); }
  currentText(): string { return this.doc.currentText(); }
  localProblems() { return this.doc.localProblems(); }

  // ------------------------------------------------------------------ runs (runs.ts)

  run(): Promise<void> { return this.runs.run(); }
  setReplications(n: number): void { this.runs.setReplications(n); }
  cancel(): void { this.runs.cancel(); }
  exportResults(only?: ExportFileName): Promise<void> { return this.runs.exportResults(only); }

  // ------------------------------------------------------------------ notices, errors, view state

  fail(kind: AppError['kind'], title: string, message: string, lines: string[] = []): void {
    this.store.update((s) => {
      s.phase = 'error';
      s.progress = null;
      s.error = { kind, title, message, lines };
    });
  }

  dismissError(): void {
    this.store.update((s) => {
      if (s.phase !== 'error') return;
      s.phase = s.result ? 'done' : 'ready';
      s.error = null;
    });
  }

  notify(message: string): void {
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.store.update((s) => {
      s.notice = message;
    });
    this.noticeTimer = setTimeout(() => {
      this.store.update((s) => {
        s.notice = null;
      });
    }, 4000);
  }

  setTheme(theme: Theme): void {
    this.store.update((s) => {
      s.theme = theme;
    });
  }

  toggleTheme(): void {
    this.setTheme(this.state.theme === 'dark' ? 'light' : 'dark');
  }

  /** The planner's requirements for a scenario's results (text as typed; requirements.ts parses it). */
  setRequirements(scenarioId: string, patch: Partial<RequirementTexts>): void {
    this.store.update((s) => {
      const next = { ...NO_REQUIREMENTS, ...s.requirements[scenarioId], ...patch };
      if (Object.values(next).every((v) => v === '')) delete s.requirements[scenarioId];
      else s.requirements[scenarioId] = next;
    });
  }

  setZoom(zoom: [number, number] | null): void {
    this.store.update((s) => {
      s.zoom = zoom;
    });
  }
}
