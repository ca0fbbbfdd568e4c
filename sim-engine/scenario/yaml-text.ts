/**
 * Scenario text (YAML, or JSON, which is YAML) to plain data, for the loader and the app's
 * editor alike: every problem — a syntax error, a duplicate key, an alias bomb ("billion
 * laughs": aliases that expand past a bound) — comes back as data with its line and column,
 * never thrown, so the CLI exits 2 with `PATH:LINE:COL` and the app marks the line.
 */
import { isAlias, LineCounter, parseDocument, visit, type Document } from 'yaml';

/** Aliases a document may expand (yaml's `maxAliasCount`): scenarios use a few, an alias bomb thousands. */
export const MAX_ALIAS_COUNT = 100;

export interface TextProblem {
  line: number;
  column: number;
  message: string;
}

export type TextParse =
  | { ok: true; doc: Document.Parsed; lineCounter: LineCounter; data: unknown }
  | { ok: false; problems: TextProblem[] };

export function parseScenarioText(text: string): TextParse {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { ok: false, problems: [{ line: 1, column: 1, message: `cannot parse the scenario: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  if (doc.errors.length > 0) {
    // prettyErrors: false leaves err.linePos unset: the line counter places each error.
    return { ok: false, problems: doc.errors.map((err) => ({ ...position(lineCounter, err.pos[0]), message: cleanYamlMessage(err.message) })) };
  }
  try {
    return { ok: true, doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    // yaml throws (a ReferenceError) when aliases expand past maxAliasCount: point at the first alias.
    const message = e instanceof Error && /alias/i.test(e.message)
      ? `aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions, as in a "billion laughs" document): write the values out instead`
      : `cannot read the scenario: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, problems: [{ ...firstAlias(doc, lineCounter), message }] };
  }
}

/** Why parsed data is not a scenario (it must be a mapping), or null when it is one: one wording for the CLI and the app. */
export function notAMapping(data: unknown): string | null {
  if (data !== null && data !== undefined && typeof data === 'object' && !Array.isArray(data)) return null;
  return `a scenario must be a mapping of keys such as name, seed, horizon, workload, fleet, policies (got ${data === null || data === undefined ? 'an empty document' : Array.isArray(data) ? 'a list' : typeof data})`;
}

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const p = lineCounter.linePos(offset);
  return { line: p.line, column: p.col };
}

function firstAlias(doc: Document.Parsed, lineCounter: LineCounter): { line: number; column: number } {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return position(lineCounter, offset);
}

/** yaml appends " at line L, column C:" and a snippet; the position is reported separately. */
function cleanYamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '').trim();
}
