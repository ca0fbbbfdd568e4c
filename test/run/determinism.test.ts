import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { collect, createSimulation } from '../../sim-engine/run/index.js';
import { joinChunks, jobsCsvChunks, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { runPolicy } from '../../sim-engine/run/index.js';

describe('determinism', () => {
  const bursty = (() => {
    const loaded = loadScenario(readFileSync('scenarios/bursty.yaml', 'utf8'), 'bursty.yaml');
    if (!loaded.ok) throw new Error('bursty scenario invalid');
    return loaded.scenario;
  })();
  const outputs = (seed: number) => {
    const runs = bursty.policies.map((_, i) => runPolicy(bursty, i, seed, new Map()));
    return { summaries: runs.map((r) => JSON.stringify(r.summary)), files: joinChunks(seriesCsvChunks(runs)) + joinChunks(jobsCsvChunks(runs)), decisions: JSON.stringify(runs.map((r) => r.decisions)) };
  };

  test('same scenario and seed ⇒ identical summaries, series, jobs and decisions', () => {
    expect(outputs(bursty.seed)).toEqual(outputs(bursty.seed));
  });

  test('a different seed gives different results', () => {
    const a = outputs(bursty.seed);
    const b = outputs(3);
    expect(b.summaries[1]).not.toBe(a.summaries[1]);
    expect(b.files).not.toBe(a.files);
  });

  test.each([1, 7, 1000, 1 << 30])('slice size %d gives identical results', (slice) => {
    const loaded = loadScenario(readFileSync('scenarios/default.yaml', 'utf8'), 'default.yaml');
    if (!loaded.ok) throw new Error('default scenario invalid');
    const render = (sliceEvents: number) => {
      const sim = createSimulation(loaded.scenario, 2, loaded.scenario.seed, new Map());
      while (!sim.runFor(sliceEvents));
      const r = collect(sim, loaded.scenario, 2, loaded.scenario.seed);
      return JSON.stringify(r.summary) + joinChunks(seriesCsvChunks([r])) + joinChunks(jobsCsvChunks([r])) + JSON.stringify(r.decisions);
    };
    expect(render(slice)).toBe(render(1 << 20));
  });
});
