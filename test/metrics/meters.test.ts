/** Billing and busy meters: exact integrals, clipped to the measurement window. */
import { expect, test } from 'vitest';
import { PoolMeters } from '../../sim-engine/metrics/meters.js';

test('integrates billed nodes and busy accelerators exactly, window [warmup, horizon) only', () => {
  const m = new PoolMeters([{ perNode: 8, priceNodeHourUsd: 36 }], 100, 1000);
  m.advance(0, 50, 2, 8); // [0, 50): 2 nodes, 8 busy — before the window
  m.advance(0, 400, 3, 4); // [50, 400): 3 nodes, 4 busy; window part [100, 400)
  m.advance(0, 400, 9, 9); // no time passed: nothing added
  expect(m.costSoFarUsd(0, 700, 1)).toBeCloseTo((50 * 2 + 350 * 3 + 300 * 1) * 0.01, 9);
  m.advance(0, 1200, 1, 0); // [400, 1200): 1 node; window part [400, 1000)
  const [t] = m.totals(['p']);
  expect(t!.costAllUsd).toBeCloseTo((50 * 2 + 350 * 3 + 800) * 0.01, 9);
  expect(t!.costWinUsd).toBeCloseTo((300 * 3 + 600) * 0.01, 9);
  expect(t!.billedAccHoursWin).toBeCloseTo(((300 * 3 + 600) * 8) / 3600, 12);
  expect(t!.busyAccHoursWin).toBeCloseTo((300 * 4) / 3600, 12);
});
