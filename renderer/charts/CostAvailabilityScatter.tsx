/**
 * Cost vs availability, one point per policy: policies that meet the requirements are filled in
 * their colour, the others hollow and grey; the SLO target is a dashed line; labels never
 * collide (label-placement.ts); hover or focus a point for its numbers, in the tables' formats.
 */
import { scaleLinear } from 'd3-scale';
import { memo, useMemo, useRef, useState } from 'react';
import { formatValue } from '../../sim-engine/report/metric-rows';
import { ChartExportButtons } from './ChartExportButtons';
import { exportColors, svgOfElement } from './export';
import { fmtPct, fmtUsd } from './format';
import { boxesOverlap, nearestOnBox, placeLabels, type LabelBox } from './label-placement';
import { useWidth } from './use-width';

export interface ScatterPoint {
  key: string;
  label: string;
  color: string;
  cost: number;
  availability: number | null;
  waitP95S?: number | null;
  /** Meets the requirements (default true); infeasible points are drawn hollow and grey. */
  feasible?: boolean;
  /** Why it misses the requirements, for the tooltip. */
  note?: string;
  recommended?: boolean;
}

const M = { top: 16, right: 24, bottom: 44, left: 66 };
const R = 6;
const LABEL_H = 15;
/** Approximate advance of the 11.5px label font, px per character. */
const CHAR_W = 7;
const GREY = 'var(--fg-faint)';

/** "target 95%", "target 99.5%": the target as the axis labels it. */
export const targetLabel = (t: number) => `target ${+(t * 100).toFixed(2)}%`;

/**
 * Where the target's label sits (10.5px bold text): at the right end of the line, above it, or
 * else below it, or at the left end — the first of these that covers no point.
 */
export function targetLabelBox(iw: number, ty: number, text: string, points: readonly { cx: number; cy: number }[]): LabelBox & { anchor: 'start' | 'end' } {
  const w = text.length * 6.4;
  const spots = [
    { x0: iw - 4 - w, y0: ty - 17, x1: iw - 2, y1: ty - 2, anchor: 'end' as const },
    { x0: iw - 4 - w, y0: ty + 2, x1: iw - 2, y1: ty + 17, anchor: 'end' as const },
    { x0: 2, y0: ty - 17, x1: 6 + w, y1: ty - 2, anchor: 'start' as const },
    { x0: 2, y0: ty + 2, x1: 6 + w, y1: ty + 17, anchor: 'start' as const },
  ];
  const clear = (b: LabelBox) => !points.some((p) => boxesOverlap(b, { x0: p.cx - R - 1, y0: p.cy - R - 1, x1: p.cx + R + 1, y1: p.cy + R + 1 }));
  return spots.find(clear) ?? spots[0]!;
}

function ScatterImpl({ points, height = 220, gridColor, target = null }: { points: ScatterPoint[]; height?: number; gridColor: string; target?: number | null }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  const iw = Math.max(10, width - M.left - M.right);
  const ih = Math.max(10, height - M.top - M.bottom);
  const valid = useMemo(() => points.filter((p) => p.availability !== null && Number.isFinite(p.cost)), [points]);
  const showTarget = valid.length > 0 && target !== null;
  const { x, y } = useMemo(() => {
    const costs = valid.map((p) => p.cost);
    const avs = valid.map((p) => p.availability!);
    const c0 = Math.min(...costs, Infinity);
    const c1 = Math.max(...costs, -Infinity);
    const padC = (c1 - c0) * 0.15 || Math.max(1, c0 * 0.1);
    const a0 = Math.min(...avs, showTarget ? target! : 1, 1);
    const padA = (1 - a0) * 0.15 || 0.01;
    return {
      x: scaleLinear().domain([Math.max(0, c0 - padC), c1 + padC]).range([0, iw]).nice(5),
      y: scaleLinear().domain([Math.max(0, a0 - padA), 1]).range([ih, 0]).nice(4),
    };
  }, [valid, iw, ih, showTarget, target]);
  const marks = useMemo(() => {
    const at = valid.map((p) => ({ p, cx: x(p.cost), cy: y(p.availability!) }));
    // The target's label is text on the plot too: point labels keep clear of it.
    const tb = showTarget ? targetLabelBox(iw, y(target!), targetLabel(target!), at) : null;
    const boxes = placeLabels(at.map(({ p, cx, cy }) => ({ x: cx, y: cy, r: R, width: p.label.length * CHAR_W + 4, height: LABEL_H })), { width: iw, height: ih }, tb ? [tb] : []);
    return { tb, points: at.map((m, i) => ({ ...m, box: boxes[i]! })) };
  }, [valid, x, y, iw, ih, showTarget, target]);
  const hovered = marks.points.find((m) => m.p.key === hover);
  const infeasible = valid.some((p) => p.feasible === false);

  return (
    <figure className="chart" data-testid="chart-scatter">
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">Cost vs availability</div>
          <div className="chart-subtitle">up and to the left is better{infeasible ? ' · hollow grey = misses the requirements' : ''} · hover a point for its numbers</div>
        </div>
        {valid.length > 0 && (
          <ChartExportButtons
            name="Cost vs availability"
            build={() => {
              const k = exportColors(svgRef.current, gridColor);
              return svgOfElement(svgRef.current!, 'Cost vs availability', k.background, k.text);
            }}
          />
        )}
      </figcaption>
      <div className="chart-body" ref={ref} style={{ height }}>
        {valid.length === 0 && points.length > 0 && (
          <p className="muted empty-inline chart-empty" data-testid="scatter-no-slo">
            No SLO set: availability needs <code>slo.maxQueueWait</code> (the longest acceptable wait). Without one it is not measured — set it in the scenario to compare cost against availability.
          </p>
        )}
        <svg ref={svgRef} width={width} height={height} className="chart-svg" role="group" aria-label="Cost versus availability">
          <g transform={`translate(${M.left},${M.top})`}>
            {y.ticks(4).map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={iw} stroke={gridColor} />
                <text x={-8} dy="0.32em" textAnchor="end" className="tick">
                  {fmtPct(t)}
                </text>
              </g>
            ))}
            {x.ticks(5).map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y2={ih} stroke={gridColor} />
                <text y={ih + 16} textAnchor="middle" className="tick">
                  {fmtUsd(t)}
                </text>
              </g>
            ))}
            <text className="axis-title" x={iw / 2} y={ih + 36} textAnchor="middle">
              Cost (USD)
            </text>
            <text className="axis-title" transform={`translate(${-M.left + 14},${ih / 2}) rotate(-90)`} textAnchor="middle">
              Availability (SLO met)
            </text>
            {marks.tb && (
              <g className="slo-target" data-testid="scatter-target">
                <line y1={y(target!)} x2={iw} y2={y(target!)} />
                <text x={marks.tb.anchor === 'end' ? marks.tb.x1 - 2 : marks.tb.x0 + 2} y={(marks.tb.y0 + marks.tb.y1) / 2} dy="0.32em" textAnchor={marks.tb.anchor}>
                  {targetLabel(target!)}
                </text>
              </g>
            )}
            {marks.points.map(({ p, cx, cy, box }) => {
              const ok = p.feasible !== false;
              const [lx, ly] = nearestOnBox(box, cx, cy);
              const d = Math.hypot(lx - cx, ly - cy) || 1;
              const numbers = `${p.label}: cost ${formatValue('costUsd', p.cost)}, availability ${formatValue('availability', p.availability)}, wait p95 ${formatValue('waitP95S', p.waitP95S ?? null)}${ok ? '' : ` — misses the requirements${p.note ? `: ${p.note}` : ''}`}`;
              return (
                <g
                  key={p.key}
                  className={`scatter-point${ok ? '' : ' infeasible'}${hover === p.key ? ' hovered' : ''}`}
                  data-feasible={ok ? 'true' : 'false'}
                  tabIndex={0}
                  role="button"
                  aria-label={numbers}
                  onMouseEnter={() => setHover(p.key)}
                  onMouseLeave={() => setHover(null)}
                  onFocus={() => setHover(p.key)}
                  onBlur={() => setHover(null)}
                >
                  {box.leader && <line className="leader" x1={cx + ((lx - cx) / d) * R} y1={cy + ((ly - cy) / d) * R} x2={lx} y2={ly} stroke={ok ? p.color : GREY} />}
                  <circle cx={cx} cy={cy} r={R} fill={ok ? p.color : 'var(--bg-panel)'} stroke={ok ? p.color : GREY} strokeWidth={2} />
                  {p.recommended && <circle className="recommended-ring" cx={cx} cy={cy} r={R + 4} fill="none" stroke={p.color} strokeWidth={1.5} />}
                  <text x={box.x0 + 2} y={(box.y0 + box.y1) / 2} dy="0.32em" className={`point-label${ok ? '' : ' infeasible'}`}>
                    {p.label}
                  </text>
                </g>
              );
            })}
            {valid.length === 0 && (
              <text x={iw / 2} y={ih / 2} textAnchor="middle" className="chart-empty">
                Availability is undefined for these runs
              </text>
            )}
          </g>
        </svg>
        {hovered && (
          <div className="chart-tooltip scatter-tooltip" data-testid="scatter-tooltip" role="tooltip" style={{ left: Math.min(M.left + hovered.cx + 12, Math.max(0, width - 230)), top: Math.max(0, M.top + hovered.cy - 70) }}>
            <div className="tooltip-time">{hovered.p.label}{hovered.p.recommended ? ' · recommended' : ''}</div>
            <div className="tooltip-row"><span className="tooltip-label">Cost</span><span className="tooltip-value">{formatValue('costUsd', hovered.p.cost)}</span></div>
            <div className="tooltip-row"><span className="tooltip-label">Availability</span><span className="tooltip-value">{formatValue('availability', hovered.p.availability)}</span></div>
            <div className="tooltip-row"><span className="tooltip-label">Wait p95</span><span className="tooltip-value">{formatValue('waitP95S', hovered.p.waitP95S ?? null)}</span></div>
            {hovered.p.feasible === false && <div className="tooltip-note">misses: {hovered.p.note}</div>}
          </div>
        )}
      </div>
    </figure>
  );
}

export const CostAvailabilityScatter = memo(ScatterImpl);
