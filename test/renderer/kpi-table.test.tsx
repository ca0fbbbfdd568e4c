// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { definitionParts, METRIC_DEFINITIONS } from '../../sim-engine/report/metric-definitions';
import { bestIndexes, formatMetric, METRIC_ROWS, shownRows } from '../../sim-engine/report/metric-rows';
import { verdict } from '../../sim-engine/report/verdict';
import { bestIndices, KpiTable } from '../../renderer/views/KpiTable';
import { summary } from './fake-engine';

afterEach(cleanup);

describe('KpiTable', () => {
  const runs = [
    { policy: 'static-20', summary: summary({ costUsd: 116_812, utilization: 0.788, availability: 0.39, waitP99S: 20880 }) },
    { policy: 'static-28', summary: summary({ costUsd: 163_500, utilization: 0.561, availability: 0.978, waitP99S: 2800 }) },
    { policy: 'reactive', summary: summary({ costUsd: 117_020, utilization: null, availability: 0.995, waitP99S: 1128, costPerBusyAcceleratorHour: null }) },
  ];

  it('has one header cell for the row labels and one per policy', () => {
    const { getByTestId } = render(<KpiTable runs={runs} />);
    const table = getByTestId('kpi-table');
    expect(table.tagName).toBe('TABLE');
    const heads = table.querySelectorAll('thead th');
    expect(heads).toHaveLength(1 + runs.length);
    expect(Array.from(heads).slice(1).map((h) => h.textContent)).toEqual(['static-20', 'static-28', 'reactive']);
  });

  it('highlights the best value of each row and formats numbers', () => {
    const { getByTestId } = render(<KpiTable runs={runs} />);
    const row = (label: string) => within(getByTestId('kpi-table')).getByText(label).closest('tr')!;
    const cost = row('Cost').querySelectorAll('td');
    expect(cost[0]!.textContent).toBe('$116.8k');
    expect(cost[0]!.dataset.best).toBe('true');
    expect(cost[1]!.dataset.best).toBeUndefined();
    const avail = row('Availability').querySelectorAll('td');
    expect(avail[2]!.textContent).toBe('99.50%');
    expect(avail[2]!.classList.contains('best')).toBe(true);
    expect(avail[0]!.textContent).toBe('39.00%');
    const p99 = row('Wait p99').querySelectorAll('td');
    expect(p99[2]!.dataset.best).toBe('true');
    expect(p99[2]!.textContent).toBe('18m 48s');
    // Every row with a winner has exactly one highlighted cell here.
    expect(row('Utilization').querySelectorAll('td.best')).toHaveLength(1);
  });

  it('shows null as — and never highlights it', () => {
    const { getByTestId } = render(<KpiTable runs={runs} />);
    const row = (label: string) => within(getByTestId('kpi-table')).getByText(label).closest('tr')!;
    const util = row('Utilization').querySelectorAll('td');
    expect(util[2]!.textContent).toBe('—');
    expect(util[2]!.dataset.best).toBeUndefined();
    expect(util[0]!.dataset.best).toBe('true');
    const cpb = row('Cost per busy accel-hour').querySelectorAll('td');
    expect(cpb[2]!.textContent).toBe('—');
  });

  it('does not highlight ties across every policy or a single policy', () => {
    expect(bestIndices([3, 3, 3], 'min').size).toBe(0);
    expect(bestIndices([3], 'max').size).toBe(0);
    expect([...bestIndices([1, null, 1, 2], 'min')]).toEqual([0, 2]);
    expect(bestIndices([1, 2], null).size).toBe(0);
    // Equal up to float noise (a sum in another order) is a tie, not a win.
    expect(bestIndexes({ better: 'lower' }, [0.1 + 0.2, 0.3, 0.3 * (1 + 1e-12)])).toEqual([]);
    expect(bestIndexes({ better: 'lower' }, [0.1 + 0.2, 0.3, 0.4])).toEqual([0, 1]);
    const { getByTestId } = render(<KpiTable runs={[runs[0]!]} />);
    expect(getByTestId('kpi-table').querySelectorAll('td.best')).toHaveLength(0);
  });

  it('shows ± the 95% half-width where results carry ci95 (replications), as the CLI table does', () => {
    const withCi = [
      { ...runs[0]!, ci95: { costUsd: 1_234, utilization: 0.012, availability: null } },
      { ...runs[1]!, ci95: { costUsd: 0 } },
      runs[2]!,
    ];
    const { getByTestId } = render(<KpiTable runs={withCi} />);
    const row = (label: string) => within(getByTestId('kpi-table')).getByText(label).closest('tr')!;
    const cost = row('Cost').querySelectorAll('td');
    expect(cost[0]!.textContent).toBe('$116.8k ± $1234.00');
    expect(cost[1]!.textContent).toBe('$163.5k ± $0.00');
    expect(cost[2]!.textContent).toBe('$117.0k');
    expect(row('Utilization').querySelectorAll('td')[0]!.textContent).toBe('78.8% ± 1.2%');
    // A null half-width, or a null value, shows no ±.
    expect(row('Availability').querySelectorAll('td')[0]!.textContent).toBe('39.00%');
    expect(row('Utilization').querySelectorAll('td')[2]!.textContent).toBe('—');
  });

  it('leaves out the fault and energy-cost rows no policy has a value for, and shows them when one has', () => {
    const labels = (rs: typeof runs) => {
      const { getByTestId, unmount } = render(<KpiTable runs={rs} />);
      const out = Array.from(getByTestId('kpi-table').querySelectorAll('tbody th')).map((th) => th.textContent);
      unmount();
      return out;
    };
    const plain = labels(runs);
    expect(plain).not.toContain('Node failures');
    expect(plain).not.toContain('Energy cost');
    expect(plain).toContain('Energy');
    const faulty = labels([runs[0]!, { policy: 'spot', summary: summary({ nodeFailures: 3, energyCostUsd: 120 }) }]);
    expect(faulty).toContain('Node failures');
    expect(faulty).toContain('Energy cost');
    expect(faulty).not.toContain('Spot preemptions');
  });

  it('has the CLI’s rows: labels and order of METRIC_ROWS, its formatting and its best direction', () => {
    const { getByTestId } = render(<KpiTable runs={runs} />);
    const rows = Array.from(getByTestId('kpi-table').querySelectorAll('tbody tr'));
    const shown = shownRows(runs.map((r) => r.summary));
    expect(shown.length).toBeLessThan(METRIC_ROWS.length);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(shown.map((m) => m.label));
    rows.forEach((tr, i) => {
      const metric = shown[i]!;
      const values = runs.map((r) => r.summary[metric.key] as number | null);
      const cells = Array.from(tr.querySelectorAll('td'));
      expect(tr.querySelector('th button')!.getAttribute('aria-label')).toBe(`About ${metric.label}`);
      expect(cells.map((c) => c.textContent)).toEqual(values.map((v) => formatMetric(metric, v)));
      expect(cells.flatMap((c, j) => (c.dataset.best === 'true' ? [j] : []))).toEqual(bestIndexes(metric, values));
    });
  });

  it('shows the rows the CLI table has: mean wait, jobs submitted, accelerator-hours billed and busy', () => {
    const { getByTestId } = render(<KpiTable runs={runs} />);
    const cells = (label: string) => Array.from(within(getByTestId('kpi-table')).getByText(label).closest('tr')!.querySelectorAll('td')).map((td) => td.textContent);
    // summary(): waitMeanS 60, jobsSubmitted 100, billed 200, busy 150 — in the CLI's formats.
    expect(cells('Wait mean')).toEqual(['1m', '1m', '1m']);
    expect(cells('Jobs submitted')).toEqual(['100', '100', '100']);
    expect(cells('Accel-hours billed')).toEqual(['200', '200', '200']);
    expect(cells('Accel-hours busy')).toEqual(['150', '150', '150']);
    const big = render(<KpiTable runs={[{ policy: 'p', summary: summary({ acceleratorHoursBilled: 23_040.4, acceleratorHoursBusy: 18_145.2, jobsSubmitted: 5832, waitMeanS: 5760 }) }]} />);
    const one = (label: string) => within(big.getAllByTestId('kpi-table')[1]!).getByText(label).closest('tr')!.querySelector('td')!.textContent;
    expect([one('Accel-hours billed'), one('Accel-hours busy'), one('Jobs submitted'), one('Wait mean')]).toEqual(['23,040', '18,145', '5,832', '1h 36m']);
  });
});

describe('KpiTable with a verdict', () => {
  const runs = [
    { policy: 'static-20', summary: summary({ costUsd: 116_812, availability: 0.3902, waitP95S: 17_220 }) },
    { policy: 'static-28', summary: summary({ costUsd: 163_500, availability: 0.9776, waitP95S: 1300 }) },
    { policy: 'reactive', summary: summary({ costUsd: 117_020, availability: 0.9949, waitP95S: 780 }) },
  ];
  const heads = () => Array.from(screen.getByTestId('kpi-table').querySelectorAll('thead th')).slice(1) as HTMLElement[];
  const row = (label: string) => Array.from(within(screen.getByTestId('kpi-table')).getByText(label).closest('tr')!.querySelectorAll('td'));

  it('marks each policy head feasible or not, its text exactly the name, the reason in its title; greys the column', () => {
    render(<KpiTable runs={runs} verdict={verdict(runs, { availabilityTarget: 0.95 })} />);
    expect(screen.getByTestId('kpi-table').querySelectorAll('thead th')).toHaveLength(1 + runs.length);
    expect(heads().map((h) => h.textContent)).toEqual(['static-20', 'static-28', 'reactive']);
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['false', 'true', 'true']);
    expect(heads()[0]!.title).toBe('Misses the requirements: availability 39.02% < target 95.00%');
    expect(heads()[0]!.classList.contains('infeasible')).toBe(true);
    expect(row('Cost')[0]!.classList.contains('infeasible')).toBe(true);
    expect(row('Cost')[0]!.title).toMatch(/availability 39\.02% < target 95\.00%/);
    // The recommended policy's column is marked, in the head and the status row.
    expect(heads()[2]!.dataset.recommended).toBe('true');
    expect(heads()[2]!.classList.contains('recommended')).toBe(true);
    expect(screen.getByTestId('kpi-status-row').querySelectorAll('td')[2]!.textContent).toMatch(/recommended/);
    expect(screen.getByTestId('kpi-status-row').querySelectorAll('td')[0]!.textContent).toMatch(/misses/);
    // The status row is the table's foot: the body's first row is still Cost, the head still 1 + N cells.
    expect(screen.getByTestId('kpi-status-row').closest('tfoot')).not.toBeNull();
    expect(screen.getByTestId('kpi-table').querySelector('tbody tr th')!.textContent).toBe('Cost');
  });

  it('ranks “best” only among the policies that meet the requirements', () => {
    render(<KpiTable runs={runs} verdict={verdict(runs, { availabilityTarget: 0.95 })} />);
    // static-20 is the cheapest, but it misses the SLO: reactive is the best cost that meets it.
    expect(row('Cost').map((c) => c.dataset.best)).toEqual([undefined, undefined, 'true']);
    expect(row('Cost')[2]!.title).toBe('best of the policies that meet the requirements');
    expect(row('Wait p95').map((c) => c.dataset.best)).toEqual([undefined, undefined, 'true']);
  });

  it('with no policy feasible, ranks among all of them', () => {
    const v = verdict(runs, { availabilityTarget: 0.95, maxCostUsd: 100_000 });
    expect(v.recommended).toBeNull();
    render(<KpiTable runs={runs} verdict={v} />);
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['false', 'false', 'false']);
    expect(row('Cost').map((c) => c.dataset.best)).toEqual(['true', undefined, undefined]);
    expect(row('Cost')[0]!.title).toMatch(/none meets the requirements/);
  });
});

describe('metric info (ⓘ)', () => {
  const runs = [{ policy: 'a', summary: summary() }, { policy: 'b', summary: summary({ costUsd: 2000 }) }];
  const plain = (key: keyof typeof METRIC_DEFINITIONS) => definitionParts(METRIC_DEFINITIONS[key]).map((p) => p.text).join('');

  it('every row label has an ⓘ button with its definition; the label’s text stays the label', () => {
    render(<KpiTable runs={runs} />);
    const rows = Array.from(screen.getByTestId('kpi-table').querySelectorAll('tbody tr'));
    expect(rows.length).toBeGreaterThan(10);
    for (const tr of rows) {
      const key = tr.getAttribute('data-metric') as keyof typeof METRIC_DEFINITIONS;
      const label = METRIC_ROWS.find((r) => r.key === key)!.label;
      expect(tr.querySelector('th')!.textContent).toBe(label);
      fireEvent.click(within(tr as HTMLElement).getByRole('button', { name: `About ${label}` }));
      const pop = screen.getByRole('tooltip');
      expect(pop.textContent).toBe(`${label} ${key}${plain(key)}`);
      fireEvent.click(within(tr as HTMLElement).getByRole('button', { name: `About ${label}` }));
      expect(screen.queryByRole('tooltip')).toBeNull();
    }
  });

  it('opens on keyboard focus, is described by the button, and closes on Escape and blur', () => {
    render(<KpiTable runs={runs} />);
    const btn = screen.getByRole('button', { name: 'About Availability' });
    act(() => btn.focus());
    const pop = screen.getByRole('tooltip');
    expect(btn.getAttribute('aria-describedby')).toBe(pop.id);
    expect(btn.getAttribute('aria-expanded')).toBe('true');
    expect(pop.textContent).toContain('never a flattering 100%');
    expect(pop.querySelectorAll('code').length).toBeGreaterThan(1);
    fireEvent.keyDown(btn, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.mouseEnter(btn);
    expect(screen.getByRole('tooltip')).toBeTruthy();
    act(() => btn.blur());
    expect(screen.queryByRole('tooltip')).toBeNull();
  });
});

