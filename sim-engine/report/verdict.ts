/**
 * Which policy to pick (DESIGN §5 `slo.availabilityTarget`): a policy meets the requirements
 * when its availability reaches the bar — the planner's min availability if set, else the
 * scenario's target — and it satisfies the other limits the planner adds (max cost, max wait
 * p95). Among those the cheapest is recommended; policies within 1% of its cost count as tied
 * on cost, and the tie goes to the shortest wait p95. With no SLO set (no `slo.maxQueueWait`)
 * availability is not measured, so the availability bar does not apply: the verdict then
 * weighs cost (and, on a tie, wait p95) and any limits the planner sets, and says so.
 * Pure: the CLI and the app read the same verdict, in the tables' number formats.
 */
import { formatDuration } from '../core/duration.js';
import type { Summary } from '../metrics/types.js';
import { formatValue } from './metric-rows.js';

/** `slo.availabilityTarget` when the scenario leaves it out (the schema's default). */
export const DEFAULT_AVAILABILITY_TARGET = 0.95;
/** Costs within this share of the cheapest feasible one count as tied; the tie goes to the lower wait p95. */
export const COST_TIE = 0.01;

export interface Requirements {
  /** slo.availabilityTarget (default 0.95); applies only to runs that have an availability. */
  availabilityTarget: number;
  /** slo.maxQueueWait in seconds, to name the SLO in the reason ("the 30m wait SLO"). */
  maxQueueWaitS?: number | null;
  maxCostUsd?: number;
  /** The planner's availability bar (0..1): replaces `availabilityTarget` when set. */
  minAvailability?: number;
  maxWaitP95S?: number;
}

/** The requirement a policy can miss: the availability bar, the max cost, the max wait p95. */
export type RequirementKey = 'availability' | 'maxCost' | 'maxWaitP95';

export interface PolicyVerdict {
  policy: string;
  feasible: boolean;
  /** Why it does not meet the requirements (empty when it does), one compact phrase each. */
  reasons: string[];
  /** The requirements it misses, in the order of `reasons`. */
  failed: RequirementKey[];
}

export interface Verdict {
  policies: PolicyVerdict[];
  /** The recommended policy, or null when none meets the requirements. */
  recommended: string | null;
  /** One sentence for the planner. */
  reason: string;
  /** Whether the runs measure availability (the scenario sets `slo.maxQueueWait`). */
  sloSet: boolean;
  /** The requirements that exclude at least one policy, the one excluding the most first. */
  excludedBy: { requirement: RequirementKey; label: string; count: number }[];
  /** Requirements set but not applied: a min availability when no SLO is set. */
  notApplied: RequirementKey[];
}

type Run = { policy: string; summary: Summary };

/** How a requirement reads in a sentence: "the availability target 95.00%", "max cost $150.0k". */
export function requirementLabel(key: RequirementKey, req: Requirements): string {
  switch (key) {
    case 'availability':
      return req.minAvailability !== undefined ? `min availability ${formatValue('availability', req.minAvailability)}` : `the availability target ${formatValue('availability', req.availabilityTarget)}`;
    case 'maxCost':
      return `max cost ${formatValue('costUsd', req.maxCostUsd)}`;
    case 'maxWaitP95':
      return `max wait p95 ${formatValue('waitP95S', req.maxWaitP95S)}`;
  }
}

function judge({ policy, summary: s }: Run, req: Requirements): PolicyVerdict {
  const reasons: string[] = [];
  const failed: RequirementKey[] = [];
  const miss = (key: RequirementKey, why: string) => {
    failed.push(key);
    reasons.push(why);
  };
  const bar = req.minAvailability ?? req.availabilityTarget;
  const barName = req.minAvailability !== undefined ? 'required' : 'target';
  if (s.availability !== null && s.availability < bar) miss('availability', `availability ${formatValue('availability', s.availability)} < ${barName} ${formatValue('availability', bar)}`);
  if (req.maxCostUsd !== undefined && s.costUsd > req.maxCostUsd) miss('maxCost', `cost ${formatValue('costUsd', s.costUsd)} > limit ${formatValue('costUsd', req.maxCostUsd)}`);
  if (req.maxWaitP95S !== undefined && (s.waitP95S === null || s.waitP95S > req.maxWaitP95S)) miss('maxWaitP95', `wait p95 ${formatValue('waitP95S', s.waitP95S)} > limit ${formatValue('waitP95S', req.maxWaitP95S)}`);
  return { policy, feasible: failed.length === 0, reasons, failed };
}

const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? ''));
const cheaper = (a: Run, b: Run) => (b.summary.costUsd < a.summary.costUsd ? b : a);
const waitOf = (r: Run) => r.summary.waitP95S ?? Infinity;

/** The pick among feasible runs: the cheapest, or of those within COST_TIE of it, the one with the lowest wait p95. */
function pick(ok: readonly Run[]): { best: Run; cheapest: Run } {
  const cheapest = ok.reduce(cheaper);
  const tol = COST_TIE * Math.abs(cheapest.summary.costUsd);
  const tied = ok.filter((r) => r.summary.costUsd - cheapest.summary.costUsd <= tol);
  const best = tied.reduce((a, b) => (waitOf(b) < waitOf(a) ? b : a), cheapest);
  return { best, cheapest };
}

function recommendation(runs: readonly Run[], ok: readonly Run[], req: Requirements): { recommended: string; reason: string } {
  const { best, cheapest } = pick(ok);
  const cost = formatValue('costUsd', best.summary.costUsd);
  const wait = formatValue('waitP95S', best.summary.waitP95S);
  const withSlo = best.summary.availability !== null;
  const slo = req.maxQueueWaitS !== undefined && req.maxQueueWaitS !== null ? `${formatDuration(req.maxQueueWaitS)} wait ` : '';
  const what = withSlo
    ? `meets the ${slo}SLO ${formatValue('availability', best.summary.availability)} of the time at ${cost}`
    : best === cheapest ? `with no SLO set, the cheapest at ${cost} (wait p95 ${wait})` : `with no SLO set, costs ${cost}`;
  let vs = '';
  if (best !== cheapest) {
    const same = best.summary.costUsd === cheapest.summary.costUsd;
    const tie = same ? `the same ${withSlo ? 'cost ' : ''}as ${cheapest.policy}` : `within 1% of ${cheapest.policy}'s ${formatValue('costUsd', cheapest.summary.costUsd)}`;
    vs = `, ${tie}, with a shorter wait p95 (${wait} vs ${formatValue('waitP95S', cheapest.summary.waitP95S)})`;
  } else {
    const others = ok.filter((r) => r !== best);
    if (others.length) {
      const next = others.reduce(cheaper);
      vs = `, ${formatValue('costUsd', next.summary.costUsd - best.summary.costUsd)} less than ${next.policy}`;
    } else if (runs.length > 1) vs = ', the only policy that meets the requirements';
  }
  return { recommended: best.policy, reason: `${best.policy}: ${what}${vs}.` };
}

export function verdict(runs: readonly Run[], req: Requirements): Verdict {
  const policies = runs.map((r) => judge(r, req));
  const sloSet = runs.some((r) => r.summary.availability !== null);
  const notApplied: RequirementKey[] = !sloSet && req.minAvailability !== undefined ? ['availability'] : [];
  const keys: RequirementKey[] = ['availability', 'maxCost', 'maxWaitP95'];
  const excludedBy = keys
    .map((requirement) => ({ requirement, label: requirementLabel(requirement, req), count: policies.filter((p) => p.failed.includes(requirement)).length }))
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count);
  const ok = runs.filter((_, i) => policies[i]!.feasible);
  if (ok.length === 0) {
    const top = excludedBy.filter((e) => e.count === excludedBy[0]?.count);
    const most = top.length ? `: ${list(top.map((e) => e.label))} ${top.length > 1 ? 'each exclude' : 'excludes'} the most (${top[0]!.count} of ${runs.length})` : '';
    return { policies, recommended: null, reason: `No policy meets the requirements${most}; relax ${top.length > 1 ? 'one' : 'it'} or add capacity.`, sloSet, excludedBy, notApplied };
  }
  return { policies, ...recommendation(runs, ok, req), sloSet, excludedBy, notApplied };
}
