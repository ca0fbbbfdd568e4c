// @vitest-environment jsdom
/** The wait CDF (issue 10): legend toggles policies, hovering reads the wait at the percentile per policy, SVG export. */
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WaitCdfChart, waitAtPercentile } from '../../renderer/charts/WaitCdfChart';

const downloads = vi.hoisted(() => [] as { name: string; text: string }[]);
vi.mock('../../renderer/platform/host', async (orig) => ({
  ...(await orig<typeof import('../../renderer/platform/host')>()),
  downloadText: (name: string, text: string) => void downloads.push({ name, text }),
}));

afterEach(cleanup);
beforeEach(() => void (downloads.length = 0));

// Policy a: waits of 1, 2, …, 100 minutes; policy b: a tenth of those.
const a = Float64Array.from({ length: 100 }, (_, i) => (i + 1) * 60);
const b = Float64Array.from(a, (w) => w / 10);
const series = [
  { key: 'a', label: 'static', color: '#4e79a7', waits: a },
  { key: 'b', label: 'reactive', color: '#f28e2c', waits: b },
];
// Plot: 220 px high, 10 px top margin, 26 px bottom → 184 px; p is measured from the bottom.
const yOf = (p: number) => 10 + 184 * (1 - p);

describe('WaitCdfChart', () => {
  it('reads the nearest-rank percentile (DESIGN §4)', () => {
    expect(waitAtPercentile(a, 0.95)).toBe(95 * 60);
    expect(waitAtPercentile(a, 0.951)).toBe(96 * 60);
    expect(waitAtPercentile(a, 1)).toBe(100 * 60);
    expect(waitAtPercentile(a, 0.001)).toBe(60);
    expect(waitAtPercentile(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('shows the wait at the hovered percentile for each visible policy, in the KPI table’s format', () => {
    const v = render(<WaitCdfChart series={series} gridColor="#eee" />);
    const body = v.container.querySelector('.chart-body')!;
    act(() => void fireEvent.mouseMove(body, { clientX: 200, clientY: yOf(0.95) }));
    const tip = v.container.querySelector('.chart-tooltip')!;
    expect(tip.querySelector('.tooltip-time')!.textContent).toBe('p95 · 95% of jobs waited ≤');
    const rows = Array.from(tip.querySelectorAll('.tooltip-row'), (r) => [r.querySelector('.tooltip-label')!.textContent, r.querySelector('.tooltip-value')!.textContent]);
    expect(rows).toEqual([
      ['static', '1h 35m'],
      ['reactive', '9m 30s'],
    ]);
    expect(v.container.querySelectorAll('.crosshair .hover-dot')).toHaveLength(2);

    fireEvent.click(v.getByRole('button', { name: 'static' }));
    expect(v.getByRole('button', { name: 'static' }).getAttribute('aria-pressed')).toBe('false');
    expect(v.container.querySelectorAll('path[data-key]')).toHaveLength(1);
    act(() => void fireEvent.mouseMove(body, { clientX: 200, clientY: yOf(0.5) }));
    expect(Array.from(v.container.querySelectorAll('.chart-tooltip .tooltip-row'), (r) => r.textContent)).toEqual(['reactive5m']);
  });

  it('exports an SVG with one path per visible policy and the axis labels', () => {
    const v = render(<WaitCdfChart series={series} gridColor="#eee" />);
    fireEvent.click(v.getByTestId('export-svg'));
    expect(downloads[0]!.name).toBe('wait-time-distribution.svg');
    const doc = new DOMParser().parseFromString(downloads[0]!.text, 'image/svg+xml');
    expect(doc.querySelectorAll('g.series path.line')).toHaveLength(2);
    const texts = Array.from(doc.querySelectorAll('text'), (t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Wait-time distribution', '0%', '40%', '100%', '0s', '15m', '1h', 'static', 'reactive']));
    fireEvent.click(v.getByRole('button', { name: 'reactive' }));
    fireEvent.click(v.getByTestId('export-svg'));
    const doc2 = new DOMParser().parseFromString(downloads[1]!.text, 'image/svg+xml');
    expect(Array.from(doc2.querySelectorAll('g.series'), (g) => g.getAttribute('data-key'))).toEqual(['a']);
  });
});
