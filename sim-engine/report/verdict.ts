/**
 * Which policy to pick (DESIGN §5 `slo.availabilityTarget`): a policy meets the requirements
 * when its availability reaches the target (with an SLO set) and it satisfies any limits the
 * planner adds (max cost, min availability, max wait p95); among those, the cheapest is
 * recommended, with a one-sentence reason. Pure: the CLI and the app read the same verdict.
 */
import type { Summary } from '../metrics/types.js';
import { formatMetric, METRIC_ROWS } from './metric-rows.js';

export interface Requirements {
  /** slo.availabilityTarget (default 0.95); applies only when the runs have an availability. */
  availabilityTarget: number;
  maxCostUsd?: number;
  minAvailability?: number;
  maxWaitP95S?: number;
}

export interface PolicyVerdict {
  policy: string;
  feasible: boolean;
  /** Why it does not meet the requirements (empty when it does). */
  reasons: string[];
}

export interface Verdict {
  policies: PolicyVerdict[];
  /** The recommended policy, or null when none meets the requirements. */
  recommended: string | null;
  /** One sentence for the planner. */
  reason: string;
}

const row = (key: keyof Summary) => METRIC_ROWS.find((r) => r.key === key)!;
const fmt = (key: keyof Summary, v: number | null) => formatMetric(row(key), v);

export function verdict(runs: readonly { policy: string; summary: Summary }[], req: Requirements): Verdict {
  const policies = runs.map(({ policy, summary: s }) => {
    const reasons: string[] = [];
    if (s.availability !== null && s.availability < req.availabilityTarget) reasons.push(`availability ${fmt('availability', s.availability)} < target ${fmt('availability', req.availabilityTarget)}`);
    if (req.minAvailability !== undefined && (s.availability === null || s.availability < req.minAvailability)) reasons.push(`availability ${fmt('availability', s.availability)} < required ${fmt('availability', req.minAvailability)}`);
    if (req.maxCostUsd !== undefined && s.costUsd > req.maxCostUsd) reasons.push(`cost ${fmt('costUsd', s.costUsd)} > limit ${fmt('costUsd', req.maxCostUsd)}`);
    if (req.maxWaitP95S !== undefined && (s.waitP95S === null || s.waitP95S > req.maxWaitP95S)) reasons.push(`wait p95 ${fmt('waitP95S', s.waitP95S)} > limit ${fmt('waitP95S', req.maxWaitP95S)}`);
    return { policy, feasible: reasons.length === 0, reasons };
  });
  const ok = runs.filter((_, i) => policies[i]!.feasible);
  if (ok.length === 0) return { policies, recommended: null, reason: 'No policy meets the requirements: relax a limit or add capacity.' };
  const best = ok.reduce((a, b) => (b.summary.costUsd < a.summary.costUsd ? b : a));
  const others = ok.filter((r) => r !== best);
  const next = others.length ? others.reduce((a, b) => (b.summary.costUsd < a.summary.costUsd ? b : a)) : null;
  const avail = best.summary.availability === null ? 'with no SLO set' : `meets the SLO ${fmt('availability', best.summary.availability)} of the time`;
  const vs = next ? `, ${fmt('costUsd', next.summary.costUsd - best.summary.costUsd)} less than ${next.policy}` : ok.length === runs.length ? '' : ', the only policy that meets the requirements';
  return { policies, recommended: best.policy, reason: `${best.policy}: ${avail} at ${fmt('costUsd', best.summary.costUsd)}${vs}.` };
}
