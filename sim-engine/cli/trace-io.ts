/**
 * Host side of trace import (Node): opens the file, streams it through the shared byte pipeline
 * (`traces/trace-decoder.ts`: gzip with every member checked, a single-file tar unpacked, UTF-8,
 * sniffing, the importer) or, for Parquet, hands `traces/parquet.ts` the file; hashes the raw
 * bytes (SHA-256) and reports progress per chunk. Every failure to read the file as a whole
 * becomes a `fatal` issue; nothing throws.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { failedResult } from '../traces/index.js';
import { isParquetInput, readParquet } from '../traces/parquet.js';
import { isTarName } from '../traces/tar.js';
import { TraceDecoder } from '../traces/trace-decoder.js';
import type { ImportOptions, ImportResult } from '../traces/types.js';

export type ReadResult = ImportResult & { sha256: string; bytes: number };

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

  if (isParquetInput(path, format, readHead(path, 4))) return readParquetFile(path, options);

  const opts: ImportOptions = { ...options };
  if (!opts.header && isTarName(path)) {
    const h = findHeaderFile(path);
    if (h) opts.header = h;
  }
  const decoder = new TraceDecoder({ fileName: path, format, options: opts, crc32 });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const u8 = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      hash.update(u8);
      bytes += u8.length;
      onProgress?.(bytes, total);
      decoder.push(u8); // ignored once the file is known to be unreadable; the hash still covers it all
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail('read-error', `cannot read trace file: ${err.code ?? err.message} (got ${path})`);
  }
  return { ...decoder.finish(), sha256: hash.digest('hex'), bytes };
}

/** The first `n` bytes of a file (fewer for a shorter or unreadable one). */
function readHead(path: string, n: number): Uint8Array {
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const b = new Uint8Array(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } catch {
    return new Uint8Array(0);
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
  // Loaded only for Parquet input, so text traces (and `run` without a Parquet trace) start faster.
  const [{ asyncBufferFromFile }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  const r = await readParquet(await asyncBufferFromFile(path), options, path, compressors);
  return { ...r, sha256, bytes };
}
