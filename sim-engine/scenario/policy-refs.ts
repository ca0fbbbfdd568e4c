/**
 * The scenario's policy fields, derived from a policy registry (DESIGN.md §12):
 * `autoscaler: { kind: NAME, ...params }` and `scheduler: NAME | { kind: NAME, ...params }`,
 * one strict object per registered policy (its params shape + `kind: literal(NAME)`).
 * Both parse to one form, `{ kind, ...params }` with the defaults applied.
 */
import { z } from 'zod';
import type { ParamsSchema, PolicyContext, PolicyDefinition, PolicyRef, SchedulerDefinition } from '../policies/definition.js';
import type { PolicyRegistry } from '../policies/registry.js';

/** What a scenario may write for a policy reference before parsing. */
export type PolicyRefInput = { kind: string } & Record<string, unknown>;

type Def = Pick<PolicyDefinition<ParamsSchema, unknown>, 'name' | 'params'>;

/** One strict `{ kind: NAME, ...params }` branch per definition, discriminated by `kind`. */
function refUnion(defs: readonly Def[], component: string, paramsOf: (d: Def) => ParamsSchema = (d) => d.params): z.ZodType<PolicyRef, PolicyRefInput> {
  if (defs.length === 0) throw new Error(`policy registry: no ${component} registered`);
  const options = defs.map((d) => z.strictObject({ kind: z.literal(d.name), ...paramsOf(d).shape }));
  return z.discriminatedUnion('kind', options as [(typeof options)[number], ...(typeof options)[number][]]) as unknown as z.ZodType<PolicyRef, PolicyRefInput>;
}

/** Any registered autoscaler (but `except`, e.g. a wrapper that may not wrap itself). */
export function autoscalerRef(registry: PolicyRegistry, except?: string): z.ZodType<PolicyRef, PolicyRefInput> {
  return refUnion(except === undefined ? registry.autoscalers : registry.autoscalers.filter((d) => d.name !== except), 'autoscalers');
}

/** A scheduler: its bare name (all parameters at their defaults) or `{ kind: NAME, ...params }`. */
export function schedulerRef(registry: PolicyRegistry): z.ZodType<PolicyRef, string | PolicyRefInput> {
  const objects = refUnion(registry.schedulers, 'schedulers', (d) => registry.schedulerParams(d as SchedulerDefinition));
  const names = registry.schedulers.map((d) => d.name) as [string, ...string[]];
  // The object branch first: on a tie (an object with a bad key) its issue is the one reported.
  return z.union([objects, z.enum(names)]).transform((v, ctx): PolicyRef => {
    if (typeof v !== 'string') return v;
    const parsed = objects.safeParse({ kind: v });
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: `scheduler ${v} needs parameters: write { kind: ${v}, … } (got ${JSON.stringify(v)})` });
    return z.NEVER;
  });
}

/**
 * Run the cross-field `validate` hook of every policy a scenario references (each
 * policy's autoscaler and scheduler, then the default scheduler); paths become absolute.
 */
export function validatePolicyRefs(
  registry: PolicyRegistry,
  s: { readonly scheduler: PolicyRef; readonly policies: readonly { readonly autoscaler: PolicyRef; readonly scheduler?: PolicyRef | undefined }[] },
  scope: PolicyContext,
  ctx: z.RefinementCtx,
): void {
  const check = (def: Pick<PolicyDefinition<ParamsSchema, unknown>, 'validate'> | undefined, ref: PolicyRef, path: (string | number)[]) => {
    const { kind: _kind, ...params } = ref;
    def?.validate?.(params, scope, (iss) => ctx.addIssue({ code: 'custom', path: [...path, ...iss.path], message: iss.message, ...(iss.params ? { params: iss.params } : {}) }));
  };
  s.policies.forEach((pol, i) => {
    check(registry.autoscaler(pol.autoscaler.kind), pol.autoscaler, ['policies', i, 'autoscaler']);
    if (pol.scheduler) check(registry.scheduler(pol.scheduler.kind), pol.scheduler, ['policies', i, 'scheduler']);
  });
  check(registry.scheduler(s.scheduler.kind), s.scheduler, ['scheduler']);
}
