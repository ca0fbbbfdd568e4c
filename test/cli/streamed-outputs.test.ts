/**
 * The CLI's streamed outputs (DESIGN.md §9, issue 11): with `--exact-percentiles-up-to 0` every
 * run streams its outcomes — jobs.csv and series.csv are byte-identical to the recorded in-memory
 * ones, results.json says the percentiles came from a sketch. A run killed mid-way (SIGTERM,
 * SIGINT) leaves no file in its output folder, not even the jobs.csv it was streaming.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, mm24Scenario } from '../helpers.js';
import expected from '../fixtures/outputs/expected.json' with { type: 'json' };

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const recorded = expected as Record<string, { args: string[]; files: Record<string, string> }>;

describe('streamed jobs.csv equals the in-memory one', () => {
  for (const name of ['default', 'philly', 'default, 3 replications', 'calibration', 'philly drained']) {
    test(name, async () => {
      const entry = recorded[name]!;
      const out = mkdtempSync(join(tmpdir(), 'fleetlab-streamed-'));
      const r = await cli(['run', ...entry.args, '--out', out, '--quiet', '--json', '--exact-percentiles-up-to', '0']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(sha(join(out, 'jobs.csv'))).toBe(entry.files['jobs.csv']);
      expect(sha(join(out, 'series.csv'))).toBe(entry.files['series.csv']);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { runs: { percentiles?: unknown }[] };
      for (const run of results.runs) expect(run.percentiles).toEqual({ method: 'ddsketch', relativeAccuracy: 0.01 });
      expect(readdirSync(out).sort()).toEqual(['decisions.csv', 'jobs.csv', 'results.json', 'series.csv']);
    }, 60_000);
  }

  test('--exact-percentiles-up-to takes a whole number ≥ 0', async () => {
    const r = await cli(['run', 'mmc', '--quiet', '--exact-percentiles-up-to', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--exact-percentiles-up-to must be ≥ 0/);
  });
});

/** A scenario that runs for minutes: ~50M jobs, so it streams (above the default 10M). */
const LONG = mm24Scenario('long', '110000d', '1000d');

describe('a killed run leaves no partial output files', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(signal, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fleetlab-killed-'));
      const scenario = join(dir, 'long.yaml');
      writeFileSync(scenario, LONG);
      const out = join(dir, 'out');
      const child = spawn(process.execPath, ['bin/fleetlab.js', 'run', scenario, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      // Wait until rows are being streamed into the temporary jobs.csv (in the output set's private folder).
      const streaming = () => existsSync(out) && readdirSync(out).some((f) => /^\.fleetlab-[0-9a-f]{16}\.tmp$/.test(f) && (statSync(join(out, f, 'jobs.csv'), { throwIfNoEntry: false })?.size ?? 0) > 0);
      for (let i = 0; i < 600 && !streaming(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(streaming()).toBe(true);
      child.kill(signal);
      const code = await exited;
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(readdirSync(out)).toEqual([]);
      expect(stderr).not.toMatch(/internal error/);
    }, 60_000);
  }
});
