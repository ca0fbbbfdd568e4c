import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { jobsFromColumns } from '../../sim-engine/traces/index.js';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { APP_PARQUET_CODECS, readTraceBytes } from '../../sim-engine/worker/trace-bytes.js';
import { jobsParquet, writeParquet } from './parquet-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-parquet-'));

describe('parquet (generic jobs)', () => {
  it('reads the default columns, sniffed by magic bytes', async () => {
    const p = join(dir, 'jobs.bin');
    writeFileSync(p, writeParquet([
      { name: 'submit_time', type: 'int64', values: [0, 10, 20, 30] },
      { name: 'duration', type: 'double', values: [5, -1, 7.5, 1] },
      { name: 'accelerators', type: 'int64', values: [1, 2, 8, 0] },
      { name: 'team', type: 'string', values: ['a', 'b', 'a', 'c'] },
    ]));
    const r = await readTraceFile(p, 'auto', { columns: { tenant: 'team' } });
    expect(r.fatal).toBeUndefined();
    expect(r.format).toBe('parquet');
    expect(r.records).toBe(2);
    expect(r.skipped).toBe(2);
    expect(r.issues.map((i) => [i.line, i.code])).toEqual([[2, 'negative-duration'], [4, 'bad-accelerators']]);
    expect(r.issues[0]!.message).toBe('duration must be ≥ 0 (got -1)');
    const t = r.table;
    expect(t.kind === 'jobs' && [...t.durationS]).toEqual([5, 7.5]);
    expect(t.kind === 'jobs' && t.tenants).toEqual(['a']);
  });

  it('reports a missing column and a non-Parquet file as fatal', async () => {
    const p = join(dir, 'cols.parquet');
    writeFileSync(p, writeParquet([{ name: 'start', type: 'int64', values: [0] }]));
    expect((await readTraceFile(p, 'parquet', {})).fatal?.code).toBe('missing-column');
    const q = join(dir, 'junk.parquet');
    writeFileSync(q, 'PAR1 this is not parquet');
    expect((await readTraceFile(q, 'auto', {})).fatal?.code).toBe('bad-parquet');
  });

  it('the app reads Parquet from bytes with the same result as the CLI', async () => {
    const bytes = writeParquet([
      { name: 'start', type: 'double', values: [0, 60, 120, 180, 240] },
      { name: 'secs', type: 'double', values: [30, 45, Number.NaN, 10, 20] },
      { name: 'gpus', type: 'int64', values: [1, 4, 2, 8, 0] },
    ]);
    const p = join(dir, 'mapped.parquet');
    writeFileSync(p, bytes);
    const options = { columns: { submit: 'start', duration: 'secs', accelerators: 'gpus' } };
    const host = { now: () => 0, yieldNow: async () => {} };
    const fractions: number[] = [];
    const app = await readTraceBytes(new Uint8Array(bytes), 'mapped.parquet', 'auto', options, host, (pr) => fractions.push(pr.fraction));
    const cli = await readTraceFile(p, 'auto', options);
    expect(app.fatal).toBeUndefined();
    expect(app.format).toBe('parquet');
    expect([app.records, app.skipped, app.filtered]).toEqual([cli.records, cli.skipped, cli.filtered]);
    expect(app.records).toBe(3);
    expect(app.issues).toEqual(cli.issues);
    expect(app.table.kind === 'jobs' && [...app.table.accelerators]).toEqual([1, 4, 8]);
    expect(fractions.at(-1)).toBe(1);
    // Not Parquet after all: a clear fatal issue naming the file, no throw.
    const junk = await readTraceBytes(new TextEncoder().encode('PAR1 not really'), 'junk.parquet', 'auto', {}, host);
    expect(junk.fatal?.code).toBe('bad-parquet');
    expect(junk.fatal?.message).toMatch(/\(got junk\.parquet\)$/);
  });

  it('a corrupt Parquet file is a fatal bad-parquet issue in the app, as in the CLI, and never a throw', async () => {
    const good = jobsParquet(200);
    const L = good.length;
    const footerLength = good.slice();
    footerLength.set([0xff, 0xff], L - 8);
    const pageHeader = good.slice();
    pageHeader[4]! ^= 0xff;
    const host = { now: () => 0, yieldNow: async () => {} };
    const cases: [string, Uint8Array, RegExp][] = [
      ['cut.parquet', good.slice(0, L >> 1), /^cannot read Parquet file: parquet file invalid \(footer != PAR1\)/],
      ['footer.parquet', footerLength, /^cannot read Parquet file: parquet metadata length 65535 exceeds available buffer/],
      ['page.bin', pageHeader, /^cannot read Parquet file: /], // no .parquet name: sniffed by its magic
    ];
    for (const [name, bytes, message] of cases) {
      const app = await readTraceBytes(bytes, name, 'auto', {}, host);
      expect(app.fatal?.code).toBe('bad-parquet');
      expect(app.fatal?.message).toMatch(message);
      expect(app.fatal?.message.endsWith(`(got ${name})`)).toBe(true);
      expect([app.format, app.records, app.table.kind === 'jobs' && app.table.length]).toEqual(['parquet', 0, 0]);
      const p = join(dir, name);
      writeFileSync(p, bytes);
      const cli = await readTraceFile(p, 'auto', {});
      expect(cli.fatal).toEqual({ ...app.fatal, message: app.fatal!.message.replace(`(got ${name})`, `(got ${p})`) });
    }
  });

  it("the app's codecs are the CLI's set in pure JS (no WebAssembly under the app's CSP)", () => {
    expect(Object.keys(APP_PARQUET_CODECS).sort()).toEqual(['BROTLI', 'GZIP', 'LZ4', 'LZ4_RAW', 'ZSTD']);
    const a = new TextEncoder().encode('a Parquet data page, compressed '.repeat(40));
    const b = new TextEncoder().encode('and a second gzip member '.repeat(12));
    const ab = new Uint8Array([...a, ...b]);
    const codecs = APP_PARQUET_CODECS;
    expect(codecs.GZIP!(new Uint8Array(gzipSync(a)), a.length)).toEqual(a);
    // Writers may emit several gzip members, or raw deflate, in one page.
    expect(codecs.GZIP!(new Uint8Array(Buffer.concat([gzipSync(a), gzipSync(b)])), ab.length)).toEqual(ab);
    expect(codecs.GZIP!(new Uint8Array(deflateRawSync(a)), a.length)).toEqual(a);
    expect(codecs.BROTLI!(new Uint8Array(brotliCompressSync(a)), a.length)).toEqual(a);
  });

  it('jobsFromColumns accepts bigints, strings, Dates and end times', () => {
    const r = jobsFromColumns('parquet', {
      submit: [0n, '2020-01-01 00:00:00', new Date(Date.UTC(2020, 0, 1, 0, 1))],
      end: [10n, '2020-01-01 00:00:30', null],
      accelerators: [1, '2', 1.5],
    }, 3, { submit: 's', end: 'e', accelerators: 'a' });
    expect(r.records).toBe(2);
    expect(r.issues[0]).toMatchObject({ line: 3, code: 'missing-value' });
    expect(r.table.kind === 'jobs' && [...r.table.durationS]).toEqual([10, 30]);
  });
});
