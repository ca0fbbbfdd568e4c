/**
 * Host side of trace import in the app's worker: the CLI's job (`cli/trace-io.ts`) from bytes
 * already in memory. The bytes go through the shared pipeline (`traces/trace-decoder.ts`: gzip
 * with every member checked, a single-file tar unpacked, UTF-8, sniffing, the importer) in steps
 * of about 1 MB of text; between steps it reports progress and yields, so a 100 MB trace never
 * blocks the worker for long. Parquet (by name, magic or format) goes to `traces/parquet.ts` as
 * an ArrayBuffer. Nothing here throws on bad data: every failure to read the bytes as a whole
 * becomes a `fatal` issue.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types for deep imports, seen by every tsconfig that compiles this file
/// <reference path="./hyparquet-codecs.d.ts" />
import { decompress as zstdDecompress } from 'fzstd';
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';
import type { Compressors } from 'hyparquet';
import type { RunHost } from '../run/index.js';
import { isParquetInput, readParquet } from '../traces/parquet.js';
import { isGzip, TraceDecoder } from '../traces/trace-decoder.js';
import type { ImportOptions, ImportResult } from '../traces/types.js';

/** What the reader needs from its host (the worker, or a fake in tests): the run layer's clock and yield. */
export type ReadHost = RunHost;

export interface ReadProgress {
  /** Raw (possibly compressed) bytes consumed so far, and in all. */
  bytesRead: number;
  totalBytes: number;
  fraction: number;
}

/** Raw bytes handed to the decompressor or decoder per step. */
export const RAW_CHUNK_BYTES = 1 << 20;
/** Compressed bytes per step: text inflates ~5-10×, so this keeps importer pushes near 1 MB of text. */
export const GZIP_CHUNK_BYTES = 1 << 17;
/** Report progress and yield when a step has run this long (ms). */
const SLICE_MS = 25;

/**
 * Parquet codecs in the app — the CLI's set (hyparquet-compressors) minus its WebAssembly:
 * its index compiles a WASM snappy decoder when loaded, which the app's Content-Security-Policy
 * (no 'wasm-unsafe-eval') refuses. SNAPPY is built into hyparquet (pure JS); GZIP (multi-member
 * and raw deflate), BROTLI and LZ4 come from hyparquet-compressors' own pure-JS files, ZSTD
 * from fzstd (the library hyparquet-compressors uses).
 */
export const APP_PARQUET_CODECS: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => zstdDecompress(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};

/**
 * Imports a trace from bytes. `format` may be `auto` (sniffed from the first 64 KiB of text and
 * the file name). Parquet files (by name or magic) and single-file tar archives are read too.
 */
export async function readTraceBytes(
  bytes: Uint8Array,
  fileName: string,
  format: string,
  options: ImportOptions,
  host: ReadHost,
  onProgress?: (p: ReadProgress) => void,
): Promise<ImportResult> {
  const total = bytes.length;
  if (isParquetInput(fileName, format, bytes)) {
    onProgress?.({ bytesRead: 0, totalBytes: total, fraction: 0 });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + total) as ArrayBuffer;
    const r = await readParquet(buffer, options, fileName, APP_PARQUET_CODECS);
    onProgress?.({ bytesRead: total, totalBytes: total, fraction: 1 });
    return r;
  }
  // Alibaba PAI's machine spec comes as a tar.gz with its header in a separate file, which the
  // app does not get: its importer then assumes the documented columns (`PAI_MACHINE_COLUMNS`).
  const decoder = new TraceDecoder({ fileName, format, options });
  const step = isGzip(bytes) ? GZIP_CHUNK_BYTES : RAW_CHUNK_BYTES;
  let last = host.now();
  for (let off = 0; off < total && !decoder.failed; off += step) {
    const end = Math.min(total, off + step);
    decoder.push(bytes.subarray(off, end));
    if (host.now() - last > SLICE_MS) {
      onProgress?.({ bytesRead: end, totalBytes: total, fraction: end / total });
      await host.yieldNow();
      last = host.now();
    }
  }
  const result = decoder.finish();
  onProgress?.({ bytesRead: total, totalBytes: total, fraction: 1 });
  return result;
}
