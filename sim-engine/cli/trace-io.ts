/**
 * Host side of trace import (Node): opens the file, streams it, hashes the raw bytes
 * (SHA-256), gunzips `.gz` with fflate's streaming `Gunzip` (multi-member safe), unpacks a
 * single-file `.tar`/`.tar.gz`, decodes UTF-8 across chunk boundaries and feeds the pure
 * importer. Every failure to read the file as a whole becomes a `fatal` issue; nothing throws.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Gunzip } from 'fflate';
import { asyncBufferFromFile } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { createImporter, failedResult, sniffFormat } from '../traces/index.js';
import { readParquet } from '../traces/parquet.js';
import { isTarName, TarFirstFile } from '../traces/tar.js';
import type { ImportOptions, ImportResult, TraceImporter } from '../traces/types.js';

export type ReadResult = ImportResult & { sha256: string; bytes: number };

/** Text gathered before sniffing when `format` is `auto`. */
const SNIFF_BYTES = 64 * 1024;

/**
 * For a header-less table shipped with a separate header file (Alibaba PAI:
 * `pai_machine_spec.tar.gz` + `pai_machine_spec.header`), the column names.
 */
export function findHeaderFile(path: string): string[] | undefined {
  const stem = basename(path).replace(/\.(tar\.gz|tgz|tar|csv\.gz|csv|gz)$/i, '');
  const candidate = join(dirname(path), `${stem}.header`);
  if (!existsSync(candidate)) return undefined;
  const text = readFileSync(candidate, 'utf8').split(/\r?\n/)[0] ?? '';
  const cols = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return cols.length > 0 ? cols : undefined;
}

/**
 * Reads a trace file into a table. `format` may be `auto`. `onProgress(bytesRead, totalBytes)`
 * is called after each chunk of the raw file.
 */
export async function readTraceFile(
  path: string,
  format: string,
  options: ImportOptions = {},
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<ReadResult> {
  const hash = createHash('sha256');
  let bytes = 0;
  const fail = (code: string, message: string, line = 0): ReadResult => ({
    ...failedResult(format, code, message, line),
    sha256: bytes > 0 ? hash.copy().digest('hex') : '',
    bytes,
  });

  let total = 0;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return fail('not-a-file', `trace path is a directory, not a file (got ${path})`);
    total = st.size;
  } catch {
    return fail('file-not-found', `cannot open trace file: no such file (got ${path})`);
  }

  if (format === 'parquet' || (format === 'auto' && isParquet(path))) return readParquetFile(path, options);

  const opts: ImportOptions = { ...options };
  if (!opts.header && isTarName(path)) {
    const h = findHeaderFile(path);
    if (h) opts.header = h;
  }

  let importer: TraceImporter | null = null;
  let resolvedFormat = format;
  let pending = '';
  let fatal: { code: string; message: string } | null = null;
  let decodedAny = false;

  const feedText = (text: string): void => {
    if (text.length === 0 || fatal) return;
    decodedAny = true;
    if (importer) { importer.push(text); return; }
    pending += text;
    if (pending.length >= SNIFF_BYTES) startImporter();
  };

  const startImporter = (): void => {
    if (importer || fatal) return;
    if (resolvedFormat === 'auto') {
      const s = sniffFormat(pending.slice(0, SNIFF_BYTES), path.replace(/\.(tar\.gz|tgz|tar)$/i, '.csv'));
      if ('error' in s) { fatal = { code: 'unknown-format', message: s.error }; return; }
      resolvedFormat = s.format;
    }
    const imp = createImporter(resolvedFormat, opts);
    if ('error' in imp) { fatal = { code: 'unknown-format', message: imp.error }; return; }
    importer = imp;
    const p = pending;
    pending = '';
    imp.push(p);
  };

  const decoder = new TextDecoder('utf-8');
  const onBytes = (b: Uint8Array): void => { if (!fatal) feedText(decoder.decode(b, { stream: true })); };

  const tar = isTarName(path) ? new TarFirstFile(onBytes) : null;
  const plain = tar ? (b: Uint8Array) => tar.push(b) : onBytes;

  let gunzip: Gunzip | null = null;
  let sniffedGzip = false;
  let gzipChecked = false;
  // fflate does not verify gzip trailers: check CRC-32 and ISIZE of every member ourselves.
  let memberCrc = 0;
  let memberSize = 0;
  let rawBase = 0; // raw offset of `rawWindow[0]`
  let rawWindow = new Uint8Array(0); // the last raw bytes: previous chunk's tail + current chunk
  const trailerAt = (end: number): { crc: number; size: number } | null => {
    const i = end - 8 - rawBase;
    if (i < 0 || end - rawBase > rawWindow.length) return null;
    const dv = new DataView(rawWindow.buffer, rawWindow.byteOffset + i, 8);
    return { crc: dv.getUint32(0, true), size: dv.getUint32(4, true) };
  };
  const checkMember = (end: number): void => {
    const t = trailerAt(end);
    if (!t || fatal) return;
    if (t.crc !== memberCrc >>> 0 || t.size !== memberSize % 2 ** 32) {
      fatal = { code: 'bad-compression', message: `gzip data is corrupt: CRC-32 or length check failed for the member ending at byte ${end} (trailer crc ${t.crc.toString(16)} size ${t.size}, got crc ${(memberCrc >>> 0).toString(16)} size ${memberSize})` };
    }
    memberCrc = 0;
    memberSize = 0;
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const u8 = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash.update(u8);
      bytes += u8.length;
      onProgress?.(bytes, total);
      if (fatal) continue; // keep hashing; the result is already decided
      if (!gzipChecked) {
        gzipChecked = true;
        sniffedGzip = u8.length >= 2 && u8[0] === 0x1f && u8[1] === 0x8b;
        if (/\.(gz|tgz)$/i.test(path) && !sniffedGzip) {
          fatal = { code: 'bad-compression', message: `file name ends in .gz but the data is not gzip (got first bytes ${Array.from(u8.subarray(0, 2), (x) => x.toString(16).padStart(2, '0')).join(' ')})` };
          continue;
        }
        if (sniffedGzip) {
          gunzip = new Gunzip((d) => {
            if (d.length > 0) { memberCrc = crc32(d, memberCrc); memberSize += d.length; }
            plain(d);
          });
          gunzip.onmember = (offset) => { if (offset > 0) checkMember(offset); };
        }
      }
      if (gunzip) {
        const keep = rawWindow.subarray(Math.max(0, rawWindow.length - 64));
        const w = new Uint8Array(keep.length + u8.length);
        w.set(keep);
        w.set(u8, keep.length);
        rawBase = bytes - u8.length - keep.length;
        rawWindow = w;
        try {
          gunzip.push(u8, false);
        } catch (e) {
          fatal = { code: 'bad-compression', message: `gzip data is corrupt (got ${(e as Error).message} after ${bytes} bytes)` };
        }
      } else {
        plain(u8);
      }
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail('read-error', `cannot read trace file: ${err.code ?? err.message} (got ${path})`);
  }

  if (!fatal && gunzip) {
    try {
      gunzip.push(new Uint8Array(0), true);
      checkMember(bytes);
    } catch (e) {
      fatal = { code: 'bad-compression', message: `gzip data is truncated or corrupt (got ${(e as Error).message} at end of file)` };
    }
  }
  if (!fatal && tar) {
    const err = tar.finish();
    if (err) fatal = { code: 'bad-archive', message: err };
  }
  if (!fatal) feedText(decoder.decode());
  const sha256 = hash.digest('hex');
  if (fatal) {
    const f = fatal as { code: string; message: string };
    return { ...failedResult(resolvedFormat, f.code, f.message), sha256, bytes };
  }
  if (!decodedAny) return { ...failedResult(resolvedFormat, 'empty-file', `trace file is empty (got ${bytes} bytes)`), sha256, bytes };
  startImporter();
  if (!importer) {
    const f = (fatal ?? { code: 'unknown-format', message: 'unrecognized trace format' }) as { code: string; message: string };
    return { ...failedResult(resolvedFormat, f.code, f.message), sha256, bytes };
  }
  const res = (importer as TraceImporter).end();
  return { ...res, sha256, bytes };
}

function isParquet(path: string): boolean {
  if (/\.parquet$/i.test(path)) return true;
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.toString('latin1') === 'PAR1';
  } catch {
    return false;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Generic Parquet batch jobs: `traces/parquet.ts` over the file, plus its hash and size. */
async function readParquetFile(path: string, options: ImportOptions): Promise<ReadResult> {
  const { sha256, bytes } = await hashFile(path);
  if (bytes === 0) return { ...failedResult('parquet', 'empty-file', `trace file is empty (got ${bytes} bytes)`), sha256, bytes };
  const r = await readParquet(await asyncBufferFromFile(path), options, path, compressors);
  return { ...r, sha256, bytes };
}
