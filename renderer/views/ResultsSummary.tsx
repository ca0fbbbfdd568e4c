/**
 * The top of the results: the verdict with the planner's requirements, then the KPI table and
 * the cost-vs-availability scatter — all read from results.json's runs (with replications,
 * their means) and the run's SLO, so the three always agree.
 */
import { useCallback, useMemo } from 'react';
import { verdict } from '../../sim-engine/report/verdict';
import type { RunBundle } from '../../sim-engine/worker/types';
import { CostAvailabilityScatter, type ScatterPoint } from '../charts/CostAvailabilityScatter';
import { policyColor } from '../charts/series';
import type { AppController, AppState } from '../state/controller';
import { NO_REQUIREMENTS, parseRequirements, verdictRequirements, type RequirementTexts } from '../state/requirements';
import { KpiTable } from './KpiTable';
import { VerdictPanel } from './Verdict';

export function ResultsSummary({ controller, state, bundle, gridColor }: { controller: AppController; state: AppState; bundle: RunBundle; gridColor: string }) {
  const runs = bundle.results.runs;
  const scenarioId = state.result?.scenarioId ?? '';
  const texts = state.requirements[scenarioId] ?? NO_REQUIREMENTS;
  const parsed = useMemo(() => parseRequirements(texts), [texts]);
  const req = useMemo(() => verdictRequirements(bundle.slo, parsed.limits), [bundle.slo, parsed]);
  const v = useMemo(() => verdict(runs, req), [runs, req]);
  const onChange = useCallback((patch: Partial<RequirementTexts>) => controller.setRequirements(scenarioId, patch), [controller, scenarioId]);
  const colors = useMemo(() => runs.map((r) => policyColor(r.policy)), [runs]);
  const points = useMemo<ScatterPoint[]>(
    () =>
      runs.map((r, i) => {
        const p = v.policies[i]!;
        return { key: r.policy, label: r.policy, color: colors[i]!, cost: r.summary.costUsd, availability: r.summary.availability, waitP95S: r.summary.waitP95S, feasible: p.feasible, note: p.reasons.join('; '), recommended: v.recommended === r.policy };
      }),
    [runs, v, colors],
  );
  const anyFeasible = v.recommended !== null;
  const reps = runs[0]?.replications;
  return (
    <>
      <VerdictPanel verdict={v} runs={runs} target={req.availabilityTarget} texts={texts} parsed={parsed} onChange={onChange} />
      <div className="summary-row">
        <section className="panel">
          <div className="panel-head">
            <h2>Key metrics</h2>
            <span className="muted small" data-testid="kpi-note">
              {reps ? `means of ${reps} replications ± 95% CI · ` : ''}
              {anyFeasible ? 'best value per row among the policies that meet the requirements' : 'no policy meets the requirements: best value per row among all policies'} · greyed = misses them · the info button beside a label gives its definition
            </span>
          </div>
          <KpiTable runs={runs} colors={colors} verdict={v} />
        </section>
        <section className="panel">
          <CostAvailabilityScatter points={points} gridColor={gridColor} height={360} target={v.sloSet ? req.minAvailability ?? req.availabilityTarget : null} />
        </section>
      </div>
    </>
  );
}
