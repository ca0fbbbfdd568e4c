/**
 * What a time-series chart draws, computed once and used three ways: the canvas draws it, the
 * tooltip reads it, the export writes it as SVG paths. Lines go through M4 downsampling for the
 * visible range; with `smooth`, each line's rolling mean (window from the visible span) is the
 * line and its raw samples are drawn faintly behind it.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import { downsampleM4, type Downsampled } from './downsample';
import type { SvgSeries } from './export';
import { rollingLine, rollingWindowS, sampleIntervalS } from './rolling';

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

export interface DrawnLine {
  line: ChartLine;
  /** The samples, downsampled for the visible range. */
  raw: Downsampled;
  /** The rolling mean over the visible range (smoothed charts), drawn as the line. */
  mean: Downsampled | null;
}

export interface TimeModel {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** Visible lines, in drawing order. */
  drawn: DrawnLine[];
  /** The rolling-mean window, null when not smoothed (or too zoomed in to smooth). */
  windowS: number | null;
  /** Sample interval of the data (for the subtitle). */
  sampleS: number;
  /** Largest visible value drawn, and the top of the y axis. */
  dataMax: number;
  yTop: number;
}

/** Opacity of the raw samples behind a rolling mean. */
export const RAW_ALPHA = 0.2;

/** Downsampled lines for the visible range (all of them: hiding one redraws without recomputing). */
export function reduceLines(lines: readonly ChartLine[], x0: number, x1: number, iw: number): Downsampled[] {
  return lines.map((l) => downsampleM4(l.x, l.y, x0, x1, iw));
}

/** Rolling means of the lines for the visible range, or null when the span is too short to smooth. */
export function smoothLines(lines: readonly ChartLine[], x0: number, x1: number, iw: number): { windowS: number | null; sampleS: number; means: (Downsampled | null)[] } {
  const sampleS = lines.length ? sampleIntervalS(lines[0]!.x) : 0;
  const windowS = rollingWindowS(x1 - x0, sampleS);
  if (windowS === null) return { windowS, sampleS, means: lines.map(() => null) };
  return { windowS, sampleS, means: lines.map((l) => rollingLine(l.x, l.y, windowS, x0, x1, Math.max(50, 2 * iw))) };
}

export interface ModelInput {
  lines: readonly ChartLine[];
  reduced: readonly Downsampled[];
  means: readonly (Downsampled | null)[];
  windowS: number | null;
  sampleS: number;
  hidden: ReadonlySet<string>;
  xd: readonly [number, number];
  iw: number;
  ih: number;
  /** A shared data maximum (several charts on one scale): gets the same headroom as the data's own. */
  yMax?: number;
  /** A hard top, e.g. 1 for a share. */
  yCeiling?: number;
}

export function timeModel(m: ModelInput): TimeModel {
  const drawn: DrawnLine[] = [];
  let dataMax = 0;
  m.lines.forEach((l, i) => {
    if (m.hidden.has(l.key)) return;
    const raw = m.reduced[i]!;
    for (let k = 0; k < raw.length; k++) if (raw.y[k]! > dataMax) dataMax = raw.y[k]!;
    drawn.push({ line: l, raw, mean: m.means[i] ?? null });
  });
  const x = scaleLinear().domain([m.xd[0], m.xd[1]]).range([0, m.iw]);
  let y: ScaleLinear<number, number>;
  if (m.yCeiling !== undefined) y = scaleLinear().domain([0, m.yCeiling]).range([m.ih, 0]);
  else {
    const max = m.yMax ?? dataMax;
    // A data maximum gets 5% headroom, then a nice top.
    y = scaleLinear().domain([0, max > 0 ? max * 1.05 : 1]).range([m.ih, 0]).nice(5);
  }
  return { x, y, drawn, windowS: m.windowS, sampleS: m.sampleS, dataMax, yTop: y.domain()[1]! };
}

type Ctx = CanvasRenderingContext2D;

function pathOf(d: Downsampled, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, step: boolean, ctx: Ctx | null): string | null {
  const idx = Array.from({ length: d.length }, (_, i) => i);
  const ln = line<number>()
    .x((i) => x(d.x[i]!))
    .y((i) => y(d.y[i]!))
    .defined((i) => d.y[i] === d.y[i]);
  if (step) ln.curve(curveStepAfter);
  if (ctx) {
    ln.context(ctx);
    ln(idx);
    return null;
  }
  return ln(idx);
}

function areaOf(d: Downsampled, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, step: boolean, ih: number, ctx: Ctx | null): string | null {
  const idx = Array.from({ length: d.length }, (_, i) => i);
  const a = area<number>()
    .x((i) => x(d.x[i]!))
    .y0(ih)
    .y1((i) => y(d.y[i]!))
    .defined((i) => d.y[i] === d.y[i]);
  if (step) a.curve(curveStepAfter);
  if (ctx) {
    a.context(ctx);
    a(idx);
    return null;
  }
  return a(idx);
}

/** Draw the model's lines on a canvas of iw × ih CSS pixels (already scaled for the device). */
export function drawTimeModel(ctx: Ctx, model: TimeModel, ih: number): void {
  const { x, y } = model;
  for (const { line: l, raw, mean } of model.drawn) {
    const step = !!l.step;
    if (l.fill) {
      ctx.beginPath();
      areaOf(raw, x, y, step, ih, ctx);
      ctx.globalAlpha = l.fillOpacity ?? 0.16;
      ctx.fillStyle = l.color;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = l.color;
    ctx.lineJoin = 'round';
    if (mean) {
      ctx.beginPath();
      pathOf(raw, x, y, step, ctx);
      ctx.globalAlpha = RAW_ALPHA;
      ctx.lineWidth = 1;
      ctx.setLineDash([]);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    ctx.beginPath();
    if (mean) pathOf(mean, x, y, false, ctx);
    else pathOf(raw, x, y, step, ctx);
    ctx.lineWidth = mean ? Math.max(1.75, l.width ?? 1.5) : (l.width ?? 1.5);
    ctx.setLineDash(l.dash ?? []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

/** The model's lines as SVG paths: per visible series its area (if filled), raw samples (if smoothed) and line. */
export function timeModelSvgSeries(model: TimeModel, ih: number): SvgSeries[] {
  const { x, y } = model;
  return model.drawn.map(({ line: l, raw, mean }) => {
    const step = !!l.step;
    const paths: SvgSeries['paths'] = [];
    if (l.fill) paths.push({ role: 'area', d: areaOf(raw, x, y, step, ih, null) ?? '', opacity: l.fillOpacity ?? 0.16 });
    if (mean) paths.push({ role: 'raw', d: pathOf(raw, x, y, step, null) ?? '', width: 1, opacity: RAW_ALPHA });
    const main = mean ? pathOf(mean, x, y, false, null) : pathOf(raw, x, y, step, null);
    paths.push({ role: 'line', d: main ?? '', width: mean ? Math.max(1.75, l.width ?? 1.5) : (l.width ?? 1.5), ...(l.dash ? { dash: l.dash } : {}) });
    return { key: l.key, label: l.label, color: l.color, paths };
  });
}
