/** Replications and results.json (sim-engine/run/replications.ts, scenario.ts): means and ci95 as the CLI has them. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { meanCi95 } from '../../sim-engine/metrics/stats.js';
import { SUMMARY_KEYS, type Summary } from '../../sim-engine/metrics/types.js';
import { resultsJsonText } from '../../sim-engine/report/files.js';
import { aggregateReplications, replicationSeed, resultRun, runPolicy, runScenario } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { cli } from '../helpers.js';

const text = readFileSync('scenarios/bursty.yaml', 'utf8');
const loaded = loadScenario(text, 'bursty.yaml');
if (!loaded.ok) throw new Error('bursty invalid');
const bursty = loaded.scenario;
const host = { now: () => 0, yieldNow: async () => {} };

describe('aggregateReplications', () => {
  const base = runPolicy(bursty, 1, bursty.seed, new Map()).summary;
  const summaryWith = (patch: Partial<Summary>): Summary => ({ ...base, ...patch });

  test('means, and Student-t 95% half-widths of the replications', () => {
    const summaries = [summaryWith({ costUsd: 10, waitMeanS: 1 }), summaryWith({ costUsd: 12, waitMeanS: 2 }), summaryWith({ costUsd: 17, waitMeanS: 6 })];
    const agg = aggregateReplications(summaries);
    expect(agg.summary.costUsd).toBe(13);
    expect(agg.ci95.costUsd).toBe(meanCi95([10, 12, 17])!.halfWidth);
    expect(agg.ci95.costUsd).toBeCloseTo((4.303 * Math.sqrt(13)) / Math.sqrt(3), 10);
    expect(agg.ci95.waitMeanS).toBe(meanCi95([1, 2, 6])!.halfWidth);
    // Equal values have no spread.
    expect(agg.ci95.jobsSubmitted).toBe(0);
  });

  test('a key null in any replication is null, with a null ci95; one replication has no half-width', () => {
    const agg = aggregateReplications([summaryWith({ utilization: 0.5 }), summaryWith({ utilization: null })]);
    expect(agg.summary.utilization).toBeNull();
    expect(agg.ci95.utilization).toBeNull();
    expect(aggregateReplications([base]).ci95.costUsd).toBeNull();
  });

  test('resultRun: one replication is the summary itself; several add ci95 and their count', () => {
    const first = runPolicy(bursty, 0, bursty.seed, new Map());
    expect(first.commitments.length).toBe(1); // the reserved pool's min nodes
    expect(resultRun(first)).toEqual({ policy: first.policy, summary: first.summary, byPool: first.byPool, commitments: first.commitments });
    const other = { ...first, byPool: first.byPool.map((p) => ({ ...p, costUsd: p.costUsd + 10 })) };
    const r = resultRun(first, [first, other]);
    expect(Object.keys(r)).toEqual(['policy', 'summary', 'ci95', 'replications', 'byPool', 'commitments']);
    expect(r.replications).toBe(2);
    // byPool holds the means over the replications (so its costs add up to the mean summary's).
    expect(r.byPool![0]!.costUsd).toBeCloseTo(first.byPool[0]!.costUsd + 5, 9);
    expect(r.byPool![0]!.pool).toBe(first.byPool[0]!.pool);
  });
});

describe('runScenario with replications', () => {
  test('commitments stay one row per pool across replications that bill a pool or not; utilization is the ratio of the means', async () => {
    const r = await cli(['run', 'test/fixtures/outputs/commitments-replications.yaml', '--replications', '2', '--seed', '3', '--json', '--quiet']);
    expect(r.code).toBe(0);
    const [run] = JSON.parse(r.stdout).runs;
    expect(run.commitments.map((c: { pool: string }) => c.pool)).toEqual(['res', 'own']);
    const own = run.commitments[1];
    expect(own.nodes).toBe(1); // the owned node, in every replication
    expect(own.costUsd).toBeCloseTo(run.byPool[1].costUsd, 6);
    const res = run.commitments[0];
    expect(res.utilization).toBeCloseTo(res.nodeHoursUsed / res.nodeHoursCommitted, 9);
  });

  test('gives each policy the means and ci95 of its N derived-seed runs, and the CLI’s results.json byte for byte', async () => {
    const N = 3;
    const sha256 = createHash('sha256').update(readFileSync('scenarios/bursty.yaml')).digest('hex');
    const done = await runScenario({ scenario: bursty, scenarioSha256: sha256, seed: bursty.seed, replications: N, traces: { tables: new Map(), entries: [] } }, host);
    expect(done.runs.map((r) => r.seed)).toEqual(bursty.policies.map(() => bursty.seed));
    bursty.policies.forEach((p, pi) => {
      const reps = Array.from({ length: N }, (_, r) => runPolicy(bursty, pi, replicationSeed(bursty.seed, r), new Map()).summary);
      const entry = done.results.runs[pi]!;
      expect(entry.policy).toBe(p.name);
      expect(entry.replications).toBe(N);
      for (const key of SUMMARY_KEYS) {
        const values = reps.map((s) => s[key]);
        if (values.some((v) => v === null)) continue;
        const mc = meanCi95(values as number[])!;
        expect(entry.summary[key]).toBe(mc.mean);
        expect(entry.ci95![key]).toBe(mc.halfWidth);
      }
    });
    const fromCli = await cli(['run', 'scenarios/bursty.yaml', '--replications', String(N), '--json', '--quiet']);
    expect(fromCli.code).toBe(0);
    expect(resultsJsonText(done.results)).toBe(fromCli.stdout);
  });

  test('onRun hands each policy its first replication as it finishes; keepRuns: false keeps none (the CLI: memory does not grow with policies)', async () => {
    const plan = { scenario: bursty, scenarioSha256: '', seed: bursty.seed, replications: 2, traces: { tables: new Map(), entries: [] } };
    const kept = await runScenario(plan, host);
    const seen: string[] = [];
    const seriesLengths: number[] = [];
    const streamed = await runScenario({ ...plan, keepRuns: false, onRun: (r) => { seen.push(r.policy); seriesLengths.push(r.series.timeS.length); } }, host);
    expect(streamed.runs).toEqual([]);
    expect(seen).toEqual(bursty.policies.map((p) => p.name));
    expect(seriesLengths).toEqual(kept.runs.map((r) => r.series.timeS.length));
    expect(resultsJsonText(streamed.results)).toBe(resultsJsonText(kept.results));
  });

  test('rejects a replication count that is not a whole number ≥ 1 (an invariant: hosts validate input)', async () => {
    for (const replications of [0, 1.5, Number.NaN]) {
      await expect(runScenario({ scenario: bursty, scenarioSha256: '', seed: 1, replications, traces: { tables: new Map(), entries: [] } }, host)).rejects.toThrow(/replications must be a whole number/);
    }
  });
});
