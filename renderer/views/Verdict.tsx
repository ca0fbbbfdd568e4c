/**
 * The verdict at the top of the results (sim-engine/report/verdict.ts): the recommended policy
 * and why in one sentence, or that none meets the requirements and which one excludes the
 * most; each policy that misses them with its reason; and the planner's requirements.
 * Hooks: `data-testid="verdict"` with `data-recommended` = the policy's name ('' when none).
 */
import { formatValue } from '../../sim-engine/report/metric-rows';
import { COST_TIE, type Verdict } from '../../sim-engine/report/verdict';
import { policyColor } from '../charts/series';
import type { ParsedRequirements, RequirementTexts } from '../state/requirements';
import { PolicySwatch, type KpiRun } from './KpiTable';
import { RequirementsForm } from './RequirementsForm';

export interface VerdictPanelProps {
  verdict: Verdict;
  runs: readonly KpiRun[];
  target: number;
  texts: RequirementTexts;
  parsed: ParsedRequirements;
  onChange: (patch: Partial<RequirementTexts>) => void;
}

const NONE = 'No policy meets the requirements';

/** The reason when none is feasible, without the words the heading already says: "Max cost $116.9k excludes the most (2 of 3); …". */
export function withoutHeading(reason: string): string {
  if (!reason.startsWith(NONE)) return reason;
  const rest = reason.slice(NONE.length).replace(/^[:;]\s*/, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export function VerdictPanel({ verdict: v, runs, target, texts, parsed, onChange }: VerdictPanelProps) {
  const rec = v.recommended;
  const missing = v.policies.filter((p) => !p.feasible);
  const alsoOk = runs.filter((r) => r.policy !== rec && v.policies.find((p) => p.policy === r.policy)?.feasible);
  return (
    <section className={`panel verdict${rec ? '' : ' verdict-none'}`} data-testid="verdict" data-recommended={rec ?? ''} aria-labelledby="verdict-title">
      <div className="verdict-main">
        <div className="verdict-kicker">{rec ? 'Recommended policy' : 'No recommendation'}</div>
        <h2 id="verdict-title" className="verdict-title">
          {rec ? (
            <>
              <PolicySwatch color={policyColor(rec)} />
              {rec}
            </>
          ) : (
            NONE
          )}
        </h2>
        <p className="verdict-reason" data-testid="verdict-reason">
          {rec ? v.reason : withoutHeading(v.reason)}
        </p>
        {!v.sloSet && (
          <p className="verdict-note" data-testid="verdict-no-slo">
            No SLO set (<code>slo.maxQueueWait</code>), so availability is not measured: this verdict weighs cost — a policy within {COST_TIE * 100}% of the cheapest wins on a shorter wait p95 — and the limits you set. Set a max wait p95 below, or an SLO in the scenario, to rule out long waits.
          </p>
        )}
        {v.sloSet && (
          <p className="verdict-note muted">
            A policy meets the SLO at availability ≥ {formatValue('availability', parsed.limits.minAvailability ?? target)}
            {parsed.limits.minAvailability !== undefined ? ' (your min availability)' : ' (the scenario’s slo.availabilityTarget)'}; the cheapest that meets every requirement is recommended.
          </p>
        )}
        {missing.length > 0 && (
          <div className="verdict-list">
            <span className="verdict-list-head">Miss the requirements</span>
            <ul data-testid="verdict-infeasible">
              {missing.map((p) => (
                <li key={p.policy} data-policy={p.policy}>
                  <PolicySwatch color={policyColor(p.policy)} />
                  <strong>{p.policy}</strong> <span className="muted">{p.reasons.join('; ')}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {rec && alsoOk.length > 0 && (
          <div className="verdict-list">
            <span className="verdict-list-head">Also meet them</span>
            <ul>
              {alsoOk.map((r) => (
                <li key={r.policy}>
                  <PolicySwatch color={policyColor(r.policy)} />
                  <strong>{r.policy}</strong> <span className="muted">{formatValue('costUsd', r.summary.costUsd)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <RequirementsForm texts={texts} parsed={parsed} onChange={onChange} target={target} sloSet={v.sloSet} />
    </section>
  );
}
