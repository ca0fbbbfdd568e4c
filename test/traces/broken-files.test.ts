/**
 * The broken-file corpus (test/fixtures/traces/): one defect per file, each with the issue code
 * and line it must produce — a row issue (file still imports) or a fatal one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { inspectCommand } from '../../sim-engine/cli/inspect.js';
import { readTraceBytes } from '../../sim-engine/worker/trace-bytes.js';

const DIR = resolve(__dirname, '../fixtures/traces');

interface Broken { file: string; format?: string; code: string; line: number; fatal?: boolean; records?: number; message?: RegExp }

const CORPUS: Broken[] = [
  { file: 'csv-negative-duration.csv', code: 'negative-duration', line: 3, records: 2, message: /duration must be ≥ 0 \(got -3\)$/ },
  { file: 'csv-bad-number.csv', code: 'bad-number', line: 3, records: 1, message: /\(got "ten"\)$/ },
  { file: 'csv-missing-value.csv', code: 'missing-value', line: 3, records: 1 },
  { file: 'csv-too-few-fields.csv', code: 'too-few-fields', line: 4, records: 2 },
  { file: 'csv-too-many-fields.csv', code: 'too-many-fields', line: 3, records: 1, message: /\(got "extra"\)$/ },
  { file: 'csv-bad-accelerators.csv', code: 'bad-accelerators', line: 3, records: 1, message: /\(got 0\)$/ },
  { file: 'csv-unterminated-quote.csv', code: 'unterminated-quote', line: 4, records: 2 },
  { file: 'csv-missing-column.csv', format: 'csv', code: 'missing-column', line: 1, fatal: true, message: /"duration"/ },
  { file: 'csv-empty.csv', code: 'empty-file', line: 0, fatal: true },
  { file: 'csv-header-only.csv', code: 'no-records', line: 0, fatal: true },
  { file: 'csv-all-rows-bad.csv', code: 'no-records', line: 0, fatal: true },
  { file: 'csv-truncated.csv.gz', code: 'bad-compression', line: 0, fatal: true },
  { file: 'csv-corrupt.csv.gz', code: 'bad-compression', line: 0, fatal: true },
  { file: 'csv-bad-crc.csv.gz', code: 'bad-compression', line: 0, fatal: true, message: /CRC-32/ },
  { file: 'csv-not-gzip.csv.gz', code: 'bad-compression', line: 0, fatal: true },
  { file: 'swf-too-few-fields.swf', code: 'too-few-fields', line: 3, records: 1 },
  { file: 'swf-bad-number.swf', code: 'bad-number', line: 3, records: 1, message: /\(got "1x0"\)$/ },
  { file: 'swf-negative-runtime.swf', code: 'negative-duration', line: 3, records: 1, message: /\(got -7\)$/ },
  { file: 'mooncake-bad-json.jsonl', code: 'bad-json', line: 2, records: 1 },
  { file: 'mooncake-missing-field.jsonl', format: 'mooncake', code: 'missing-value', line: 2, records: 1 },
  { file: 'philly-bad-timestamp.csv', code: 'bad-number', line: 3, records: 1, message: /\(got "2017-13-09 06:13:03"\)$/ },
  { file: 'azure-llm-bad-tokens.csv', code: 'out-of-range', line: 3, records: 1, message: /\(got -3180\)$/ },
  { file: 'openb-gpu-milli-out-of-range.csv', code: 'out-of-range', line: 3, records: 1, message: /\(got 4600\)$/ },
  { file: 'dlrm-deleted-before-scheduled.csv', code: 'negative-duration', line: 3, records: 1, message: /\(got 150\)$/ },
  { file: 'pai_machine_spec-truncated.tar.gz', code: 'bad-archive', line: 0, fatal: true },
  { file: 'unknown-format.txt', code: 'unknown-format', line: 0, fatal: true },
];

const quiet = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => { out.push(s); }, stderr: (s: string) => { err.push(s); } } };
};

describe('broken-file corpus', () => {
  for (const b of CORPUS) {
    it(`${b.file} → ${b.code} at line ${b.line}`, async () => {
      const path = join(DIR, b.file);
      const r = await readTraceFile(path, b.format ?? 'auto', {});
      if (b.fatal) {
        expect(r.fatal?.code).toBe(b.code);
        expect(r.fatal?.line).toBe(b.line);
        if (b.message) expect(r.fatal?.message).toMatch(b.message);
        const q = quiet();
        expect(await inspectCommand(path, { format: b.format }, q.io)).toBe(2);
        expect(q.err.join('')).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+(:\\d+)?: .+\\n$`));
        expect(q.out).toEqual([]);
      } else {
        expect(r.fatal).toBeUndefined();
        expect(r.issues).toHaveLength(1);
        expect(r.issues[0]!.code).toBe(b.code);
        expect(r.issues[0]!.line).toBe(b.line);
        if (b.message) expect(r.issues[0]!.message).toMatch(b.message);
        if (b.records !== undefined) expect(r.records).toBe(b.records);
        expect(r.skipped).toBe(1);
        const lenient = quiet();
        expect(await inspectCommand(path, { format: b.format }, lenient.io)).toBe(0);
        expect(lenient.err.join('')).toContain(`${path}:${b.line}`);
        const strict = quiet();
        expect(await inspectCommand(path, { format: b.format, strict: true }, strict.io)).toBe(2);
      }
    });
  }

  // The app's worker reads the same files from bytes: same verdict, issue by issue.
  const host = { now: (() => { let t = 0; return () => (t += 10); })(), yieldNow: async () => {} };
  for (const b of CORPUS) {
    it(`app reader: ${b.file} gives the CLI's verdict`, async () => {
      const path = join(DIR, b.file);
      const cli = await readTraceFile(path, b.format ?? 'auto', {});
      const app = await readTraceBytes(new Uint8Array(readFileSync(path)), b.file, b.format ?? 'auto', {}, host);
      expect(app.fatal).toEqual(cli.fatal);
      expect(app.issues).toEqual(cli.issues);
      expect([app.format, app.records, app.skipped, app.filtered]).toEqual([cli.format, cli.records, cli.skipped, cli.filtered]);
    });
  }

  it('a line over 1 MiB is fatal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-long-'));
    const p = join(dir, 'long.csv');
    writeFileSync(p, `submit_time,duration,accelerators\n0,1,1\n${'9'.repeat(1024 * 1024 + 1)},1,1\n`);
    const r = await readTraceFile(p, 'csv', {});
    expect(r.fatal?.code).toBe('line-too-long');
    expect(r.fatal?.line).toBe(3);
  });

  it('inspect --json prints the contract keys', async () => {
    const q = quiet();
    expect(await inspectCommand(join(DIR, 'csv-negative-duration.csv'), { json: true }, q.io)).toBe(0);
    const j = JSON.parse(q.out.join('')) as Record<string, unknown>;
    for (const k of ['format', 'records', 'skipped', 'filtered', 'issues', 'startS', 'endS']) expect(j).toHaveProperty(k);
    expect(j.records).toBe(2);
    expect(j.skipped).toBe(1);
  });
});
