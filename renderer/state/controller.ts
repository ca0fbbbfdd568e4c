/**
 * The app's behaviour: the scenario library, the editor document (its undo history is
 * `DocHistory`, its state types `app-state.ts`), validation, traces, running and cancelling,
 * exports.
 * Views read the immer store and call these methods; the engine and the OS are
 * injected so component tests can use fakes.
 */
import type { ScenarioProblem, TraceInput } from '../../sim-engine/worker/types';
import { errorMessage, isCancelled, type EngineClient } from '../engine/client';
import { desktopApi, downloadText, exportFiles, readFileBytes, readFileText, type ExportFileName, type FleetlabApi, type MenuCommand } from '../platform/host';
import { BUILTIN_SCENARIOS, builtinTraceUrl, type BuiltinScenario } from './builtins';
import { BUILTIN_CATALOG, type AcceleratorInfo } from './catalog';
import { ResultsCache } from './results-cache';
import { parseScenarioText, serializeScenario, setIn, type DocPath, type ScenarioDoc } from './scenario-doc';
import { Store } from './store';
import { validateDoc } from './validate';
import type { AppError, AppState, RunInfo, ScenarioEntry, Theme } from './app-state';
import { DocHistory } from './history';
import { basename, TracePreviewer } from './trace-preview';

export type { AppError, AppPhase, AppState, Progress, RunInfo, ScenarioEntry, Theme, TracePreview } from './app-state';

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

export const MAX_REPLICATIONS = 100;
const fmtProblem = (p: ScenarioProblem) => `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;

export class AppController {
  readonly store: Store<AppState>;
  readonly results = new ResultsCache(8);
  readonly catalog: AcceleratorInfo[];
  private readonly engine: EngineClient;
  private readonly checker: EngineClient;
  private readonly inspector: EngineClient;
  /** Bytes of the file in the preview (kept out of the store). */
  private readonly previewer: TracePreviewer;
  private readonly builtins: BuiltinScenario[];
  private readonly desktop: FleetlabApi | undefined;
  private readonly checkDelayMs: number;
  private readonly now: () => number;
  private readonly history: DocHistory;
  private savedJson = '';
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private checkGen = 0;
  private runGen = 0;
  private runSeq = 0;
  /** The document each run was made from, to tell whether results are stale. */
  private runDocs = new Map<string, string>();
  private pendingConfirm: (() => void) | null = null;
  private traces = new Map<string, Uint8Array>();
  private lastProgressAt = 0;
  private unsubscribers: (() => void)[] = [];
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(opts: ControllerOptions) {
    this.engine = opts.engine;
    this.checker = opts.checker ?? opts.engine;
    this.inspector = opts.inspector ?? this.checker;
    this.builtins = opts.builtins ?? BUILTIN_SCENARIOS;
    this.catalog = opts.catalog ?? BUILTIN_CATALOG;
    this.desktop = opts.desktop ?? desktopApi();
    this.checkDelayMs = opts.checkDelayMs ?? 300;
    this.now = opts.now ?? (() => performance.now());
    this.history = new DocHistory(this.now);
    this.store = new Store<AppState>({
      phase: 'loading',
      error: null,
      library: this.builtins.map((b) => ({ id: `builtin:${b.fileName}`, fileName: b.fileName, title: titleOf(b.text, b.fileName), source: 'builtin', text: b.text })),
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
    });
    this.previewer = new TracePreviewer(this.store, this.inspector, this.now);
    if (opts.autoLoad !== false) this.init();
  }

  get state(): AppState {
    return this.store.get();
  }

  get isDesktop(): boolean {
    return !!this.desktop;
  }

  private init(): void {
    const first = this.state.library[0];
    if (first) this.activate(first.id);
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
    if (this.checkTimer) clearTimeout(this.checkTimer);
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

  // ------------------------------------------------------------------ library

  /** The active library entry. */
  get active(): ScenarioEntry | undefined {
    const s = this.state;
    return s.library.find((e) => e.id === s.activeId);
  }

  /** Run `action` now, or after the user agrees to discard unsaved edits. */
  guard(action: () => void, what = 'continue'): void {
    if (!this.state.dirty) {
      action();
      return;
    }
    this.pendingConfirm = action;
    const name = this.active?.fileName ?? 'this scenario';
    this.store.update((s) => {
      s.confirm = { title: 'Discard unsaved changes?', message: `${name} has edits that are not saved. Discard them and ${what}?`, confirmLabel: 'Discard changes' };
    });
  }

  resolveConfirm(ok: boolean): void {
    const action = this.pendingConfirm;
    this.pendingConfirm = null;
    this.store.update((s) => {
      s.confirm = null;
    });
    if (ok && action) action();
  }

  selectScenario(id: string): void {
    if (id === this.state.activeId) return;
    this.guard(() => this.activate(id), 'switch scenarios');
  }

  private activate(id: string): void {
    const entry = this.state.library.find((e) => e.id === id);
    if (!entry) return;
    const parsed = parseScenarioText(entry.text);
    if (!parsed.ok) {
      const p = parsed.problem;
      this.fail('load', `Could not open ${entry.fileName}`, `${entry.fileName}, line ${p.line}, column ${p.column}: ${p.message}`);
      return;
    }
    this.history.clear();
    this.savedJson = JSON.stringify(parsed.doc);
    this.store.update((s) => {
      s.activeId = id;
      s.doc = parsed.doc;
      s.dirty = false;
      s.canUndo = s.canRedo = false;
      s.checkProblems = [];
      s.checkError = null;
      s.tracePaths = [];
      s.missingTraces = [];
      s.zoom = null;
      const prev = s.resultsByScenario[id];
      s.result = prev && this.results.get(prev.runId) ? prev : null;
      s.resultsStale = false;
      if (s.phase !== 'running' && s.phase !== 'loading') s.phase = s.result ? 'done' : 'ready';
      s.error = null;
    });
    this.scheduleCheck(0, true);
  }

  /** Load scenario text from a file the user picked (web input or desktop dialog). */
  loadFile(fileName: string, text: string, path?: string): void {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      const p = parsed.problem;
      this.fail('load', `Could not open ${fileName}`, `${fileName}, line ${p.line}, column ${p.column}: ${p.message}. Fix the file and open it again.`, [`${fileName}:${p.line}:${p.column}: ${p.message}`]);
      return;
    }
    const id = `file:${path ?? fileName}`;
    this.store.update((s) => {
      const entry: ScenarioEntry = { id, fileName, title: titleOf(text, fileName), source: 'file', text, ...(path ? { path } : {}) };
      const i = s.library.findIndex((e) => e.id === id);
      if (i >= 0) s.library[i] = entry;
      else s.library.push(entry);
      s.activeId = null; // force activate to reload
    });
    this.activate(id);
  }

  async openWebFile(file: File): Promise<void> {
    let text: string;
    try {
      text = await readFileText(file);
    } catch (e) {
      this.fail('load', `Could not read ${file.name}`, `${file.name}: ${errorMessage(e)}`);
      return;
    }
    this.guard(() => this.loadFile(file.name, text), 'open another file');
  }

  async openDialog(): Promise<void> {
    if (!this.desktop) return;
    this.guard(() => {
      void (async () => {
        try {
          const opened = await this.desktop!.openScenario();
          if (opened) this.loadFile(opened.name, opened.text, opened.path);
        } catch (e) {
          this.fail('load', 'Could not open the file', errorMessage(e));
        }
      })();
    }, 'open another file');
  }

  async openRecent(path: string): Promise<void> {
    if (!this.desktop) return;
    this.guard(() => {
      void (async () => {
        try {
          const opened = await this.desktop!.openRecent(path);
          if (opened) this.loadFile(opened.name, opened.text, opened.path);
        } catch (e) {
          this.fail('load', `Could not open ${basename(path)}`, errorMessage(e));
        }
      })();
    }, 'open another file');
  }

  // ------------------------------------------------------------------ traces

  /** Open a trace file the user picked or dropped (web mode): preview it. */
  async openTraceFile(file: File): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await readFileBytes(file);
    } catch (e) {
      this.fail('load', `Could not read ${file.name}`, `${file.name}: ${errorMessage(e)}`);
      return;
    }
    this.previewTrace(file.name, bytes);
  }

  /** Desktop: the native open dialog, then the preview. */
  async openTraceDialog(): Promise<void> {
    if (!this.desktop) return;
    try {
      const t = await this.desktop.openTrace();
      if (t) this.previewTrace(t.name, t.bytes);
    } catch (e) {
      this.fail('load', 'Could not open the trace', errorMessage(e));
    }
  }

  /** Summarize `bytes` in the worker and show the preview (`format`: `auto` or a format id). */
  previewTrace(fileName: string, bytes: Uint8Array, format = 'auto'): void {
    this.previewer.show(fileName, bytes, format);
  }

  /** Read the previewed file again as another format (the picker). */
  setPreviewFormat(format: string): void {
    this.previewer.setFormat(format);
  }

  closePreview(): void {
    this.previewer.close();
  }

  /**
   * Keep the previewed bytes for runs and, unless the scenario already names this file,
   * add a `kind: trace` workload entry for it (one undoable step).
   */
  useTraceInScenario(): void {
    const p = this.state.preview;
    const bytes = this.previewer.bytes;
    if (!p || !bytes || p.phase !== 'done' || !p.summary) return;
    if (p.summary.kind !== 'jobs') {
      this.notify(`${p.fileName} holds ${p.summary.kind === 'requests' ? 'inference requests' : 'a fleet inventory'}: only batch-job traces can be replayed yet.`);
      return;
    }
    const format = p.format === 'auto' ? p.summary.format : p.format;
    this.traces.set(p.fileName, bytes);
    const named = this.state.tracePaths.some((t) => basename(t) === p.fileName);
    if (!named && this.state.doc) {
      this.change((d) => {
        if (!Array.isArray(d.workload)) d.workload = [];
        (d.workload as ScenarioDoc[]).push({ kind: 'trace', path: p.fileName, format });
      });
    }
    this.closePreview();
    this.syncTraces(named ? `${p.fileName} attached: the scenario can run now` : `Added ${p.fileName} (${format}) to the scenario's workload`);
  }

  private syncTraces(message?: string): void {
    this.store.update((s) => {
      s.attachedTraces = [...this.traces.keys()];
      s.missingTraces = this.missingOf(s.tracePaths);
    });
    if (message) this.notify(message);
  }

  /** Trace paths the app has no bytes for: neither opened by the user nor bundled with a built-in. */
  private missingOf(paths: readonly string[]): string[] {
    const builtin = this.active?.source === 'builtin';
    return paths.filter((p) => !this.traces.has(basename(p)) && !(builtin && builtinTraceUrl(p)));
  }

  private async resolveTraces(paths: string[]): Promise<TraceInput[]> {
    const out: TraceInput[] = [];
    const missing: string[] = [];
    for (const path of paths) {
      const attached = this.traces.get(basename(path));
      if (attached) {
        out.push({ path, bytes: attached });
        continue;
      }
      const url = this.active?.source === 'builtin' ? builtinTraceUrl(path) : undefined;
      if (url) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`could not load the bundled trace ${path} (HTTP ${res.status})`);
        out.push({ path, bytes: new Uint8Array(await res.arrayBuffer()) });
        continue;
      }
      missing.push(path);
    }
    if (missing.length) {
      throw new Error(`This scenario reads ${missing.length === 1 ? 'a trace file' : 'trace files'} the app does not have yet: ${missing.join(', ')}. Use “Open trace…” to open ${missing.length === 1 ? 'it' : 'them'}, then run again.`);
    }
    return out;
  }

  // ------------------------------------------------------------------ editing

  /** Set a value in the document (`undefined` deletes it). Rapid edits of one field merge into one undo step. */
  edit(path: DocPath, value: unknown, coalesce = true): void {
    const key = coalesce ? JSON.stringify(path) : null;
    this.change((d) => setIn(d, path, value), key);
  }

  /** Any structural change (add/remove a pool, …) as one undo step. */
  change(recipe: (draft: ScenarioDoc) => void, key: string | null = null): void {
    const doc = this.state.doc;
    if (!doc) return;
    const next = this.history.change(doc, recipe, key);
    if (next) this.setDoc(next);
  }

  undo(): void {
    const doc = this.state.doc;
    const prev = doc && this.history.undo(doc);
    if (prev) this.setDoc(prev);
  }

  redo(): void {
    const doc = this.state.doc;
    const next = doc && this.history.redo(doc);
    if (next) this.setDoc(next);
  }

  private setDoc(doc: ScenarioDoc): void {
    const json = JSON.stringify(doc);
    const dirty = json !== this.savedJson;
    this.store.update((s) => {
      s.doc = doc;
      s.dirty = dirty;
      s.canUndo = this.history.canUndo;
      s.canRedo = this.history.canRedo;
      if (s.result) s.resultsStale = this.runDocs.get(s.result.runId) !== json;
    });
    this.scheduleCheck(this.checkDelayMs, false);
  }

  /** The document as YAML, keeping the original file's comments and layout. */
  currentText(): string {
    const entry = this.active;
    const doc = this.state.doc;
    if (!entry || !doc) return '';
    if (!this.state.dirty) return entry.text;
    return serializeScenario(entry.text, doc);
  }

  localProblems() {
    const doc = this.state.doc;
    return doc ? validateDoc(doc, this.catalog) : [];
  }

  private scheduleCheck(delayMs: number, fromLoad: boolean): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    const gen = ++this.checkGen;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      void this.runCheck(gen, fromLoad);
    }, delayMs);
  }

  private async runCheck(gen: number, fromLoad: boolean): Promise<void> {
    const entry = this.active;
    if (!entry) return;
    const text = this.currentText();
    try {
      const res = await this.checker.check(text, entry.fileName);
      if (gen !== this.checkGen) return;
      this.store.update((s) => {
        s.checkError = null;
        s.checkProblems = res.ok ? [] : res.problems;
        s.tracePaths = res.ok ? res.tracePaths : s.tracePaths;
        s.missingTraces = this.missingOf(s.tracePaths);
        if (!res.ok && fromLoad && entry.source === 'file' && s.phase !== 'running') {
          s.phase = 'error';
          s.error = {
            kind: 'scenario',
            title: `${entry.fileName} has ${res.problems.length} problem${res.problems.length === 1 ? '' : 's'}`,
            message: `${res.problems.map(fmtProblem).slice(0, 3).join('\n')}${res.problems.length > 3 ? `\n… and ${res.problems.length - 3} more (see the editor)` : ''}`,
            lines: res.problems.map(fmtProblem),
          };
        } else if (res.ok && s.error?.kind === 'scenario' && s.phase === 'error') {
          s.phase = s.result ? 'done' : 'ready';
          s.error = null;
        }
      });
    } catch (e) {
      if (gen !== this.checkGen || isCancelled(e)) return;
      this.store.update((s) => {
        s.checkError = `Validation is unavailable: ${errorMessage(e)}`;
      });
    }
  }

  // ------------------------------------------------------------------ saving and exporting

  async save(): Promise<void> {
    const entry = this.active;
    if (!entry || !this.state.doc) return;
    const text = this.currentText();
    try {
      if (this.desktop) {
        const res = await this.desktop.saveScenario({ suggestedName: entry.fileName, text, ...(entry.path ? { path: entry.path } : {}) });
        if (!res) return;
        this.markSaved(text, res.path);
        this.notify(`Saved ${basename(res.path)}`);
      } else {
        downloadText(entry.fileName, text, 'application/yaml');
        this.markSaved(text);
        this.notify(`Downloaded ${entry.fileName}`);
      }
    } catch (e) {
      this.fail('load', `Could not save ${entry.fileName}`, errorMessage(e));
    }
  }

  private markSaved(text: string, path?: string): void {
    const doc = this.state.doc;
    this.savedJson = JSON.stringify(doc);
    this.store.update((s) => {
      const e = s.library.find((x) => x.id === s.activeId);
      if (e) {
        e.text = text;
        e.title = titleOf(text, e.fileName);
        if (path) {
          e.path = path;
          e.fileName = basename(path);
        }
      }
      s.dirty = false;
    });
  }

  async exportResults(only?: ExportFileName): Promise<void> {
    const bundle = this.results.get(this.state.result?.runId);
    if (!bundle) {
      this.notify('Run the scenario first: there are no results to export yet.');
      return;
    }
    try {
      // results.json travels with the bundle; the CSVs are built by the worker that ran it, on demand.
      let files: Partial<Record<ExportFileName, string>> = { 'results.json': bundle.files['results.json'] };
      if (only !== 'results.json') {
        const out = await this.engine.exportFiles(bundle.id);
        if (!out.ok) {
          this.fail('run', 'Export failed', out.message);
          return;
        }
        files = out.files;
      }
      const msg = await exportFiles(files, only);
      if (msg) this.notify(msg);
    } catch (e) {
      this.fail('run', 'Export failed', errorMessage(e));
    }
  }

  // ------------------------------------------------------------------ running

  async run(): Promise<void> {
    const s0 = this.state;
    const entry = this.active;
    if (s0.phase === 'running' || s0.phase === 'loading' || !entry || !s0.doc) return;
    const local = this.localProblems();
    if (local.length > 0) {
      this.fail('scenario', `Fix ${local.length} problem${local.length === 1 ? '' : 's'} before running`, local.map((p) => `${p.path}: ${p.message}`).slice(0, 3).join('\n'), local.map((p) => `${p.path}: ${p.message}`));
      return;
    }
    const text = this.currentText();
    const fileName = entry.fileName;
    const scenarioId = entry.id;
    const docJson = JSON.stringify(s0.doc);
    const gen = ++this.runGen;
    const started = this.now();
    this.lastProgressAt = 0;
    this.store.update((s) => {
      s.phase = 'running';
      s.error = null;
      s.notice = null; // a new run makes an old notice ("Run cancelled") stale
      s.progress = { fraction: 0, policy: '', policyIndex: 0, policies: 0, simTimeS: 0, elapsedS: 0, etaS: null };
    });
    try {
      const check = await this.checker.check(text, fileName);
      if (gen !== this.runGen) return;
      if (!check.ok) {
        this.fail('scenario', `${fileName} has ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}`, check.problems.map(fmtProblem).slice(0, 3).join('\n'), check.problems.map(fmtProblem));
        return;
      }
      const traces = await this.resolveTraces(check.tracePaths);
      if (gen !== this.runGen) return;
      const reps = s0.replications > 1 ? { replications: s0.replications } : {};
      const outcome = await this.engine.run({ text, fileName, traces, ...reps }, (p) => {
        if (gen !== this.runGen) return;
        const t = this.now();
        if (t - this.lastProgressAt < 100 && p.fraction < 1) return;
        this.lastProgressAt = t;
        const elapsedS = (t - started) / 1000;
        const etaS = p.fraction > 0.01 && elapsedS > 0.3 ? (elapsedS * (1 - p.fraction)) / p.fraction : null;
        this.store.update((s) => {
          if (s.phase !== 'running') return;
          s.progress = { fraction: p.fraction, policy: p.policy, policyIndex: p.policyIndex, policies: p.policies, simTimeS: p.simTimeS, elapsedS, etaS };
        });
      });
      if (gen !== this.runGen) return;
      if (!outcome.ok) {
        const lines = outcome.problems.map(fmtProblem);
        this.fail('run', 'The run stopped', [outcome.message, ...lines.slice(0, 3)].filter(Boolean).join('\n'), lines);
        return;
      }
      const runId = `run-${++this.runSeq}`;
      this.results.set(runId, outcome.bundle);
      const elapsedS = (this.now() - started) / 1000;
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
      this.store.update((s) => {
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
      if (this.state.activeId !== scenarioId) this.notify(`Results of ${fileName} are ready: switch back to it to see them.`);
    } catch (e) {
      if (gen !== this.runGen || isCancelled(e)) return;
      this.fail('run', 'The run failed', errorMessage(e));
    }
  }

  /** Sets the runs per policy of the next run (a whole number, 1..MAX_REPLICATIONS; other values are ignored). */
  setReplications(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPLICATIONS) return;
    this.store.update((s) => {
      s.replications = n;
    });
  }

  cancel(): void {
    if (this.state.phase !== 'running') return;
    this.runGen++;
    this.engine.cancel();
    this.store.update((s) => {
      s.phase = 'ready';
      s.progress = null;
    });
    this.notify('Run cancelled');
  }

  // ------------------------------------------------------------------ misc

  private fail(kind: AppError['kind'], title: string, message: string, lines: string[] = []): void {
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

  setZoom(zoom: [number, number] | null): void {
    this.store.update((s) => {
      s.zoom = zoom;
    });
  }
}

function titleOf(text: string, fileName: string): string {
  const m = /^name:\s*(.+?)\s*$/m.exec(text);
  if (!m) return fileName;
  const v = m[1]!.replace(/^(['"])(.*)\1$/, '$2');
  return v || fileName;
}
