/**
 * CSV formula injection (OWASP "CSV Injection"): a text field of series.csv, jobs.csv or
 * decisions.csv — policy, pool, reason — that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is written as `"'…"`, so a spreadsheet shows it as text; numbers are left as they are.
 * The app's exports are built by the same generators (sim-engine/worker/run-bundle.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { csvField, decisionsCsvChunks, joinChunks, jobsCsvRow } from '../../sim-engine/report/files.js';
import type { RunResult } from '../../sim-engine/metrics/types.js';
import { cli } from '../helpers.js';

describe('csvField', () => {
  test.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', `"'+1+2"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['=a,b', `"'=a,b"`],
  ])('neutralizes %j', (raw, written) => expect(csvField(raw)).toBe(written));

  test.each([
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['c=24', 'c=24'],
    ['static-20', 'static-20'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['', ''],
  ])('leaves %j as CSV text', (raw, written) => expect(csvField(raw)).toBe(written));
});

describe('in the files', () => {
  test('jobs.csv reasons and names; numbers untouched', () => {
    const row = jobsCsvRow(csvField('=policy'), 3, -1.5, 2, 3, 1, csvField('-pool'), 3, '@reason', 0, 0);
    expect(row).toBe(`"'=policy",3,-1.5,2,3,1,"'-pool",rejected,"'@reason",0,0\n`);
  });

  test('decisions.csv policy, pool and reason', () => {
    const run = { policy: '+p', decisions: [{ timeS: 0, policy: '', component: 'autoscaler', pool: '-gpu', action: 'scale-up', count: -1, reason: '=1+1' }] } as unknown as RunResult;
    const lines = joinChunks(decisionsCsvChunks([run])).trim().split('\n');
    expect(lines[1]).toBe(`0,"'+p",autoscaler,"'-gpu",scale-up,-1,"'=1+1"`);
  });

  test('a run whose policy and pool names start with formula characters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-csv-injection-'));
    const scenario = join(dir, 's.yaml');
    writeFileSync(scenario, `name: injection
seed: 1
horizon: 1d
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 30 }
    accelerators: { dist: choice, values: [1, 16] }
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - { name: -gpu, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1, max: 2 }
policies:
  - { name: '=HYPERLINK("http://evil")', autoscaler: { kind: reactive } }
  - { name: '@SUM(A1)', autoscaler: { kind: static } }
`);
    const out = join(dir, 'out');
    const r = await cli(['run', scenario, '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const textColumns: Record<string, string[]> = { 'series.csv': ['policy', 'pool'], 'jobs.csv': ['policy', 'pool', 'state', 'reason'], 'decisions.csv': ['policy', 'component', 'pool', 'action', 'reason'] };
    for (const [file, texts] of Object.entries(textColumns)) {
      const [cols, ...rows] = Papa.parse<string[]>(readFileSync(join(out, file), 'utf8').trim()).data;
      expect(rows.length, file).toBeGreaterThan(0);
      for (const fields of rows) {
        const row = fields.join(' | ');
        expect(fields.length, `${file}: ${row}`).toBe(cols!.length);
        fields.forEach((f, i) => {
          if (texts.includes(cols![i]!)) expect(f, `${file} ${cols![i]}: ${row}`).not.toMatch(/^[=+\-@\t\r]/);
          else expect(f, `${file} ${cols![i]}: ${row}`).toMatch(/^(-?\d+(\.\d+)?(e[+-]?\d+)?)?$/);
        });
      }
    }
    const series = readFileSync(join(out, 'series.csv'), 'utf8');
    expect(series).toContain(`"'=HYPERLINK(""http://evil"")",0,"'-gpu",`);
    expect(series).toContain(`"'@SUM(A1)",0,"'-gpu",`);
    expect(readFileSync(join(out, 'jobs.csv'), 'utf8')).toContain(`"'@SUM(A1)",0,`);
    expect(readFileSync(join(out, 'decisions.csv'), 'utf8')).toMatch(/"'=HYPERLINK\(""http:\/\/evil""\)",autoscaler,"'-gpu",/);
  });
});
