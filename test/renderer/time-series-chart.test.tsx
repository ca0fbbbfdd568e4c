// @vitest-environment jsdom
/**
 * The time-series chart (issue 10): legend entries toggle series, the hover tooltip reads each
 * visible series at the hovered time (the sample at or before it), the warm-up is shaded and in
 * the legend, dense charts draw a rolling mean, and the SVG export holds one line per visible
 * series with the axis labels.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fmtCompact, fmtPct } from '../../renderer/charts/format';
import { TimeSeriesChart, type ChartLine } from '../../renderer/charts/TimeSeriesChart';

const downloads = vi.hoisted(() => [] as { name: string; text: string; type: string | undefined }[]);
vi.mock('../../renderer/platform/host', async (orig) => ({
  ...(await orig<typeof import('../../renderer/platform/host')>()),
  downloadText: (name: string, text: string, type?: string) => void downloads.push({ name, text, type }),
}));

afterEach(cleanup);
beforeEach(() => {
  downloads.length = 0;
  // jsdom has no canvas: the chart skips drawing without a 2D context.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

// jsdom lays nothing out: the chart keeps its fallback width, 640 px → a plot of 640 − 56 − 14 = 570 px from x = 56.
const PLOT_LEFT = 56;
const PLOT_W = 570;

function lines(): ChartLine[] {
  const x = Float64Array.from({ length: 11 }, (_, i) => i * 100); // 0, 100, …, 1000 s
  return [
    { key: 'a', label: 'alpha', color: '#4e79a7', x, y: Float64Array.from(x, (t) => t / 10), step: true },
    { key: 'b', label: 'beta', color: '#f28e2c', x, y: Float64Array.from(x, (t) => 1000 - t) },
  ];
}

function chart(over: Partial<Parameters<typeof TimeSeriesChart>[0]> = {}) {
  return render(<TimeSeriesChart title="Queue length" subtitle="jobs waiting" lines={lines()} domain={[0, 1000]} zoom={null} onZoom={() => {}} yFormat={fmtCompact} testId="c" gridColor="#eee" {...over} />);
}

const svgDoc = (text: string) => new DOMParser().parseFromString(text, 'image/svg+xml');

describe('TimeSeriesChart', () => {
  it('toggles a series from its legend entry (aria-pressed), and the export follows', () => {
    const v = chart();
    const alpha = v.getByRole('button', { name: 'alpha' });
    const beta = v.getByRole('button', { name: 'beta' });
    expect(alpha.getAttribute('aria-pressed')).toBe('true');
    expect(beta.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(v.getByTestId('export-svg'));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe('queue-length.svg');
    expect(downloads[0]!.type).toBe('image/svg+xml');
    let doc = svgDoc(downloads[0]!.text);
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('g.series path.line')).toHaveLength(2);
    expect(Array.from(doc.querySelectorAll('g.series'), (g) => g.getAttribute('data-key'))).toEqual(['a', 'b']);
    // Axis labels: the y ticks (0 … 1,000 jobs) and the time ticks.
    const texts = Array.from(doc.querySelectorAll('text'), (t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Queue length', 'jobs waiting', 'alpha', 'beta', '0', '1,000', 'day 1', '00:05', '00:15']));

    expect(v.getByTestId('c').getAttribute('data-y-max')).toBe('1200');
    fireEvent.click(beta);
    expect(beta.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(v.getByTestId('export-svg'));
    doc = svgDoc(downloads[1]!.text);
    expect(Array.from(doc.querySelectorAll('g.series'), (g) => g.getAttribute('data-key'))).toEqual(['a']);
    expect(doc.querySelectorAll('g.series path.line')).toHaveLength(1);
    // Hiding beta (max 1,000) rescales the axis to alpha's data (max 100, +5% headroom, a nice top).
    expect(v.getByTestId('c').getAttribute('data-y-max')).toBe('120');
    expect(Array.from(doc.querySelectorAll('text'), (t) => t.textContent)).not.toContain('beta');

    fireEvent.click(beta);
    expect(beta.getAttribute('aria-pressed')).toBe('true');
  });

  it('shows a crosshair tooltip with each visible series at the hovered time (the sample at or before it)', () => {
    const v = chart();
    const body = v.container.querySelector('.chart-body')!;
    // 45% across the plot: t = 450 s → the samples at 400 s (alpha 40, beta 600).
    act(() => void fireEvent.mouseMove(body, { clientX: PLOT_LEFT + PLOT_W * 0.45, clientY: 50 }));
    const tip = v.container.querySelector('.chart-tooltip')!;
    expect(tip.querySelector('.tooltip-time')!.textContent).toBe('day 1 00:07');
    const rows = Array.from(tip.querySelectorAll('.tooltip-row'), (r) => [r.querySelector('.tooltip-label')!.textContent, r.querySelector('.tooltip-value')!.textContent]);
    expect(rows).toEqual([
      ['alpha', '40'],
      ['beta', '600'],
    ]);
    expect(v.container.querySelector('.crosshair .hover-line')).not.toBeNull();
    expect(v.container.querySelectorAll('.crosshair .hover-dot')).toHaveLength(2);

    fireEvent.click(v.getByRole('button', { name: 'alpha' }));
    act(() => void fireEvent.mouseMove(body, { clientX: PLOT_LEFT + PLOT_W * 0.45, clientY: 50 }));
    expect(Array.from(v.container.querySelectorAll('.chart-tooltip .tooltip-label'), (e) => e.textContent)).toEqual(['beta']);
    act(() => void fireEvent.mouseLeave(body));
    expect(v.container.querySelector('.chart-tooltip')).toBeNull();
  });

  it('shades the warm-up, labels it and lists it in the legend; the tooltip says when a time is in it', () => {
    const v = chart({ warmupS: 300 });
    const band = v.getByTestId('c-warmup');
    expect(Number(band.querySelector('rect')!.getAttribute('width'))).toBeCloseTo(PLOT_W * 0.3, 6);
    expect(band.textContent).toContain('warm-up');
    const legend = Array.from(v.container.querySelectorAll('.legend-item'), (e) => e.textContent);
    expect(legend).toContain('warm-up');
    act(() => void fireEvent.mouseMove(v.container.querySelector('.chart-body')!, { clientX: PLOT_LEFT + PLOT_W * 0.1, clientY: 50 }));
    expect(v.container.querySelector('.tooltip-time')!.textContent).toBe('day 1 00:01 · warm-up');
    fireEvent.click(v.getByTestId('export-svg'));
    const doc = svgDoc(downloads[0]!.text);
    expect(doc.querySelector('g.band rect')).not.toBeNull();
    expect(Array.from(doc.querySelectorAll('text'), (t) => t.textContent)).toContain('warm-up');
    cleanup();
    expect(chart().queryByTestId('c-warmup')).toBeNull();
  });

  it('draws a rolling mean over the faint raw samples, the window from the zoom level', () => {
    // A week of 5-minute samples alternating 0 and 1: the 3-hour mean is 50% everywhere.
    const n = (7 * 86400) / 300;
    const x = Float64Array.from({ length: n }, (_, i) => i * 300);
    const y = Float64Array.from({ length: n }, (_, i) => i % 2);
    const l: ChartLine[] = [{ key: 'p', label: 'p', color: '#4e79a7', x, y, step: true }];
    const v = render(<TimeSeriesChart title="Utilization" subtitle="busy ÷ ready accelerators" lines={l} domain={[0, 7 * 86400]} zoom={null} onZoom={() => {}} yFormat={fmtPct} yCeiling={1} smooth testId="u" gridColor="#eee" />);
    expect(v.getByTestId('u').getAttribute('data-window-s')).toBe(String(3 * 3600));
    expect(v.container.querySelector('.chart-subtitle')!.textContent).toBe('busy ÷ ready accelerators · rolling mean over 3h, raw samples faint');
    act(() => void fireEvent.mouseMove(v.container.querySelector('.chart-body')!, { clientX: PLOT_LEFT + PLOT_W / 2, clientY: 50 }));
    expect(v.container.querySelector('.tooltip-value')!.textContent).toBe('50.0%');
    expect(['0.0%', '100.0%']).toContain(v.container.querySelector('.tooltip-raw')!.textContent);
    fireEvent.click(v.getByTestId('export-svg'));
    const doc = svgDoc(downloads[0]!.text);
    expect(doc.querySelectorAll('g.series path.line')).toHaveLength(1);
    expect(doc.querySelectorAll('g.series path.raw')).toHaveLength(1);
    cleanup();
    // Zoomed to 4 hours: a 5-minute window would hold one sample — no smoothing, the samples are the line.
    const z = render(<TimeSeriesChart title="Utilization" subtitle="busy ÷ ready accelerators" lines={l} domain={[0, 7 * 86400]} zoom={[86400, 86400 + 4 * 3600]} onZoom={() => {}} yFormat={fmtPct} yCeiling={1} smooth testId="u" gridColor="#eee" />);
    expect(z.getByTestId('u').getAttribute('data-window-s')).toBeNull();
    expect(z.container.querySelector('.chart-subtitle')!.textContent).toBe('busy ÷ ready accelerators · every sample (5m apart)');
  });

  it('names exports after the title (slugified) or exportName', () => {
    const v = chart({ title: 'reactive-fast', exportName: 'capacity reactive-fast' });
    fireEvent.click(v.getByTestId('export-svg'));
    expect(downloads[0]!.name).toBe('capacity-reactive-fast.svg');
  });
});
