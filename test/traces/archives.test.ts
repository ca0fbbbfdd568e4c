/**
 * Single-file tar archives (plain and gzipped), as Alibaba ships its PAI machine spec: the CLI
 * reads them from disk, the app's worker from bytes — same records, same verdicts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { readTraceBytes } from '../../sim-engine/worker/trace-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-tar-'));
const host = { now: () => 0, yieldNow: async () => {} };

/** A ustar member: 512-byte header (name, size in octal, type '0', checksum) + data padded to 512. */
function member(name: string, data: Uint8Array): Uint8Array {
  const h = new Uint8Array(512);
  const put = (off: number, s: string) => h.set(new TextEncoder().encode(s), off);
  put(0, name);
  put(100, '0000644\0');
  put(124, `${data.length.toString(8).padStart(11, '0')}\0`);
  put(136, '00000000000\0');
  h[156] = 0x30;
  put(257, 'ustar\0');
  put(263, '00');
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
  padded.set(data);
  const out = new Uint8Array(512 + padded.length);
  out.set(h);
  out.set(padded, 512);
  return out;
}
const tar = (...members: Uint8Array[]) => Buffer.concat([...members, new Uint8Array(1024)]);

// Alibaba's pai_machine_spec has no header row (its header is a separate file).
const spec = 'm1,V100,96,512,8\nm2,V100,96,512,8\nm3,T4,64,256,2\nm4,CPU,96,512,0\nm5,P100,64,512,2\n';

describe('tar archives', () => {
  it('a gzipped single-file tar imports the same from disk (CLI) and from bytes (app)', async () => {
    const bytes = gzipSync(tar(member('pai_machine_spec.csv', new TextEncoder().encode(spec))));
    const p = join(dir, 'pai_machine_spec.tar.gz');
    writeFileSync(p, bytes);
    const cli = await readTraceFile(p, 'alibaba-pai-machines', {});
    const app = await readTraceBytes(new Uint8Array(bytes), 'pai_machine_spec.tar.gz', 'alibaba-pai-machines', {}, host);
    expect(cli.fatal).toBeUndefined();
    expect(app.fatal).toBeUndefined();
    expect([app.records, app.skipped, app.filtered]).toEqual([4, 0, 1]); // the CPU machine is filtered
    expect([app.records, app.skipped, app.filtered]).toEqual([cli.records, cli.skipped, cli.filtered]);
    expect(app.table).toEqual(cli.table);
  });

  it('a plain tar is sniffed (format auto) by its first member; later members are ignored', async () => {
    const csv = 'submit_time,duration,accelerators\n0,60,1\n10,30,2\n';
    const bytes = tar(member('jobs.csv', new TextEncoder().encode(csv)), member('README', new TextEncoder().encode('not a trace\n')));
    const app = await readTraceBytes(new Uint8Array(bytes), 'jobs.tar', 'auto', {}, host);
    expect(app.fatal).toBeUndefined();
    expect(app.format).toBe('csv');
    expect(app.records).toBe(2);
  });

  it('a .tar that is not a tar, and a truncated one, are fatal with a clear message', async () => {
    const notTar = await readTraceBytes(new TextEncoder().encode('submit_time,duration,accelerators\n0,1,1\n'.padEnd(600, '\n')), 'x.tar', 'csv', {}, host);
    expect(notTar.fatal?.code).toBe('bad-archive');
    expect(notTar.fatal?.message).toMatch(/^not a tar archive \(got header magic/);
    const whole = tar(member('jobs.csv', new TextEncoder().encode('submit_time,duration,accelerators\n'.padEnd(2000, '\n'))));
    const cut = await readTraceBytes(new Uint8Array(whole.subarray(0, 1000)), 'cut.tar', 'csv', {}, host);
    expect(cut.fatal?.code).toBe('bad-archive');
    expect(cut.fatal?.message).toMatch(/truncated .*"jobs\.csv"/);
  });
});
