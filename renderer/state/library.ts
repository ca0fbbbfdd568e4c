/**
 * The scenario library: the built-ins and the files the user opened, which one is active,
 * opening (web input, desktop dialog, recent files) and saving, and the "discard unsaved
 * edits?" confirmation in front of anything that would lose them.
 */
import { errorMessage } from '../engine/client';
import { downloadText, readFileText, type FleetlabApi } from '../platform/host';
import { titleOf, type AppContext } from './app-context';
import type { ScenarioEntry } from './app-state';
import type { ScenarioDocument } from './document';
import { parseScenarioText } from './scenario-doc';
import { basename } from './trace-preview';

export class ScenarioLibrary {
  private pendingConfirm: (() => void) | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly doc: ScenarioDocument,
    private readonly desktop: FleetlabApi | undefined,
    /** Whether the results of a run are still cached (an entry's last results are shown only then). */
    private readonly hasResults: (runId: string) => boolean,
  ) {}

  /** Run `action` now, or after the user agrees to discard unsaved edits. */
  guard(action: () => void, what = 'continue'): void {
    if (!this.ctx.store.get().dirty) {
      action();
      return;
    }
    this.pendingConfirm = action;
    const name = this.ctx.active?.fileName ?? 'this scenario';
    this.ctx.store.update((s) => {
      s.confirm = { title: 'Discard unsaved changes?', message: `${name} has edits that are not saved. Discard them and ${what}?`, confirmLabel: 'Discard changes' };
    });
  }

  resolveConfirm(ok: boolean): void {
    const action = this.pendingConfirm;
    this.pendingConfirm = null;
    this.ctx.store.update((s) => {
      s.confirm = null;
    });
    if (ok && action) action();
  }

  select(id: string): void {
    if (id === this.ctx.store.get().activeId) return;
    this.guard(() => this.activate(id), 'switch scenarios');
  }

  activate(id: string): void {
    const entry = this.ctx.store.get().library.find((e) => e.id === id);
    if (!entry) return;
    const parsed = parseScenarioText(entry.text);
    if (!parsed.ok) {
      const p = parsed.problem;
      this.ctx.fail('load', `Could not open ${entry.fileName}`, `${entry.fileName}:${p.line}:${p.column}: ${p.message}`, [`${entry.fileName}:${p.line}:${p.column}: ${p.message}`]);
      return;
    }
    this.doc.load(parsed.doc);
    this.ctx.store.update((s) => {
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
      s.result = prev && this.hasResults(prev.runId) ? prev : null;
      s.resultsStale = false;
      if (s.phase !== 'running' && s.phase !== 'loading') s.phase = s.result ? 'done' : 'ready';
      s.error = null;
    });
    this.doc.scheduleCheck(0, true);
  }

  /** Load scenario text from a file the user picked (web input or desktop dialog). */
  loadFile(fileName: string, text: string, path?: string): void {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      const p = parsed.problem;
      // PATH:LINE:COL: message, as `fleetlab run` prints it.
      this.ctx.fail('load', `Could not open ${fileName}: fix the file and open it again`, `${fileName}:${p.line}:${p.column}: ${p.message}`, [`${fileName}:${p.line}:${p.column}: ${p.message}`]);
      return;
    }
    const id = fileId(fileName, path);
    this.ctx.store.update((s) => {
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
      this.ctx.fail('load', `Could not read ${file.name}`, `${file.name}: ${errorMessage(e)}`);
      return;
    }
    this.guard(() => this.loadFile(file.name, text), 'open another file');
  }

  async openDialog(): Promise<void> {
    if (!this.desktop) return;
    this.guard(() => void this.openWith(() => this.desktop!.openScenario(), 'Could not open the file'), 'open another file');
  }

  async openRecent(path: string): Promise<void> {
    if (!this.desktop) return;
    this.guard(() => void this.openWith(() => this.desktop!.openRecent(path), `Could not open ${basename(path)}`), 'open another file');
  }

  private async openWith(open: () => Promise<{ name: string; text: string; path: string } | null>, failTitle: string): Promise<void> {
    try {
      const opened = await open();
      if (opened) this.loadFile(opened.name, opened.text, opened.path);
    } catch (e) {
      this.ctx.fail('load', failTitle, errorMessage(e));
    }
  }

  /**
   * Save the document: to its file on the desktop (a dialog for a new one), as a download
   * on the web. A built-in is never overwritten: the saved copy becomes a library entry of
   * its own (the one re-opening that file replaces) and the built-in stays pristine.
   */
  async save(): Promise<void> {
    const entry = this.ctx.active;
    if (!entry || !this.ctx.store.get().doc) return;
    const text = this.doc.currentText();
    try {
      let path: string | undefined;
      if (this.desktop) {
        const res = await this.desktop.saveScenario({ suggestedName: entry.fileName, text, ...(entry.path ? { path: entry.path } : {}) });
        if (!res) return;
        path = res.path;
        this.ctx.notify(`Saved ${basename(res.path)}`);
      } else {
        downloadText(entry.fileName, text, 'application/yaml');
        this.ctx.notify(entry.source === 'builtin' ? `Downloaded a copy as ${entry.fileName}: the built-in stays as it was` : `Downloaded ${entry.fileName}`);
      }
      this.markSaved(entry, text, path);
    } catch (e) {
      this.ctx.fail('load', `Could not save ${entry.fileName}`, errorMessage(e));
    }
  }

  private markSaved(entry: ScenarioEntry, text: string, path?: string): void {
    this.doc.markSaved();
    const fileName = path ? basename(path) : entry.fileName;
    this.ctx.store.update((s) => {
      s.dirty = false;
      if (entry.source === 'builtin') {
        const id = fileId(fileName, path);
        const copy: ScenarioEntry = { id, fileName, title: titleOf(text, fileName), source: 'file', text, ...(path ? { path } : {}) };
        const i = s.library.findIndex((e) => e.id === id);
        if (i >= 0) s.library[i] = copy;
        else s.library.push(copy);
        const result = s.resultsByScenario[entry.id];
        if (result) s.resultsByScenario[id] = { ...result, scenarioId: id };
        if (s.result?.scenarioId === entry.id) s.result = { ...s.result, scenarioId: id };
        s.activeId = id;
        return;
      }
      const e = s.library.find((x) => x.id === entry.id);
      if (!e) return;
      e.text = text;
      e.title = titleOf(text, e.fileName);
      if (path) {
        e.path = path;
        e.fileName = basename(path);
      }
    });
  }
}

/** The library id of a file (its path on the desktop, its name on the web). */
const fileId = (fileName: string, path?: string) => `file:${path ?? fileName}`;
