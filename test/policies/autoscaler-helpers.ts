/** Shared by the autoscaler tests: build a registered autoscaler from scenario-style params, read the decision log, check scenario issues. */
import { policyRegistry } from '../../sim-engine/policies/registry.js';
import type { Autoscaler } from '../../sim-engine/policies/types.js';
import { formatIssue, loadScenario } from '../../sim-engine/scenario/loader.js';
import type { Simulation } from '../../sim-engine/sim/simulation.js';

/** An autoscaler from `{ kind, ...params }` as a scenario writes it (parsed with the registry's schema, defaults applied). */
export function autoscalerOf(ref: { kind: string } & Record<string, unknown>): Autoscaler {
  const { kind, ...params } = ref;
  const def = policyRegistry.autoscaler(kind);
  if (!def) throw new Error(`no autoscaler ${kind}`);
  return policyRegistry.createAutoscaler({ kind, ...def.params.parse(params) });
}

/** The autoscaler's decisions as `time pool action count`. */
export const decisionsOf = (sim: Simulation): string[] => sim.decisions.filter((d) => d.component === 'autoscaler').map((d) => `${d.timeS} ${d.pool} ${d.action} ${d.count}`);

/** The reasons of the autoscaler's decisions, in order. */
export const reasonsOf = (sim: Simulation): string[] => sim.decisions.filter((d) => d.component === 'autoscaler').map((d) => d.reason);

/** A one-pool scenario (pool `a100`, max 8) with the given policies block, as YAML. */
export const scenarioWith = (autoscaler: string) => `name: t
seed: 1
horizon: 1d
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 5 }
    accelerators: 1
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - name: a100
      accelerator: nvidia-a100-80gb
      perNode: 8
      initial: 2
      max: 8
policies:
  - name: p
    autoscaler:
${autoscaler.replace(/^/gm, '      ')}
`;

/** The formatted issues of a scenario text ([] when it loads). */
export const issuesOf = (text: string): string[] => {
  const r = loadScenario(text, 't.yaml');
  return r.ok ? [] : r.issues.map(formatIssue);
};
