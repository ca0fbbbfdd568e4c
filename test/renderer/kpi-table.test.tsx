// @vitest-environment jsdom
import { cleanup, render, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bestIndexes, formatMetric, METRIC_ROWS, shownRows } from '../../sim-engine/report/metric-rows';
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
      expect(tr.querySelector('th')!.getAttribute('title')).toBe(metric.hint);
      expect(cells.map((c) => c.textContent)).toEqual(values.map((v) => formatMetric(metric, v)));
      expect(cells.flatMap((c, j) => (c.dataset.best === 'true' ? [j] : []))).toEqual(bestIndexes(metric, values));
    });
  });
});
