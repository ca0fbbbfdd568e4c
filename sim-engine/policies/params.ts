/**
 * A policy's parameters as plain data, read from the JSON Schema of its zod params
 * (`io: 'input'`: what a scenario may write, defaults as written). `fleetlab policies`
 * prints them and the app's policy editor builds its fields from them, so neither knows
 * any policy by name. Field kinds are read from the schema's shape:
 * number-or-string → duration, number → number, boolean → checkbox, string enum → select,
 * a record of numbers → counts keyed by pool name (unless its schema says `keyedBy` something
 * else, e.g. tenant weights: then `other`), a list of strings → a set of pool names, a list of
 * numbers (or of durations) → a list of values (a distribution's `choice` values and weights).
 */
import { z } from 'zod';
import type { ParamsSchema } from './definition.js';

type JsonSchema = Record<string, unknown>;

export type ParamKind = 'duration' | 'number' | 'boolean' | 'enum' | 'string' | 'pool-counts' | 'pool-list' | 'enum-list' | 'number-list' | 'duration-list' | 'object-list' | 'policy-ref' | 'choice-or-params' | 'other';

export interface ParamField {
  readonly name: string;
  readonly kind: ParamKind;
  /** The default as a scenario would write it, or undefined (then the field is optional). */
  readonly default?: unknown;
  readonly description?: string;
  /** For `enum`, `enum-list` and the named choices of `choice-or-params`. */
  readonly options?: readonly string[];
  /** True when a scenario must write it (no default, not optional); absent otherwise. */
  readonly required?: true;
  /** For `object-list`: the fields of each item; for `choice-or-params`: the fields of the object form. */
  readonly fields?: readonly ParamField[];
}

/** The JSON Schema of a policy's parameters (draft 2020-12, without the `$schema` line). */
export function paramsJsonSchema(params: ParamsSchema): JsonSchema {
  const { $schema: _drop, ...schema } = z.toJSONSchema(params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return schema;
}

const types = (s: JsonSchema): string[] => (Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : Array.isArray(s.anyOf) ? (s.anyOf as JsonSchema[]).flatMap(types) : []);

function kindOf(s: JsonSchema): ParamKind {
  const t = types(s).sort().join('|');
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) return 'enum';
  if (t === 'number|string' || t === 'integer|string') return 'duration';
  if (t === 'number' || t === 'integer') return 'number';
  if (t === 'boolean') return 'boolean';
  if (t === 'string') return 'string';
  const values = s.additionalProperties;
  if (t === 'object' && values && typeof values === 'object' && ['number', 'integer'].includes(types(values as JsonSchema).join('|'))) return s.keyedBy === undefined || s.keyedBy === 'pool' ? 'pool-counts' : 'other';
  const items = s.items as JsonSchema | undefined;
  if (t === 'array' && items && typeof items === 'object') {
    if (Array.isArray(items.enum) && items.enum.every((v) => typeof v === 'string')) return 'enum-list';
    if (types(items).join('|') === 'string') return 'pool-list';
    const itemTypes = types(items).sort().join('|');
    if (itemTypes === 'number' || itemTypes === 'integer') return 'number-list';
    if (itemTypes === 'number|string' || itemTypes === 'integer|string') return 'duration-list';
    if (types(items).join('|') === 'object' && items.properties) return 'object-list';
  }
  // A nested policy reference ({ kind: NAME, … } per registered policy), e.g. budget's inner.
  if (Array.isArray(s.oneOf) && (s.oneOf as JsonSchema[]).every((o) => (o.properties as JsonSchema | undefined)?.kind !== undefined)) return 'policy-ref';
  // A named choice or an object of parameters, e.g. estimate: exact | requested | { error: σ }.
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf as JsonSchema[];
    if (branches.length === 2 && branches.some((b) => Array.isArray(b.enum)) && branches.some((b) => b.type === 'object' && b.properties)) return 'choice-or-params';
  }
  return 'other';
}

/** The fields of an object schema, in declaration order. */
function fieldsOf(schema: JsonSchema): ParamField[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(props).map(([name, s]) => {
    const field: { -readonly [K in keyof ParamField]: ParamField[K] } = { name, kind: kindOf(s) };
    if (required.has(name)) field.required = true;
    if (s.default !== undefined) field.default = s.default;
    if (typeof s.description === 'string') field.description = s.description;
    if (field.kind === 'enum') field.options = s.enum as string[];
    if (field.kind === 'enum-list') field.options = (s.items as JsonSchema).enum as string[];
    if (field.kind === 'object-list') field.fields = fieldsOf(s.items as JsonSchema);
    if (field.kind === 'choice-or-params') {
      const branches = s.anyOf as JsonSchema[];
      field.options = branches.find((b) => Array.isArray(b.enum))!.enum as string[];
      field.fields = fieldsOf(branches.find((b) => b.type === 'object')!);
    }
    return field;
  });
}

/** The parameters of a policy, in declaration order. */
export function paramFields(params: ParamsSchema): ParamField[] {
  return fieldsOf(paramsJsonSchema(params));
}

/** `{ name: default }` for the parameters that have one: what a newly chosen policy starts with. */
export function paramDefaults(params: ParamsSchema): Record<string, unknown> {
  return Object.fromEntries(paramFields(params).flatMap((f) => (f.default === undefined ? [] : [[f.name, f.default]])));
}

/**
 * A record's own value for a key a user named (a pool, a tenant), or undefined: never one of
 * Object.prototype's (a pool or tenant called `constructor` must not read a function).
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
