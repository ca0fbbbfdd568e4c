/**
 * Validation against queueing theory: M/M/c with c = 24 servers at ρ = 0.5, 0.8, 0.9.
 * Erlang C gives the probability of waiting and the mean wait; each must lie inside the
 * simulator's 95% confidence interval over independent replications (STYLE.md: the mean
 * wait converges slowly, so each replication is long and the interval comes from several
 * seeds). Little's law (L_q = λ·W_q) must hold on the same runs.
 */
import { describe, expect, test } from 'vitest';
import { replicationSeed } from '../../sim-engine/core/rng.js';
import { meanCi95 } from '../../sim-engine/metrics/stats.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { runPolicy } from '../../sim-engine/run/index.js';

/** Erlang C: probability an arrival waits, for c servers and offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // k = 0
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  return top / (sum + top);
}

const C = 24;
const SERVICE_H = 1;
const REPLICATIONS = 8;

function scenarioText(rho: number, horizonDays: number): string {
  return `
name: M/M/${C} at rho ${rho}
seed: 11
horizon: ${horizonDays}d
warmup: 5d
sampleEvery: 10m
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: ${rho * C / SERVICE_H} }
    accelerators: 1
    duration: { dist: exponential, mean: ${SERVICE_H}h }
fleet:
  pools:
    - { name: servers, accelerator: nvidia-a100-80gb, perNode: 1, initial: ${C} }
policies:
  - name: fifo
    autoscaler: { kind: static }
`;
}

describe.each([
  // At ρ = 0.5 only ~0.1% of jobs wait at all, so the mean wait is tiny and relatively noisy.
  { rho: 0.5, days: 400, maxRelHalfWidth: 0.6 },
  { rho: 0.8, days: 400, maxRelHalfWidth: 0.15 },
  { rho: 0.9, days: 800, maxRelHalfWidth: 0.15 },
])('M/M/24 at ρ = $rho', ({ rho, days, maxRelHalfWidth }) => {
  const loaded = loadScenario(scenarioText(rho, days), 'mmc.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const scenario = loaded.scenario;
  const lambdaPerS = (rho * C) / (SERVICE_H * 3600);
  const pWaitTheory = erlangC(C, rho * C);
  const waitTheoryS = (pWaitTheory * SERVICE_H * 3600) / (C - rho * C);

  const reps = Array.from({ length: REPLICATIONS }, (_, r) => runPolicy(scenario, 0, replicationSeed(scenario.seed, r), new Map()));
  const waits = reps.map((r) => r.summary.waitMeanS!);
  const pWaits = reps.map((r) => {
    const w = r.waitsSortedS;
    let zero = 0;
    while (zero < w.length && w[zero] === 0) zero++;
    return 1 - zero / w.length;
  });

  test('Erlang C mean wait lies inside the 95% CI', () => {
    const ci = meanCi95(waits)!;
    expect(Math.abs(ci.mean - waitTheoryS)).toBeLessThanOrEqual(ci.halfWidth);
    // And the interval is informative.
    expect(ci.halfWidth / waitTheoryS).toBeLessThan(maxRelHalfWidth);
  });

  test('Erlang C probability of waiting lies inside the 95% CI', () => {
    const ci = meanCi95(pWaits)!;
    expect(Math.abs(ci.mean - pWaitTheory)).toBeLessThanOrEqual(ci.halfWidth);
  });

  test('utilization matches ρ', () => {
    const ci = meanCi95(reps.map((r) => r.summary.utilization!))!;
    expect(Math.abs(ci.mean - rho)).toBeLessThanOrEqual(Math.max(ci.halfWidth, 0.002));
  });

  test("Little's law: time-average queue length = λ · mean wait", () => {
    for (const r of reps) {
      const s = r.series;
      const width = s.pools.length + 1;
      let sum = 0;
      let n = 0;
      for (let i = 0; i < s.timeS.length; i++) {
        if (s.timeS[i]! < scenario.warmup) continue;
        sum += s.queued[i * width + s.pools.length]!;
        n++;
      }
      const lq = sum / n;
      const lambdaObs = r.summary.jobsSubmitted / (r.endS - scenario.warmup);
      const expected = lambdaObs * r.summary.waitMeanS!;
      // Sampled L_q vs λ·W_q on the same run: equal up to sampling noise and edge effects.
      expect(Math.abs(lq - expected)).toBeLessThan(Math.max(0.05 * expected, 0.005));
      expect(Math.abs(lambdaObs - lambdaPerS) / lambdaPerS).toBeLessThan(0.02);
    }
  });
});
