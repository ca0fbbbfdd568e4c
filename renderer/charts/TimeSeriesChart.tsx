/**
 * A time-series chart: React renders the SVG axes, grid and labels (d3-scale computes them);
 * the dense lines go to a canvas through per-pixel M4 downsampling (time-model.ts); d3-brush
 * selects a time range to zoom (double-click resets). The legend toggles series, a crosshair
 * tooltip reads every visible series at the hovered time, the warm-up is shaded, and the header
 * exports the chart as PNG or SVG (export.ts).
 */
import { brushX } from 'd3-brush';
import { select } from 'd3-selection';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { valueAtOrBefore } from './downsample';
import { ChartExportButtons } from './ChartExportButtons';
import { ChartLegend, useHidden, type LegendEntry } from './ChartLegend';
import { chartSvg, exportColors } from './export';
import { fmtDuration, fmtSimTime, timeTicks } from './format';
import { stepMean } from './rolling';
import { drawTimeModel, reduceLines, smoothLines, timeModel, timeModelSvgSeries, type ChartLine } from './time-model';
import { useWidth } from './use-width';

export type { ChartLine } from './time-model';

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
  subtitle?: string;
  lines: ChartLine[];
  /** Full time extent, seconds. */
  domain: [number, number];
  zoom: [number, number] | null;
  onZoom: (zoom: [number, number] | null) => void;
  yFormat: (v: number) => string;
  /** Values in the tooltip (default yFormat): a KPI's own format where the value is one (cost). */
  valueFormat?: (v: number) => string;
  /** Shared data maximum (several charts on one scale); gets headroom like the data's own. */
  yMax?: number;
  /** Hard top of the y axis, e.g. 1 for a share. */
  yCeiling?: number;
  height?: number;
  testId?: string;
  gridColor: string;
  /** Event ticks along the bottom of the plot, with a legend entry per label. */
  markers?: readonly ChartMarker[];
  /** End of the warm-up, seconds: [0, warmupS) is shaded and labelled (none when 0). */
  warmupS?: number;
  /** Draw each line's rolling mean (window from the zoom level) over its faint raw samples. */
  smooth?: boolean;
  /** Name of the exported files (default: the title). */
  exportName?: string;
}

const M = { top: 10, right: 14, bottom: 24, left: 56 };
const WARMUP_TITLE = 'Warm-up: before the measurement window — the KPI table counts only what follows it';

function TimeSeriesChartImpl(props: TimeSeriesChartProps) {
  const { lines, domain, zoom, onZoom, yFormat, height = 220, gridColor, markers, warmupS = 0 } = props;
  const [wrapRef, width] = useWidth<HTMLDivElement>(640);
  const figRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [hidden, toggle] = useHidden();

  const iw = Math.max(10, width - M.left - M.right);
  const ih = Math.max(10, height - M.top - M.bottom);
  const xd: [number, number] = zoom ?? domain;

  const reduced = useMemo(() => reduceLines(lines, xd[0], xd[1], iw), [lines, xd[0], xd[1], iw]);
  const smooth = useMemo(() => (props.smooth ? smoothLines(lines, xd[0], xd[1], iw) : null), [props.smooth, lines, xd[0], xd[1], iw]);
  const model = useMemo(
    () => timeModel({ lines, reduced, means: smooth?.means ?? [], windowS: smooth?.windowS ?? null, sampleS: smooth?.sampleS ?? 0, hidden, xd, iw, ih, yMax: props.yMax, yCeiling: props.yCeiling }),
    [lines, reduced, smooth, hidden, xd[0], xd[1], iw, ih, props.yMax, props.yCeiling],
  );
  const { x, y } = model;

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
    drawTimeModel(ctx, model, ih);
  }, [model, iw, ih]);

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

  const legend = useMemo<LegendEntry[]>(() => {
    const out: LegendEntry[] = lines
      .map((l, i) => ({ l, rank: l.legendRank ?? i }))
      .filter(({ l }) => !l.noLegend)
      .sort((a, b) => a.rank - b.rank)
      .map(({ l }) => ({ key: l.key, label: l.label, color: l.color, swatch: l.dash ? 'dash' : 'line' }));
    const seen = new Set<string>();
    for (const m of markers ?? []) {
      if (seen.has(m.label)) continue;
      seen.add(m.label);
      out.push({ key: `marker:${m.label}`, label: m.label, color: m.color, swatch: 'tick', marker: true });
    }
    // While the warm-up is in view.
    if (warmupS > xd[0]) out.push({ key: 'warmup', label: 'warm-up', color: 'currentColor', swatch: 'band', fixed: true, title: WARMUP_TITLE });
    return out;
  }, [lines, markers, warmupS, xd[0]]);
  const visibleMarkers = useMemo(() => (markers ?? []).filter((m) => m.t >= xd[0] && m.t <= xd[1] && !hidden.has(`marker:${m.label}`)), [markers, xd[0], xd[1], hidden]);

  const xTicks = timeTicks(xd[0], xd[1], Math.max(2, Math.floor(iw / 90)));
  const yTicks = y.ticks(5);
  const band = warmupS > xd[0] ? { x0: 0, x1: Math.min(iw, x(warmupS)) } : null;

  const subtitle =
    (props.subtitle ?? '') +
    (!props.smooth ? '' : model.windowS !== null ? ` · rolling mean over ${fmtDuration(model.windowS)}, raw samples faint` : model.sampleS > 0 ? ` · every sample (${fmtDuration(model.sampleS)} apart)` : '');

  const hoverT = hover !== null ? x.invert(hover) : null;
  const hoverRows =
    hoverT === null
      ? []
      : model.drawn.map(({ line: l, mean }) => {
          const raw = valueAtOrBefore(l.x, l.y, hoverT);
          const v = mean && model.windowS !== null ? stepMean(l.x, l.y, hoverT - model.windowS / 2, hoverT + model.windowS / 2) : raw;
          return { l, v, raw: mean ? raw : null };
        });
  const valueFormat = props.valueFormat ?? yFormat;
  const fmt = (v: number) => (v === v ? valueFormat(v) : '—');

  // The chart as a standalone SVG, built when an export button is pressed.
  const build = () => {
    const colors = exportColors(figRef.current, gridColor);
    return chartSvg({
      title: props.title,
      subtitle,
      width,
      height,
      margin: M,
      colors,
      legend: legend.filter((e) => !hidden.has(e.key)).map((e) => ({ label: e.label, color: e.swatch === 'band' ? colors.text : e.color, swatch: e.swatch })),
      xTicks: xTicks.map((t) => ({ pos: x(t.t), label: t.label })),
      yTicks: yTicks.map((t) => ({ pos: y(t), label: yFormat(t) })),
      ...(band ? { band: { ...band, label: 'warm-up' } } : {}),
      series: timeModelSvgSeries(model, ih),
      marks: visibleMarkers.map((m) => ({ x: x(m.t), y1: m.top ? 0 : ih - 9, y2: m.top ? 9 : ih, color: m.color })),
    });
  };

  return (
    <figure className="chart" data-testid={props.testId} ref={figRef} data-y-max={model.yTop} data-data-max={model.dataMax} data-window-s={model.windowS ?? undefined}>
      <figcaption className="chart-head">
        <div>
          <div className="chart-title">{props.title}</div>
          {subtitle && <div className="chart-subtitle">{subtitle}</div>}
        </div>
        <div className="chart-head-side">
          <ChartLegend entries={legend} hidden={hidden} onToggle={toggle} />
          <ChartExportButtons name={props.exportName ?? props.title} build={build} />
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
            {band && band.x1 > band.x0 && (
              <g className="warmup" data-testid={props.testId ? `${props.testId}-warmup` : undefined}>
                <rect x={band.x0} width={band.x1 - band.x0} height={ih} className="warmup-band">
                  <title>{WARMUP_TITLE}</title>
                </rect>
                {band.x1 - band.x0 > 44 && (
                  <text x={band.x0 + 5} y={24} className="warmup-label">
                    warm-up
                  </text>
                )}
              </g>
            )}
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

            {hover !== null && (
              <g className="crosshair">
                <line x1={hover} x2={hover} y2={ih} className="hover-line" />
                {hoverRows.map(({ l, v }) => (v === v ? <circle key={l.key} cx={hover} cy={y(Math.min(v, y.domain()[1]!))} r={3} fill={l.color} className="hover-dot" /> : null))}
              </g>
            )}
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
        {hoverT !== null && hover !== null && (
          <div className="chart-tooltip" role="status" style={hover > iw / 2 ? { right: width - M.left - hover + 12 } : { left: M.left + hover + 12 }}>
            <div className="tooltip-time">
              {fmtSimTime(hoverT)}
              {hoverT < warmupS && <span className="tooltip-note"> · warm-up</span>}
            </div>
            {hoverRows.map(({ l, v, raw }) => (
              <div key={l.key} className="tooltip-row">
                <span className={`legend-swatch${l.dash ? ' dashed' : ''}`} style={{ background: l.dash ? 'transparent' : l.color, borderColor: l.color }} />
                <span className="tooltip-label">{l.label}</span>
                <span className="tooltip-value">{fmt(v)}</span>
                {raw !== null && <span className="tooltip-raw" title="the sample at this time">{fmt(raw)}</span>}
              </div>
            ))}
            {model.windowS !== null && hoverRows.length > 0 && <div className="tooltip-foot">mean over {fmtDuration(model.windowS)} · sample</div>}
          </div>
        )}
      </div>
    </figure>
  );
}

export const TimeSeriesChart = memo(TimeSeriesChartImpl);
