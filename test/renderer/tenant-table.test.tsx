// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Calibration, TenantSummary } from '../../sim-engine/metrics/types';
import { CalibrationTable, TenantTable } from '../../renderer/views/TenantTable';

afterEach(cleanup);

const t = (tenant: string, jobsSubmitted: number, waitP95S: number | null, costShare: number | null): TenantSummary => ({
  tenant, jobsSubmitted, waitP50S: waitP95S === null ? null : waitP95S / 4, waitP95S, acceleratorHoursBusy: 100, costShareUsd: (costShare ?? 0) * 1000, costShare,
});

const runs = [
  { policy: 'as-built', byTenant: [t('vc-small', 40, 60, 0.1), t('vc-big', 900, 3600, 0.9)] },
  { policy: 'half-fleet', byTenant: [t('vc-big', 900, 7200, 0.85), t('vc-small', 40, 30, 0.15)] },
];

describe('TenantTable', () => {
  it('has tenants as rows (most jobs first), jobs, then wait p95 and cost share per policy', () => {
    render(<TenantTable runs={runs} />);
    const table = screen.getByTestId('tenant-table');
    const groups = Array.from(table.querySelectorAll('thead tr.group-head th.group')).map((h) => h.textContent);
    expect(groups).toEqual(['as-built', 'half-fleet']);
    const sub = Array.from(table.querySelectorAll('thead tr.sub-head th')).map((h) => h.textContent);
    expect(sub).toEqual(['wait p95', 'cost share', 'wait p95', 'cost share']);
    const rows = Array.from(table.querySelectorAll('tbody tr'));
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['vc-big', 'vc-small']);
    const big = Array.from(rows[0]!.querySelectorAll('td')).map((c) => c.textContent);
    expect(big).toEqual(['900', '1h', '90.0%', '2h', '85.0%']);
  });

  it('highlights the shortest wait of each tenant across policies and shows missing values as —', () => {
    render(<TenantTable runs={[...runs, { policy: 'reactive', byTenant: [t('vc-big', 900, null, null)] }]} />);
    const row = within(screen.getByTestId('tenant-table')).getByText('vc-small').closest('tr')!;
    const cells = row.querySelectorAll('td');
    expect(cells[3]!.dataset.best).toBe('true'); // half-fleet's 30s
    expect(cells[1]!.dataset.best).toBeUndefined();
    expect(cells[5]!.textContent).toBe('—'); // reactive has no vc-small row
    const big = within(screen.getByTestId('tenant-table')).getByText('vc-big').closest('tr')!.querySelectorAll('td');
    expect(big[5]!.textContent).toBe('—');
    expect(big[6]!.textContent).toBe('—');
  });

  it('is hidden when no run has tenants', () => {
    const { container } = render(<TenantTable runs={[{ policy: 'a' }, { policy: 'b', byTenant: [] }]} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows the largest tenants first and all of them on request', () => {
    const many = Array.from({ length: 20 }, (_, i) => t(`vc-${String(i).padStart(2, '0')}`, 100 + i, 60, 0.05));
    render(<TenantTable runs={[{ policy: 'p', byTenant: many }]} />);
    expect(screen.getByTestId('tenant-table').querySelectorAll('tbody tr')).toHaveLength(12);
    expect(within(screen.getByTestId('tenant-table')).getByText('vc-19')).toBeTruthy();
    fireEvent.click(screen.getByText('Show all 20 tenants'));
    expect(screen.getByTestId('tenant-table').querySelectorAll('tbody tr')).toHaveLength(20);
  });
});

describe('CalibrationTable', () => {
  const cal = (sim: number): Calibration => ({
    workload: 'tiny.swf', jobs: 4,
    recorded: { waitMeanS: 67.5, waitP50S: 0, waitP95S: 180, waitP99S: 180 },
    simulated: { waitMeanS: sim, waitP50S: 0, waitP95S: sim * 2, waitP99S: sim * 2 },
  });

  it('shows mean, p50, p95, p99: the recorded column, then one column per policy', () => {
    render(<CalibrationTable runs={[{ policy: 'one', calibration: [cal(67.5)] }, { policy: 'two', calibration: [cal(0)] }]} />);
    const table = screen.getByTestId('calibration-table');
    expect(Array.from(table.querySelectorAll('thead th')).map((h) => h.textContent).slice(1)).toEqual(['recorded', 'one', 'two']);
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((r) => [r.querySelector('th')!.textContent, ...Array.from(r.querySelectorAll('td')).map((c) => c.textContent)]);
    expect(rows).toEqual([
      ['Wait mean', '1m 7s', '1m 7s', '0s'],
      ['Wait p50', '0s', '0s', '0s'],
      ['Wait p95', '3m', '2m 15s', '0s'],
      ['Wait p99', '3m', '2m 15s', '0s'],
    ]);
  });

  it('is hidden when no run was calibrated', () => {
    const { container } = render(<CalibrationTable runs={[{ policy: 'a', calibration: [] }]} />);
    expect(container.innerHTML).toBe('');
  });
});
