/**
 * Immediate checks for the parts of the form that validate.ts has no rule for: workload
 * entries (synthetic and trace fields, distributions), the pools' provisioning and repair
 * distributions, `horizon: drain` — checked by the scenario schema itself, through the same
 * loader the worker uses, so a message here is word for word the worker's and the editor
 * shows it once — and references to pools the fleet does not have (references.ts).
 */
import { loadScenario } from '../../sim-engine/scenario/loader';
import { orphanReferences } from './references';
import type { ScenarioDoc } from './scenario-doc';

export interface EditorProblem {
  path: string;
  message: string;
}

/** Paths the schema check reports here (validate.ts has its own rules for the rest). */
const SCHEMA_PATHS = /^(workload(\[|$)|fleet\.pools\[\d+\]\.(provisioning|failures\.mttr)(\.|\[|$))/;

export function editorProblems(doc: ScenarioDoc): EditorProblem[] {
  const out: EditorProblem[] = [];
  const loaded = loadScenario(JSON.stringify(doc), 'scenario');
  if (!loaded.ok) {
    for (const iss of loaded.issues) {
      if (SCHEMA_PATHS.test(iss.path) || (iss.path === 'horizon' && doc.horizon === 'drain')) out.push({ path: iss.path, message: iss.message });
    }
  }
  out.push(...orphanReferences(doc));
  return out;
}
