import type { Summary, SummaryKey } from '../../sim-engine/metrics/types';
import { DASH, fmtDuration, fmtHours, fmtInt, fmtPct, fmtUsdPrecise } from '../charts/format';

interface Row {
  key: SummaryKey;
  label: string;
  hint: string;
  format: (v: number | null) => string;
  /** Which direction is better; null = informational. */
  better: 'min' | 'max' | null;
}

export const KPI_ROWS: Row[] = [
  { key: 'costUsd', label: 'Cost', hint: 'Σ billed node-hours × node-hour price', format: fmtUsdPrecise, better: 'min' },
  { key: 'utilization', label: 'Utilization', hint: 'busy ÷ billed accelerator-hours', format: fmtPct, better: 'max' },
  { key: 'availability', label: 'Availability', hint: '1 − shortfall hours ÷ window hours', format: fmtPct, better: 'max' },
  { key: 'shortfallHours', label: 'Shortfall', hint: 'hours in which some job waited longer than the SLO', format: fmtHours, better: 'min' },
  { key: 'waitP50S', label: 'Wait p50', hint: 'median queueing delay', format: fmtDuration, better: 'min' },
  { key: 'waitP95S', label: 'Wait p95', hint: '95th percentile queueing delay', format: fmtDuration, better: 'min' },
  { key: 'waitP99S', label: 'Wait p99', hint: '99th percentile queueing delay', format: fmtDuration, better: 'min' },
  { key: 'jobsCompleted', label: 'Jobs completed', hint: 'submitted in the window and finished', format: fmtInt, better: 'max' },
  { key: 'jobsUnfinished', label: 'Jobs unfinished', hint: 'still queued or running at the horizon', format: fmtInt, better: 'min' },
  { key: 'jobsRejected', label: 'Jobs rejected', hint: 'could never fit the fleet', format: fmtInt, better: 'min' },
  { key: 'costPerBusyAcceleratorHour', label: 'Cost / busy accel-hour', hint: 'cost ÷ busy accelerator-hours', format: fmtUsdPrecise, better: 'min' },
];

export interface KpiRun {
  policy: string;
  summary: Summary;
  /** 95% confidence half-widths, with replications (shown as `value ± ci`). */
  ci95?: Partial<Record<SummaryKey, number | null>>;
}

/** Indices of the best values of a row (ties all win); none when every value is equal or there is one policy. */
export function bestIndices(values: (number | null)[], better: 'min' | 'max' | null): Set<number> {
  const out = new Set<number>();
  if (!better) return out;
  const finite = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null && Number.isFinite(x.v));
  if (finite.length < 2) return out;
  const best = better === 'min' ? Math.min(...finite.map((x) => x.v)) : Math.max(...finite.map((x) => x.v));
  const worst = better === 'min' ? Math.max(...finite.map((x) => x.v)) : Math.min(...finite.map((x) => x.v));
  if (best === worst) return out;
  for (const x of finite) if (x.v === best) out.add(x.i);
  return out;
}

/** The policy's colour key, as in the charts' legends (decorative: the policy name follows it). */
export function PolicySwatch({ color }: { color?: string }) {
  return <span className="policy-swatch" style={color ? { background: color } : undefined} aria-hidden="true" />;
}

export function KpiTable({ runs, colors }: { runs: KpiRun[]; colors?: string[] }) {
  return (
    <div className="table-scroll">
      <table className="kpi-table" data-testid="kpi-table">
        <thead>
          <tr>
            <th scope="col" className="kpi-label-head">Metric</th>
            {runs.map((r, i) => (
              <th scope="col" key={r.policy} className="num">
                <PolicySwatch color={colors?.[i]} />
                {r.policy}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {KPI_ROWS.map((row) => {
            const values = runs.map((r) => {
              const v = r.summary[row.key];
              return typeof v === 'number' && Number.isFinite(v) ? v : null;
            });
            const best = bestIndices(values, row.better);
            return (
              <tr key={row.key}>
                <th scope="row" title={row.hint}>
                  {row.label}
                </th>
                {values.map((v, i) => {
                  const isBest = best.has(i);
                  return (
                    <td key={runs[i]!.policy} className={`num${isBest ? ' best' : ''}${v === null ? ' null' : ''}`} data-best={isBest ? 'true' : undefined} title={isBest ? 'best of the policies' : undefined}>
                      {v === null ? DASH : withCi(row.format(v), runs[i]!.ci95?.[row.key], row.format)}
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

/** A cell's text with its 95% half-width, as the CLI's table prints it (`value ± ci`). */
function withCi(cell: string, ci: number | null | undefined, format: (v: number | null) => string): string {
  return ci === undefined || ci === null || !Number.isFinite(ci) ? cell : `${cell} ± ${format(ci)}`;
}
