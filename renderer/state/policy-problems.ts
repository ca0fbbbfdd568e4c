/**
 * The policies of a document checked on their own: each policy's autoscaler and scheduler
 * (and the default scheduler) against the registry's schemas, then every policy's
 * cross-field `validate` hook against the pools as written. The scenario schema runs those
 * hooks only once the whole document parses; here they run whatever else is broken, so a
 * wrong pool name in `nodes` shows while a pool is still half typed. The schemas, the hooks
 * and the wording are the engine's (policy-refs.ts, messages.ts): a message here is the one
 * the full check gives, word for word, so the editor shows it once.
 */
import { z } from 'zod';
import type { PolicyContext } from '../../sim-engine/policies/definition';
import { DEFAULT_SCHEDULER, policyRegistry, type PolicyRegistry } from '../../sim-engine/policies/registry';
import { schemaProblems, type PlainIssue } from '../../sim-engine/scenario/messages';
import { autoscalerRef, schedulerRef, validatePolicyRefs } from '../../sim-engine/scenario/policy-refs';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The pools of a document as a policy's `validate` sees them (those with a name). */
export function policyContext(pools: unknown): PolicyContext {
  const list = (Array.isArray(pools) ? pools : []).filter(isObj).filter((p): p is Record<string, unknown> & { name: string } => typeof p.name === 'string');
  const n = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  return { poolNames: list.map((p) => p.name), pools: list.map((p) => ({ name: p.name, initial: n(p.initial, 0), min: n(p.min, 0), max: typeof p.max === 'number' ? p.max : undefined })) };
}

/** The policy part of the scenario schema (other keys pass through), built once per set of registered names. */
function policiesSchema(registry: PolicyRegistry) {
  const scheduler = schedulerRef(registry);
  return z.looseObject({
    scheduler: scheduler.prefault(DEFAULT_SCHEDULER),
    policies: z.array(z.looseObject({ autoscaler: autoscalerRef(registry), scheduler: scheduler.optional() })),
  });
}

const cache = new Map<string, ReturnType<typeof policiesSchema>>();
/** Names of everything registered: tests register doubles into the shared registry after import. */
export const registryKey = (r: PolicyRegistry) => [r.autoscalers, r.schedulers, r.placements].map((defs) => defs.map((d) => d.name).join(',')).join('|');

/** Problems of the document's policies, paths from the document's root. */
export function policyProblems(doc: Record<string, unknown>, registry: PolicyRegistry = policyRegistry): PlainIssue[] {
  const key = registryKey(registry);
  let base = cache.get(key);
  if (!base) cache.set(key, (base = policiesSchema(registry)));
  const scope = policyContext(isObj(doc.fleet) ? doc.fleet.pools : undefined);
  const schema = base.superRefine((s, ctx) => validatePolicyRefs(registry, s, scope, ctx));
  return schemaProblems(schema, { scheduler: doc.scheduler, policies: doc.policies });
}
