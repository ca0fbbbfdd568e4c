/**
 * The scenario document being edited: its undo history, whether it is saved, its quick
 * check (the engine's schema, at every edit), the debounced validation in the checker worker
 * (a newer check makes an older answer stale), and the error banner of its problems, which
 * follows the document as they are fixed.
 */
import { plural } from '../../sim-engine/report/plural';
import { locateProblems } from '../../sim-engine/scenario/loader';
import type { ScenarioProblem } from '../../sim-engine/worker/types';
import { errorMessage, isCancelled, type EngineClient } from '../engine/client';
import type { AppContext } from './app-context';
import { fmtProblem } from './app-context';
import type { AppState } from './app-state';
import { DocHistory } from './history';
import { serializeScenario, setIn, type DocPath, type ScenarioDoc } from './scenario-doc';
import { problemKey, validateDoc, type FieldProblem } from './validate';

/** Banner lines shown before "… and N more (see the editor)". */
const BANNER_LINES = 3;

export interface DocumentDeps {
  checker: EngineClient;
  checkDelayMs: number;
  /** Trace paths the app has no bytes for. */
  missingOf(paths: readonly string[]): string[];
  /** The document JSON a run was made from (to mark results stale). */
  docOfRun(runId: string): string | undefined;
}

export class ScenarioDocument {
  private readonly history: DocHistory;
  private savedJson = '';
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private checkGen = 0;
  /** The quick check of each document (documents are immutable: one check per edit). */
  private readonly checked = new WeakMap<ScenarioDoc, FieldProblem[]>();
  private readonly located = new WeakMap<ScenarioDoc, ScenarioProblem[]>();
  /** The problems the error banner lists (kind `scenario`), to clear it as they are fixed. */
  private bannerProblems: ScenarioProblem[] = [];
  private bannerTitle: (n: number) => string = () => '';

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: DocumentDeps,
  ) {
    this.history = new DocHistory(ctx.now);
  }

  /** Start editing `doc` as loaded from disk (no history, not dirty). */
  load(doc: ScenarioDoc): void {
    this.history.clear();
    this.savedJson = JSON.stringify(doc);
  }

  /** Set a value in the document (`undefined` deletes it). Rapid edits of one field merge into one undo step. */
  edit(path: DocPath, value: unknown, coalesce = true): void {
    const key = coalesce ? JSON.stringify(path) : null;
    this.change((d) => setIn(d, path, value), key);
  }

  /** Any structural change (add/remove a pool, …) as one undo step. */
  change(recipe: (draft: ScenarioDoc) => void, key: string | null = null): void {
    const doc = this.ctx.store.get().doc;
    if (!doc) return;
    const next = this.history.change(doc, recipe, key);
    if (next) this.setDoc(next);
  }

  undo(): void {
    const doc = this.ctx.store.get().doc;
    const prev = doc && this.history.undo(doc);
    if (prev) this.setDoc(prev);
  }

  redo(): void {
    const doc = this.ctx.store.get().doc;
    const next = doc && this.history.redo(doc);
    if (next) this.setDoc(next);
  }

  private setDoc(doc: ScenarioDoc): void {
    const json = JSON.stringify(doc);
    const dirty = json !== this.savedJson;
    // The quick check runs the worker's schema: a worker problem it no longer finds is fixed
    // (or undone) — drop it now, not when the debounced check answers (or never, if it fails).
    const now = new Set(this.quickCheck(doc).map(problemKey));
    const stillThere = (p: ScenarioProblem) => now.has(problemKey(p));
    this.ctx.store.update((s) => {
      s.doc = doc;
      s.dirty = dirty;
      s.canUndo = this.history.canUndo;
      s.canRedo = this.history.canRedo;
      if (s.result) s.resultsStale = this.deps.docOfRun(s.result.runId) !== json;
      s.checkProblems = s.checkProblems.filter(stillThere);
      if (s.error?.kind === 'scenario') this.updateBanner(s, this.bannerProblems.filter(stillThere));
    });
    this.scheduleCheck(this.deps.checkDelayMs, false);
  }

  private quickCheck(doc: ScenarioDoc): FieldProblem[] {
    let problems = this.checked.get(doc);
    if (!problems) this.checked.set(doc, (problems = validateDoc(doc)));
    return problems;
  }

  /**
   * Show `problems` in the error banner (`title` given their count), as `file:line:col: path: message`
   * lines; the banner follows the document from then on: it shrinks as problems are fixed and
   * goes away when none is left.
   */
  showProblems(title: (n: number) => string, problems: ScenarioProblem[]): void {
    this.bannerTitle = title;
    this.ctx.store.update((s) => {
      s.phase = 'error';
      s.progress = null;
      this.updateBanner(s, problems, true);
    });
  }

  private updateBanner(s: AppState, problems: ScenarioProblem[], force = false): void {
    if (!force && problems.length === this.bannerProblems.length && problems.every((p, i) => p === this.bannerProblems[i])) return;
    this.bannerProblems = problems;
    if (problems.length === 0) {
      s.error = null;
      if (s.phase === 'error') s.phase = s.result ? 'done' : 'ready';
      return;
    }
    const lines = problems.map(fmtProblem);
    const more = lines.length - BANNER_LINES;
    s.error = { kind: 'scenario', title: this.bannerTitle(problems.length), message: `${lines.slice(0, BANNER_LINES).join('\n')}${more > 0 ? `\n… and ${more} more (see the editor)` : ''}`, lines };
  }

  /** The document as YAML, keeping the original file's comments and layout. */
  currentText(): string {
    const entry = this.ctx.active;
    const { doc, dirty } = this.ctx.store.get();
    if (!entry || !doc) return '';
    if (!dirty) return entry.text;
    return serializeScenario(entry.text, doc);
  }

  /**
   * The quick check's problems, located in the document's text like the worker locates them
   * (the same `file:line:col`, path and words: the editor shows a problem both find once).
   */
  localProblems(): ScenarioProblem[] {
    const { doc } = this.ctx.store.get();
    const entry = this.ctx.active;
    if (!doc || !entry) return [];
    let located = this.located.get(doc);
    if (!located) {
      const problems = this.quickCheck(doc);
      this.located.set(doc, (located = problems.length ? locateProblems(this.currentText(), entry.fileName, problems) : []));
    }
    return located;
  }

  /** The current document is what is on disk now. */
  markSaved(): void {
    this.savedJson = JSON.stringify(this.ctx.store.get().doc);
  }

  scheduleCheck(delayMs: number, fromLoad: boolean): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
    const gen = ++this.checkGen;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      void this.runCheck(gen, fromLoad);
    }, delayMs);
  }

  dispose(): void {
    if (this.checkTimer) clearTimeout(this.checkTimer);
  }

  private async runCheck(gen: number, fromLoad: boolean): Promise<void> {
    const entry = this.ctx.active;
    if (!entry) return;
    const text = this.currentText();
    try {
      const res = await this.deps.checker.check(text, entry.fileName);
      if (gen !== this.checkGen) return;
      this.ctx.store.update((s) => {
        s.checkError = null;
        s.checkProblems = res.ok ? [] : res.problems;
        s.tracePaths = res.ok ? res.tracePaths : s.tracePaths;
        s.missingTraces = this.deps.missingOf(s.tracePaths);
        if (!res.ok && fromLoad && entry.source === 'file' && s.phase !== 'running') {
          this.bannerTitle = (n) => `${entry.fileName} has ${plural(n, 'problem')}`;
          s.phase = 'error';
          this.updateBanner(s, res.problems, true);
        } else if (s.error?.kind === 'scenario') {
          // The banner follows the worker's answer: gone when the scenario is valid, else its current problems.
          this.updateBanner(s, res.ok ? [] : res.problems, true);
        }
      });
    } catch (e) {
      if (gen !== this.checkGen || isCancelled(e)) return;
      this.ctx.store.update((s) => {
        s.checkError = `Validation is unavailable: ${errorMessage(e)}`;
      });
    }
  }
}
