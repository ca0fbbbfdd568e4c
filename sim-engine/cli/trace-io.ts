/**
 * Host side of trace import (Node): opens the file (a regular file only, through one handle:
 * `read-file.ts`), streams it through the shared byte pipeline (`traces/trace-decoder.ts`: gzip
 * with every member checked and its inflating capped, a single-file tar unpacked, UTF-8,
 * sniffing, the importer) or, for Parquet, hands `traces/parquet.ts` the file; hashes the raw
 * bytes (SHA-256) and reports progress per chunk, stopping at the first fatal problem (the rest
 * is neither read nor hashed). Every failure to read the file as a whole becomes a `fatal`
 * issue; nothing throws.
 *
 * With a `StreamChoice`, a long text trace in submit order is not kept (`traces/trace-stream.ts`):
 * this read is pass 1, and `FilePass` each replay's pass 2 — the same decoder and importer over
 * the file re-read synchronously in 1 MiB chunks, its bytes hashed again and checked at the end.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, read, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { failedResult } from '../traces/index.js';
import { openRegularFile, readRegularFile } from './read-file.js';
import { isParquetInput, readParquet } from '../traces/parquet.js';
import { isTarName } from '../traces/tar.js';
import { TraceDecoder } from '../traces/trace-decoder.js';
import { TraceChanged, TraceScan, type ScanKnobs, type StreamPlan, type TracePass } from '../traces/trace-stream.js';
import type { ImportOptions, ImportResult, JobRowSink } from '../traces/types.js';

export type ReadResult = ImportResult & { sha256: string; bytes: number; streamed?: { plan: StreamPlan; open: (sink: JobRowSink) => TracePass } };

/** Stream a text trace with more than `keepUpTo` rows when they are in submit order (after the tenant filter). */
export interface StreamChoice {
  knobs: ScanKnobs;
  keepUpTo: number;
}

/** Raw bytes a read (and a replay) takes at a time. */
const READ_CHUNK = 1 << 20;

/**
 * For a header-less table shipped with a separate header file (Alibaba PAI:
 * `pai_machine_spec.tar.gz` + `pai_machine_spec.header`), the column names.
 */
export function findHeaderFile(path: string): string[] | undefined {
  const stem = basename(path).replace(/\.(tar\.gz|tgz|tar|csv\.gz|csv|gz)$/i, '');
  const candidate = join(dirname(path), `${stem}.header`);
  if (!existsSync(candidate)) return undefined;
  // Only a regular file of at most 1 MiB (a FIFO or a device there is not read).
  const file = readRegularFile(candidate, 'header file', candidate, 1 << 20);
  if (!file.ok) return undefined;
  const text = file.bytes.toString('utf8').split(/\r?\n/)[0] ?? '';
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
  stream?: StreamChoice,
): Promise<ReadResult> {
  const hash = createHash('sha256');
  let bytes = 0;
  const fail = (code: string, message: string, line = 0): ReadResult => ({
    ...failedResult(format, code, message, line),
    sha256: bytes > 0 ? hash.copy().digest('hex') : '',
    bytes,
  });

  const file = openRegularFile(path, 'trace file');
  if (!file.ok) return fail(file.code, file.message);
  const { fd, size: total, mtimeMs } = file;
  let fdOpen = true;
  const close = () => {
    if (fdOpen) closeSync(fd);
    fdOpen = false;
  };
  try {
    const head = new Uint8Array(4);
    if (isParquetInput(path, format, head.subarray(0, readSync(fd, head, 0, 4, 0)))) return await readParquetFile(fd, total, path, options);

    const opts: ImportOptions = { ...options };
    if (!opts.header && isTarName(path)) {
      const h = findHeaderFile(path);
      if (h) opts.header = h;
    }
    const scan = stream ? new TraceScan(stream.knobs, stream.keepUpTo) : null;
    const decoder = new TraceDecoder({ fileName: path, format, options: scan ? { ...opts, rowSink: scan } : opts, crc32 });
    // Read through the one handle; stop at the first fatal problem (the decoder ignores the rest anyway).
    for (let pos = 0; !decoder.failed; ) {
      const buf = new Uint8Array(READ_CHUNK);
      const n = await readAt(fd, buf, pos);
      if (n === 0) break;
      const u8 = buf.subarray(0, n);
      hash.update(u8);
      bytes += n;
      pos += n;
      onProgress?.(bytes, total);
      decoder.push(u8);
    }
    close();
    const result: ReadResult = { ...decoder.finish(), sha256: hash.digest('hex'), bytes };
    if (!scan || result.fatal) return result;
    const outcome = scan.plan();
    if (outcome.kind === 'memory') return result;
    // A long trace out of order: read it again into a table, as without streaming.
    if (outcome.kind === 'reread') return readTraceFile(path, format, options, onProgress);
    const resolved = result.format;
    const meta = { sha256: result.sha256, bytes, mtimeMs };
    return { ...result, streamed: { plan: outcome.plan, open: (sink) => new FilePass(path, resolved, { ...opts, rowSink: sink }, meta) } };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail('read-error', `cannot read trace file: ${err.code ?? err.message} (got ${path})`);
  } finally {
    close();
  }
}

/**
 * Pass 2 of a streamed trace: the file re-read with `fs.readSync` (the engine pulls jobs
 * synchronously), opened for each chunk so a replay the horizon ends early holds no descriptor.
 * Size and modification time are checked each chunk, the SHA-256 of all bytes at the end.
 */
class FilePass implements TracePass {
  private readonly decoder: TraceDecoder;
  private readonly hash = createHash('sha256');
  private pos = 0;
  private ended = false;

  constructor(private readonly path: string, format: string, options: ImportOptions, private readonly file: { sha256: string; bytes: number; mtimeMs: number }) {
    this.decoder = new TraceDecoder({ fileName: path, format, options, crc32 });
  }

  private changed(what: string): TraceChanged {
    return new TraceChanged(`the file changed since it was read before the run: ${what}`, this.path);
  }

  step(): boolean {
    if (this.ended) return false;
    const chunk = this.pos < this.file.bytes ? this.read() : null;
    if (chunk) {
      this.hash.update(chunk);
      this.pos += chunk.length;
      this.decoder.push(chunk);
      if (!this.decoder.failed) return true;
    }
    this.ended = true;
    const r = this.decoder.finish();
    if (r.fatal) throw this.changed(r.fatal.message);
    if (this.pos !== this.file.bytes) throw this.changed(`${this.file.bytes} bytes then (got ${this.pos})`);
    const sha = this.hash.digest('hex');
    if (sha !== this.file.sha256) throw this.changed(`SHA-256 ${this.file.sha256} then (got ${sha})`);
    return false;
  }

  /** The next chunk (a fresh buffer: the decoder may hold on to its input), or null at the end of the file. */
  private read(): Uint8Array | null {
    let fd = -1;
    try {
      const f = openRegularFile(this.path, 'trace file');
      if (!f.ok) throw this.changed(f.message);
      fd = f.fd;
      // openRegularFile's fstat of this handle gives its size and modification time.
      if (f.size !== this.file.bytes || f.mtimeMs !== this.file.mtimeMs) throw this.changed(`${this.file.bytes} bytes modified at ${new Date(this.file.mtimeMs).toISOString()} then (got ${f.size} bytes modified at ${new Date(f.mtimeMs).toISOString()})`);
      const buf = new Uint8Array(Math.min(READ_CHUNK, this.file.bytes - this.pos));
      const n = readSync(fd, buf, 0, buf.length, this.pos);
      return n > 0 ? buf.subarray(0, n) : null;
    } catch (e) {
      if (e instanceof TraceChanged) throw e;
      const err = e as NodeJS.ErrnoException;
      throw this.changed(`cannot read it (got ${err.code ?? err.message})`);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
}

/** Reads up to `buf.length` bytes at `pos` (asynchronously, so progress and signals get through). */
function readAt(fd: number, buf: Uint8Array, pos: number): Promise<number> {
  return new Promise((res, rej) => read(fd, buf, 0, buf.length, pos, (err, n) => (err ? rej(err) : res(n))));
}

/**
 * Generic Parquet batch jobs: `traces/parquet.ts` over the file, plus its hash and size — all
 * through the one handle already checked to be a regular file (`size` bytes, as its fstat said).
 */
async function readParquetFile(fd: number, size: number, path: string, options: ImportOptions): Promise<ReadResult> {
  const hash = createHash('sha256');
  for (let pos = 0; pos < size; ) {
    const buf = new Uint8Array(Math.min(READ_CHUNK, size - pos));
    const n = await readAt(fd, buf, pos);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    pos += n;
  }
  const file = {
    byteLength: size,
    slice: async (start: number, end = size): Promise<ArrayBuffer> => {
      const buf = new Uint8Array(Math.max(0, Math.min(end, size) - start));
      let got = 0;
      while (got < buf.length) {
        const n = await readAt(fd, buf.subarray(got), start + got);
        if (n === 0) break;
        got += n;
      }
      return buf.buffer.slice(0, got);
    },
  };
  // Loaded only for Parquet input, so text traces (and `run` without a Parquet trace) start faster.
  const { compressors } = await import('hyparquet-compressors');
  const r = await readParquet(file, options, path, compressors);
  return { ...r, sha256: hash.digest('hex'), bytes: size };
}
