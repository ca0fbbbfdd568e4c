/**
 * Wait-time CDF per policy: SVG paths over a symlog time axis (zero waits are common). The
 * legend toggles policies; hovering reads the wait at the hovered percentile for each; the
 * header exports the chart as PNG or SVG.
 */
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { memo, useMemo, useRef, useState } from 'react';
import { ChartExportButtons } from './ChartExportButtons';
import { ChartLegend, useHidden, type LegendEntry } from './ChartLegend';
import { chartSvg, exportColors } from './export';
import { fmtDuration, fmtPct, fmtWait } from './format';
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
const TITLE = 'Wait-time distribution';
const SUBTITLE = 'share of jobs that waited at most x (CDF)';

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

/** The wait at percentile p (0 < p ≤ 1), nearest rank: the ⌈p·n⌉-th smallest (DESIGN §4); NaN without jobs. */
export function waitAtPercentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return sorted[Math.min(n, Math.max(1, Math.ceil(p * n))) - 1]!;
}

const fmtAxisPct = (t: number) => fmtPct(t).replace('.0%', '%');

function WaitCdfChartImpl({ series, height = 220, gridColor }: { series: CdfSeries[]; height?: number; gridColor: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const figRef = useRef<HTMLElement>(null);
  const [hidden, toggle] = useHidden();
  const [hover, setHover] = useState<{ mx: number; pct: number } | null>(null);
  const iw = Math.max(10, width - M.left - M.right);
  const ih = Math.max(10, height - M.top - M.bottom);
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden]);
  const maxWait = Math.max(60, ...visible.map((s) => (s.waits.length ? s.waits[s.waits.length - 1]! : 0)));
  const x = useMemo(() => scaleSymlog().constant(60).domain([0, maxWait]).range([0, iw]), [maxWait, iw]);
  const y = useMemo(() => scaleLinear().domain([0, 1]).range([ih, 0]), [ih]);
  const paths = useMemo(
    () => visible.map((s) => ({ s, d: line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1])).curve(curveStepAfter)(cdfPoints(s.waits)) ?? '' })),
    [visible, x, y],
  );
  let xTicks = TICKS.filter((t) => t <= maxWait);
  // Keep labels from colliding.
  xTicks = xTicks.filter((t, i) => i === 0 || x(t) - x(xTicks[i - 1]!) > 34);
  const yTicks = y.ticks(4);
  const legend = useMemo<LegendEntry[]>(() => series.map((s) => ({ key: s.key, label: s.label, color: s.color, swatch: 'line' })), [series]);

  const build = () => {
    const colors = exportColors(figRef.current, gridColor);
    return chartSvg({
      title: TITLE,
      subtitle: SUBTITLE,
      width,
      height,
      margin: M,
      colors,
      legend: visible.map((s) => ({ label: s.label, color: s.color, swatch: 'line' })),
      xTicks: xTicks.map((t) => ({ pos: x(t), label: fmtDuration(t) })),
      yTicks: yTicks.map((t) => ({ pos: y(t), label: fmtAxisPct(t) })),
      xGrid: true,
      series: paths.map(({ s, d }) => ({ key: s.key, label: s.label, color: s.color, paths: [{ role: 'line', d, width: 1.75 }] })),
    });
  };

  const p = hover ? hover.pct / 100 : 0;
  const hoverRows = hover ? visible.map((s) => ({ s, w: waitAtPercentile(s.waits, p) })) : [];

  return (
    <figure className="chart" data-testid="chart-wait-cdf" ref={figRef}>
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">{TITLE}</div>
          <div className="chart-subtitle">{SUBTITLE}</div>
        </div>
        <div className="chart-head-side">
          <ChartLegend entries={legend} hidden={hidden} onToggle={toggle} />
          <ChartExportButtons name={TITLE} build={build} />
        </div>
      </figcaption>
      <div
        className="chart-body"
        ref={ref}
        style={{ height }}
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const mx = e.clientX - r.left - M.left;
          const my = e.clientY - r.top - M.top;
          if (mx < 0 || mx > iw || my < 0 || my > ih) return setHover(null);
          // Whole percentiles, p1 … p100 (p0 would be no job at all).
          setHover({ mx, pct: Math.min(100, Math.max(1, Math.round(y.invert(my) * 100))) });
        }}
        onMouseLeave={() => setHover(null)}
      >
        <svg width={width} height={height} className="chart-svg" role="img" aria-label="Wait-time CDF">
          <g transform={`translate(${M.left},${M.top})`}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={iw} stroke={gridColor} />
                <text x={-8} dy="0.32em" textAnchor="end" className="tick">
                  {fmtAxisPct(t)}
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
              <path key={s.key} d={d} fill="none" stroke={s.color} strokeWidth={1.75} data-key={s.key} />
            ))}
            {hover && (
              <g className="crosshair">
                <line x2={iw} y1={y(p)} y2={y(p)} className="hover-line" />
                {hoverRows.map(({ s, w }) => (w === w ? <circle key={s.key} cx={x(w)} cy={y(p)} r={3} fill={s.color} className="hover-dot" /> : null))}
              </g>
            )}
            {series.every((s) => s.waits.length === 0) && (
              <text x={iw / 2} y={ih / 2} textAnchor="middle" className="chart-empty">
                No jobs submitted in the measurement window
              </text>
            )}
          </g>
        </svg>
        {hover && hoverRows.length > 0 && (
          <div className="chart-tooltip" role="status" style={hover.mx > iw / 2 ? { right: width - M.left - hover.mx + 12 } : { left: M.left + hover.mx + 12 }}>
            <div className="tooltip-time">
              p{hover.pct} <span className="tooltip-note">· {hover.pct}% of jobs waited ≤</span>
            </div>
            {hoverRows.map(({ s, w }) => (
              <div key={s.key} className="tooltip-row">
                <span className="legend-swatch" style={{ background: s.color, borderColor: s.color }} />
                <span className="tooltip-label">{s.label}</span>
                <span className="tooltip-value">{fmtWait(w)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
    </figure>
  );
}

export const WaitCdfChart = memo(WaitCdfChartImpl);
