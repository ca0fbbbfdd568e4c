/**
 * Host side of trace import in the app's worker: the same job as `cli/trace-io.ts`, from bytes
 * already in memory instead of a file. Gzip is detected by its magic bytes and inflated with
 * fflate's streaming `Gunzip` (multi-member; CRC-32 and length of every member verified, which
 * fflate does not do), UTF-8 is decoded in stream mode across chunk boundaries, and the pure
 * importer is fed about 1 MB of text at a time. Between chunks it reports progress and yields,
 * so a 100 MB trace never blocks the worker for long. Nothing here throws on bad data: every
 * failure to read the bytes as a whole becomes a `fatal` issue.
 */
import { Gunzip, gunzipSync } from 'fflate';
import { decompress as zstdDecompress } from 'fzstd';
import type { Compressors } from 'hyparquet';
import { createImporter, failedResult, sniffFormat } from '../traces/index.js';
import { hasParquetMagic, readParquet } from '../traces/parquet.js';
import { isTarName, TarFirstFile } from '../traces/tar.js';
import type { ImportOptions, ImportResult, TraceImporter } from '../traces/types.js';

/** What the reader needs from its host (the worker, or a fake in tests). */
export interface ReadHost {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Yield to the host event loop (lets messages such as a progress callback through). */
  yieldNow(): Promise<void>;
}

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
/** Text gathered before sniffing when `format` is `auto`. */
const SNIFF_CHARS = 64 * 1024;
/** Report progress and yield when a step has run this long (ms). */
const SLICE_MS = 25;

/**
 * Parquet codecs in the app: SNAPPY is built into hyparquet, GZIP and ZSTD are pure JS here.
 * hyparquet-compressors is not used in the worker: it compiles WebAssembly when loaded, which
 * the app's Content-Security-Policy (no 'wasm-unsafe-eval') refuses. BROTLI and LZ4 pages get a
 * clear `bad-parquet` issue naming the codec; the CLI reads every codec.
 */
export const APP_PARQUET_CODECS: Compressors = {
  GZIP: (input) => gunzipSync(input),
  ZSTD: (input) => zstdDecompress(input),
};

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

let crcTable: Uint32Array | null = null;
/** CRC-32 (IEEE, as gzip uses), continuing from `crc`. */
export function crc32(data: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const t = crcTable;
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const hex2 = (b: Uint8Array) => Array.from(b.subarray(0, 2), (x) => x.toString(16).padStart(2, '0')).join(' ');

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
  const fail = (code: string, message: string): ImportResult => failedResult(format === 'auto' ? 'auto' : format, code, message);
  if (total === 0) return fail('empty-file', `trace file is empty (got 0 bytes)`);
  const gz = isGzip(bytes);
  if (/\.(gz|tgz)$/i.test(fileName) && !gz) return fail('bad-compression', `file name ends in .gz but the data is not gzip (got first bytes ${hex2(bytes)})`);
  if (format === 'parquet' || (format === 'auto' && (/\.parquet$/i.test(fileName) || hasParquetMagic(bytes)))) {
    onProgress?.({ bytesRead: 0, totalBytes: total, fraction: 0 });
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + total) as ArrayBuffer;
    const r = await readParquet(buffer, options, fileName, APP_PARQUET_CODECS);
    onProgress?.({ bytesRead: total, totalBytes: total, fraction: 1 });
    return r;
  }

  let importer: TraceImporter | null = null;
  let resolved = format;
  let pending = '';
  let fatal: { code: string; message: string } | null = null;
  let decodedAny = false;
  const sniffName = fileName.replace(/\.(tar\.gz|tgz|tar)$/i, '.csv').replace(/\.gz$/i, '');
  // A single-file tar archive (e.g. Alibaba PAI's machine spec; its importer assumes the
  // documented header when the separate .header file is not at hand, as in the app).
  const tar = isTarName(fileName) ? new TarFirstFile((b) => onBytes(b)) : null;
  const plain = (b: Uint8Array): void => (tar ? tar.push(b) : onBytes(b));

  const startImporter = (): void => {
    if (importer || fatal) return;
    if (resolved === 'auto') {
      const s = sniffFormat(pending.slice(0, SNIFF_CHARS), sniffName);
      if ('error' in s) {
        fatal = { code: 'unknown-format', message: s.error };
        return;
      }
      resolved = s.format;
    }
    const imp = createImporter(resolved, options);
    if ('error' in imp) {
      fatal = { code: 'unknown-format', message: imp.error };
      return;
    }
    importer = imp;
    const p = pending;
    pending = '';
    imp.push(p);
  };
  const feedText = (text: string): void => {
    if (text.length === 0 || fatal) return;
    decodedAny = true;
    if (importer) {
      importer.push(text);
      return;
    }
    pending += text;
    if (pending.length >= SNIFF_CHARS) startImporter();
  };

  const decoder = new TextDecoder('utf-8');
  // Decoded text is buffered and handed to the importer in ~1 MB pieces.
  let textBuf: string[] = [];
  let textLen = 0;
  const flushText = (): void => {
    if (textLen === 0) return;
    const t = textBuf.length === 1 ? textBuf[0]! : textBuf.join('');
    textBuf = [];
    textLen = 0;
    feedText(t);
  };
  const onBytes = (b: Uint8Array): void => {
    if (fatal || b.length === 0) return;
    const t = decoder.decode(b, { stream: true });
    if (t.length === 0) return;
    textBuf.push(t);
    textLen += t.length;
    if (textLen >= RAW_CHUNK_BYTES) flushText();
  };

  // Gzip: verify CRC-32 and ISIZE of every member (fflate does not).
  let memberCrc = 0;
  let memberSize = 0;
  const checkMember = (end: number): void => {
    if (fatal || end < 8 || end > total) return;
    const dv = new DataView(bytes.buffer, bytes.byteOffset + end - 8, 8);
    const crc = dv.getUint32(0, true);
    const size = dv.getUint32(4, true);
    if (crc !== memberCrc >>> 0 || size !== memberSize % 2 ** 32) {
      fatal = { code: 'bad-compression', message: `gzip data is corrupt: CRC-32 or length check failed for the member ending at byte ${end} (trailer crc ${crc.toString(16)} size ${size}, got crc ${(memberCrc >>> 0).toString(16)} size ${memberSize})` };
    }
    memberCrc = 0;
    memberSize = 0;
  };
  const gunzip = gz
    ? new Gunzip((d) => {
        if (d.length > 0) {
          memberCrc = crc32(d, memberCrc);
          memberSize += d.length;
        }
        plain(d);
      })
    : null;
  if (gunzip) gunzip.onmember = (offset) => {
    if (offset > 0) checkMember(offset);
  };

  const step = gz ? GZIP_CHUNK_BYTES : RAW_CHUNK_BYTES;
  let last = host.now();
  for (let off = 0; off < total && !fatal; off += step) {
    const chunk = bytes.subarray(off, Math.min(total, off + step));
    if (gunzip) {
      try {
        gunzip.push(chunk, false);
      } catch (e) {
        fatal = { code: 'bad-compression', message: `gzip data is corrupt (got ${e instanceof Error ? e.message : String(e)} after ${off + chunk.length} bytes)` };
      }
    } else plain(chunk);
    if (host.now() - last > SLICE_MS) {
      const read = Math.min(total, off + step);
      onProgress?.({ bytesRead: read, totalBytes: total, fraction: read / total });
      await host.yieldNow();
      last = host.now();
    }
  }
  if (!fatal && gunzip) {
    try {
      gunzip.push(new Uint8Array(0), true);
      checkMember(total);
    } catch (e) {
      fatal = { code: 'bad-compression', message: `gzip data is truncated or corrupt (got ${e instanceof Error ? e.message : String(e)} at end of file)` };
    }
  }
  if (!fatal && tar) {
    const err = tar.finish();
    if (err) fatal = { code: 'bad-archive', message: err };
  }
  if (!fatal) {
    const rest = decoder.decode();
    if (rest) {
      textBuf.push(rest);
      textLen += rest.length;
    }
    flushText();
  }
  onProgress?.({ bytesRead: total, totalBytes: total, fraction: 1 });
  if (fatal) {
    const f = fatal as { code: string; message: string };
    return failedResult(resolved, f.code, f.message);
  }
  if (!decodedAny) return failedResult(resolved, 'empty-file', `trace file is empty (got ${total} bytes, no text)`);
  startImporter();
  if (!importer) {
    const f = (fatal ?? { code: 'unknown-format', message: 'unrecognized trace format' }) as { code: string; message: string };
    return failedResult(resolved, f.code, f.message);
  }
  return (importer as TraceImporter).end();
}
