/**
 * The wording of scenario problems, one place for every surface: the CLI and the app's worker
 * (through the loader, which adds file, line and column) and the app's quick checks (which
 * run the same schema on the document being edited). zod's own texts ("Invalid input:
 * expected string, received undefined") never reach a user: every issue becomes a plain
 * sentence that ends with the offending value, once per problem, and never repeats the field
 * name the path already gives ("horizon: must be …", not "horizon: horizon must be …").
 */
import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { show } from './fields.js';

/** One problem: where in the document (`key`: an unknown key, located at the key itself) and what. */
export interface PlainIssue {
  path: PropertyKey[];
  key?: string;
  message: string;
}

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const NOUNS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  set: 'a list',
};

const fmtNum = (n: unknown): string => (typeof n === 'number' && Number.isInteger(n) && Math.abs(n) >= 10_000 && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n.toLocaleString('en-US') : String(n));
const lengthOf = (v: unknown): number | undefined => (Array.isArray(v) || typeof v === 'string' ? v.length : undefined);

/**
 * The per-parse error map (`schema.safeParse(data, { error: plainError })`): plain wording for
 * every issue whose schema gives no message of its own. Schema messages take precedence.
 */
export const plainError = (iss: RawIssue): string => {
  const got = `(got ${show(iss.input)})`;
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'required';
      if (typeof iss.input === 'number' && (iss.expected === 'number' || iss.expected === 'int')) {
        return Number.isFinite(iss.input) ? `must be a whole number ${got}` : `must be a finite number ${got}`;
      }
      return `expected ${NOUNS[iss.expected] ?? iss.expected} ${got}`;
    }
    case 'too_small': {
      const min = fmtNum(iss.minimum);
      if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'must not be empty' : `must have at least ${min} characters ${got}`;
      if (iss.origin === 'array' || iss.origin === 'set') return Number(iss.minimum) <= 1 ? 'needs at least one entry' : `needs at least ${min} entries (got ${lengthOf(iss.input) ?? show(iss.input)})`;
      return `must be ${iss.inclusive === false ? '>' : '≥'} ${min} ${got}`;
    }
    case 'too_big': {
      const max = fmtNum(iss.maximum);
      if (iss.origin === 'string') return `must have at most ${max} characters (got ${lengthOf(iss.input) ?? show(iss.input)})`;
      if (iss.origin === 'array' || iss.origin === 'set') return `must have at most ${max} entries (got ${lengthOf(iss.input) ?? show(iss.input)})`;
      // zod refuses integers beyond 2^53 − 1: they are whole, only too large to be exact.
      if (iss.origin === 'int' && iss.maximum === Number.MAX_SAFE_INTEGER) return `too large: at most ${max} ${got}`;
      return `must be ${iss.inclusive === false ? '<' : '≤'} ${max} ${got}`;
    }
    case 'invalid_value': {
      const values = iss.values.map((v) => (typeof v === 'string' ? v : show(v)));
      return values.length === 1 ? `must be ${values[0]} ${got}` : `must be one of ${values.join(', ')} ${got}`;
    }
    case 'unrecognized_keys':
      return `unknown key${iss.keys.length === 1 ? '' : 's'} ${iss.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_format':
      return `must be ${iss.format === 'regex' ? 'in the expected form' : `a valid ${iss.format}`} ${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)} ${got}`;
    case 'invalid_key':
      return `has a key that is not allowed ${got}`;
    case 'invalid_element':
      return `has an entry that is not allowed ${got}`;
    default:
      return `is not valid ${got}`;
  }
};

/** The value at `path` in `data` (undefined when any step is missing). */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const STARTS = /^(?:is |must |needs |has |lists |applies |should |can |cannot )/;

/**
 * Drop the field name a message starts with when the path ends with that field: at
 * `horizon`, "horizon must be …" reads "must be …" and "sampleEvery is too small …" reads
 * "too small …" (the path, printed before the message, already names the field).
 */
export function withoutFieldName(path: readonly PropertyKey[], message: string): string {
  const last = path[path.length - 1];
  if (typeof last !== 'string' || last === '') return message;
  if (message.startsWith(`${last}: `)) return message.slice(last.length + 2);
  if (!message.startsWith(`${last} `)) return message;
  const rest = message.slice(last.length + 1);
  if (!STARTS.test(rest)) return message;
  return rest.startsWith('is ') ? rest.slice(3) : rest;
}

/** What a discriminator names, for "unknown autoscaler kind …": from the key that holds it. */
function kindLabel(path: readonly PropertyKey[], disc: string): string {
  if (disc === 'dist') return 'distribution';
  const holder = [...path.slice(0, -1)].reverse().find((p): p is string => typeof p === 'string');
  if (holder === 'autoscaler' || holder === 'inner') return 'autoscaler kind';
  if (holder === 'scheduler') return 'scheduler kind';
  if (holder === 'workload') return 'workload kind';
  return holder ? `${holder} kind` : disc;
}

/** `kind` (or `dist`) names no registered choice: required, or unknown with a hint or the list. */
export function unknownChoice(label: string, value: unknown, options: readonly string[]): string {
  if (value === undefined) return `required: one of ${options.join(', ')}`;
  const hint = typeof value === 'string' ? didYouMean(value, options) : null;
  if (hint && hint !== value) return `unknown ${label} ${show(value)} — did you mean ${JSON.stringify(hint)}?`;
  return `unknown ${label} ${show(value)} (expected one of: ${options.join(', ')})`;
}

/** `unknown key "k"` with the nearest allowed key, or the list of allowed keys. */
export function unknownKey(key: string, allowed: readonly string[]): string {
  const hint = didYouMean(key, allowed);
  return `unknown key ${JSON.stringify(key)}${hint ? ` — did you mean ${JSON.stringify(hint)}?` : allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`;
}

/** A message with " — did you mean …?" when the value (or the last key) is near a candidate. */
export function withHint(message: string, probe: string, value: unknown, candidates: readonly string[] | undefined): string {
  const hint = candidates ? didYouMean(probe, candidates) : null;
  return hint && hint !== value && !message.includes('did you mean') ? `${message} — did you mean ${JSON.stringify(hint)}?` : message;
}

function stringOptions(values: readonly unknown[] | undefined): string[] | undefined {
  return values && values.length && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
}

/**
 * zod reports a failing union as one issue holding every branch's issues. Report the
 * branch that got furthest (most specific path), so users see "min must be ≥ 0"
 * rather than "invalid input".
 */
function flattenIssues(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const iss of issues) {
    if (iss.code === 'invalid_union' && Array.isArray((iss as { errors?: unknown }).errors) && (iss as { errors: Issue[][] }).errors.length) {
      const branches = (iss as { errors: Issue[][] }).errors;
      // Prefer a branch whose issues are not simple type mismatches at the root of the union.
      const scored = branches.map((b) => ({ b, score: Math.max(...b.map((x) => x.path.length + (x.code === 'invalid_type' ? 0 : 0.5))) }));
      scored.sort((a, c) => c.score - a.score);
      out.push(...flattenIssues(scored[0]!.b.map((x) => ({ ...x, path: [...iss.path, ...x.path] }))));
    } else out.push(iss);
  }
  return out;
}

/**
 * The plain problems of a failed parse of `data` (issues from `safeParse(data, { error: plainError })`).
 * `keysAt(path)` lists the keys a strict object at `path` accepts (for "did you mean").
 */
export function plainIssues(issues: readonly Issue[], data: unknown, keysAt: (path: readonly PropertyKey[]) => string[]): PlainIssue[] {
  const out: PlainIssue[] = [];
  const seen = new Set<string>();
  const push = (p: PlainIssue) => {
    const id = `${p.path.map(String).join('\0')}\0${p.key ?? ''}\0${p.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(p);
  };
  for (const iss of flattenIssues(issues)) {
    const value = valueAt(data, iss.path);
    if (iss.code === 'unrecognized_keys') {
      const allowed = keysAt(iss.path);
      for (const key of iss.keys) push({ path: [...iss.path, key], key, message: unknownKey(key, allowed) });
      continue;
    }
    if (iss.code === 'invalid_union' && (iss as { note?: string }).note === 'No matching discriminator') {
      const disc = (iss as { discriminator?: string }).discriminator ?? 'kind';
      // zod puts the discriminator key in the path; older versions point at the object.
      const path = iss.path[iss.path.length - 1] === disc ? iss.path : [...iss.path, disc];
      const options = stringOptions((iss as { options?: unknown[] }).options) ?? [];
      push({ path, message: unknownChoice(kindLabel(path, disc), valueAt(data, path), options) });
      continue;
    }
    // A missing value is "required", whatever a schema's own type message says.
    let message = iss.code === 'invalid_type' && value === undefined ? 'required' : iss.message;
    const candidates = (iss as { params?: { didYouMean?: string[] } }).params?.didYouMean ?? stringOptions(iss.code === 'invalid_value' ? iss.values : undefined);
    if (candidates) message = withHint(message, typeof value === 'string' ? value : String(iss.path[iss.path.length - 1] ?? ''), value, candidates);
    push({ path: iss.path, message: withoutFieldName(iss.path, message) });
  }
  return out;
}

/** The keys a strict object at `path` accepts, read from the schema (for "did you mean"). */
export function schemaKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  let nodes: z.core.$ZodType[] = [schema];
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
  }
  const value = valueAt(data, path);
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

/** Parse `data` with `schema`, wording every problem: what the loader locates, and the app's quick checks show. */
export function parseScenarioData<T extends z.ZodType>(schema: T, data: unknown): { ok: true; data: z.output<T> } | { ok: false; problems: PlainIssue[] } {
  const parsed = schema.safeParse(data, { error: plainError });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problems: plainIssues(parsed.error.issues, data, (path) => schemaKeysAt(schema, path, data)) };
}

/** The plain problems of `data` under `schema` (none when it parses). */
export function schemaProblems(schema: z.ZodType, data: unknown): PlainIssue[] {
  const parsed = parseScenarioData(schema, data);
  return parsed.ok ? [] : parsed.problems;
}
