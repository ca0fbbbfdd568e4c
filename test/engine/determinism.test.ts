import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { collect, createSimulation } from '../../sim-engine/run.js';
import { joinChunks, jobsCsvChunks, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { cli } from '../helpers.js';

describe('determinism', () => {
  test('same scenario and seed ⇒ byte-identical results.json, series.csv and jobs.csv', async () => {
    const outs = [mkdtempSync(join(tmpdir(), 'fl-det-a-')), mkdtempSync(join(tmpdir(), 'fl-det-b-'))];
    for (const out of outs) expect((await cli(['run', 'scenarios/bursty.yaml', '--out', out, '--quiet'])).code).toBe(0);
    for (const f of ['results.json', 'series.csv', 'jobs.csv']) {
      expect(readFileSync(join(outs[0]!, f)).equals(readFileSync(join(outs[1]!, f)))).toBe(true);
    }
  });

  test('a different seed gives different results', async () => {
    const a = JSON.parse((await cli(['run', 'scenarios/bursty.yaml', '--json', '--quiet'])).stdout);
    const b = JSON.parse((await cli(['run', 'scenarios/bursty.yaml', '--json', '--quiet', '--seed', '3'])).stdout);
    expect(b.seed).toBe(3);
    expect(b.runs[1].summary.costUsd).not.toBe(a.runs[1].summary.costUsd);
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
