import type { ReactNode } from 'react';
import type { Summary, SummaryKey } from '../../sim-engine/metrics/types';
import { bestIndexes, formatMetricCell, shownRows } from '../../sim-engine/report/metric-rows';
import { InfoButton, MetricInfo } from './MetricInfo';

export interface KpiRun {
  policy: string;
  summary: Summary;
  /** 95% confidence half-widths, with replications (shown as `value ± ci`). */
  ci95?: Partial<Record<SummaryKey, number | null>>;
}

/**
 * Indices of the best values (ties all win; none when every value is equal or there is one),
 * by the engine's rule (report/metric-rows.ts) — for tables whose rows are not METRIC_ROWS.
 */
export function bestIndices(values: readonly (number | null)[], better: 'min' | 'max' | null): Set<number> {
  return new Set(bestIndexes({ better: better === 'min' ? 'lower' : better === 'max' ? 'higher' : null }, values));
}

/** The policy's colour key, as in the charts' legends (decorative: the policy name follows it). */
export function PolicySwatch({ color }: { color?: string }) {
  return <span className="policy-swatch" style={color ? { background: color } : undefined} aria-hidden="true" />;
}

/** One column head per policy: its colour swatch and name. */
export function PolicyHeads({ runs, colors }: { runs: readonly { policy: string }[]; colors?: readonly (string | undefined)[] | undefined }) {
  return (
    <>
      {runs.map((r, i) => (
        <th scope="col" key={r.policy} className="num">
          <PolicySwatch color={colors?.[i]} />
          {r.policy}
        </th>
      ))}
    </>
  );
}

/** A scrolling table with a row-label column and one column per policy; `children` are the body rows. */
export function PolicyTable({ label, runs, colors, className = 'kpi-table pool-table', children }: { label: string; runs: readonly { policy: string }[]; colors?: readonly (string | undefined)[] | undefined; className?: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={className}>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <PolicyHeads runs={runs} colors={colors} />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Which policies meet the requirements (verdict.ts), for the KPI table's heads, greying and ranking. */
export interface KpiVerdict {
  policies: readonly { policy: string; feasible: boolean; reasons: readonly string[] }[];
  recommended: string | null;
}

/** The values a row ranks: only the feasible policies' — or every policy's when none is feasible. */
export function rankedValues(values: readonly (number | null)[], feasible: readonly boolean[]): (number | null)[] {
  return feasible.some(Boolean) ? values.map((v, i) => (feasible[i] ? v : null)) : [...values];
}

function headTitle(feasible: boolean, recommended: boolean, reasons: readonly string[]): string {
  if (!feasible) return `Misses the requirements: ${reasons.join('; ')}`;
  return recommended ? 'Recommended: meets the requirements (the verdict above says why)' : 'Meets the requirements';
}

export function KpiTable({ runs, colors, verdict }: { runs: KpiRun[]; colors?: string[]; verdict?: KpiVerdict }) {
  const judged = runs.map((r) => verdict?.policies.find((p) => p.policy === r.policy));
  const feasible = judged.map((j) => j?.feasible ?? true);
  const rec = runs.map((r) => verdict?.recommended === r.policy);
  const anyFeasible = feasible.some(Boolean);
  const colClass = (i: number) => `${feasible[i] ? '' : ' infeasible'}${rec[i] ? ' recommended' : ''}`;
  const missTitle = (i: number) => (feasible[i] ? undefined : headTitle(false, false, judged[i]?.reasons ?? []));
  const bestTitle = verdict ? (anyFeasible ? 'best of the policies that meet the requirements' : 'best of all the policies (none meets the requirements)') : 'best of the policies';
  return (
    <div className="table-scroll">
      <table className="kpi-table" data-testid="kpi-table">
        <thead>
          <tr>
            <th scope="col" className="kpi-label-head">Metric</th>
            {runs.map((r, i) => (
              <th scope="col" key={r.policy} className={`num kpi-policy${colClass(i)}`} data-feasible={feasible[i] ? 'true' : 'false'} data-recommended={rec[i] ? 'true' : undefined} title={headTitle(feasible[i]!, rec[i]!, judged[i]?.reasons ?? [])}>
                <PolicySwatch color={colors?.[i]} />
                {r.policy}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shownRows(runs.map((r) => r.summary)).map((row) => {
            const values = runs.map((r) => {
              const v = r.summary[row.key];
              return typeof v === 'number' && Number.isFinite(v) ? v : null;
            });
            const best = new Set(bestIndexes(row, rankedValues(values, feasible)));
            return (
              <tr key={row.key} data-metric={row.key}>
                <th scope="row">
                  <span className="kpi-label">{row.label}</span>
                  <MetricInfo label={row.label} metricKey={row.key} definition={row.definition} />
                </th>
                {values.map((v, i) => {
                  const isBest = best.has(i);
                  return (
                    <td key={runs[i]!.policy} className={`num${isBest ? ' best' : ''}${v === null ? ' null' : ''}${colClass(i)}`} data-best={isBest ? 'true' : undefined} title={isBest ? bestTitle : missTitle(i)}>
                      {formatMetricCell(row, v, runs[i]!.ci95?.[row.key])}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        {verdict && (
          <tfoot>
            <tr className="kpi-status-row" data-testid="kpi-status-row">
              <th scope="row">
                <span className="kpi-label">Requirements</span>
                <InfoButton label="Requirements">
                  <div className="info-title">Requirements</div>
                  <p className="info-body">Whether the policy meets the SLO target (availability ≥ <code>slo.availabilityTarget</code>, or your min availability) and the limits set above the table. The best value of each row is ranked among the policies that meet them; greyed columns miss them (hover for why).</p>
                </InfoButton>
              </th>
              {runs.map((r, i) => (
                <td key={r.policy} className={`num kpi-status${colClass(i)}`} title={headTitle(feasible[i]!, rec[i]!, judged[i]?.reasons ?? [])}>
                  {rec[i] ? '★ recommended' : feasible[i] ? '✓ meets' : '✕ misses'}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
