/**
 * Cost by pool: one stacked bar per policy (a segment per pool), and a table of each pool's
 * cost, billed node-hours, busy share, preemptions and failures, with totals by purchase
 * option when several pools share one. Shown when the fleet has more than one pool.
 */
import { scaleLinear } from 'd3-scale';
import { schemeSet2 } from 'd3-scale-chromatic';
import { useMemo, useRef } from 'react';
import type { CommitmentSummary, PoolSummary } from '../../sim-engine/metrics/types';
import { ChartExportButtons } from '../charts/ChartExportButtons';
import { exportColors, svgOfElement } from '../charts/export';
import { fmtCompact, fmtCostKpi, fmtPct } from '../charts/format';
import { useWidth } from '../charts/use-width';
import { PolicyTable } from './KpiTable';

export interface PoolRun {
  policy: string;
  byPool: readonly PoolSummary[];
}

const BAR_H = 22;
const GAP = 10;
const LABEL_W = 120;
const VALUE_W = 70;

/** Pool colors: a muted palette, so pools are not mistaken for policies (which use the vivid one). */
export function poolColor(i: number): string {
  return schemeSet2[i % schemeSet2.length]!;
}

/** Costs summed by purchase option, in the order options first appear. */
export function costByPurchase(byPool: readonly PoolSummary[]): { purchase: string; costUsd: number }[] {
  const out = new Map<string, number>();
  for (const p of byPool) out.set(p.purchase, (out.get(p.purchase) ?? 0) + p.costUsd);
  return [...out].map(([purchase, costUsd]) => ({ purchase, costUsd }));
}

export function PoolBreakdown({ runs, colors }: { runs: readonly PoolRun[]; colors: readonly string[] }) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const svgRef = useRef<SVGSVGElement>(null);
  const pools = runs[0]?.byPool ?? [];
  const maxCost = useMemo(() => Math.max(1e-9, ...runs.map((r) => r.byPool.reduce((a, p) => a + p.costUsd, 0))), [runs]);
  if (pools.length < 2) return null;
  const purchases = costByPurchase(pools);
  const plotW = Math.max(120, width - LABEL_W - VALUE_W);
  const x = scaleLinear().domain([0, maxCost]).range([0, plotW]);
  const height = runs.length * (BAR_H + GAP);
  return (
    <section className="panel" data-testid="pool-breakdown">
      <div className="panel-head">
        <h2>Cost by pool</h2>
        <span className="muted small panel-tools">
          window cost per pool · hover a segment for its numbers
          <ChartExportButtons
            name="Cost by pool"
            build={() => {
              const k = exportColors(svgRef.current, '');
              return svgOfElement(svgRef.current!, 'Cost by pool', k.background, k.text, pools.map((p, i) => ({ label: `${p.pool} (${p.purchase})`, color: poolColor(i) })));
            }}
          />
        </span>
      </div>
      <div ref={ref} className="legend small">
        {pools.map((p, i) => (
          <span key={p.pool} className="legend-item">
            <span className="policy-swatch" style={{ background: poolColor(i) }} />
            {p.pool} <span className="muted">({p.purchase})</span>
          </span>
        ))}
      </div>
      <svg ref={svgRef} className="pool-breakdown-bars" width={width} height={height} role="img" aria-label="Cost by pool, one bar per policy">
        {runs.map((r, ri) => {
          let x0 = 0;
          const total = r.byPool.reduce((a, p) => a + p.costUsd, 0);
          const y = ri * (BAR_H + GAP);
          return (
            <g key={r.policy} transform={`translate(0,${y})`}>
              <text x={LABEL_W - 8} y={BAR_H / 2} dy="0.35em" textAnchor="end" className="bar-label">
                {r.policy}
              </text>
              {r.byPool.map((p, pi) => {
                const w = x(p.costUsd);
                const seg = (
                  <rect key={p.pool} x={LABEL_W + x0} y={0} width={Math.max(0, w)} height={BAR_H} fill={poolColor(pi)} data-pool={p.pool}>
                    <title>{`${r.policy} · ${p.pool} (${p.purchase}): ${fmtCostKpi(p.costUsd)} · ${fmtCompact(p.nodeHoursBilled)} node-hours billed · ${fmtPct(p.acceleratorHoursBilled > 0 ? p.acceleratorHoursBusy / p.acceleratorHoursBilled : 0)} busy`}</title>
                  </rect>
                );
                x0 += w;
                return seg;
              })}
              <text x={LABEL_W + x0 + 6} y={BAR_H / 2} dy="0.35em" className="bar-label">
                {fmtCostKpi(total)}
              </text>
            </g>
          );
        })}
      </svg>
      <PolicyTable label="Pool" runs={runs} colors={colors}>
            {pools.map((p, pi) => (
              <tr key={p.pool}>
                <th scope="row">
                  <span className="policy-swatch" style={{ background: poolColor(pi) }} /> {p.pool} <span className="muted small">{p.purchase}</span>
                </th>
                {runs.map((r) => {
                  const q = r.byPool[pi]!;
                  const faults = [q.preemptions ? `${q.preemptions} preempted` : '', q.nodeFailures ? `${q.nodeFailures} failed` : ''].filter(Boolean).join(', ');
                  return (
                    <td key={r.policy} className="num">
                      {fmtCostKpi(q.costUsd)}
                      <div className="muted small">{q.nodeHoursBilled > 0 ? `${fmtCompact(q.nodeHoursBilled)} node-h · ${fmtPct(q.acceleratorHoursBusy / q.acceleratorHoursBilled)} busy${faults ? ` · ${faults}` : ''}` : 'not used'}</div>
                    </td>
                  );
                })}
              </tr>
            ))}
            {purchases.length < pools.length &&
              purchases.map(({ purchase }) => (
                <tr key={`purchase-${purchase}`} className="subtotal">
                  <th scope="row">all {purchase}</th>
                  {runs.map((r) => (
                    <td key={r.policy} className="num">
                      {fmtCostKpi(costByPurchase(r.byPool).find((c) => c.purchase === purchase)?.costUsd ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
      </PolicyTable>
    </section>
  );
}

export interface CommitmentRun {
  policy: string;
  commitments?: readonly CommitmentSummary[];
}

/**
 * Committed capacity (reserved, owned, committed-use discounts) per policy: what it cost, how
 * much of it ran jobs, and what those node-hours would have cost on demand — the saving, or
 * the loss of an under-used commitment. Shown when some policy has committed capacity.
 */
export function CommitmentTable({ runs, colors }: { runs: readonly CommitmentRun[]; colors: readonly string[] }) {
  const pools = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of runs) for (const c of r.commitments ?? []) if (c.nodeHoursCommitted > 0 && !seen.has(c.pool)) seen.set(c.pool, c.purchase);
    return [...seen];
  }, [runs]);
  if (pools.length === 0) return null;
  return (
    <section className="panel" data-testid="commitments">
      <div className="panel-head">
        <h2>Committed capacity vs on demand</h2>
        <span className="muted small">what reserved, owned or committed nodes cost, against buying the node-hours they ran jobs on demand</span>
      </div>
      <PolicyTable label="Pool" runs={runs} colors={colors}>
            {pools.map(([pool, purchase]) => (
              <tr key={pool}>
                <th scope="row">
                  {pool} {purchase !== pool && <span className="muted small">{purchase}</span>}
                </th>
                {runs.map((r) => {
                  const c = r.commitments?.find((x) => x.pool === pool);
                  if (!c || !(c.nodeHoursCommitted > 0)) return <td key={r.policy} className="num null">—</td>;
                  const saved = c.savingsUsd >= 0;
                  return (
                    <td key={r.policy} className="num" data-saving={saved ? 'true' : 'false'}>
                      <span className={saved ? 'saving' : 'loss'}>{saved ? 'saves ' : 'loses '}{fmtCostKpi(Math.abs(c.savingsUsd))}</span>
                      <div className="muted small">
                        {fmtCostKpi(c.costUsd)} vs {fmtCostKpi(c.onDemandCostUsd)} on demand
                      </div>
                      <div className="muted small">
                        {fmtCompact(c.nodes)} nodes · {c.utilization === null ? '—' : fmtPct(c.utilization)} used
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
      </PolicyTable>
    </section>
  );
}
