/** Every built-in scenario runs, and the four fleet-realism ones show the trade-off their descriptions promise. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import type { RunResult } from '../../sim-engine/metrics/types.js';
import { collect, createSimulation, loadTraces, runPolicy } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

function runAll(name: string): RunResult[] {
  const loaded = loadScenario(readFileSync(`scenarios/${name}.yaml`, 'utf8'), `${name}.yaml`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const s = loaded.scenario;
  return s.policies.map((_, i) => {
    const sim = createSimulation(s, i, s.seed, new Map());
    sim.run();
    return collect(sim, s, i, s.seed);
  });
}
/** A built-in on a committed trace slice (read from scenarios/). */
async function runWithTraces(name: string): Promise<RunResult[]> {
  const loaded = loadScenario(readFileSync(`scenarios/${name}.yaml`, 'utf8'), `${name}.yaml`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const s = loaded.scenario;
  const traces = await loadTraces(s, (spec, _i, options) => readTraceFile(resolve('scenarios', spec.path), spec.format, options));
  if (!traces.ok) throw new Error(`${name}: traces did not load`);
  return s.policies.map((_, i) => runPolicy(s, i, s.seed, traces.tables));
}
const maxWaitS = (r: RunResult) => r.jobs.startS.reduce((m, start, i) => Math.max(m, start - r.jobs.submitS[i]!), 0);
const by = (runs: RunResult[]) => Object.fromEntries(runs.map((r) => [r.policy, r.summary]));

describe('built-in scenarios', () => {
  test('every synthetic built-in loads and conserves jobs', () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace('.yaml', ''));
    expect(names).toEqual(expect.arrayContaining(['spot-mix', 'failures-checkpoints', 'reserved-vs-on-demand', 'heterogeneous', 'spot-fallback', 'autoscalers', 'schedulers']));
    for (const name of names.filter((n) => n !== 'philly' && n !== 'schedulers')) {
      for (const r of runAll(name)) expect(r.summary.jobsSubmitted).toBe(r.summary.jobsCompleted + r.summary.jobsUnfinished + r.summary.jobsRejected);
    }
  });

  test('spot-mix: more spot is cheaper and less available', () => {
    const s = by(runAll('spot-mix'));
    expect(s['on-demand']!.costUsd).toBeGreaterThan(s['half-spot']!.costUsd);
    expect(s['half-spot']!.costUsd).toBeGreaterThan(s['mostly-spot']!.costUsd);
    expect(s['on-demand']!.availability!).toBeGreaterThan(s['half-spot']!.availability!);
    expect(s['half-spot']!.availability!).toBeGreaterThan(s['mostly-spot']!.availability!);
  });

  test('spot-fallback: on demand dearest and most available, spot only cheapest and least; the fallback between, with far fewer preemptions than spot only', () => {
    const runs = runAll('spot-fallback');
    const s = by(runs);
    const [od, spot, fallback] = [s['on-demand']!, s['spot-only']!, s['spot-fallback']!];
    expect(od.costUsd).toBeGreaterThan(fallback.costUsd);
    expect(fallback.costUsd).toBeGreaterThan(spot.costUsd);
    expect(od.availability!).toBeGreaterThan(fallback.availability!);
    expect(fallback.availability!).toBeGreaterThan(spot.availability!);
    expect(fallback.preemptions).toBeLessThan(0.5 * spot.preemptions);
    expect(fallback.acceleratorHoursLost).toBeLessThan(0.5 * spot.acceleratorHoursLost);
    // It says when and why it moved demand to on demand, for both kinds of trouble.
    const reasons = runs[2]!.decisions.filter((d) => d.action === 'refused').map((d) => d.reason);
    expect(reasons.some((r) => /^spot: \d+ preemptions in the last hour > 2 → on-demand until \w{3} \d\d:\d\d \(day \d\)$/.test(r))).toBe(true);
    expect(reasons.some((r) => /^spot: 1 spot request not fulfilled → on-demand until/.test(r))).toBe(true);
  });

  test('autoscalers: static pays for the peak; backlog and reactive follow the cycle cheapest; target-tracking buys availability; scheduled sits between', () => {
    const runs = runAll('autoscalers');
    const s = by(runs);
    // predictive boots ahead of the daily ramp: a fraction of reactive's shortfall, at a cost within 25% of it.
    expect(s['predictive']!.shortfallHours!).toBeLessThan(0.5 * s['reactive']!.shortfallHours!);
    expect(s['predictive']!.costUsd).toBeLessThan(1.25 * s['reactive']!.costUsd);
    for (const name of ['reactive', 'target-tracking', 'backlog', 'scheduled']) expect(s[name]!.costUsd).toBeLessThan(0.85 * s['static']!.costUsd);
    expect(s['backlog']!.costUsd).toBeLessThan(0.65 * s['static']!.costUsd);
    expect(s['reactive']!.costUsd).toBeLessThan(0.65 * s['static']!.costUsd);
    // Headroom: target-tracking waits least and is as available as the peak-sized fleet, for more than backlog.
    expect(s['target-tracking']!.availability!).toBeGreaterThanOrEqual(s['static']!.availability!);
    expect(s['target-tracking']!.waitP95S!).toBeLessThan(s['backlog']!.waitP95S!);
    expect(s['target-tracking']!.costUsd).toBeGreaterThan(1.15 * s['backlog']!.costUsd);
    // Each boot takes 30 minutes: the just-in-time policies wait longer at the 95th percentile than static.
    expect(s['backlog']!.waitP95S!).toBeGreaterThan(s['static']!.waitP95S!);
    expect(s['backlog']!.availability!).toBeGreaterThan(s['reactive']!.availability!);
    expect(s['scheduled']!.availability!).toBeGreaterThan(0.97);
    // Following the daily cycle: the fleet-wide ready capacity swings by more than 10 nodes under backlog, not at all under static.
    const swing = (r: RunResult) => {
      const w = r.series.pools.length + 1;
      const ready = Array.from(r.series.timeS).flatMap((t, i) => (t >= 86_400 ? [r.series.ready[i * w + w - 1]!] : []));
      return (Math.max(...ready) - Math.min(...ready)) / 8;
    };
    const byName = Object.fromEntries(runs.map((r) => [r.policy, r]));
    expect(swing(byName['backlog']!)).toBeGreaterThan(10);
    expect(swing(byName['static']!)).toBe(0);
  });

  test('heterogeneous: 14 H100 nodes match 32 A100 nodes for less; 12 start to queue', () => {
    const s = by(runAll('heterogeneous'));
    expect(s['h100-14']!.costUsd).toBeLessThan(0.7 * s['a100-32']!.costUsd);
    expect(s['h100-14']!.availability!).toBeGreaterThan(s['a100-32']!.availability! - 0.02);
    expect(s['h100-12']!.waitP95S!).toBeGreaterThan(s['h100-14']!.waitP95S!);
    // Hotter accelerators, but busy for less time and fewer of them idle: less energy.
    expect(s['h100-14']!.energyKwh).toBeLessThan(0.8 * s['a100-32']!.energyKwh);
    expect(s['h100-14']!.energyCostUsd!).toBeCloseTo(s['h100-14']!.energyKwh * 1.3 * 0.1, 6);
  });

  test('reserved-vs-on-demand: same waits, owned < reserved < on-demand cost', () => {
    const runs = runAll('reserved-vs-on-demand');
    const s = by(runs);
    expect(s['reserved-base']!.waitP95S).toBe(s['all-on-demand']!.waitP95S);
    expect(s['owned-base']!.costUsd).toBeLessThan(s['reserved-base']!.costUsd);
    expect(s['reserved-base']!.costUsd).toBeLessThan(s['all-on-demand']!.costUsd);
    // The owned base pays for itself against on demand; the reservation, 63% used at 63% of the on-demand price, about breaks even.
    // One row per pool that can hold committed capacity, under every policy (zeros where unused).
    const c = Object.fromEntries(runs.map((r) => [r.policy, Object.fromEntries(r.commitments.map((x) => [x.pool, x]))]));
    for (const p of Object.values(c)) expect(Object.keys(p)).toEqual(['reserved', 'owned']);
    expect(c['all-on-demand']!.reserved!.nodeHoursCommitted).toBe(0);
    expect(c['all-on-demand']!.owned!.utilization).toBeNull();
    expect(c['owned-base']!.owned!.savingsUsd).toBeGreaterThan(0.3 * c['owned-base']!.owned!.onDemandCostUsd);
    expect(Math.abs(c['reserved-base']!.reserved!.savingsUsd)).toBeLessThan(0.05 * c['reserved-base']!.reserved!.costUsd);
  });

  test('failures-checkpoints: the team without checkpoints burns more busy hours per job; a larger fleet waits less', () => {
    const runs = runAll('failures-checkpoints');
    for (const r of runs) {
      const t = Object.fromEntries(r.byTenant.map((x) => [x.tenant, x]));
      expect(t['no-ckpt']!.acceleratorHoursBusy / t['no-ckpt']!.jobsSubmitted).toBeGreaterThan(t['ckpt-30m']!.acceleratorHoursBusy / t['ckpt-30m']!.jobsSubmitted);
    }
    const s = by(runs);
    expect(s['fleet-128']!.waitP95S!).toBeLessThan(s['fleet-96']!.waitP95S!);
    for (const r of runs) {
      expect(r.summary.nodeFailures).toBeGreaterThan(5);
      expect(r.summary.acceleratorHoursLost).toBeGreaterThan(0);
      // Nodes down for repair show in series.csv's failed column (and count in ready).
      expect(Math.max(...r.series.failed)).toBeGreaterThan(0);
      expect(r.faultEvents.kind.filter((k) => k === 1).length).toBeGreaterThanOrEqual(r.summary.nodeFailures);
    }
  });

  test('schedulers: backfill cuts fifo\'s head-of-line waits; sjf has the lowest mean but starves long jobs', async () => {
    const runs = await runWithTraces('schedulers');
    const s = by(runs);
    const [fifo, sjf, easy] = [s.fifo!, s.sjf!, s['easy-backfill']!];
    for (const r of [sjf, easy]) expect(r.jobsCompleted).toBe(fifo.jobsCompleted);
    expect(easy.waitMeanS!).toBeLessThan(0.35 * fifo.waitMeanS!);
    expect(easy.waitP99S!).toBeLessThan(0.5 * fifo.waitP99S!);
    expect(sjf.waitMeanS!).toBeLessThan(0.6 * easy.waitMeanS!);
    // The price of sjf's mean: its longest wait is several times easy-backfill's (and fifo's).
    const [maxFifo, maxSjf, maxEasy] = runs.map(maxWaitS);
    expect(maxSjf!).toBeGreaterThan(5 * maxEasy!);
    expect(maxSjf!).toBeGreaterThan(3 * maxFifo!);
    // fair-share per user (SWF field 12): most users wait minutes instead of hours, wide jobs starve.
    const fair = s['fair-share']!;
    expect(fair.jobsCompleted).toBe(fifo.jobsCompleted);
    expect(fair.waitP50S!).toBeLessThan(0.05 * fifo.waitP50S!);
    expect(fair.waitP99S!).toBeGreaterThan(2 * fifo.waitP99S!);
    expect(runs[3]!.byTenant.length).toBeGreaterThan(40); // the users active in the window
  });
});
