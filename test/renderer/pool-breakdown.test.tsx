// @vitest-environment jsdom
/** Cost by pool: bars per policy with a segment per pool, a table with subtotals by purchase option. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { CommitmentSummary, PoolSummary } from '../../sim-engine/metrics/types';
import { CommitmentTable, costByPurchase, PoolBreakdown } from '../../renderer/views/PoolBreakdown';
import { stackedReady } from '../../renderer/charts/series';
import { svgOfElement } from '../../renderer/charts/export';
import type { RunView } from '../../sim-engine/worker/types';

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
  expect(subtotals).toEqual(['all on-demand$400.00$20.00', 'all spot$50.00$80.00']);
  expect(costByPurchase(runs[0]!.byPool)).toEqual([{ purchase: 'on-demand', costUsd: 400 }, { purchase: 'spot', costUsd: 50 }]);
});

it('is not shown for a one-pool fleet', () => {
  const { container } = render(<PoolBreakdown runs={[{ policy: 'a', byPool: [pool({ pool: 'p', purchase: 'on-demand' })] }]} colors={['#111']} />);
  expect(container.innerHTML).toBe('');
});

it('commitments: a saving in one policy, a loss in another, a dash where the pool is not committed', () => {
  const c = (over: Partial<CommitmentSummary>): CommitmentSummary => ({ pool: 'base', purchase: 'reserved', nodes: 16, nodeHoursCommitted: 100, nodeHoursUsed: 60, utilization: 0.6, costUsd: 1000, onDemandCostUsd: 1200, savingsUsd: 200, ...over });
  const runs = [{ policy: 'none', commitments: [] }, { policy: 'good', commitments: [c({})] }, { policy: 'bad', commitments: [c({ onDemandCostUsd: 700, savingsUsd: -300, utilization: 0.35 })] }];
  const { getByTestId } = render(<CommitmentTable runs={runs} colors={['#1', '#2', '#3']} />);
  const cells = Array.from(getByTestId('commitments').querySelectorAll('tbody td'));
  expect(cells.map((td) => td.textContent)).toEqual(['—', 'saves $200.00$1000.00 vs $1200.00 on demand16 nodes · 60.0% used', 'loses $300.00$1000.00 vs $700.00 on demand16 nodes · 35.0% used']);
  expect(cells.map((td) => (td as HTMLElement).dataset.saving)).toEqual([undefined, 'true', 'false']);
  cleanup();
  expect(render(<CommitmentTable runs={[{ policy: 'x' }]} colors={[]} />).container.innerHTML).toBe('');
});

it('stackedReady: each pool on top of the ones before it; the last is the total', () => {
  // Two pools and the total, two rows: ready a = 8, 16; b = 4, 0.
  const run = { series: { pools: ['a', 'b'], timeS: Float64Array.of(0, 60), ready: Float64Array.of(8, 4, 12, 16, 0, 16) } } as unknown as RunView;
  expect(stackedReady(run).map((a) => Array.from(a))).toEqual([[8, 16], [12, 16]]);
});

it('exports the bars as a standalone SVG with the pools as a legend', () => {
  const runs = [{ policy: 'a', byPool: [pool({ pool: 'od1', purchase: 'on-demand', costUsd: 300 }), pool({ pool: 'sp', purchase: 'spot', costUsd: 50 })] }];
  const { container, getByTestId } = render(<PoolBreakdown runs={runs} colors={["#111"]} />);
  expect(getByTestId('export-svg')).toBeTruthy();
  const out = svgOfElement(container.querySelector<SVGSVGElement>('svg.pool-breakdown-bars')!, 'Cost by pool', '#fff', '#000', [
    { label: 'od1 (on-demand)', color: '#1' },
    { label: 'sp (spot)', color: '#2' },
  ]);
  const doc = new DOMParser().parseFromString(out.svg, 'image/svg+xml');
  const texts = Array.from(doc.querySelectorAll('text')).map((t) => t.textContent);
  expect(texts.slice(0, 3)).toEqual(['Cost by pool', 'od1 (on-demand)', 'sp (spot)']);
  expect(doc.querySelectorAll('rect[data-pool]')).toHaveLength(2);
});
