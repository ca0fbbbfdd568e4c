/**
 * A time-series chart: React renders the SVG axes, grid and labels (d3-scale
 * computes them); the dense lines go to a canvas through per-pixel M4
 * downsampling; d3-brush selects a time range to zoom (double-click resets).
 */
import { brushX } from 'd3-brush';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, curveStepAfter, line } from 'd3-shape';
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { downsampleM4, lowerBound, type Downsampled } from './downsample';
import { fmtSimTime, timeTicks } from './format';
import { useWidth } from './use-width';

export interface ChartLine {
  key: string;
  label: string;
  color: string;
  x: Float64Array;
  y: Float64Array;
  width?: number;
  dash?: number[];
  /** Fill the area under the line (translucent). */
  fill?: boolean;
  step?: boolean;
  /** Hide from the legend (still drawn). */
  noLegend?: boolean;
  /** Opacity of the fill (default 0.16; stacked areas want more). */
  fillOpacity?: number;
  /** Place in the legend when it differs from the drawing order (stacked areas are drawn top down). */
  legendRank?: number;
}

/** An instant worth marking on the time axis (a preemption, a failure): a tick at the bottom of the plot. */
export interface ChartMarker {
  t: number;
  color: string;
  /** What it was (legend and tooltip). */
  label: string;
  /** Along the top of the plot (policy decisions) instead of the bottom (events). */
  top?: boolean;
  /** The hover text (default: the label and time). */
  title?: string;
}

export interface TimeSeriesChartProps {
  title: string;
  subtitle?: ReactNode;
  lines: ChartLine[];
  /** Full time extent, seconds. */
  domain: [number, number];
  zoom: [number, number] | null;
  onZoom: (zoom: [number, number] | null) => void;
  yFormat: (v: number) => string;
  /** Shared data maximum (several charts on one scale); gets headroom like the data's own. */
  yMax?: number;
  /** Hard top of the y axis, e.g. 1 for a share. */
  yCeiling?: number;
  height?: number;
  testId?: string;
  gridColor: string;
  /** Event ticks along the bottom of the plot, with a legend entry per label. */
  markers?: readonly ChartMarker[];
}

const M = { top: 10, right: 14, bottom: 24, left: 56 };

function TimeSeriesChartImpl(props: TimeSeriesChartProps) {
  const { lines, domain, zoom, onZoom, yFormat, height = 220, gridColor } = props;
  const [wrapRef, width] = useWidth<HTMLDivElement>(640);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [hover, setHover] = useState<number | null>(null);

  const iw = Math.max(10, width - M.left - M.right);
  const ih = Math.max(10, height - M.top - M.bottom);
  const xd: [number, number] = zoom ?? domain;

  const reduced: Downsampled[] = useMemo(() => lines.map((l) => downsampleM4(l.x, l.y, xd[0], xd[1], iw)), [lines, xd[0], xd[1], iw]);

  const x = useMemo(() => scaleLinear().domain(xd).range([0, iw]), [xd[0], xd[1], iw]);
  const y = useMemo(() => {
    // A hard ceiling (utilization: 100%) is the top of the axis; a data maximum gets 5% headroom.
    if (props.yCeiling !== undefined) return scaleLinear().domain([0, props.yCeiling]).range([ih, 0]);
    let max = props.yMax ?? 0;
    if (props.yMax === undefined) {
      for (const d of reduced) for (let i = 0; i < d.length; i++) if (d.y[i]! > max) max = d.y[i]!;
    }
    return scaleLinear().domain([0, max > 0 ? max * 1.05 : 1]).range([ih, 0]).nice(5);
  }, [reduced, ih, props.yMax, props.yCeiling]);

  // Draw the lines on the canvas.
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext?.('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(iw * dpr);
    canvas.height = Math.round(ih * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, iw, ih);
    lines.forEach((l, li) => {
      const d = reduced[li]!;
      const idx = Array.from({ length: d.length }, (_, i) => i);
      const defined = (i: number) => d.y[i] === d.y[i];
      const px = (i: number) => x(d.x[i]!);
      const py = (i: number) => y(d.y[i]!);
      if (l.fill) {
        const a = area<number>().x(px).y0(ih).y1(py).defined(defined).context(ctx);
        if (l.step) a.curve(curveStepAfter);
        ctx.beginPath();
        a(idx);
        ctx.globalAlpha = l.fillOpacity ?? 0.16;
        ctx.fillStyle = l.color;
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      const ln = line<number>().x(px).y(py).defined(defined).context(ctx);
      if (l.step) ln.curve(curveStepAfter);
      ctx.beginPath();
      ln(idx);
      ctx.lineWidth = l.width ?? 1.5;
      ctx.strokeStyle = l.color;
      ctx.setLineDash(l.dash ?? []);
      ctx.lineJoin = 'round';
      ctx.stroke();
      ctx.setLineDash([]);
    });
  }, [lines, reduced, x, y, iw, ih]);

  // The brush: select a range to zoom in.
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const b = brushX<unknown>()
      .extent([[0, 0], [iw, ih]])
      .on('end', (ev: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!ev.selection || !ev.sourceEvent) return;
        const [a, c] = ev.selection;
        select(g).call(b.move as never, null);
        if (c - a < 4) return;
        onZoom([x.invert(a), x.invert(c)]);
      });
    select(g).call(b as never);
    return () => {
      select(g).on('.brush', null);
    };
  }, [iw, ih, x, onZoom]);

  const legendLines = useMemo(() => lines.map((l, i) => ({ l, rank: l.legendRank ?? i })).filter(({ l }) => !l.noLegend).sort((a, b) => a.rank - b.rank).map(({ l }) => l), [lines]);
  const markers = props.markers;
  const visibleMarkers = useMemo(() => (markers ?? []).filter((m) => m.t >= xd[0] && m.t <= xd[1]), [markers, xd[0], xd[1]]);
  const markerLegend = useMemo(() => {
    const by = new Map<string, { label: string; color: string }>();
    for (const m of markers ?? []) if (!by.has(m.label)) by.set(m.label, { label: m.label, color: m.color });
    return [...by.values()];
  }, [markers]);

  const xTicks = timeTicks(xd[0], xd[1], Math.max(2, Math.floor(iw / 90)));
  const yTicks = y.ticks(5);

  const hoverT = hover !== null ? x.invert(hover) : null;
  const hoverValues =
    hoverT === null
      ? []
      : lines.map((l) => {
          let i = lowerBound(l.x, hoverT);
          if (i > 0 && (i >= l.x.length || Math.abs(l.x[i - 1]! - hoverT) < Math.abs(l.x[i]! - hoverT))) i--;
          return { l, v: l.y[i] };
        });

  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">{props.title}</div>
          {props.subtitle && <div className="chart-subtitle">{props.subtitle}</div>}
        </div>
        <div className="legend">
          {legendLines.map((l) => (
            <span key={l.key} className="legend-item">
              <span className={`legend-swatch${l.dash ? ' dashed' : ''}`} style={{ borderColor: l.color, background: l.dash ? 'transparent' : l.color }} />
              {l.label}
            </span>
          ))}
          {markerLegend.map((m) => (
            <span key={m.label} className="legend-item" data-marker={m.label}>
              <span className="legend-tick" style={{ background: m.color }} />
              {m.label}
            </span>
          ))}
        </div>
      </figcaption>
      <div
        className="chart-body"
        ref={wrapRef}
        style={{ height }}
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const mx = e.clientX - r.left - M.left;
          setHover(mx >= 0 && mx <= iw ? mx : null);
        }}
        onMouseLeave={() => setHover(null)}
        onDoubleClick={() => onZoom(null)}
      >
        <canvas ref={canvasRef} className="chart-canvas" style={{ left: M.left, top: M.top, width: iw, height: ih }} />
        <svg width={width} height={height} className="chart-svg" role="img" aria-label={props.title}>
          <g transform={`translate(${M.left},${M.top})`}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={iw} stroke={gridColor} />
                <text x={-8} dy="0.32em" textAnchor="end" className="tick">
                  {yFormat(t)}
                </text>
              </g>
            ))}
            {xTicks.map((t) => (
              <g key={t.t} transform={`translate(${x(t.t)},0)`}>
                <line y1={ih} y2={ih + 4} stroke={gridColor} />
                <text y={ih + 16} textAnchor="middle" className="tick">
                  {t.label}
                </text>
              </g>
            ))}
            <line y1={ih} y2={ih} x2={iw} className="axis-line" />

            {hover !== null && <line x1={hover} x2={hover} y2={ih} className="hover-line" />}
            <g ref={brushRef} className="brush" />
            {/* Above the brush, so hovering a marker shows its text (a drag still zooms elsewhere). */}
            <g className="markers" data-testid={props.testId ? `${props.testId}-markers` : undefined}>
              {visibleMarkers.map((m, i) => {
                const mx = x(m.t);
                const [y1, y2] = m.top ? [0, 9] : [ih - 9, ih];
                return (
                  <g key={i} data-top={m.top ? 'true' : undefined}>
                    <line x1={mx} x2={mx} y1={y1} y2={y2} stroke={m.color} strokeWidth={1.5} />
                    <rect x={mx - 3} y={y1} width={6} height={y2 - y1} fill="transparent" className="marker-hit">
                      <title>{`${fmtSimTime(m.t)} · ${m.title ?? m.label}`}</title>
                    </rect>
                  </g>
                );
              })}
            </g>
          </g>
        </svg>
        {hoverT !== null && (
          <div className="chart-tooltip" style={hover! > iw / 2 ? { right: width - M.left - hover! + 12 } : { left: M.left + hover! + 12 }}>
            <div className="tooltip-time">{fmtSimTime(hoverT)}</div>
            {hoverValues.map(({ l, v }) => (
              <div key={l.key} className="tooltip-row">
                <span className="legend-swatch" style={{ background: l.color, borderColor: l.color }} />
                <span className="tooltip-label">{l.label}</span>
                <span className="tooltip-value">{v === undefined || v !== v ? '—' : yFormat(v)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
    </figure>
  );
}

export const TimeSeriesChart = memo(TimeSeriesChartImpl);
