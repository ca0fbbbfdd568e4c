/**
 * Defect 9: the cumulative cost chart matches the KPI table over the measurement window. A real
 * run (the worker's session, in Node) with a warm-up: the cost series starts at 0 at the warm-up's
 * end and ends at summary.costUsd; the raw cumulative cost (from t = 0) would not.
 */
import { describe, expect, it } from 'vitest';
import { costSinceWarmup, totalSeries, windowCostSeries } from '../../renderer/charts/series';
import { EngineSession } from '../../sim-engine/worker/run-bundle';
import defaultYaml from '../../scenarios/default.yaml?raw';

// The session's host: no clock, no hashing needed here.
const host = { now: () => 0, yieldNow: async () => {}, sha256Hex: async () => '0' };

describe('cumulative cost since the warm-up', () => {
  it('of a real run with warmup: 0 at the warm-up end, summary.costUsd at the horizon', async () => {
    const text = defaultYaml.replace(/^horizon: .*$/m, 'horizon: 3d').replace(/^warmup: .*$/m, 'warmup: 1d');
    const out = await new EngineSession(host).run({ text, fileName: 'default.yaml' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    for (const run of out.bundle.runs) {
      expect(run.warmupS).toBe(86400);
      const s = windowCostSeries(run);
      expect(s.x[0]).toBe(86400);
      expect(s.y[0]).toBe(0);
      expect(s.x[s.x.length - 1]).toBe(run.endS);
      expect(s.y[s.y.length - 1]).toBeCloseTo(run.summary.costUsd, 6);
      // The last sample (5 minutes before the horizon) already agrees with the KPI to within
      // that tail — the series is the window's cost, not a line bent to meet it at the end.
      const lastSample = s.y[s.y.length - 2]!;
      expect(lastSample).toBeLessThanOrEqual(run.summary.costUsd + 1e-6);
      expect(lastSample).toBeGreaterThan(run.summary.costUsd * 0.99);
      // It never decreases.
      for (let i = 1; i < s.y.length; i++) expect(s.y[i]!).toBeGreaterThanOrEqual(s.y[i - 1]! - 1e-9);
      // The cumulative cost from t = 0 counts the warm-up day too: a third more than the KPI here.
      const raw = totalSeries(run).cost;
      expect(raw[raw.length - 1]! / run.summary.costUsd).toBeGreaterThan(1.2);
    }
  });

  it('starts at the warm-up end between two samples (read linearly), and is the plain cumulative cost without a warm-up', () => {
    const t = Float64Array.of(0, 100, 200, 300);
    const cost = Float64Array.of(0, 10, 30, 60);
    const w = costSinceWarmup(t, cost, 150, 400, 75);
    // cost(150) = 10 + (30 − 10)·0.5 = 20.
    expect(Array.from(w.x)).toEqual([150, 200, 300, 400]);
    expect(Array.from(w.y)).toEqual([0, 10, 40, 75]);
    const none = costSinceWarmup(t, cost, 0, 400, 95);
    expect(Array.from(none.x)).toEqual([0, 100, 200, 300, 400]);
    expect(Array.from(none.y)).toEqual([0, 10, 30, 60, 95]);
  });
});
