/**
 * Load a scenario from YAML or JSON text: parse, validate with the one zod schema,
 * and map every problem to `file:line:col` and a path in the document. Never throws
 * on bad input.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { didYouMean } from './did-you-mean.js';
import { parseScenarioData, type PlainIssue } from './messages.js';
import { Scenario } from './schema.js';
import { notAMapping, parseScenarioText } from './yaml-text.js';

export { didYouMean };

export interface ScenarioIssue {
  file: string;
  line: number;
  column: number;
  /** Path in the document: `fleet.pools[0].min`. Empty for the document as a whole. */
  path: string;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: ScenarioIssue[] };

export const MAX_SCENARIO_ISSUES = 50;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** `file:line:col: path: message` — the form the CLI prints. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** `schema` defaults to the one built from the built-in policies; tests pass `scenarioSchema(theirRegistry)`. */
export function loadScenario(text: string, file: string, schema: typeof Scenario = Scenario): LoadResult {
  const parsedText = parseScenarioText(text);
  if (!parsedText.ok) return { ok: false, issues: parsedText.problems.slice(0, MAX_SCENARIO_ISSUES).map((p) => ({ file, ...p, path: '' })) };
  const { doc, lineCounter, data } = parsedText;
  const notScenario = notAMapping(data);
  if (notScenario !== null) return { ok: false, issues: [{ file, line: 1, column: 1, path: '', message: notScenario }] };
  const parsed = parseScenarioData(schema, data);
  if (parsed.ok) return { ok: true, scenario: parsed.data, issues: [] };
  return { ok: false, issues: locateIssues(doc, lineCounter, file, parsed.problems).slice(0, MAX_SCENARIO_ISSUES) };
}

/** Problems of a document (plain wording, scenario/messages.ts) with the line and column of what they point at. */
function locateIssues(doc: Document, lineCounter: LineCounter, file: string, problems: readonly PlainIssue[]): ScenarioIssue[] {
  const locate = (path: readonly PropertyKey[], key?: string): { line: number; column: number } => {
    let node = doc.getIn(path as unknown[], true) as YamlNode | undefined;
    // Walk up to the nearest existing node (a missing key points at its parent).
    let depth = path.length;
    while (!node && depth > 0) node = doc.getIn(path.slice(0, --depth) as unknown[], true) as YamlNode | undefined;
    if (key && node && isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === key);
      if (pair && isScalar(pair.key)) node = pair.key;
    }
    const offset = node?.range?.[0] ?? 0;
    const lp = lineCounter.linePos(offset);
    return { line: lp.line, column: lp.col };
  };
  const issues = problems.map((p): ScenarioIssue => {
    const at = p.key !== undefined ? locate(p.path.slice(0, -1), p.key) : locate(p.path);
    return { file, ...at, path: formatPath(p.path), message: p.message };
  });
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return issues;
}

/**
 * Line and column for problems found without the loader (the app's quick checks of the
 * document being edited, `path` as formatPath writes it), read from the document's text.
 */
export function locateProblems(text: string, file: string, problems: readonly { path: string; message: string }[]): ScenarioIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  // An unknown key is located at the key itself, as the loader does.
  return locateIssues(doc, lineCounter, file, problems.map((p) => {
    const path = parsePath(p.path);
    const last = path[path.length - 1];
    return p.message.startsWith('unknown key ') && typeof last === 'string' ? { path, key: last, message: p.message } : { path, message: p.message };
  }));
}

/** The inverse of formatPath: `fleet.pools[0].min` → ['fleet', 'pools', 0, 'min']. */
export function parsePath(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The 1-based line of a top-level key in scenario text (YAML or JSON), or 1 if not found. */
export function topLevelKeyLine(text: string, key: string): number {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (isMap(doc.contents)) {
    const pair = doc.contents.items.find((it) => isScalar(it.key) && it.key.value === key);
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (offset !== undefined) return lineCounter.linePos(offset).line;
  }
  return 1;
}
