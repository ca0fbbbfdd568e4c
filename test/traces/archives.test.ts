/**
 * Single-file tar archives (plain and gzipped), as Alibaba ships its PAI machine spec: the CLI
 * reads them from disk, the app's worker from bytes — same records, same verdicts.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { readTraceBytes } from '../../sim-engine/worker/trace-bytes.js';
import { tar, tarMember as member } from './tar-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-tar-'));
const host = { now: () => 0, yieldNow: async () => {} };
const REAL_SPEC = resolve(__dirname, '../../../shared/traces/alibaba-gpu-v2020-pai/pai_machine_spec.tar.gz');

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

  it('a tar.gz cut short, inside the archive or inside the gzip stream: the CLI\'s fatal issue, no throw', async () => {
    const whole = tar(member('jobs.csv', new TextEncoder().encode('submit_time,duration,accelerators\n' + '0,60,1\n'.repeat(3000))));
    const cases = [
      { name: 'archive-cut.tar.gz', bytes: gzipSync(whole.subarray(0, 9000)), code: 'bad-archive', message: /^tar archive is truncated \(got \d+ bytes missing in "jobs\.csv"\)$/ },
      { name: 'gzip-cut.tar.gz', bytes: ((g) => g.subarray(0, g.length - 12))(gzipSync(whole)), code: 'bad-compression', message: /^gzip data is truncated or corrupt \(got .+ at end of file\)$/ },
    ];
    for (const c of cases) {
      const p = join(dir, c.name);
      writeFileSync(p, c.bytes);
      const app = await readTraceBytes(new Uint8Array(c.bytes), c.name, 'auto', {}, host);
      expect(app.fatal?.code).toBe(c.code);
      expect(app.fatal?.message).toMatch(c.message);
      expect(app.fatal).toEqual((await readTraceFile(p, 'auto', {})).fatal);
    }
  });

  // The real file: the CLI takes the column names from pai_machine_spec.header beside it, the app
  // (one file, no header) assumes the documented ones — the same machines either way.
  it.skipIf(!existsSync(REAL_SPEC))('the real pai_machine_spec.tar.gz: the app without its .header reads what the CLI reads with it', async () => {
    const cli = await readTraceFile(REAL_SPEC, 'auto', {});
    const app = await readTraceBytes(new Uint8Array(readFileSync(REAL_SPEC)), 'pai_machine_spec.tar.gz', 'auto', {}, host);
    expect(cli.fatal).toBeUndefined();
    expect(app.format).toBe('alibaba-pai-machines');
    expect([app.records, app.skipped, app.filtered]).toEqual([1897 - 83, 0, 83]);
    expect(app.table).toEqual(cli.table);
    expect(app.issues).toEqual(cli.issues);
  });
});
