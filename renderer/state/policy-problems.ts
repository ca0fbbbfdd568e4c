/**
 * Quick checks of a policy's autoscaler and scheduler, from the policy registry's zod
 * schemas (the same ones the scenario schema is derived from): the kind must be
 * registered, the parameters must parse (`safeParse`, issues mapped to field paths), and
 * the policy's own cross-field `validate` hook runs against the pools as written.
 */
import type { ParamsSchema, PolicyContext, PolicyDefinition } from '../../sim-engine/policies/definition';
import { policyRegistry } from '../../sim-engine/policies/registry';
import { didYouMean } from '../../sim-engine/scenario/did-you-mean';

type Def = Pick<PolicyDefinition<ParamsSchema, unknown>, 'name' | 'params' | 'validate'>;
type Add = (path: (string | number)[], message: string) => void;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : String(v));
const orList = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);
const hinted = (message: string, probe: string, candidates: readonly string[] | undefined) => {
  const hint = candidates ? didYouMean(probe, candidates) : null;
  return hint && hint !== probe ? `${message} — did you mean ${JSON.stringify(hint)}?` : message;
};

/** The pools of a document as a policy's `validate` sees them (those with a name). */
export function policyContext(pools: unknown): PolicyContext {
  const list = (Array.isArray(pools) ? pools : []).filter(isObj).filter((p): p is Record<string, unknown> & { name: string } => typeof p.name === 'string');
  const n = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  return { poolNames: list.map((p) => p.name), pools: list.map((p) => ({ name: p.name, initial: n(p.initial, 0), min: n(p.min, 0), max: typeof p.max === 'number' ? p.max : undefined })) };
}

/** Check `{ kind, ...params }` against the definition's params schema and its `validate` hook. Paths are relative to the object. */
function checkParams(def: Def, ref: Record<string, unknown>, scope: PolicyContext, add: Add): void {
  const { kind: _kind, ...params } = ref;
  const parsed = def.params.safeParse(params);
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      if (iss.code === 'unrecognized_keys') {
        for (const key of iss.keys) add([key], hinted(`unknown key ${JSON.stringify(key)}`, key, Object.keys(def.params.shape)));
        continue;
      }
      const field = String(iss.path[0] ?? '');
      add(iss.path as (string | number)[], field && !iss.message.startsWith(field) ? `${field}: ${iss.message}` : iss.message);
    }
    return;
  }
  def.validate?.(parsed.data, scope, (iss) => add(iss.path, hinted(iss.message, String(iss.path[iss.path.length - 1] ?? ''), iss.params?.didYouMean)));
}

/** `policies[i].autoscaler`: required, `{ kind: NAME, ...params }`. */
export function autoscalerProblems(value: unknown, scope: PolicyContext, add: Add): void {
  const defs = policyRegistry.autoscalers;
  if (!isObj(value)) return add([], `autoscaler is required, e.g. { kind: ${defs[0]?.name ?? 'NAME'} }`);
  const def = typeof value.kind === 'string' ? policyRegistry.autoscaler(value.kind) : undefined;
  if (!def) return add(['kind'], hinted(`autoscaler kind must be ${orList(defs.map((d) => d.name))} (got ${show(value.kind)})`, String(value.kind ?? ''), defs.map((d) => d.name)));
  checkParams(def, value, scope, add);
}

/** A scheduler (top level or a policy's own): absent, `NAME` or `{ kind: NAME, ...params }`. */
export function schedulerProblems(value: unknown, scope: PolicyContext, add: Add): void {
  if (value === undefined) return;
  const names = policyRegistry.schedulers.map((d) => d.name);
  const kind = isObj(value) ? value.kind : value;
  const def = typeof kind === 'string' ? policyRegistry.scheduler(kind) : undefined;
  if (!def) return add(isObj(value) ? ['kind'] : [], hinted(`scheduler must be ${orList(names)} (got ${show(kind)})`, String(kind ?? ''), names));
  checkParams(policyRegistry.schedulerWithParams(def), isObj(value) ? value : { kind }, scope, add);
}
