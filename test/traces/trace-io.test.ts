import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-trace-io-'));
const enc = new TextEncoder();
function file(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? enc.encode(data) : data);
  return p;
}
const body = 'submit_time,duration,accelerators\n' + Array.from({ length: 3000 }, (_, i) => `${i},${i % 7},${1 + (i % 4)}`).join('\n') + '\n';

describe('readTraceFile', () => {
  it('reads plain text, hashes raw bytes, sniffs auto', async () => {
    const p = file('jobs.csv', body);
    const r = await readTraceFile(p, 'auto', {});
    expect(r.fatal).toBeUndefined();
    expect(r.format).toBe('csv');
    expect(r.records).toBe(3000);
    expect(r.bytes).toBe(enc.encode(body).length);
    expect(r.sha256).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('gunzips multi-member gzip', async () => {
    const half = body.indexOf('\n', body.length / 2) + 1;
    const gz = new Uint8Array([...gzipSync(enc.encode(body.slice(0, half))), ...gzipSync(enc.encode(body.slice(half)))]);
    const r = await readTraceFile(file('jobs.csv.gz', gz), 'csv', {});
    expect(r.fatal).toBeUndefined();
    expect(r.records).toBe(3000);
  });

  it('checks every member of a large multi-member gzip across read chunks', async () => {
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i},${(from + i) % 9},1`).join('\n') + '\n';
    const parts = [`submit_time,duration,accelerators\n${rows(0, 60_000)}`, rows(60_000, 60_000), rows(120_000, 60_000)];
    const gz = parts.map((p) => gzipSync(enc.encode(p), { level: 0 }));
    const all = new Uint8Array(gz.reduce((s, g) => s + g.length, 0));
    let o = 0;
    for (const g of gz) { all.set(g, o); o += g.length; }
    expect(all.length).toBeGreaterThan(1.5 * 1024 * 1024); // spans two 1 MiB read chunks
    const r = await readTraceFile(file('big.csv.gz', all), 'csv', {});
    expect(r.fatal).toBeUndefined();
    expect(r.records).toBe(180_000);
    const bad = all.slice();
    const k = gz[0]!.length + 5000; // inside the second member's stored data
    bad[k] = bad[k] === 0x31 ? 0x32 : 0x31;
    const rb = await readTraceFile(file('big-bad.csv.gz', bad), 'csv', {});
    expect(rb.fatal?.code).toBe('bad-compression');
  });

  it('decodes UTF-8 split across chunks', async () => {
    const text = 'submit_time,duration,accelerators,tenant\n' + Array.from({ length: 200_000 }, (_, i) => `${i},1,1,équipe-ü-${i % 3}`).join('\n');
    const r = await readTraceFile(file('utf8.csv', text), 'csv', { columns: { tenant: 'tenant' } });
    expect(r.records).toBe(200_000);
    expect(r.table.kind === 'jobs' && r.table.tenants).toEqual(['équipe-ü-0', 'équipe-ü-1', 'équipe-ü-2']);
  });

  it('reports truncated and corrupt gzip as fatal, not a throw', async () => {
    const gz = gzipSync(enc.encode(body));
    const t = await readTraceFile(file('trunc.csv.gz', gz.subarray(0, gz.length - 100)), 'csv', {});
    expect(t.fatal?.code).toBe('bad-compression');
    const c = gz.slice();
    for (const k of [30, 31, 40]) c[k] = c[k]! ^ 0xff;
    const r = await readTraceFile(file('corrupt.csv.gz', c), 'csv', {});
    expect(r.fatal?.code).toBe('bad-compression');
    const notgz = await readTraceFile(file('plain.csv.gz', body), 'csv', {});
    expect(notgz.fatal?.code).toBe('bad-compression');
  });

  it('reports missing, empty and unrecognized files', async () => {
    const m = await readTraceFile(join(dir, 'nope.csv'), 'auto', {});
    expect(m.fatal?.code).toBe('file-not-found');
    expect(m.fatal?.message).toMatch(/nope\.csv\)$/);
    expect((await readTraceFile(file('empty.csv', ''), 'auto', {})).fatal?.code).toBe('empty-file');
    expect((await readTraceFile(file('odd.txt', 'hello world\n'), 'auto', {})).fatal?.code).toBe('unknown-format');
  });
});
