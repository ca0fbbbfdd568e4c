/**
 * Where a scenario names a pool, in one place: renaming a pool renames every reference in
 * the same undo step, and a reference to a pool that does not exist (an orphan: the pool was
 * removed, or a loaded file misspells it) is reported on the field that holds it.
 *
 * Today every pool reference sits in a policy parameter, and the policy registry's params
 * schemas say which ones (sim-engine/policies/params.ts): counts keyed by pool (static
 * `nodes`, scheduled `default` and `windows[].nodes`), lists of pools (spot-fallback
 * `fallback`), also nested (budget's `inner`). Other names that look similar are not pool
 * references: `fleet.quotas` is keyed by accelerator id, a scheduler's `poolOrder` names an
 * order (fleet, cheapest, fastest). A later feature that adds a pool reference elsewhere in
 * the scenario adds it to `poolReferences`, and renames and orphan checks follow.
 */
import type { ParamsSchema } from '../../sim-engine/policies/definition';
import { paramFields, type ParamField } from '../../sim-engine/policies/params';
import { policyRegistry } from '../../sim-engine/policies/registry';
import { getIn, pathKey, setIn, type DocPath, type Json, type ScenarioDoc } from './scenario-doc';

export interface PoolReference {
  /** Where the name is written: the key of a record (the last element is the key), or a value (a list item). */
  readonly path: DocPath;
  readonly as: 'key' | 'value';
  readonly name: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const fieldsCache = new WeakMap<ParamsSchema, ParamField[]>();
const fieldsOf = (params: ParamsSchema): ParamField[] => {
  let f = fieldsCache.get(params);
  if (!f) fieldsCache.set(params, (f = paramFields(params)));
  return f;
};

function autoscalerFields(ref: unknown): ParamField[] | undefined {
  const def = isObj(ref) && typeof ref.kind === 'string' ? policyRegistry.autoscaler(ref.kind) : undefined;
  return def && fieldsOf(def.params);
}

function schedulerFields(ref: unknown): ParamField[] | undefined {
  const def = isObj(ref) && typeof ref.kind === 'string' ? policyRegistry.scheduler(ref.kind) : undefined;
  return def && fieldsOf(policyRegistry.schedulerWithParams(def).params);
}

/** The pool references among a policy's parameters, generated from its params schema. */
function inParams(fields: readonly ParamField[] | undefined, value: unknown, base: DocPath, out: PoolReference[]): void {
  if (!fields || !isObj(value)) return;
  for (const f of fields) {
    const v = value[f.name];
    const at = [...base, f.name];
    if (f.kind === 'pool-counts' && isObj(v)) for (const name of Object.keys(v)) out.push({ path: [...at, name], as: 'key', name });
    else if (f.kind === 'pool-list' && Array.isArray(v)) v.forEach((name, i) => typeof name === 'string' && out.push({ path: [...at, i], as: 'value', name }));
    else if (f.kind === 'object-list' && Array.isArray(v)) v.forEach((item, i) => inParams(f.fields, item, [...at, i], out));
    else if (f.kind === 'choice-or-params') inParams(f.fields, v, at, out);
    else if (f.kind === 'policy-ref') inParams(autoscalerFields(v), v, at, out);
  }
}

/** Every place the document names a pool, in document order. */
export function poolReferences(doc: ScenarioDoc): PoolReference[] {
  const out: PoolReference[] = [];
  const policies = Array.isArray(doc.policies) ? doc.policies : [];
  policies.forEach((p, i) => {
    if (!isObj(p)) return;
    inParams(autoscalerFields(p.autoscaler), p.autoscaler, ['policies', i, 'autoscaler'], out);
    inParams(schedulerFields(p.scheduler), p.scheduler, ['policies', i, 'scheduler'], out);
  });
  inParams(schedulerFields(doc.scheduler), doc.scheduler, ['scheduler'], out);
  return out;
}

/** The names of the document's pools (those that have one). */
export function poolNames(doc: ScenarioDoc): string[] {
  const pools = isObj(doc.fleet) && Array.isArray(doc.fleet.pools) ? doc.fleet.pools : [];
  return pools.flatMap((p) => (isObj(p) && typeof p.name === 'string' ? [p.name] : []));
}

/**
 * Rewrite every reference to pool `from` as `to`, inside an immer draft (the caller's one
 * `change`, so one undo restores both the pool's name and its references). A record keeps
 * its key order; if it already had an (orphan) entry for `to`, the renamed pool's entry wins.
 */
export function renamePoolReferences(draft: ScenarioDoc, from: string, to: string): void {
  if (from === to || from === '') return;
  for (const ref of poolReferences(draft)) {
    if (ref.name !== from) continue;
    const parent = getIn(draft, ref.path.slice(0, -1));
    if (ref.as === 'value' && Array.isArray(parent)) parent[ref.path[ref.path.length - 1] as number] = to;
    else if (ref.as === 'key' && isObj(parent)) {
      // A new object in the old one's place: one patch, so an undo restores the key order too.
      const renamed: Record<string, Json> = {};
      for (const [k, v] of Object.entries(parent)) if (k !== to) renamed[k === from ? to : k] = v as Json;
      setIn(draft, ref.path.slice(0, -1), renamed);
    }
  }
}

/** "no pool named X" on each reference to a pool the fleet does not have. */
export function orphanReferences(doc: ScenarioDoc): { path: string; message: string }[] {
  const names = new Set(poolNames(doc));
  return poolReferences(doc)
    .filter((r) => !names.has(r.name))
    .map((r) => ({ path: pathKey(r.path), message: `no pool named ${JSON.stringify(r.name)}` }));
}
