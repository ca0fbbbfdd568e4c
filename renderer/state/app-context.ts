/**
 * What the parts of the controller share: the store, the clock, the active library entry
 * and the two ways to tell the user something (a transient notice, an error banner).
 */
import type { AppError, AppState, ScenarioEntry } from './app-state';
import type { Store } from './store';

export interface AppContext {
  readonly store: Store<AppState>;
  readonly now: () => number;
  /** The library entry being edited. */
  readonly active: ScenarioEntry | undefined;
  notify(message: string): void;
  fail(kind: AppError['kind'], title: string, message: string, lines?: string[]): void;
}

/** `file:line:column: path: message`, the CLI's wording of a scenario problem. */
export const fmtProblem = (p: { file: string; line: number; column: number; path?: string; message: string }) =>
  `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;

/** A scenario's `name:` (its title in the library), or the file name. */
export function titleOf(text: string, fileName: string): string {
  const m = /^name:\s*(.+?)\s*$/m.exec(text);
  if (!m) return fileName;
  const v = m[1]!.replace(/^(['"])(.*)\1$/, '$2');
  return v || fileName;
}
