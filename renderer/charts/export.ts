/**
 * Chart export: a chart describes itself as an `SvgChartSpec` (title, legend, axes, one group of
 * paths per visible series, in plot coordinates); `chartSvg` writes a standalone SVG document of
 * it, `exportSvg` downloads that, and `exportPng` rasterizes the same document at 2× through an
 * `<img>` and a canvas — so the PNG and the SVG are one drawing. The lines the app draws on a
 * canvas become SVG paths here, from the same (downsampled) points.
 *
 * Downloads go through a blob: link, as `downloadText` does (web mode and Electron alike); the
 * SVG reaches the `<img>` as a data: URL, which the app's CSP allows (`img-src data:`).
 */
import { downloadBlob, downloadText } from '../platform/host';

export interface ExportColors {
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
}

export interface SvgPath {
  d: string;
  /** `line` is the series itself (one per series); `area` a fill under it; `raw` the faint samples behind a rolling mean. */
  role: 'line' | 'area' | 'raw';
  width?: number;
  dash?: readonly number[];
  opacity?: number;
}

export interface SvgSeries {
  key: string;
  label: string;
  color: string;
  paths: SvgPath[];
}

export interface SvgLegendEntry {
  label: string;
  color: string;
  swatch: 'line' | 'dash' | 'tick' | 'band';
}

export interface SvgTick {
  /** Position along the axis, plot pixels. */
  pos: number;
  label: string;
}

export interface SvgChartSpec {
  title: string;
  subtitle?: string;
  /** Width of the whole image, and height of the plot area with its margins (as on screen). */
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  colors: ExportColors;
  legend: SvgLegendEntry[];
  xTicks: SvgTick[];
  yTicks: SvgTick[];
  /** Vertical grid lines at the x ticks too (the CDF). */
  xGrid?: boolean;
  /** A shaded span of the x axis with its label (the warm-up). */
  band?: { x0: number; x1: number; label: string };
  series: SvgSeries[];
  /** Short marks over the plot (event ticks), plot coordinates. */
  marks?: { x: number; y1: number; y2: number; color: string }[];
}

const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";

/** Escape text for SVG/XML content and attributes. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A chart title as a file name: lower case, runs of anything but letters and digits as one dash. */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'chart';
}

const n2 = (v: number) => String(Math.round(v * 100) / 100);

/** Legend rows laid out left to right, wrapping at the width (text width estimated per character). */
function legendLayout(entries: SvgLegendEntry[], width: number): { e: SvgLegendEntry; x: number; row: number }[] {
  const out: { e: SvgLegendEntry; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const e of entries) {
    const w = 18 + e.label.length * 6.3 + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    out.push({ e, x, row });
    x += w;
  }
  return out;
}

function swatch(e: SvgLegendEntry, x: number, y: number): string {
  const c = xmlEscape(e.color);
  switch (e.swatch) {
    case 'band':
      return `<rect x="${n2(x)}" y="${n2(y - 5)}" width="12" height="10" fill="${c}" fill-opacity="0.14" stroke="${c}" stroke-opacity="0.3"/>`;
    case 'tick':
      return `<line x1="${n2(x + 6)}" x2="${n2(x + 6)}" y1="${n2(y - 5)}" y2="${n2(y + 5)}" stroke="${c}" stroke-width="2"/>`;
    default:
      return `<line x1="${n2(x)}" x2="${n2(x + 12)}" y1="${n2(y)}" y2="${n2(y)}" stroke="${c}" stroke-width="2.5"${e.swatch === 'dash' ? ' stroke-dasharray="3 2"' : ''}/>`;
  }
}

/** A standalone SVG document of the chart (its own background, fonts and colours: no CSS needed). */
export function chartSvg(spec: SvgChartSpec): { svg: string; width: number; height: number } {
  const { width, margin: m, colors: k } = spec;
  const iw = Math.max(10, width - m.left - m.right);
  const ih = Math.max(10, spec.height - m.top - m.bottom);
  const pad = 12;
  const legend = legendLayout(spec.legend, width - 2 * pad);
  const legendTop = spec.subtitle ? 48 : 34;
  const rows = legend.length ? legend[legend.length - 1]!.row + 1 : 0;
  const head = legendTop + rows * 17 + (rows ? 4 : 0);
  const height = Math.ceil(head + spec.height);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlEscape(FONT)}">`);
  out.push(`<rect width="${width}" height="${height}" fill="${xmlEscape(k.background)}"/>`);
  out.push(`<text class="title" x="${pad}" y="20" font-size="14" font-weight="600" fill="${xmlEscape(k.text)}">${xmlEscape(spec.title)}</text>`);
  if (spec.subtitle) out.push(`<text class="subtitle" x="${pad}" y="36" font-size="11.5" fill="${xmlEscape(k.muted)}">${xmlEscape(spec.subtitle)}</text>`);
  out.push(`<g class="legend" font-size="11.5" fill="${xmlEscape(k.muted)}">`);
  for (const { e, x, row } of legend) {
    const y = legendTop + row * 17;
    out.push(`${swatch(e, pad + x, y)}<text x="${n2(pad + x + 17)}" y="${y}" dy="0.35em">${xmlEscape(e.label)}</text>`);
  }
  out.push('</g>');
  out.push(`<g class="plot" transform="translate(${m.left},${n2(head + m.top)})">`);
  out.push(`<g class="grid" stroke="${xmlEscape(k.grid)}">`);
  for (const t of spec.yTicks) out.push(`<line x2="${n2(iw)}" y1="${n2(t.pos)}" y2="${n2(t.pos)}"/>`);
  if (spec.xGrid) for (const t of spec.xTicks) out.push(`<line x1="${n2(t.pos)}" x2="${n2(t.pos)}" y2="${n2(ih)}"/>`);
  out.push('</g>');
  if (spec.band && spec.band.x1 > spec.band.x0) {
    const b = spec.band;
    out.push(`<g class="band"><rect x="${n2(b.x0)}" width="${n2(b.x1 - b.x0)}" height="${n2(ih)}" fill="${xmlEscape(k.text)}" fill-opacity="0.07"/>`);
    if (b.x1 - b.x0 > 44) out.push(`<text x="${n2(b.x0 + 5)}" y="24" font-size="10.5" fill="${xmlEscape(k.muted)}">${xmlEscape(b.label)}</text>`);
    out.push('</g>');
  }
  out.push(`<svg x="0" y="0" width="${n2(iw)}" height="${n2(ih)}" overflow="hidden">`);
  for (const s of spec.series) {
    out.push(`<g class="series" data-key="${xmlEscape(s.key)}"><title>${xmlEscape(s.label)}</title>`);
    for (const p of s.paths) {
      const c = xmlEscape(s.color);
      if (p.role === 'area') out.push(`<path class="area" d="${p.d}" fill="${c}" fill-opacity="${p.opacity ?? 0.16}" stroke="none"/>`);
      else
        out.push(
          `<path class="${p.role}" d="${p.d}" fill="none" stroke="${c}" stroke-width="${p.width ?? 1.5}" stroke-linejoin="round"${p.opacity !== undefined ? ` stroke-opacity="${p.opacity}"` : ''}${p.dash?.length ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}/>`,
        );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  for (const mk of spec.marks ?? []) out.push(`<line class="mark" x1="${n2(mk.x)}" x2="${n2(mk.x)}" y1="${n2(mk.y1)}" y2="${n2(mk.y2)}" stroke="${xmlEscape(mk.color)}" stroke-width="1.5"/>`);
  out.push(`<line class="axis-line" x2="${n2(iw)}" y1="${n2(ih)}" y2="${n2(ih)}" stroke="${xmlEscape(k.axis)}"/>`);
  out.push(`<g class="axis y" font-size="10.5" fill="${xmlEscape(k.muted)}" text-anchor="end">`);
  for (const t of spec.yTicks) out.push(`<text x="-8" y="${n2(t.pos)}" dy="0.32em">${xmlEscape(t.label)}</text>`);
  out.push('</g>');
  out.push(`<g class="axis x" font-size="10.5" fill="${xmlEscape(k.muted)}" text-anchor="middle">`);
  for (const t of spec.xTicks) out.push(`<line x1="${n2(t.pos)}" x2="${n2(t.pos)}" y1="${n2(ih)}" y2="${n2(ih + 4)}" stroke="${xmlEscape(k.grid)}"/><text x="${n2(t.pos)}" y="${n2(ih + 16)}">${xmlEscape(t.label)}</text>`);
  out.push('</g>');
  out.push('</g></svg>');
  return { svg: out.join(''), width, height };
}

/** The export colours of the current theme, read from the app's CSS variables on `el`. */
export function exportColors(el: Element | null, grid: string): ExportColors {
  const cs = el && typeof getComputedStyle === 'function' ? getComputedStyle(el) : null;
  const v = (name: string, fallback: string) => cs?.getPropertyValue(name).trim() || fallback;
  return { background: v('--bg-panel', '#ffffff'), text: v('--fg', '#1c2230'), muted: v('--fg-muted', '#687083'), grid, axis: v('--border-strong', '#cdd2db') };
}

/** Download an SVG document as `<slug of name>.svg`. */
export function exportSvg(svg: string, name: string): void {
  downloadText(`${slugify(name)}.svg`, svg, 'image/svg+xml');
}

/** Rasterize an SVG document at `scale`× (default 2) and download it as `<slug of name>.png`. */
export async function exportPng(svg: string, width: number, height: number, name: string, scale = 2): Promise<void> {
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the chart could not be rendered as an image'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to render the PNG');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the PNG could not be encoded');
  downloadBlob(`${slugify(name)}.png`, blob);
}

/** The presentation properties an SVG drawn by React gets from the app's CSS (classes, variables). */
const INLINED = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'] as const;

/**
 * A standalone SVG document of a chart React renders as SVG (the scatter): a copy of `svg`
 * with the computed style of each element written inline (the app's classes and CSS variables
 * do not travel with the file), on the theme's background, with the chart's title on top.
 */
export function svgOfElement(svg: SVGSVGElement, title: string, background: string, textColor: string, legend: readonly { label: string; color: string }[] = []): { svg: string; width: number; height: number } {
  const width = Number(svg.getAttribute('width')) || svg.clientWidth || 400;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight || 300;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  if (typeof getComputedStyle === 'function') {
    const src = [svg, ...svg.querySelectorAll('*')];
    const dst = [copy, ...copy.querySelectorAll('*')];
    src.forEach((el, i) => {
      const cs = getComputedStyle(el);
      const style = INLINED.map((p) => [p, cs.getPropertyValue(p)] as const)
        .filter(([, v]) => v !== '')
        .map(([p, v]) => `${p}:${v}`)
        .join(';');
      if (style) dst[i]!.setAttribute('style', style);
      dst[i]!.removeAttribute('class');
    });
  }
  const head = legend.length ? 44 : 24;
  let lx = 8;
  const keys = legend.map((l) => {
    const out = `<rect x="${lx}" y="27" width="10" height="10" rx="2" fill="${xmlEscape(l.color)}"/><text x="${lx + 14}" y="36" font-size="11" font-family="system-ui, sans-serif" fill="${xmlEscape(textColor)}">${xmlEscape(l.label)}</text>`;
    lx += 26 + l.label.length * 6.2;
    return out;
  });
  const body = new XMLSerializer().serializeToString(copy).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
  const out = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + head}" viewBox="0 0 ${width} ${height + head}"><rect width="100%" height="100%" fill="${xmlEscape(background)}"/><text x="8" y="16" font-size="13" font-weight="600" font-family="system-ui, sans-serif" fill="${xmlEscape(textColor)}">${xmlEscape(title)}</text>${keys.join('')}<g transform="translate(0,${head})">${body}</g></svg>`;
  return { svg: out, width, height: height + head };
}
