/**
 * The planner's requirements in the results view (max cost, min availability, max wait p95):
 * kept as typed text per scenario, parsed here into the verdict's limits. Empty = not set;
 * text that does not parse is reported on its field and left out of the verdict.
 */
import { parseDuration } from '../../sim-engine/core/duration';
import { DEFAULT_AVAILABILITY_TARGET, type Requirements } from '../../sim-engine/report/verdict';
import type { SloView } from '../../sim-engine/worker/types';

export interface RequirementTexts {
  maxCost: string;
  minAvailability: string;
  maxWaitP95: string;
}
export type RequirementField = keyof RequirementTexts;

export const NO_REQUIREMENTS: RequirementTexts = { maxCost: '', minAvailability: '', maxWaitP95: '' };

type Parsed = { value?: number; error?: string };

const MULTIPLIER: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };

/** `150000`, `150,000`, `$150k`, `1.2M` → USD; null on empty. */
export function parseUsd(text: string): Parsed {
  const t = text.trim();
  if (t === '') return {};
  const m = /^\$?\s*((?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+)\s*([kmb]?)$/i.exec(t.replace(/_/g, ''));
  if (!m) return { error: `not an amount in USD, e.g. 150k or 150000 (got "${t}")` };
  return { value: Number(m[1]!.replace(/,/g, '')) * MULTIPLIER[m[2]!.toLowerCase()]! };
}

/** `99`, `99.5%` → 0.99, 0.995. */
export function parsePercent(text: string): Parsed {
  const t = text.trim();
  if (t === '') return {};
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*%?$/.exec(t);
  const v = m ? Number(m[1]) : NaN;
  if (!(v > 0 && v <= 100)) return { error: `a percentage in (0, 100], e.g. 99 (got "${t}")` };
  return { value: v / 100 };
}

/** `30m`, `2h`, `90s` (a bare number is seconds, as in scenario files). */
export function parseWait(text: string): Parsed {
  const t = text.trim();
  if (t === '') return {};
  const v = parseDuration(t);
  if (v === null) return { error: `not a duration, e.g. 30m or 2h (got "${t}")` };
  if (v < 0) return { error: `a wait must be ≥ 0 (got "${t}")` };
  return { value: v };
}

export interface ParsedRequirements {
  /** The limits that parse, for `verdict()`. */
  limits: Pick<Requirements, 'maxCostUsd' | 'minAvailability' | 'maxWaitP95S'>;
  /** Why a field's text is ignored. */
  errors: Partial<Record<RequirementField, string>>;
}

export function parseRequirements(t: RequirementTexts): ParsedRequirements {
  const fields: [RequirementField, Parsed, keyof ParsedRequirements['limits']][] = [
    ['maxCost', parseUsd(t.maxCost), 'maxCostUsd'],
    ['minAvailability', parsePercent(t.minAvailability), 'minAvailability'],
    ['maxWaitP95', parseWait(t.maxWaitP95), 'maxWaitP95S'],
  ];
  const out: ParsedRequirements = { limits: {}, errors: {} };
  for (const [field, p, key] of fields) {
    if (p.error) out.errors[field] = p.error;
    else if (p.value !== undefined) out.limits[key] = p.value;
  }
  return out;
}

/** The verdict's requirements: the run's SLO (the target's default when the bundle has none) and the planner's limits. */
export function verdictRequirements(slo: SloView | undefined, limits: ParsedRequirements['limits']): Requirements {
  return { availabilityTarget: slo?.availabilityTarget ?? DEFAULT_AVAILABILITY_TARGET, maxQueueWaitS: slo?.maxQueueWaitS ?? null, ...limits };
}
