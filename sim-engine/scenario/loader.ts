/**
 * Load a scenario from YAML or JSON text: parse, validate with the one zod schema,
 * and map every problem to `file:line:col` and a path in the document. Never throws
 * on bad input.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { Scenario } from './schema.js';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: ScenarioIssue[] = [];
  for (const err of doc.errors) {
    const pos = err.linePos?.[0];
    issues.push({ file, line: pos?.line ?? 1, column: pos?.col ?? 1, path: '', message: firstLine(err.message) });
  }
  if (issues.length) return { ok: false, issues: issues.slice(0, MAX_SCENARIO_ISSUES) };
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: '', message: `a scenario must be a mapping of keys such as name, seed, horizon, workload, fleet, policies (got ${data === null || data === undefined ? 'an empty document' : Array.isArray(data) ? 'a list' : typeof data})` }] };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, scenario: parsed.data, issues: [] };

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

  for (const iss of flattenIssues(parsed.error.issues)) {
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) {
        const allowed = keysAt(schema, iss.path, data);
        const hint = didYouMean(key, allowed);
        issues.push({ file, ...locate(iss.path, key), path: formatPath([...iss.path, key]), message: `unknown key ${JSON.stringify(key)}${hint ? ` — did you mean ${JSON.stringify(hint)}?` : allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}` });
      }
      continue;
    }
    let message = iss.message;
    const discriminator = iss.code === 'invalid_union' && (iss as { note?: string }).note === 'No matching discriminator';
    if (discriminator) message = describeDiscriminator(iss, doc.getIn(iss.path as unknown[], false));
    // Names to suggest from: a custom issue's `didYouMean`, a discriminator's or an enum's options.
    const candidates = (iss as { params?: { didYouMean?: string[] } }).params?.didYouMean ?? stringOptions(discriminator ? (iss as { options?: unknown[] }).options : iss.code === 'invalid_value' ? iss.values : undefined);
    if (candidates) {
      const value = doc.getIn(iss.path as unknown[]);
      const probe = typeof value === 'string' ? value : String(iss.path[iss.path.length - 1] ?? '');
      const hint = didYouMean(probe, candidates);
      if (hint && hint !== value) message += ` — did you mean ${JSON.stringify(hint)}?`;
    }
    issues.push({ file, ...locate(iss.path), path: formatPath(iss.path), message });
  }
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, issues: issues.slice(0, MAX_SCENARIO_ISSUES) };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
}

function stringOptions(values: readonly unknown[] | undefined): string[] | undefined {
  return values && values.length && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
}

/** `value` is what the issue's path points at: the discriminator's own value (zod puts the key in the path) or, in older zod, the object. */
function describeDiscriminator(iss: z.core.$ZodIssue, value: unknown): string {
  const disc = (iss as { discriminator?: string }).discriminator;
  const got = value && typeof value === 'object' && disc ? (value as Record<string, unknown>)[disc] : value;
  return `${disc ?? 'kind'} is missing or unknown (got ${got === undefined ? 'nothing' : JSON.stringify(got)})`;
}

/**
 * zod reports a failing union as one issue holding every branch's issues. Report the
 * branch that got furthest (most specific path), so users see "min must be ≥ 0"
 * rather than "invalid input".
 */
function flattenIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const iss of issues) {
    if (iss.code === 'invalid_union' && Array.isArray((iss as { errors?: unknown }).errors) && (iss as { errors: z.core.$ZodIssue[][] }).errors.length) {
      const branches = (iss as { errors: z.core.$ZodIssue[][] }).errors;
      // Prefer a branch whose issues are not simple type mismatches at the root of the union.
      const scored = branches.map((b) => ({ b, score: Math.max(...b.map((x) => x.path.length + (x.code === 'invalid_type' ? 0 : 0.5))) }));
      scored.sort((a, c) => c.score - a.score);
      const best = scored[0]!.b;
      out.push(...flattenIssues(best.map((x) => ({ ...x, path: [...iss.path, ...x.path] }))));
    } else out.push(iss);
  }
  return out;
}

/** The keys a strict object at `path` accepts (for "did you mean"). */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  let nodes: z.core.$ZodType[] = [schema];
  let value: unknown = data;
  const step = (s: z.core.$ZodType): z.core.$ZodType[] => {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'optional': case 'default': case 'nullable': case 'prefault': case 'readonly': case 'catch':
        return step(def.innerType as z.core.$ZodType);
      case 'pipe':
        return step(def.in as z.core.$ZodType);
      case 'lazy':
        return step((def.getter as () => z.core.$ZodType)());
      case 'union':
        return (def.options as z.core.$ZodType[]).flatMap(step);
      default:
        return [s];
    }
  };
  for (const key of path) {
    const next: z.core.$ZodType[] = [];
    for (const n of nodes.flatMap(step)) {
      const def = n._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object' && typeof key === 'string') {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        if (shape[key]) next.push(shape[key]!);
      } else if (def.type === 'array' && typeof key === 'number') next.push(def.element as z.core.$ZodType);
      else if (def.type === 'record' && typeof key === 'string') next.push(def.valueType as z.core.$ZodType);
    }
    nodes = next;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const keys = new Set<string>();
  const kind = value && typeof value === 'object' ? (value as Record<string, unknown>)['kind'] ?? (value as Record<string, unknown>)['dist'] : undefined;
  for (const n of nodes.flatMap(step)) {
    const def = n._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type !== 'object') continue;
    const shape = def.shape as Record<string, z.core.$ZodType>;
    // For discriminated unions, keep only the branch the document chose.
    const discSchema = shape['kind'] ?? shape['dist'];
    if (kind !== undefined && discSchema) {
      const lit = (discSchema._zod.def as unknown as { values?: unknown[] }).values;
      if (lit && !lit.includes(kind)) continue;
    }
    for (const k of Object.keys(shape)) keys.add(k);
  }
  return [...keys];
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
