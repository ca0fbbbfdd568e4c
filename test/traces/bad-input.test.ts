/**
 * The bad-input corpus (issue 12, "Hardening"): one class of hostile input per case — special
 * files, huge lines, decompression bombs, lying Parquet footers, absurd values. Small files are
 * committed in test/fixtures/bad-input/traces/; large ones are generated here, bounded to seconds and
 * memory. Every case goes through the CLI (`fleetlab inspect`, in process) and through the app
 * worker's trace entry (`readTraceBytes`), which must give the same verdict and message, with
 * its exit code, issue code and `PATH:LINE`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES } from '../../sim-engine/cli/read-file.js';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { DEFAULT_MAX_INFLATE_RATIO, INFLATE_RATIO_AFTER_BYTES } from '../../sim-engine/traces/trace-decoder.js';
import { MAX_ACCELERATORS, MAX_DURATION_S, MAX_TIME_S } from '../../sim-engine/traces/util.js';
import type { ImportOptions } from '../../sim-engine/traces/types.js';
import { readTraceBytes } from '../../sim-engine/worker/trace-bytes.js';
import { cli } from '../helpers.js';
import { jobsParquet } from './parquet-writer.js';

const FIXTURES = resolve(__dirname, '../fixtures/bad-input/traces');
const tmp = mkdtempSync(join(tmpdir(), 'fleetlab-bad-input-'));
const host = { now: (() => { let t = 0; return () => (t += 10); })(), yieldNow: async () => {} };
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Case {
  name: string;
  /** A committed fixture, or a file generated into the temporary folder. */
  file: () => string;
  format?: string;
  options?: ImportOptions;
  /** `fleetlab inspect` exit code: 2 for a fatal issue, 0 for a skipped row (2 with --strict). */
  exit: 0 | 2;
  code: string;
  line: number;
  message: RegExp;
  records?: number;
}

const fixture = (f: string) => () => join(FIXTURES, f);
const generated = (f: string, make: () => Uint8Array | string) => () => {
  const p = join(tmp, f);
  writeFileSync(p, make());
  return p;
};
/** A gzip of `text` repeated to `bytes` characters (bounded: the caps stop the read early). */
const gzOf = (head: string, unit: string, bytes: number) => gzipSync(Buffer.from(head + unit.repeat(Math.ceil(bytes / unit.length))));

const CORPUS: Case[] = [
  // Absurd values: row issues with line and value, the rest imports.
  { name: 'submit time 1e308', file: fixture('csv-submit-1e308.csv'), exit: 0, code: 'out-of-range', line: 3, records: 2, message: new RegExp(`submit time must be within ±${MAX_TIME_S} s .*\\(got 1e\\+308 s\\)$`) },
  { name: 'duration of 200 years', file: fixture('csv-duration-200-years.csv'), exit: 0, code: 'out-of-range', line: 3, records: 2, message: new RegExp(`duration must be at most 100 years, ${MAX_DURATION_S} s \\(got 6311520000 s\\)$`) },
  { name: 'accelerators 3e9 (int32 would wrap)', file: fixture('csv-accelerators-3e9.csv'), exit: 0, code: 'out-of-range', line: 3, records: 2, message: new RegExp(`accelerators must be ≤ ${MAX_ACCELERATORS} \\(got 3e9\\)$`) },
  { name: 'accelerators above the cap once rounded up', file: fixture('csv-accelerators-rounded-up.csv'), exit: 0, code: 'out-of-range', line: 3, records: 2, message: /\(got 1000000\.5\)$/ },
  { name: 'philly timestamp in year 9999', file: fixture('philly-year-9999.csv'), exit: 0, code: 'out-of-range', line: 3, records: 2, message: /submit time must be within .*\(got 253402300799 s\)$/ },
  { name: 'helios gpu_num past int32', file: fixture('helios-accelerators-int32.csv'), exit: 0, code: 'out-of-range', line: 3, records: 1, message: /gpu_num must be ≤ 1000000 \(got 2147483647\.5\)$/ },
  { name: 'swf submit time 1e308', file: fixture('swf-submit-1e308.swf'), exit: 0, code: 'out-of-range', line: 3, records: 1, message: /submit time must be within .*\(got 1e\+308 s\)$/ },
  { name: 'mooncake timestamp 1e300', file: fixture('mooncake-timestamp-1e300.jsonl'), exit: 0, code: 'out-of-range', line: 2, records: 1, message: /arrival time must be within .*\(got 1e\+297 s\)$/ },
  // Long lines without a newline: found while scanning, not after gathering the line.
  { name: 'csv: 5 MiB without a newline', file: generated('long-line.csv', () => `submit_time,duration,accelerators\n0,1,1\n${'7'.repeat(5 << 20)}`), exit: 2, code: 'line-too-long', line: 3, message: /line is longer than 1 MiB \(got more than \d+ characters\)$/ },
  { name: 'csv header: 5 MiB without a newline', file: generated('long-header.csv', () => 'x'.repeat(5 << 20)), format: 'csv', exit: 2, code: 'line-too-long', line: 1, message: /line is longer than 1 MiB/ },
  { name: 'swf: 5 MiB without a newline', file: generated('long-line.swf', () => `; MaxProcs: 4\n${'1 '.repeat(5 << 19)}`), format: 'swf', exit: 2, code: 'line-too-long', line: 2, message: /line is longer than 1 MiB/ },
  // Decompression bombs: the caps stop them, with a message that says so.
  { name: 'gzip of valid rows past the ratio', file: generated('rows-bomb.csv.gz', () => gzOf('submit_time,duration,accelerators\n', '0,1,1\n', INFLATE_RATIO_AFTER_BYTES + (8 << 20))), exit: 2, code: 'inflate-limit', line: 0, message: new RegExp(`gzip data inflates more than ${DEFAULT_MAX_INFLATE_RATIO}:1, the limit maxInflateRatio .*\\(got \\d+ bytes from \\d+ compressed bytes\\)$`) },
  { name: 'gzip of blank lines past the ratio', file: generated('blank-bomb.csv.gz', () => gzOf('submit_time,duration,accelerators\n', '\n', INFLATE_RATIO_AFTER_BYTES + (8 << 20))), exit: 2, code: 'inflate-limit', line: 0, message: /maxInflateRatio/ },
  { name: 'gzip past maxInflatedBytes', file: generated('rows-4mib.csv.gz', () => gzOf('submit_time,duration,accelerators\n', '0,1,1\n', 4 << 20)), options: { maxInflatedBytes: 1 << 20 }, exit: 2, code: 'inflate-limit', line: 0, message: /gzip data inflates to more than 1 MiB, the limit maxInflatedBytes/ },
  { name: 'gzip of zeros (no text)', file: generated('zeros.csv.gz', () => gzipSync(Buffer.alloc(64 << 20))), format: 'csv', exit: 2, code: 'line-too-long', line: 1, message: /line is longer than 1 MiB/ },
  // Parquet footers that declare more than the file holds.
  { name: 'parquet claiming 2e9 rows', file: generated('rows-2e9.parquet', () => jobsParquet(20, undefined, { numRows: 2e9 })), exit: 2, code: 'bad-parquet', line: 0, message: /Parquet metadata is corrupt: it declares 2000000000 rows but column "submit_time" holds 20 values/ },
  { name: 'parquet claiming 1e8 rows', file: generated('rows-1e8.parquet', () => jobsParquet(20, undefined, { numRows: 1e8 })), exit: 2, code: 'bad-parquet', line: 0, message: /declares 100000000 rows/ },
  { name: 'parquet column chunk larger than the file', file: generated('chunk-size.parquet', () => jobsParquet(20, undefined, { chunkSize: 1e12 })), exit: 2, code: 'bad-parquet', line: 0, message: /column "submit_time" declares bytes 4 to 1000000000004, outside the file's data/ },
  { name: 'parquet column chunk past the end', file: generated('chunk-offset.parquet', () => jobsParquet(20, undefined, { chunkOffset: 1e12 })), exit: 2, code: 'bad-parquet', line: 0, message: /outside the file's data/ },
];

describe('bad-input corpus: CLI and app agree', () => {
  for (const c of CORPUS) {
    it(`${c.name}: ${c.exit === 2 ? `fatal ${c.code}` : `row issue ${c.code}`} at line ${c.line}, CLI and app alike`, async () => {
      const path = c.file();
      const format = c.format ?? 'auto';
      const t0 = Date.now();
      const r = await readTraceFile(path, format, c.options ?? {});
      const issue = c.exit === 2 ? r.fatal : r.issues[0];
      expect(issue?.code).toBe(c.code);
      expect(issue?.line).toBe(c.line);
      expect(issue?.message).toMatch(c.message);
      if (c.exit === 0) {
        expect(r.fatal).toBeUndefined();
        expect([r.records, r.skipped, r.issueCount]).toEqual([c.records, 1, 1]);
      }
      // The app's worker entry, from the same bytes (named by the same path so messages match).
      const app = await readTraceBytes(new Uint8Array(readFileSync(path)), path, format, c.options ?? {}, host);
      expect(app.fatal).toEqual(r.fatal);
      expect(app.issues).toEqual(r.issues);
      expect([app.format, app.records, app.skipped]).toEqual([r.format, r.records, r.skipped]);
      // fleetlab inspect: the exit code and `PATH:LINE: message` (a whole-file problem at line 1).
      const flags = [...(c.format ? ['--format', c.format] : []), ...(c.options?.maxInflatedBytes ? ['--max-inflated-bytes', String(c.options.maxInflatedBytes)] : [])];
      const out = await cli(['inspect', path, ...flags]);
      expect(out.code).toBe(c.exit);
      expect(out.stderr).toMatch(new RegExp(`^${esc(path)}:${Math.max(1, c.line)}(:\\d+)?: ${esc(issue!.message)}$`, 'm'));
      if (c.exit === 0) expect((await cli(['inspect', path, '--strict', ...flags])).code).toBe(2);
      expect(Date.now() - t0).toBeLessThan(20_000);
    }, 30_000);
  }

  it('inspect --json of a trace with an absurd time exits 0 (never "Invalid time value")', async () => {
    const out = await cli(['inspect', join(FIXTURES, 'csv-submit-1e308.csv'), '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).records).toBe(2);
    const human = await cli(['inspect', join(FIXTURES, 'philly-year-9999.csv')]);
    expect(human.code).toBe(0);
  });

  it('a read stops at the first fatal issue: a long line early in a big file reads (and hashes) only its start', async () => {
    const p = join(tmp, 'long-then-rows.csv');
    writeFileSync(p, `submit_time,duration,accelerators\n${'9'.repeat(3 << 20)}\n${'0,1,1\n'.repeat(4 << 20)}`);
    const r = await readTraceFile(p, 'csv', {});
    expect(r.fatal?.code).toBe('line-too-long');
    expect(r.bytes).toBeLessThanOrEqual(4 << 20);
    const app = await readTraceBytes(new Uint8Array(readFileSync(p)), p, 'csv', {}, host);
    expect(app.fatal).toEqual(r.fatal);
  });

  it('the inflate caps are raisable: inspect --max-inflate-ratio, maxInflateRatio on a trace entry', async () => {
    const p = join(tmp, 'blank-bomb-2.csv.gz');
    writeFileSync(p, gzOf('submit_time,duration,accelerators\n', '\n', INFLATE_RATIO_AFTER_BYTES + (8 << 20)));
    // Past the cap the whole file is read: no rows, a different verdict.
    const raised = await cli(['inspect', p, '--max-inflate-ratio', '100000']);
    expect(raised.code).toBe(2);
    expect(raised.stderr).toMatch(/no data rows/);
    const app = await readTraceBytes(new Uint8Array(readFileSync(p)), p, 'auto', { maxInflateRatio: 100000 }, host);
    expect(app.fatal?.code).toBe('no-records');
    const scenario = (extra: string) => {
      const s = join(tmp, `bomb-${extra === '' ? 'default' : 'raised'}.yaml`);
      writeFileSync(s, `name: b\nseed: 1\nhorizon: 1h\nworkload: [{ kind: trace, path: ${p}, format: csv${extra} }]\nfleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }\npolicies: [{ name: s, autoscaler: { kind: static } }]\n`);
      return s;
    };
    const run = await cli(['run', scenario(''), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${esc(p)}:1: gzip data inflates more than 100:1, the limit maxInflateRatio`, 'm'));
    const runRaised = await cli(['run', scenario(', maxInflateRatio: 100000'), '--quiet']);
    expect(runRaised.code).toBe(2);
    expect(runRaised.stderr).toMatch(/no data rows/);
    expect(runRaised.stderr).not.toMatch(/maxInflateRatio/);
  }, 30_000);

  it('repetitive text under the first 64 MiB is not a bomb', async () => {
    const p = join(tmp, 'small-repetitive.csv.gz');
    writeFileSync(p, gzOf('submit_time,duration,accelerators\n', '0,1,1\n', 8 << 20));
    const r = await readTraceFile(p, 'auto', {});
    expect(r.fatal).toBeUndefined();
    expect(r.records).toBeGreaterThan(1_000_000);
  });
});

describe('special files: only regular files are read', () => {
  const fifo = join(tmp, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const link = join(tmp, 'jobs-link.csv');
  symlinkSync('/dev/zero', link);
  const SPECIAL: { path: string; kind: string }[] = [
    { path: '/dev/zero', kind: 'a character device' },
    { path: link, kind: 'a character device' },
    { path: '/dev/urandom', kind: 'a character device' },
    { path: fifo, kind: 'a FIFO' },
    { path: tmp, kind: 'a directory' },
  ];
  for (const s of SPECIAL) {
    it(`${s.path} (${s.kind}) as a trace, a scenario and a spot history: exit 2 at once`, async () => {
      const t0 = Date.now();
      const r = await readTraceFile(s.path, 'auto', {});
      expect(r.fatal).toMatchObject({ code: 'not-a-file', line: 0, message: `trace file is not a regular file (${s.kind}) (got ${s.path})` });
      const inspect = await cli(['inspect', s.path]);
      expect(inspect.code).toBe(2);
      expect(inspect.stderr).toBe(`${s.path}:1: trace file is not a regular file (${s.kind}) (got ${s.path})\n`);
      const run = await cli(['run', s.path, '--quiet']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${s.path}:1: scenario is not a regular file (${s.kind}) (got ${s.path})\n`);
      // As the trace of a scenario, and as its spot history.
      const dir = mkdtempSync(join(tmp, 'scn-'));
      const trace = join(dir, 'jobs.csv');
      writeFileSync(trace, 'submit_time,duration,accelerators\n0,60,1\n');
      const fleet = (pool: string) => `fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1${pool} }] }\npolicies: [{ name: s, autoscaler: { kind: static } }]\n`;
      writeFileSync(join(dir, 'trace.yaml'), `name: t\nseed: 1\nhorizon: 1h\nworkload: [{ kind: trace, path: ${s.path} }]\n${fleet('')}`);
      const viaTrace = await cli(['run', join(dir, 'trace.yaml'), '--quiet']);
      expect(viaTrace.code).toBe(2);
      expect(viaTrace.stderr).toContain(`is not a regular file (${s.kind})`);
      writeFileSync(join(dir, 'spot.yaml'), `name: t\nseed: 1\nhorizon: 1h\nworkload: [{ kind: trace, path: jobs.csv }]\n${fleet(`, purchase: spot, preemption: { trace: ${s.path} }`)}`);
      const viaSpot = await cli(['run', join(dir, 'spot.yaml'), '--quiet']);
      expect(viaSpot.code).toBe(2);
      expect(viaSpot.stderr).toMatch(new RegExp(`^${esc(s.path)}:\\d+: the spot history is not a regular file \\(${s.kind}\\) \\(got ${esc(s.path)}\\)$`, 'm'));
      expect(Date.now() - t0).toBeLessThan(10_000);
    }, 20_000);
  }

  it(`a scenario over ${MAX_SCENARIO_BYTES / 2 ** 20} MiB is refused unparsed`, async () => {
    const p = join(tmp, 'huge.yaml');
    const text = `name: h\n${'# padding\n'.repeat(Math.ceil((MAX_SCENARIO_BYTES + 1) / 10))}`;
    writeFileSync(p, text);
    const run = await cli(['run', p, '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${p}:1: scenario is too large: ${text.length} bytes, the limit is 16 MiB (got ${p})\n`);
  });
});
