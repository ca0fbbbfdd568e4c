/**
 * A trace problem's hint in the words of the surface that shows it: the importers say what is
 * wrong and which formats would do; only here does it become "pass --format" (the CLI), "choose
 * it in the Format picker" (the app's trace preview) or "set format: on the trace entry" (a
 * scenario, in either host).
 */
import type { TraceIssue } from './types.js';

/** Where a trace problem is shown: `fleetlab inspect` (a flag), the app's trace preview (a picker), a scenario's trace entry. */
export type TraceSurface = 'cli' | 'preview' | 'scenario';

/**
 * An issue's message with its hint worded for `surface`, before the trailing "(got …)" so the
 * message still ends with the offending value.
 */
export function withFormatHint(issue: Pick<TraceIssue, 'message' | 'hint'>, surface: TraceSurface): string {
  const h = issue.hint;
  if (!h) return issue.message;
  const list = h.formats.join(', ');
  const pick = h.ambiguous ? h.formats.slice(0, -1).join(', ') + (h.formats.length > 1 ? ` or ${h.formats.at(-1)!}` : h.formats[0] ?? '') : '';
  const how =
    surface === 'cli' ? `pass --format with one of ${list}`
    : surface === 'preview' ? (h.ambiguous ? `choose ${pick} in the Format picker` : 'choose its format in the Format picker')
    : `set format: on the trace entry to one of ${list}`;
  const m = /^(.*?)( \(got .*\))$/s.exec(issue.message);
  return m ? `${m[1]}; ${how}${m[2]}` : `${issue.message}; ${how}`;
}
