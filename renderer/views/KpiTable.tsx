import type { ReactNode } from 'react';
import type { Summary, SummaryKey } from '../../sim-engine/metrics/types';
import { bestIndexes, formatMetricCell, shownRows } from '../../sim-engine/report/metric-rows';

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

export function KpiTable({ runs, colors }: { runs: KpiRun[]; colors?: string[] }) {
  return (
    <div className="table-scroll">
      <table className="kpi-table" data-testid="kpi-table">
        <thead>
          <tr>
            <th scope="col" className="kpi-label-head">Metric</th>
            <PolicyHeads runs={runs} colors={colors} />
          </tr>
        </thead>
        <tbody>
          {shownRows(runs.map((r) => r.summary)).map((row) => {
            const values = runs.map((r) => {
              const v = r.summary[row.key];
              return typeof v === 'number' && Number.isFinite(v) ? v : null;
            });
            const best = new Set(bestIndexes(row, values));
            return (
              <tr key={row.key}>
                <th scope="row" title={row.hint}>
                  {row.label}
                </th>
                {values.map((v, i) => {
                  const isBest = best.has(i);
                  return (
                    <td key={runs[i]!.policy} className={`num${isBest ? ' best' : ''}${v === null ? ' null' : ''}`} data-best={isBest ? 'true' : undefined} title={isBest ? 'best of the policies' : undefined}>
                      {formatMetricCell(row, v, runs[i]!.ci95?.[row.key])}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
