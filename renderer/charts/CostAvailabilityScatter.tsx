/** Cost vs availability, one point per policy; Pareto-optimal policies are filled. */
import { scaleLinear } from 'd3-scale';
import { memo, useMemo } from 'react';
import { fmtPct, fmtUsd } from './format';
import { useWidth } from './use-width';

export interface ScatterPoint {
  key: string;
  label: string;
  color: string;
  cost: number;
  availability: number | null;
}

const M = { top: 14, right: 24, bottom: 30, left: 56 };

/** A policy is dominated when another costs no more and is at least as available, and is strictly better in one. */
export function paretoSet(points: ScatterPoint[]): Set<string> {
  const ok = new Set<string>();
  for (const p of points) {
    if (p.availability === null) continue;
    const dominated = points.some(
      (q) => q !== p && q.availability !== null && q.cost <= p.cost && q.availability >= p.availability! && (q.cost < p.cost || q.availability > p.availability!),
    );
    if (!dominated) ok.add(p.key);
  }
  return ok;
}

/** Greedy label placement: beside the point, pushed down until it clears the labels placed before it. */
function placeLabels<T extends { cx: number; cy: number; p: ScatterPoint }>(items: T[], iw: number) {
  const CHAR = 6.6;
  const H = 14;
  const placed: { x0: number; x1: number; y: number }[] = [];
  return [...items]
    .sort((a, b) => a.cy - b.cy)
    .map((it) => {
      const w = it.p.label.length * CHAR;
      const right = it.cx + 10 + w > iw;
      const anchor: 'start' | 'end' = right ? 'end' : 'start';
      const lx = right ? it.cx - 10 : it.cx + 10;
      const x0 = right ? lx - w : lx;
      const x1 = right ? lx : lx + w;
      let ly = it.cy;
      const hits = () => placed.some((b) => x0 < b.x1 && x1 > b.x0 && Math.abs(b.y - ly) < H);
      for (let k = 0; k < 20 && hits(); k++) ly += H;
      placed.push({ x0, x1, y: ly });
      return { ...it, lx, ly, anchor };
    });
}

function ScatterImpl({ points, height = 220, gridColor }: { points: ScatterPoint[]; height?: number; gridColor: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const iw = Math.max(10, width - M.left - M.right);
  const ih = Math.max(10, height - M.top - M.bottom);
  const valid = points.filter((p) => p.availability !== null && Number.isFinite(p.cost));
  const { x, y } = useMemo(() => {
    const costs = valid.map((p) => p.cost);
    const avs = valid.map((p) => p.availability!);
    const c0 = Math.min(...costs, Infinity);
    const c1 = Math.max(...costs, -Infinity);
    const padC = (c1 - c0) * 0.15 || Math.max(1, c0 * 0.1);
    const a0 = Math.min(...avs, 1);
    const padA = (1 - a0) * 0.15 || 0.01;
    return {
      x: scaleLinear().domain([Math.max(0, c0 - padC), c1 + padC]).range([0, iw]).nice(5),
      y: scaleLinear().domain([Math.max(0, a0 - padA), 1]).range([ih, 0]).nice(4),
    };
  }, [valid, iw, ih]);
  const pareto = paretoSet(valid);
  return (
    <figure className="chart" data-testid="chart-scatter">
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">Cost vs availability</div>
          <div className="chart-subtitle">up and to the left is better · filled = not beaten on both</div>
        </div>
      </figcaption>
      <div className="chart-body" ref={ref} style={{ height }}>
        {valid.length === 0 && points.length > 0 && (
          <p className="muted empty-inline chart-empty" data-testid="scatter-no-slo">
            No SLO set: availability needs <code>slo.maxQueueWait</code> (the longest acceptable wait). Without one it is not measured — set it in the scenario to compare cost against availability.
          </p>
        )}
        <svg width={width} height={height} className="chart-svg" role="img" aria-label="Cost versus availability">
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
            {placeLabels(valid.map((p) => ({ p, cx: x(p.cost), cy: y(p.availability!) })), iw).map(({ p, cx, cy, lx, ly, anchor }) => (
              <g key={p.key}>
                <circle cx={cx} cy={cy} r={6} fill={pareto.has(p.key) ? p.color : 'var(--bg-panel)'} stroke={p.color} strokeWidth={2} />
                {(Math.abs(ly - cy) > 1) && <line x1={cx} y1={cy} x2={lx + (anchor === 'end' ? 2 : -2)} y2={ly} stroke={p.color} strokeOpacity={0.5} />}
                <text x={lx} y={ly} dy="0.32em" textAnchor={anchor} className="point-label">
                  {p.label}
                </text>
              </g>
            ))}
            {valid.length === 0 && (
              <text x={iw / 2} y={ih / 2} textAnchor="middle" className="chart-empty">
                Availability is undefined for these runs
              </text>
            )}
          </g>
        </svg>
      </div>
    </figure>
  );
}

export const CostAvailabilityScatter = memo(ScatterImpl);
