/**
 * Streamed outcomes (DESIGN.md §9): a run that folds its outcomes as jobs end and streams
 * jobs.csv gives exactly the results.json and jobs.csv of the in-memory run — every built-in
 * scenario, the golden, calibration and coverage scenarios (traces, tenants, warmup, kills,
 * drain, replications). Above `exactPercentilesUpTo` the percentiles come from the sketch, within
 * its stated relative error of the exact ones, and everything else is unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { SKETCH_RELATIVE_ACCURACY } from '../../sim-engine/metrics/sketch.js';
import type { ResultsJson } from '../../sim-engine/metrics/types.js';
import { jobsCsvChunks, joinChunks, resultsJsonText } from '../../sim-engine/report/files.js';
import { loadSpotHistories, loadTraces, runScenario, type ScenarioPlan } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

const HOST = { now: () => 0, yieldNow: () => Promise.resolve() };

async function plan(path: string, replications = 1): Promise<ScenarioPlan> {
  const loaded = loadScenario(readFileSync(path, 'utf8'), path);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const s = loaded.scenario;
  const traces = await loadTraces(s, (spec, _i, options) => readTraceFile(resolve(dirname(path), spec.path), spec.format, options));
  if (!traces.ok) throw new Error(`${path}: traces did not load`);
  const spot = await loadSpotHistories(s, async (p) => ({ text: readFileSync(resolve(dirname(path), p), 'utf8') }));
  if (!spot.ok) throw new Error(`${path}: spot history did not load`);
  return { scenario: s, scenarioSha256: 'x', seed: s.seed, replications, traces };
}

async function run(p: ScenarioPlan, extra: Partial<ScenarioPlan>) {
  let jobsCsv = '';
  const done = await runScenario({ ...p, ...extra, jobsCsv: (c) => void (jobsCsv += c) }, HOST, { sliceEvents: 5000 });
  return { done, json: resultsJsonText(done.results), jobsCsv };
}

const SCENARIOS = [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`),
  'test/fixtures/golden/two-nodes.yaml',
  'test/fixtures/calibration/tiny.yaml',
  'test/fixtures/outputs/mixed-fleet.yaml',
  'test/fixtures/outputs/philly-drain.yaml',
];

describe('streamed outcomes equal the in-memory ones', () => {
  for (const path of SCENARIOS) {
    test(path, async () => {
      const p = await plan(path, path.endsWith('default.yaml') ? 2 : 1);
      const memory = await run(p, { streamOutcomes: false });
      const streamed = await run(p, { streamOutcomes: true });
      // A ring of 4 rows to start with: every job row is reused many times, and the ring grows.
      const tinyRing = await run(p, { streamOutcomes: true, ringSlots: 4 });
      expect(tinyRing.jobsCsv).toBe(memory.jobsCsv);
      expect(tinyRing.json).toBe(memory.json);
      // The in-memory jobs.csv as the files module builds it at the end, and as the host received it.
      expect(memory.jobsCsv).toBe(joinChunks(jobsCsvChunks(memory.done.runs)));
      expect(streamed.jobsCsv).toBe(memory.jobsCsv);
      expect(streamed.json).toBe(memory.json);
      expect(streamed.done.runs.every((r) => r.jobsStreamed && r.jobs.length === 0)).toBe(true);
    }, 120_000);
  }
});

describe('above exactPercentilesUpTo, percentiles come from the sketch', () => {
  const within = (approx: number | null, exact: number | null) => {
    expect(approx === null).toBe(exact === null);
    if (exact === null || approx === null) return;
    if (exact < 1e-9) expect(approx).toBe(0);
    else expect(Math.abs(approx - exact) / exact).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY * (1 + 1e-9));
  };
  for (const [path, upTo] of [['scenarios/default.yaml', 1000], ['scenarios/philly.yaml', 1000], ['scenarios/bursty.yaml', 1000], ['scenarios/failures-checkpoints.yaml', 50], ['test/fixtures/calibration/tiny.yaml', 3]] as const) {
    test(`${path}, exact up to ${upTo}`, async () => {
      const p = await plan(path);
      const exact = await run(p, {});
      let sketchedRuns = 0;
      let inMemorySketched = '';
      for (const streamOutcomes of [false, true]) {
        const sketched = await run(p, { exactPercentilesUpTo: upTo, streamOutcomes });
        if (streamOutcomes) expect(sketched.json).toBe(inMemorySketched);
        else inMemorySketched = sketched.json;
        expect(sketched.jobsCsv).toBe(exact.jobsCsv);
        const a = JSON.parse(exact.json) as ResultsJson;
        const b = JSON.parse(sketched.json) as ResultsJson;
        a.runs.forEach((ra, i) => {
          const rb = b.runs[i]!;
          const n = ra.summary.jobsSubmitted - ra.summary.jobsRejected;
          if (n > upTo) {
            expect(rb.percentiles).toEqual({ method: 'ddsketch', relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
            sketchedRuns++;
          }
          else expect(rb.percentiles).toBeUndefined();
          for (const k of ['waitP50S', 'waitP95S', 'waitP99S'] as const) within(rb.summary[k], ra.summary[k]);
          // Everything else is exactly as before.
          expect({ ...rb.summary, waitP50S: 0, waitP95S: 0, waitP99S: 0 }).toEqual({ ...ra.summary, waitP50S: 0, waitP95S: 0, waitP99S: 0 });
          // Streamed or not, the sketched results are the same bytes.
          {
            for (const [t, ta] of (ra.byTenant ?? []).entries()) {
              const tb = rb.byTenant![t]!;
              expect(tb.tenant).toBe(ta.tenant);
              within(tb.waitP50S, ta.waitP50S);
              within(tb.waitP95S, ta.waitP95S);
              expect(tb.acceleratorHoursBusy).toBe(ta.acceleratorHoursBusy);
            }
            for (const [c, ca] of (ra.calibration ?? []).entries()) {
              const cb = rb.calibration![c]!;
              expect(cb.jobs).toBe(ca.jobs);
              for (const side of ['recorded', 'simulated'] as const) for (const k of ['waitP50S', 'waitP95S', 'waitP99S'] as const) within(cb[side][k], ca[side][k]);
            }
          }
        });
      }
      expect(sketchedRuns).toBeGreaterThan(0);
    }, 120_000);
  }
});
