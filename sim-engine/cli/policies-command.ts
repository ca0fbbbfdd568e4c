/** `fleetlab policies`: the registered schedulers, placements and autoscalers with their parameters (DESIGN.md §12). */
import { paramFields, paramsJsonSchema } from '../policies/params.js';
import { policyRegistry, type PolicyRegistry } from '../policies/registry.js';
import type { ParamsSchema } from '../policies/definition.js';
import type { CliIo } from './common.js';

type Entry = { readonly name: string; readonly description: string; readonly params: ParamsSchema };

const COMPONENTS = [
  ['schedulers', 'Schedulers (scheduler: NAME or { kind: NAME, ...params })'],
  ['placements', 'Placements'],
  ['autoscalers', 'Autoscalers (autoscaler: { kind: NAME, ...params })'],
] as const;

/** `{ schedulers, placements, autoscalers }`, each `[{ name, params: JSON Schema, description }]`. */
export function policiesJson(registry: PolicyRegistry = policyRegistry): Record<(typeof COMPONENTS)[number][0], { name: string; params: Record<string, unknown>; description: string }[]> {
  const list = (entries: readonly Entry[]) => entries.map((e) => ({ name: e.name, params: paramsJsonSchema(e.params), description: e.description }));
  return { schedulers: list(schedulerEntries(registry)), placements: list(registry.placements), autoscalers: list(registry.autoscalers) };
}

/** Each policy with its description, then one line per parameter: name, kind, default, description. */
export function policiesText(registry: PolicyRegistry = policyRegistry): string {
  const lines: string[] = [];
  for (const [key, title] of COMPONENTS) {
    const entries: readonly Entry[] = key === 'schedulers' ? schedulerEntries(registry) : registry[key];
    lines.push(title);
    const width = Math.max(...entries.map((e) => e.name.length));
    for (const e of entries) {
      lines.push(`  ${e.name.padEnd(width)}  ${e.description}`);
      const fields = paramFields(e.params);
      const pw = Math.max(0, ...fields.map((f) => f.name.length));
      for (const f of fields) {
        const dflt = f.required ? 'required' : f.default === undefined ? 'optional' : `default ${typeof f.default === 'string' ? f.default : JSON.stringify(f.default)}`;
        const kind = f.kind === 'enum' ? (f.options ?? []).join(' | ') : f.kind === 'pool-counts' ? 'counts per pool' : f.kind === 'pool-list' ? 'list of pools' : f.kind;
        lines.push(`  ${' '.repeat(width)}    ${f.name.padEnd(pw)}  ${kind}, ${dflt}${f.description ? ` — ${f.description}` : ''}`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Schedulers with their full parameters (placement and poolOrder included). */
function schedulerEntries(registry: PolicyRegistry): Entry[] {
  return registry.schedulers.map((d) => registry.schedulerWithParams(d));
}

export function policiesCommand(json: boolean, io: CliIo, registry: PolicyRegistry = policyRegistry): number {
  io.stdout(json ? `${JSON.stringify(policiesJson(registry), null, 2)}\n` : policiesText(registry));
  return 0;
}
