// @vitest-environment jsdom
/** Cost by pool: bars per policy with a segment per pool, a table with subtotals by purchase option. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { PoolSummary } from '../../sim-engine/metrics/types';
import { costByPurchase, PoolBreakdown } from '../../renderer/views/PoolBreakdown';

afterEach(cleanup);

const pool = (p: Partial<PoolSummary> & { pool: string; purchase: string }): PoolSummary => ({ accelerator: 'nvidia-a100-80gb', nodeHoursBilled: 10, acceleratorHoursBilled: 80, acceleratorHoursBusy: 40, costUsd: 100, preemptions: 0, nodeFailures: 0, energyKwh: 1, ...p });

it('draws one bar per policy with a segment per pool, and subtotals when purchase options repeat', () => {
  const runs = [
    { policy: 'a', byPool: [pool({ pool: 'od1', purchase: 'on-demand', costUsd: 300 }), pool({ pool: 'od2', purchase: 'on-demand', costUsd: 100 }), pool({ pool: 'sp', purchase: 'spot', costUsd: 50, preemptions: 3 })] },
    { policy: 'b', byPool: [pool({ pool: 'od1', purchase: 'on-demand', costUsd: 0, nodeHoursBilled: 0 }), pool({ pool: 'od2', purchase: 'on-demand', costUsd: 20 }), pool({ pool: 'sp', purchase: 'spot', costUsd: 80 })] },
  ];
  const { container, getByTestId } = render(<PoolBreakdown runs={runs} colors={['#111', '#222']} />);
  expect(getByTestId('pool-breakdown')).toBeTruthy();
  const bars = container.querySelectorAll('svg g');
  expect(bars.length).toBe(2);
  expect([...bars[0]!.querySelectorAll('rect')].map((r) => r.getAttribute('data-pool'))).toEqual(['od1', 'od2', 'sp']);
  // Widths are proportional to cost, the widest bar's total the largest.
  const w = [...bars[0]!.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
  expect(w[0]! / w[1]!).toBeCloseTo(3, 6);
  expect(container.textContent).toContain('3 preempted');
  expect(container.textContent).toContain('not used');
  const subtotals = [...container.querySelectorAll('tr.subtotal')].map((tr) => tr.textContent);
  expect(subtotals).toEqual(['all on-demand$400$20', 'all spot$50$80']);
  expect(costByPurchase(runs[0]!.byPool)).toEqual([{ purchase: 'on-demand', costUsd: 400 }, { purchase: 'spot', costUsd: 50 }]);
});

it('is not shown for a one-pool fleet', () => {
  const { container } = render(<PoolBreakdown runs={[{ policy: 'a', byPool: [pool({ pool: 'p', purchase: 'on-demand' })] }]} colors={['#111']} />);
  expect(container.innerHTML).toBe('');
});
