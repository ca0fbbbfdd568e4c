/**
 * A trace issue as the CLI prints it, `run` and `inspect` alike (DESIGN.md §6):
 * `PATH:LINE[:COL]: message`. A problem with the file as a whole (an importer's line 0: empty,
 * unknown format, corrupt compression) is placed at line 1, so editors and `grep -n`-style
 * tools can open it; a column is shown when the importer knows one.
 */
import { withFormatHint, type TraceSurface } from '../traces/hints.js';
import type { TraceIssue } from '../traces/types.js';

export function traceIssueLine(path: string, issue: TraceIssue, surface: TraceSurface): string {
  const col = issue.column !== undefined && issue.column > 0 ? `:${issue.column}` : '';
  return `${path}:${Math.max(1, issue.line)}${col}: ${withFormatHint(issue, surface)}`;
}
