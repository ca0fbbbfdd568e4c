/**
 * Undo and redo of the scenario document: each step is an immer patch pair; rapid edits of
 * one field (the same key within COALESCE_MS) merge into one step.
 */
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import type { ScenarioDoc } from './scenario-doc';

enablePatches();

const COALESCE_MS = 1200;

interface HistoryEntry {
  patches: Patch[];
  inverse: Patch[];
  key: string | null;
  at: number;
}

export class DocHistory {
  private past: HistoryEntry[] = [];
  private future: HistoryEntry[] = [];

  constructor(private readonly now: () => number) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }

  /** Apply a recipe to the document as one step (merged into the last one when `key` repeats quickly); null when nothing changed. */
  change(doc: ScenarioDoc, recipe: (draft: ScenarioDoc) => void, key: string | null): ScenarioDoc | null {
    const [next, patches, inverse] = produceWithPatches(doc, (d) => {
      recipe(d as ScenarioDoc);
    });
    if (patches.length === 0) return null;
    const at = this.now();
    const last = this.past[this.past.length - 1];
    if (key && last && last.key === key && at - last.at < COALESCE_MS && this.future.length === 0) {
      last.patches = [...last.patches, ...patches];
      last.inverse = [...inverse, ...last.inverse];
      last.at = at;
    } else {
      this.past.push({ patches, inverse, key, at });
    }
    this.future = [];
    return next as ScenarioDoc;
  }

  /** The document one step back, or null when there is none. */
  undo(doc: ScenarioDoc): ScenarioDoc | null {
    const entry = this.past.pop();
    if (!entry) return null;
    this.future.push(entry);
    return applyPatches(doc, entry.inverse);
  }

  /** The document one step forward, or null. */
  redo(doc: ScenarioDoc): ScenarioDoc | null {
    const entry = this.future.pop();
    if (!entry) return null;
    entry.key = null; // never merge into a redone step
    this.past.push(entry);
    return applyPatches(doc, entry.patches);
  }
}
