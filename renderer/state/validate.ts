/**
 * The editor's immediate checks: the engine's own scenario schema and wording
 * (sim-engine/scenario/messages.ts) run on the document as it is edited, so the message
 * next to a field is the one `fleetlab run` and the worker's check print, word for word —
 * the editor shows a problem found both ways once, and the worker's answer (debounced)
 * only adds its line and column. Policies are also checked on their own
 * (policy-problems.ts), so their cross-field checks show while the rest is still broken.
 */
import { policyRegistry, type PolicyRegistry } from '../../sim-engine/policies/registry';
import { formatPath } from '../../sim-engine/scenario/loader';
import { limitsOf } from '../../sim-engine/scenario/limits';
import { parseScenarioData } from '../../sim-engine/scenario/messages';
import { refusal } from '../../sim-engine/scenario/preflight';
import { estimateWork } from '../../sim-engine/scenario/work-estimate';
import { scenarioSchema } from '../../sim-engine/scenario/schema';
import { policyProblems, registryKey } from './policy-problems';
import { orphanReferences } from './references';
import type { ScenarioDoc } from './scenario-doc';

export interface FieldProblem {
  /** `fleet.pools[0].min`, as the engine's ScenarioProblem writes it. */
  path: string;
  message: string;
}

/** The same problem, whoever found it (path and wording are shared). */
export const problemKey = (p: { path: string; message: string }) => `${p.path}\0${p.message}`;

const schemas = new Map<string, ReturnType<typeof scenarioSchema>>();
function schemaFor(registry: PolicyRegistry) {
  const key = registryKey(registry);
  let s = schemas.get(key);
  if (!s) schemas.set(key, (s = scenarioSchema(registry)));
  return s;
}

/** Every problem of `doc`, once each, in document order of discovery. */
export function validateDoc(doc: ScenarioDoc, registry: PolicyRegistry = policyRegistry): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  // One parse: its problems, or the scenario the work-limit check reads.
  const parsed = parseScenarioData(schemaFor(registry), doc);
  for (const p of [...(parsed.ok ? [] : parsed.problems), ...policyProblems(doc, registry)]) {
    const problem = { path: formatPath(p.path), message: p.message };
    const key = problemKey(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  // A reference to a pool the fleet lacks, where no policy's own check already says so.
  for (const p of orphanReferences(doc)) if (!out.some((o) => o.path === p.path)) out.push(p);
  // A valid scenario over its work limits (issue 12): the worker's refusal, at the field that drives it, as you type.
  // (One replication: the toolbar's count is checked when it runs.)
  if (out.length === 0 && parsed.ok) {
    const r = refusal(parsed.data, estimateWork(parsed.data, { replications: 1, stream: 'never' }), limitsOf(parsed.data.limits));
    if (r) out.push({ path: formatPath(r.path), message: r.message });
  }
  return out;
}
