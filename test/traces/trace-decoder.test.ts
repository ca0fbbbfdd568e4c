/**
 * The shared byte pipeline (sim-engine/traces/trace-decoder.ts) on its own: the result does not
 * depend on how the raw bytes are cut, every gzip member is checked even when its trailer is far
 * behind the point where fflate reports the member's end, and bad data never throws.
 */
import { gzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, TraceDecoder } from '../../sim-engine/traces/trace-decoder.js';
import { tar, tarMember } from './tar-writer.js';

const enc = new TextEncoder();
const csv = 'submit_time,duration,accelerators,tenant\n' + Array.from({ length: 1500 }, (_, i) => `${i},${60 + (i % 13)},${1 + (i % 8)},équipe-ü-${i % 3}`).join('\n') + '\n';

function decode(bytes: Uint8Array, fileName: string, cut: number | number[] = bytes.length, format = 'auto') {
  const d = new TraceDecoder({ fileName, format, options: { columns: { tenant: 'tenant' } } });
  const sizes = Array.isArray(cut) ? cut : [cut];
  let k = 0;
  for (let off = 0; off < bytes.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]!);
    d.push(bytes.subarray(off, off + n));
    off += n;
  }
  return d.finish();
}

/** Two gzip members, the second with a file name of `nameLength` bytes in its header (FNAME). */
function twoMembers(nameLength = 20_000): { gz: Uint8Array; trailerAt: number } {
  const half = csv.indexOf('\n', csv.length >> 1) + 1;
  const a = gzipSync(enc.encode(csv.slice(0, half)));
  const b = gzipSync(enc.encode(csv.slice(half)), { filename: 'x'.repeat(nameLength) });
  const gz = new Uint8Array(a.length + b.length);
  gz.set(a);
  gz.set(b, a.length);
  return { gz, trailerAt: a.length - 8 };
}

describe('TraceDecoder', () => {
  it('gives the same result however the bytes are cut: plain, multi-member gzip, tar.gz (UTF-8 split across chunks)', () => {
    const plain = enc.encode(csv);
    const whole = decode(plain, 'jobs.csv');
    expect(whole.fatal).toBeUndefined();
    expect(whole.format).toBe('csv');
    expect(whole.records).toBe(1500);
    expect(whole.table.kind === 'jobs' && whole.table.tenants).toEqual(['équipe-ü-0', 'équipe-ü-1', 'équipe-ü-2']);
    const { gz } = twoMembers(100);
    const tgz = gzipSync(tar(tarMember('jobs.csv', plain)));
    for (const cut of [1, 3, 511, [1, 700, 5], 65_536]) expect(decode(plain, 'jobs.csv', cut)).toEqual(whole);
    // (fflate takes ~40 µs per push, whatever its size: no 1-byte steps throughout here)
    for (const cut of [13, 511, [1, 700, 5], 65_536]) {
      expect(decode(gz, 'jobs.csv.gz', cut)).toEqual(whole);
      expect(decode(tgz, 'jobs.tar.gz', cut)).toEqual(whole);
    }
  });

  it('checks a member whose trailer lies a long header behind the next member start, in any chunking', () => {
    const { gz, trailerAt } = twoMembers();
    const bad = gz.slice();
    bad[trailerAt]! ^= 0x01; // the first member's CRC-32
    for (const cut of [333, 4096, gz.length]) {
      const r = decode(bad, 'jobs.csv.gz', cut);
      expect(r.fatal?.code).toBe('bad-compression');
      expect(r.fatal?.message).toMatch(new RegExp(`member ending at byte ${trailerAt + 8} \\(trailer crc [0-9a-f]+ size \\d+, got crc [0-9a-f]+ size \\d+\\)$`));
    }
    const len = gz.slice();
    len[trailerAt + 4]! ^= 0x01; // its length
    expect(decode(len, 'jobs.csv.gz', 4096).fatal?.code).toBe('bad-compression');
  });

  it('reports an archive cut short, a gzip cut short and a .gz name without gzip as fatal issues', () => {
    const tarBytes = tar(tarMember('jobs.csv', enc.encode(csv)));
    const cutTar = decode(gzipSync(tarBytes.subarray(0, 5000)), 'jobs.tar.gz', 4096);
    expect(cutTar.fatal).toMatchObject({ code: 'bad-archive', line: 0 });
    expect(cutTar.fatal?.message).toMatch(/^tar archive is truncated \(got \d+ bytes missing in "jobs\.csv"\)$/);
    const tgz = gzipSync(tarBytes);
    const cutGz = decode(tgz.subarray(0, tgz.length - 20), 'jobs.tgz', 4096);
    expect(cutGz.fatal?.code).toBe('bad-compression');
    expect(cutGz.fatal?.message).toMatch(/^gzip data is truncated or corrupt \(got .* at end of file\)$/);
    const notGz = decode(enc.encode(csv), 'jobs.csv.gz');
    expect(notGz.fatal?.message).toBe('file name ends in .gz but the data is not gzip (got first bytes 73 75)');
    expect(decode(new Uint8Array([0x1f]), 'one.gz').fatal?.message).toBe('file name ends in .gz but the data is not gzip (got first bytes 1f)');
    expect(decode(new Uint8Array(0), 'none.csv').fatal).toMatchObject({ code: 'empty-file', message: 'trace file is empty (got 0 bytes)' });
    expect(decode(gzipSync(new Uint8Array(0)), 'none.csv.gz').fatal).toMatchObject({ code: 'empty-file', message: 'trace file is empty (got 20 bytes, no text)' });
  });

  it('stops early on bad data, ignores later chunks and reports the first problem', () => {
    const d = new TraceDecoder({ fileName: 'x.tar', format: 'csv' });
    d.push(enc.encode('not a tar archive at all'.padEnd(600, ' ')));
    expect(d.failed).toBe(true);
    d.push(tar(tarMember('jobs.csv', enc.encode(csv))));
    expect(d.finish().fatal?.message).toBe('not a tar archive (got header magic "     ")');
    expect(d.finish()).toBe(d.finish()); // finish is idempotent
  });

  it('never throws on random bytes, whatever the name and chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('t.csv', 't.gz', 't.tar', 't.tar.gz', 't.swf'), fc.integer({ min: 1, max: 700 }), fc.boolean(), (bytes, name, cut, gz) => {
        const input = gz && bytes.length > 0 ? Uint8Array.from([0x1f, 0x8b, 0x08, ...bytes]) : bytes;
        const r = decode(input, name, cut);
        expect(r.records + r.skipped + r.filtered).toBeGreaterThanOrEqual(0);
        if (r.fatal) expect(r.fatal.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('takes the host’s CRC-32 (the CLI passes zlib’s) and gives the same verdicts with it', () => {
    const { gz } = twoMembers();
    let calls = 0;
    const d = new TraceDecoder({ fileName: 'jobs.csv.gz', format: 'auto', crc32: (b, c) => (calls++, crc32(b, c)) });
    d.push(gz);
    expect(d.finish().records).toBe(1500);
    expect(calls).toBeGreaterThan(1);
  });
});
