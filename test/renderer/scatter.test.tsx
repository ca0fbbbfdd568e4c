// @vitest-environment jsdom
/** The cost-vs-availability scatter: axis titles, the SLO target, infeasible points greyed, a tooltip with the numbers. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { svgOfElement } from '../../renderer/charts/export';
import { CostAvailabilityScatter, targetLabel, targetLabelBox, type ScatterPoint } from '../../renderer/charts/CostAvailabilityScatter';

afterEach(cleanup);

const points: ScatterPoint[] = [
  { key: 'static-20', label: 'static-20', color: '#e15759', cost: 116_812, availability: 0.3902, waitP95S: 17_220, feasible: false, note: 'availability 39.02% < target 95.00%' },
  { key: 'static-28', label: 'static-28', color: '#4e79a7', cost: 163_500, availability: 0.9776, waitP95S: 1300, feasible: true },
  { key: 'reactive', label: 'reactive', color: '#59a14f', cost: 117_020, availability: 0.9949, waitP95S: 780, feasible: true, recommended: true },
];

describe('CostAvailabilityScatter', () => {
  it('titles its axes and draws the SLO target as a labelled line', () => {
    const { container } = render(<CostAvailabilityScatter points={points} gridColor="#eee" target={0.95} height={360} />);
    const titles = Array.from(container.querySelectorAll('text.axis-title')).map((t) => t.textContent);
    expect(titles).toEqual(['Cost (USD)', 'Availability (SLO met)']);
    const target = screen.getByTestId('scatter-target');
    expect(target.textContent).toBe('target 95%');
    // The line sits at 95% on the y scale: three quarters of the way from the 80% grid line to the 100% one.
    const y = (el: Element) => Number(/translate\(0,([-\d.]+)\)/.exec(el.getAttribute('transform')!)![1]);
    const ticks = Array.from(container.querySelectorAll('g[transform^="translate(0,"]')).filter((g) => g.querySelector('text.tick'));
    const at = (label: string) => y(ticks.find((g) => g.textContent === label)!);
    expect(Number(target.querySelector('line')!.getAttribute('y1'))).toBeCloseTo(at('80.0%') + (at('100.0%') - at('80.0%')) * 0.75, 5);
    expect(targetLabel(0.995)).toBe('target 99.5%');
  });

  it('puts the target’s label where it covers no point: right end above the line, else below, else the left end', () => {
    const text = targetLabel(0.95);
    expect(targetLabelBox(400, 100, text, [])).toMatchObject({ y1: 98, anchor: 'end' });
    // static-28 sits just above the line at the right end (the default scenario): the label goes below.
    expect(targetLabelBox(400, 100, text, [{ cx: 380, cy: 92 }])).toMatchObject({ y0: 102, anchor: 'end' });
    expect(targetLabelBox(400, 100, text, [{ cx: 380, cy: 92 }, { cx: 370, cy: 108 }])).toMatchObject({ x0: 2, y1: 98, anchor: 'start' });
  });

  it('draws infeasible points hollow and grey, feasible ones filled in their colour', () => {
    const { container } = render(<CostAvailabilityScatter points={points} gridColor="#eee" target={0.95} />);
    const mark = (k: string) => container.querySelector(`g.scatter-point[aria-label^="${k}:"]`)!;
    expect(mark('static-20').getAttribute('data-feasible')).toBe('false');
    expect(mark('static-20').querySelector('circle')!.getAttribute('fill')).toBe('var(--bg-panel)');
    expect(mark('static-20').querySelector('circle')!.getAttribute('stroke')).toBe('var(--fg-faint)');
    expect(mark('static-20').querySelector('text')!.classList.contains('infeasible')).toBe(true);
    expect(mark('reactive').querySelector('circle')!.getAttribute('fill')).toBe('#59a14f');
    expect(mark('static-28').getAttribute('data-feasible')).toBe('true');
  });

  it('shows a tooltip with the point’s numbers on hover and on keyboard focus, in the tables’ formats', () => {
    const { container } = render(<CostAvailabilityScatter points={points} gridColor="#eee" target={0.95} />);
    const mark = (k: string) => container.querySelector<SVGGElement>(`g.scatter-point[aria-label^="${k}:"]`)!;
    expect(screen.queryByTestId('scatter-tooltip')).toBeNull();
    fireEvent.mouseEnter(mark('reactive'));
    const tip = screen.getByTestId('scatter-tooltip');
    expect(tip.textContent).toBe('reactive · recommendedCost$117.0kAvailability99.49%Wait p9513m');
    fireEvent.mouseLeave(mark('reactive'));
    expect(screen.queryByTestId('scatter-tooltip')).toBeNull();
    expect(mark('static-20').getAttribute('tabindex')).toBe('0');
    act(() => mark('static-20').focus());
    expect(screen.getByTestId('scatter-tooltip').textContent).toBe('static-20Cost$116.8kAvailability39.02%Wait p954h 47mmisses: availability 39.02% < target 95.00%');
    expect(mark('static-20').getAttribute('aria-label')).toBe('static-20: cost $116.8k, availability 39.02%, wait p95 4h 47m — misses the requirements: availability 39.02% < target 95.00%');
  });

  it('labels every point without overlaps; crowded ones get a leader line', () => {
    const crowd: ScatterPoint[] = Array.from({ length: 8 }, (_, i) => ({ key: `p${i}`, label: `policy-${i}`, color: '#333', cost: 100_000 + i * 50, availability: 0.99 + i * 0.0001, waitP95S: 60 }));
    const { container } = render(<CostAvailabilityScatter points={[...crowd, { key: 'far', label: 'far', color: '#333', cost: 200_000, availability: 0.9 }]} gridColor="#eee" />);
    expect(container.querySelectorAll('text.point-label')).toHaveLength(9);
    expect(container.querySelectorAll('line.leader').length).toBeGreaterThan(0);
  });
});

describe('CostAvailabilityScatter export', () => {
  it('exports a standalone SVG with the points, labels, target and title, styles inlined', () => {
    const { container } = render(<CostAvailabilityScatter points={points} gridColor="#eee" target={0.95} height={360} />);
    const svg = container.querySelector<SVGSVGElement>('svg.chart-svg')!;
    const out = svgOfElement(svg, 'Cost vs availability', '#ffffff', '#111111');
    const doc = new DOMParser().parseFromString(out.svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const texts = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
    expect(texts[0]).toBe('Cost vs availability');
    for (const p of points) expect(texts).toContain(p.label);
    expect(texts).toContain('target 95%');
    expect(texts).toContain('Cost (USD)');
    expect(doc.querySelectorAll('circle').length).toBeGreaterThanOrEqual(points.length);
    // No app classes travel with the file.
    expect(doc.querySelector('[class]')).toBeNull();
    expect(out.height).toBe(360 + 24);
    expect(screen.getAllByTestId('export-svg')).toHaveLength(1);
  });
});
