/**
 * The scenario document being edited: its undo history, whether it is saved, and the
 * debounced validation in the checker worker (a newer check makes an older answer stale).
 */
import { errorMessage, isCancelled, type EngineClient } from '../engine/client';
import type { AppContext } from './app-context';
import { fmtProblem } from './app-context';
import type { AcceleratorInfo } from './catalog';
import { DocHistory } from './history';
import { serializeScenario, setIn, type DocPath, type ScenarioDoc } from './scenario-doc';
import { validateDoc } from './validate';

export interface DocumentDeps {
  checker: EngineClient;
  catalog: AcceleratorInfo[];
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
    this.ctx.store.update((s) => {
      s.doc = doc;
      s.dirty = dirty;
      s.canUndo = this.history.canUndo;
      s.canRedo = this.history.canRedo;
      if (s.result) s.resultsStale = this.deps.docOfRun(s.result.runId) !== json;
    });
    this.scheduleCheck(this.deps.checkDelayMs, false);
  }

  /** The document as YAML, keeping the original file's comments and layout. */
  currentText(): string {
    const entry = this.ctx.active;
    const { doc, dirty } = this.ctx.store.get();
    if (!entry || !doc) return '';
    if (!dirty) return entry.text;
    return serializeScenario(entry.text, doc);
  }

  /** Problems found without the worker (unknown accelerators, …). */
  localProblems() {
    const doc = this.ctx.store.get().doc;
    return doc ? validateDoc(doc, this.deps.catalog) : [];
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
      this.ctx.store.update((s) => {
        s.checkError = `Validation is unavailable: ${errorMessage(e)}`;
      });
    }
  }
}
