/**
 * The scenario as the editor sees it: a plain JSON-like document parsed from
 * YAML (or JSON) text, edited through immer, and written back into the
 * original YAML document so comments and layout of untouched parts survive.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { notAMapping, parseScenarioText as parseText } from '../../sim-engine/scenario/yaml-text.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ScenarioDoc = { [key: string]: Json };
export type DocPath = (string | number)[];

export interface ParseProblem {
  line: number;
  column: number;
  message: string;
}

export type ParseOutcome = { ok: true; doc: ScenarioDoc } | { ok: false; problem: ParseProblem };

/** Parse scenario text. Syntax errors, duplicate keys and alias bombs come back with a line and column, never thrown (the engine's parser). */
export function parseScenarioText(text: string): ParseOutcome {
  const parsed = parseText(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problems[0]! };
  const notScenario = notAMapping(parsed.data);
  if (notScenario !== null) return { ok: false, problem: { line: 1, column: 1, message: notScenario } };
  return { ok: true, doc: parsed.data as ScenarioDoc };
}

/** `fleet.pools[0].max` — the same path notation as the engine's ScenarioProblem. */
export function pathKey(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function getIn(doc: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = doc;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Set (or, with `undefined`, delete) a value inside an immer draft, creating maps on the way. */
export function setIn(draft: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let cur: Record<string | number, unknown> = draft;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i]!;
    let next = cur[p];
    if (next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      cur[p] = next;
    }
    cur = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else cur[last] = value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A YAML node for a new value, in the style scenarios are written in: lists of plain values
 * and distributions (`{ dist: … }`) inline, everything else in blocks.
 */
function createNode(document: Document, value: unknown): YamlNode {
  const node = document.createNode(value);
  visit(node, {
    Seq(_, seq) {
      if (seq.items.every((it) => isScalar(it))) seq.flow = true;
    },
    Map(_, map) {
      if (map.items.some((pair) => isScalar(pair.key) && pair.key.value === 'dist')) map.flow = true;
    },
  });
  return node;
}

/** Write `value` into a YAML node, reusing nodes (and their comments) where the shape is unchanged. */
function mergeNode(document: Document, node: unknown, value: unknown): unknown {
  if (isMap(node) && isPlainObject(value)) {
    // Keys the text has keep their place (and comments), whatever order the document's object
    // has them in (an undo re-adds a key last); a new key goes after the key it follows in the
    // document, so a renamed key (a pool's) stays where the old one was.
    const keyOf = (it: (typeof node.items)[number]) => (isScalar(it.key) ? String(it.key.value) : String(it.key));
    const present = (k: string) => Object.prototype.hasOwnProperty.call(value, k) && value[k] !== undefined;
    const items = node.items.filter((pair) => present(keyOf(pair)));
    for (const pair of items) pair.value = mergeNode(document, pair.value, value[keyOf(pair)]) as YamlNode;
    const keys = Object.keys(value).filter(present);
    keys.forEach((k, i) => {
      if (items.some((it) => keyOf(it) === k)) return;
      const prev = keys.slice(0, i).reverse().find((p) => items.some((it) => keyOf(it) === p));
      const at = prev === undefined ? 0 : items.findIndex((it) => keyOf(it) === prev) + 1;
      items.splice(at, 0, document.createPair(k, createNode(document, value[k])));
    });
    node.items = items;
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    // An item the text has unchanged is reused wherever it moved (reordered or removed
    // neighbours keep their comments and layout); others merge into the item at their
    // position, or the first one left over, or are created.
    const old = node.items;
    const json = old.map((it) => JSON.stringify((it as { toJSON?: () => unknown }).toJSON?.() ?? it));
    const used = new Set<number>();
    const exact = value.map((v) => {
      const j = json.findIndex((t, k) => !used.has(k) && t === JSON.stringify(v));
      if (j >= 0) used.add(j);
      return j;
    });
    node.items = value.map((v, i) => {
      if (exact[i]! >= 0) return old[exact[i]!];
      const j = i < old.length && !used.has(i) ? i : old.findIndex((_, k) => !used.has(k));
      if (j < 0) return createNode(document, v);
      used.add(j);
      return mergeNode(document, old[j], v);
    });
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value === value) return node;
    if (typeof node.value === typeof value && typeof value !== 'string') {
      node.value = value;
      return node;
    }
    if (typeof node.value === 'string' && typeof value === 'string') {
      node.value = value;
      return node;
    }
  }
  return createNode(document, value);
}

/** Serialize `doc` back to YAML, keeping the original text's comments and layout where possible. */
export function serializeScenario(originalText: string, doc: ScenarioDoc): string {
  const document = parseDocument(originalText);
  if (document.errors.length > 0 || !isMap(document.contents)) {
    return new Document(doc).toString({ lineWidth: 0 });
  }
  document.contents = mergeNode(document, document.contents, doc) as typeof document.contents;
  return document.toString({ lineWidth: 0 });
}
