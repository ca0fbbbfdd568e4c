// @vitest-environment jsdom
/**
 * The results view's charts (issue 10): each policy's capacity chart on its own y-scale by
 * default, so bursty's reserved-only (demand ~12k) no longer flattens the others (defect 3), with
 * a toggle to share one; the warm-up marked on every time chart and the cost chart ending at the
 * KPI table's cost (defect 9).
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunBundle, RunView } from '../../sim-engine/worker/types';
import type { AppController } from '../../renderer/state/controller';
import type { AppState } from '../../renderer/state/app-state';
import { ResultsView } from '../../renderer/views/ResultsView';
import { fakeRun } from './fake-engine';

afterEach(cleanup);
beforeEach(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

const N = 4 * 288; // samples every 300 s: 4 days
/** A run whose demand peaks at `peak` accelerators, with a 12-hour warm-up. */
function run(policy: string, peak: number, costUsd: number): RunView {
  const base = fakeRun(policy, { costUsd });
  const col = (g: (i: number) => number) => Float64Array.from({ length: N * 2 }, (_, k) => g(Math.floor(k / 2)));
  const wave = (i: number) => peak * (0.5 + 0.5 * Math.sin(i / 5));
  return {
    ...base,
    warmupS: 12 * 3600,
    endS: N * 300,
    series: {
      pools: ['a100'],
      timeS: Float64Array.from({ length: N }, (_, i) => i * 300),
      ready: col((i) => Math.min(wave(i), peak * 0.8)),
      provisioning: col(() => 0),
      busy: col((i) => Math.min(wave(i), peak * 0.8)),
      demand: col(wave),
      queued: col((i) => Math.max(0, wave(i) - peak * 0.8)),
      costUsd: col((i) => (i * 300 * costUsd) / (N * 300 - 12 * 3600)),
      failed: col(() => 0),
    },
  } as RunView;
}

function view() {
  const runs = [run('reserved-only', 12_000, 25_000), run('reactive-fast', 300, 31_000), run('reactive-patient', 240, 29_000)];
  const bundle: RunBundle = {
    id: 'run-1',
    runs,
    files: { 'results.json': '{}' },
    warnings: [],
    results: { fleetlab: '0.1.0', scenario: { name: 'bursty', sha256: '0' }, seed: 1, traces: [], runs: runs.map((r) => ({ policy: r.policy, summary: r.summary })) },
  };
  const controller = { setZoom: () => {} } as unknown as AppController;
  const state = { zoom: null, requirements: {}, result: null } as unknown as AppState;
  return render(<ResultsView controller={controller} state={state} bundle={bundle} gridColor="#eee" mutedColor="#888" />);
}

const yMaxes = (v: ReturnType<typeof view>) => [0, 1, 2].map((i) => Number(v.getByTestId(`capacity-${i}`).getAttribute('data-y-max')));

describe('results charts', () => {
  it('gives each policy’s capacity chart its own y-scale; “Shared y-scale” shares one', async () => {
    const v = view();
    await waitFor(() => expect(v.getByTestId('capacity-2')).toBeTruthy());
    const own = yMaxes(v);
    // Each chart's data fills at least half its height: none is flattened by reserved-only's 12k.
    for (let i = 0; i < 3; i++) {
      const el = v.getByTestId(`capacity-${i}`);
      expect(Number(el.getAttribute('data-data-max')) / Number(el.getAttribute('data-y-max'))).toBeGreaterThan(0.5);
    }
    expect(own[1]).toBeLessThan(own[0]! / 10);
    expect(own[2]).toBeLessThan(own[0]! / 10);

    const toggle = v.getByTestId('share-y');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const shared = yMaxes(v);
    expect(new Set(shared).size).toBe(1);
    expect(shared[0]).toBe(own[0]);
    fireEvent.click(toggle);
    expect(yMaxes(v)).toEqual(own);
  });

  it('marks the warm-up on every time chart; the cost chart counts from it and its tooltip at the horizon reads the KPI table’s cost', async () => {
    const v = view();
    await waitFor(() => expect(v.getByTestId('chart-cost')).toBeTruthy());
    for (const id of ['capacity-0', 'capacity-1', 'capacity-2', 'chart-utilization', 'chart-queue', 'chart-cost']) {
      expect(v.getByTestId(`${id}-warmup`).textContent).toContain('warm-up');
      expect(Array.from(v.getByTestId(id).querySelectorAll('.legend-item'), (e) => e.textContent)).toContain('warm-up');
    }
    const cost = v.getByTestId('chart-cost');
    expect(cost.querySelector('.chart-subtitle')!.textContent).toMatch(/^USD since warm-up/);
    // Hover at the right edge of the plot (the horizon).
    fireEvent.mouseMove(cost.querySelector('.chart-body')!, { clientX: 56 + 570, clientY: 50 });
    const values = Array.from(cost.querySelectorAll('.tooltip-row'), (r) => [r.querySelector('.tooltip-label')!.textContent, r.querySelector('.tooltip-value')!.textContent]);
    const kpiCost = Array.from(v.getByTestId('kpi-table').querySelector('tbody tr')!.querySelectorAll('td'), (td) => td.textContent);
    expect(values).toEqual([
      ['reserved-only', '$25.0k'],
      ['reactive-fast', '$31.0k'],
      ['reactive-patient', '$29.0k'],
    ]);
    expect(values.map((r) => r[1])).toEqual(kpiCost);
    // In the warm-up, the cost chart has nothing yet.
    fireEvent.mouseMove(cost.querySelector('.chart-body')!, { clientX: 56 + 570 * 0.1, clientY: 50 });
    expect(Array.from(cost.querySelectorAll('.tooltip-value'), (e) => e.textContent)).toEqual(['—', '—', '—']);
  });

  it('smooths utilization and queue with a rolling mean named in the subtitle', async () => {
    const v = view();
    await waitFor(() => expect(v.getByTestId('chart-cost')).toBeTruthy());
    // 4 days / 60 = 1.6 h → 2 h.
    expect(v.getByTestId('chart-utilization').querySelector('.chart-subtitle')!.textContent).toBe('busy ÷ ready accelerators · rolling mean over 2h, raw samples faint');
    expect(v.getByTestId('chart-queue').querySelector('.chart-subtitle')!.textContent).toBe('jobs waiting · rolling mean over 2h, raw samples faint');
    expect(v.getByTestId('chart-queue').getAttribute('data-window-s')).toBe('7200');
    // Cost and capacity are not smoothed.
    expect(v.getByTestId('chart-cost').getAttribute('data-window-s')).toBeNull();
    expect(v.getByTestId('capacity-0').getAttribute('data-window-s')).toBeNull();
  });
});
