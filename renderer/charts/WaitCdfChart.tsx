/** Wait-time CDF per policy: SVG paths over a symlog time axis (zero waits are common). */
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { memo, useMemo } from 'react';
import { fmtDuration, fmtPct } from './format';
import { useWidth } from './use-width';

export interface CdfSeries {
  key: string;
  label: string;
  color: string;
  /** Sorted ascending, seconds. */
  waits: Float64Array;
}

const M = { top: 10, right: 16, bottom: 26, left: 48 };
const TICKS = [0, 60, 300, 900, 1800, 3600, 2 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 30 * 86400];

/** At most `n` (wait, fraction) points: evenly spaced ranks plus the extremes. */
function cdfPoints(w: Float64Array, n = 400): [number, number][] {
  const len = w.length;
  if (len === 0) return [];
  const pts: [number, number][] = [[w[0]!, 0]];
  const step = Math.max(1, Math.floor(len / n));
  for (let i = 0; i < len; i += step) pts.push([w[i]!, (i + 1) / len]);
  pts.push([w[len - 1]!, 1]);
  return pts;
}

function WaitCdfChartImpl({ series, height = 220, gridColor }: { series: CdfSeries[]; height?: number; gridColor: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const iw = Math.max(10, width - M.left - M.right);
  const ih = Math.max(10, height - M.top - M.bottom);
  const maxWait = Math.max(60, ...series.map((s) => (s.waits.length ? s.waits[s.waits.length - 1]! : 0)));
  const x = useMemo(() => scaleSymlog().constant(60).domain([0, maxWait]).range([0, iw]), [maxWait, iw]);
  const y = useMemo(() => scaleLinear().domain([0, 1]).range([ih, 0]), [ih]);
  const paths = useMemo(
    () => series.map((s) => ({ s, d: line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1])).curve(curveStepAfter)(cdfPoints(s.waits)) ?? '' })),
    [series, x, y],
  );
  let xTicks = TICKS.filter((t) => t <= maxWait);
  // Keep labels from colliding.
  xTicks = xTicks.filter((t, i) => i === 0 || x(t) - x(xTicks[i - 1]!) > 34);
  return (
    <figure className="chart" data-testid="chart-wait-cdf">
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">Wait-time distribution</div>
          <div className="chart-subtitle">share of jobs that waited at most x (CDF)</div>
        </div>
        <div className="legend">
          {series.map((s) => (
            <span key={s.key} className="legend-item">
              <span className="legend-swatch" style={{ background: s.color, borderColor: s.color }} />
              {s.label}
            </span>
          ))}
        </div>
      </figcaption>
      <div className="chart-body" ref={ref} style={{ height }}>
        <svg width={width} height={height} className="chart-svg" role="img" aria-label="Wait-time CDF">
          <g transform={`translate(${M.left},${M.top})`}>
            {y.ticks(4).map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={iw} stroke={gridColor} />
                <text x={-8} dy="0.32em" textAnchor="end" className="tick">
                  {fmtPct(t).replace('.0%', '%')}
                </text>
              </g>
            ))}
            {xTicks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y2={ih} stroke={gridColor} />
                <text y={ih + 16} textAnchor="middle" className="tick">
                  {fmtDuration(t)}
                </text>
              </g>
            ))}
            {paths.map(({ s, d }) => (
              <path key={s.key} d={d} fill="none" stroke={s.color} strokeWidth={1.75} />
            ))}
            {series.every((s) => s.waits.length === 0) && (
              <text x={iw / 2} y={ih / 2} textAnchor="middle" className="chart-empty">
                No jobs submitted in the measurement window
              </text>
            )}
          </g>
        </svg>
      </div>
    </figure>
  );
}

export const WaitCdfChart = memo(WaitCdfChartImpl);
