/**
 * The predictive autoscaler: its forecaster on a synthetic seasonal series, and the policy
 * against reactive on a strongly periodic workload with slow (30-minute) provisioning.
 */
import { describe, expect, test } from 'vitest';
import { Rng } from '../../sim-engine/core/rng.js';
import type { RunResult } from '../../sim-engine/metrics/types.js';
import { HoltWinters, LeadError, type Seasonality } from '../../sim-engine/policies/autoscaling/forecast.js';
import { clock } from '../../sim-engine/policies/autoscaling/common.js';
import { predictiveParams } from '../../sim-engine/policies/autoscaling/predictive.js';
import { paramDefaults } from '../../sim-engine/policies/params.js';
import { collect, createSimulation } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

describe('Holt-Winters forecaster', () => {
  const m = 48;
  /** A daily-like pattern with a slow trend and a little noise. */
  const truth = (t: number) => 100 + 60 * Math.sin((2 * Math.PI * t) / m) + 0.05 * t;

  for (const seasonality of ['additive', 'multiplicative'] as Seasonality[]) {
    test(`${seasonality}: nothing before a full season; after two, forecasts 1 … m/4 ahead within 5% of the pattern`, () => {
      const rng = new Rng(3).fork('noise');
      const hw = new HoltWinters({ period: m, alpha: 0.2, beta: 0.01, gamma: 0.3, seasonality });
      for (let t = 0; t < m - 1; t++) hw.observe(truth(t) + 4 * (rng.uniformOpen() - 0.5));
      expect(hw.ready).toBe(false);
      expect(hw.forecast(1)).toBeNaN();
      for (let t = m - 1; t < 2 * m; t++) hw.observe(truth(t) + 4 * (rng.uniformOpen() - 0.5));
      expect(hw.ready).toBe(true);
      let worst = 0;
      for (let h = 1; h <= m / 4; h++) worst = Math.max(worst, Math.abs(hw.forecast(h) - truth(2 * m - 1 + h)) / truth(2 * m - 1 + h));
      expect(worst).toBeLessThan(0.05);
      expect(() => hw.forecast(m + 1)).toThrow(/horizon must be 1 … 48 samples \(got 49\)/);
    });
  }

  test('the lead error scores each forecast against the sample it was made for, over a window', () => {
    const e = new LeadError(2, 4);
    e.observe(10);
    expect(e.wape).toBeNaN();
    e.record(12); // for the sample two steps after this one (index 2)
    e.observe(10);
    e.record(10); // for index 3
    e.observe(10); // index 2: |12 − 10| = 2
    expect(e.wape).toBeCloseTo(2 / 10, 12);
    e.observe(10); // index 3: exact
    expect(e.wape).toBeCloseTo(2 / 20, 12);
    for (let i = 0; i < 4; i++) e.observe(10); // the scored samples left the window
    expect(e.wape).toBeNaN();
  });

  test('parameters and their documented defaults', () => {
    expect(predictiveParams.parse({})).toEqual({ tick: 300, season: 86400, headroom: 0.1, margin: 0, scaleDownAfterIdle: 1800, seasonality: 'additive', alpha: 0.2, beta: 0.01, gamma: 0.3 });
    expect(paramDefaults(predictiveParams)).toEqual({ tick: '5m', season: '1d', headroom: 0.1, margin: 0, scaleDownAfterIdle: '30m', seasonality: 'additive', alpha: 0.2, beta: 0.01, gamma: 0.3 });
    expect(predictiveParams.safeParse({ alpha: 1.5 }).error?.issues[0]?.message).toBe('alpha must be ≤ 1');
  });

  test('clock: weekday from startsOn, hours and minutes, day number', () => {
    expect(clock(0, 0)).toBe('Mon 00:00 (day 1)');
    expect(clock(86400 + 14 * 3600 + 30 * 60 + 59, 5)).toBe('Sun 14:30 (day 2)');
  });
});

/** A strongly diurnal workload (peak/trough 6), five days, on one pool whose nodes take 30 minutes to provision. */
const diurnal = (horizon: string) => `
name: diurnal
seed: 11
horizon: ${horizon}
sampleEvery: 5m
slo: { maxQueueWait: 15m }
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 60, profile: diurnal, peakToTrough: 6, peakHour: 14 }
    accelerators: { dist: choice, values: [1, 2, 4, 8], weights: [0.4, 0.3, 0.2, 0.1] }
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - { name: a100, accelerator: nvidia-a100-80gb, perNode: 8, purchase: on-demand, initial: 4, min: 0, max: 100, provisioning: 30m }
policies:
  - { name: reactive, autoscaler: { kind: reactive } }
  - { name: predictive, autoscaler: { kind: predictive } }
`;

function runAll(text: string): { runs: RunResult[]; decisions: { timeS: number; action: string; reason: string }[][] } {
  const loaded = loadScenario(text, 'diurnal.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const s = loaded.scenario;
  const decisions: { timeS: number; action: string; reason: string }[][] = [];
  const runs = s.policies.map((_, i) => {
    const sim = createSimulation(s, i, s.seed, new Map());
    sim.run();
    decisions.push(sim.decisions);
    return collect(sim, s, i, s.seed);
  });
  return { runs, decisions };
}

describe('predictive vs reactive on a diurnal workload, 30-minute provisioning', () => {
  test('with default parameters: less shortfall than reactive at a cost within 25% of it', () => {
    const { runs, decisions } = runAll(diurnal('5d'));
    const [reactive, predictive] = runs.map((r) => r.summary);
    // Measured (seed 11): reactive 9.3 h short, $118.8k; predictive 2.8 h, $127.0k.
    expect(predictive!.shortfallHours!).toBeLessThan(0.5 * reactive!.shortfallHours!);
    expect(predictive!.costUsd).toBeLessThan(1.25 * reactive!.costUsd);
    expect(predictive!.jobsSubmitted).toBe(predictive!.jobsCompleted + predictive!.jobsUnfinished + predictive!.jobsRejected);
    // From the second day on it acts on its forecast, and says so.
    const later = decisions[1]!.filter((d) => d.timeS >= 86400);
    expect(later.length).toBeGreaterThan(0);
    for (const d of later) expect(d.reason).toMatch(/^forecast \d+ accelerators at \w{3} \d\d:\d\d \(day \d\) \(Holt-Winters additive, (\d+% error \(WAPE\) over the last 1d|error not yet measured)(, weighed \d+% against demand now while it learns)?\); demand \d+ accelerators now; \+10% headroom → target \d+ accelerators; \d+ ready \+ \d+ provisioning/);
    expect(later.at(-1)!.reason).not.toMatch(/while it learns/);
  });

  test('the first day: acts on demand now while it learns, no worse than reactive', () => {
    const { runs, decisions } = runAll(diurnal('1d'));
    const [reactive, predictive] = runs.map((r) => r.summary);
    expect(predictive!.shortfallHours!).toBeLessThanOrEqual(reactive!.shortfallHours!);
    expect(predictive!.costUsd).toBeLessThan(1.25 * reactive!.costUsd);
    const adds = decisions[1]!.filter((d) => d.action === 'add');
    expect(adds.length).toBeGreaterThan(5);
    expect(decisions[1]!.filter((d) => d.action === 'release').length).toBeGreaterThan(0);
    // Its 288th sample (a full day at 5-minute ticks) comes at 23:55; before that it acts on demand now.
    for (const d of decisions[1]!.filter((x) => x.timeS < 86400 - 300)) expect(d.reason).toMatch(/^demand \d+ accelerators now \(learning the 1d pattern: (\d+[hm] ?)+ of 1d seen\)/);
  });
});
