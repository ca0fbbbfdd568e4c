/**
 * The byte pipeline of every text trace, shared by the CLI (`cli/trace-io.ts`, file chunks) and
 * the app's worker (`worker/trace-bytes.ts`, slices of bytes in memory). Platform-neutral: no
 * Node, no DOM. Raw chunks go in; then
 *
 * 1. gzip, detected by its magic bytes (a `.gz`/`.tgz` name without them is an error), inflated
 *    with fflate's streaming `Gunzip` (multi-member), the CRC-32 and length of every member
 *    checked against its trailer (fflate does not check them);
 * 2. for a `.tar`/`.tar.gz`/`.tgz` name, the first regular file of the archive (`tar.ts`);
 * 3. UTF-8, decoded in stream mode (characters split across chunks stay whole);
 * 4. with `format: auto`, the format sniffed from the first 64 KiB of text and the file name;
 * 5. the importer, fed about 1 MiB of text at a time.
 *
 * `push` never throws on bad data and `finish` returns the `ImportResult`: every failure to read
 * the input as a whole is its `fatal` issue (`bad-compression`, `inflate-limit`, `bad-archive`,
 * `empty-file`, `unknown-format`, or the importer's own, e.g. `line-too-long`), the message ending
 * in the offending value. Once one is known, `failed` is true and hosts stop reading.
 *
 * Inflating is capped (decompression bombs): at most `maxInflatedBytes` in all (default 16 GiB),
 * and, once past the first 64 MiB, at most `maxInflateRatio` inflated bytes per compressed byte
 * consumed (default 100:1; real traces inflate 5-20:1). gzip is fed in 16 KiB steps, so one step
 * inflates to at most ~16 MiB (deflate's ratio is at most ~1032:1) before the caps are checked.
 * Parquet is not read here (it needs random access, footer first): see `isParquetInput` and
 * `readParquet` in `parquet.ts`.
 */
import { Gunzip } from 'fflate';
import { failedResult } from './index.js';
import { createImporter, sniffFormat } from './registry.js';
import { isTarName, TarFirstFile } from './tar.js';
import type { ImportOptions, ImportResult, TraceHint, TraceImporter } from './types.js';

/**
 * The engine compiles without DOM or Node types (`lib: ES2022`, `types: []`), which leave out
 * TextDecoder; every host it runs in (Node, browsers, workers) has it (WHATWG Encoding).
 */
declare const TextDecoder: new (label?: string) => { decode(input?: Uint8Array, options?: { stream?: boolean }): string };

/** CRC-32 of `data`, continuing from `crc` (0 to start). */
export type Crc32 = (data: Uint8Array, crc: number) => number;

export interface TraceDecoderSetup {
  /** File name or path: a `.gz`/`.tgz` name must hold gzip, a tar name is unpacked, and the name hints the sniffer. */
  fileName: string;
  /** A text format id, or `auto`. */
  format: string;
  options?: ImportOptions;
  /** CRC-32 for the gzip member check; default `crc32` below (pure JS). The CLI passes zlib's, ~10× faster. */
  crc32?: Crc32;
}

/** Default cap on the bytes a gzip input may inflate to (`ImportOptions.maxInflatedBytes`). */
export const DEFAULT_MAX_INFLATED_BYTES = 16 * 1024 ** 3;
/** Default cap on inflated bytes per compressed byte (`ImportOptions.maxInflateRatio`), checked past INFLATE_RATIO_AFTER_BYTES. */
export const DEFAULT_MAX_INFLATE_RATIO = 100;
/** The ratio is not checked on the first this many inflated bytes (small files of repetitive text may inflate far). */
export const INFLATE_RATIO_AFTER_BYTES = 64 * 1024 * 1024;
/** Compressed bytes inflated per step (the caps are checked between steps). */
const GUNZIP_STEP = 16 * 1024;


/** Text gathered before sniffing when `format` is `auto`. */
export const SNIFF_CHARS = 64 * 1024;
/** Decoded text is handed to the importer in pieces of about this many characters. */
export const TEXT_BATCH_CHARS = 1 << 20;
/**
 * Raw bytes kept from earlier chunks to find a gzip member's trailer: fflate reports a member's
 * end only once the next member's header is complete, which may be up to 64 KiB (FEXTRA) later.
 */
const TRAILER_REACH = 64 * 1024 + 1024;

const EMPTY: Uint8Array = new Uint8Array(0);

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

const sizeText = (n: number) => (n >= 1024 ** 3 && n % 1024 ** 3 === 0 ? `${n / 1024 ** 3} GiB` : n >= 1024 ** 2 && n % 1024 ** 2 === 0 ? `${n / 1024 ** 2} MiB` : `${n} bytes`);
const hex = (b: Uint8Array) => Array.from(b.subarray(0, 2), (x) => x.toString(16).padStart(2, '0')).join(' ');
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One trace, pushed through in raw chunks of any size (the result does not depend on how the
 * bytes are cut). Call `finish` once, after the last chunk.
 */
export class TraceDecoder {
  private readonly fileName: string;
  private readonly options: ImportOptions;
  private readonly crc: Crc32;
  private resolved: string;
  private fatal: { code: string; message: string; hint?: TraceHint } | null = null;
  private result: ImportResult | null = null;

  /** Raw bytes pushed so far; the first few wait in `head` until gzip or not is decided. */
  private rawIn = 0;
  private head: Uint8Array | null = EMPTY;

  // gzip, with the member check. While a chunk is inflated, `chunk` holds its raw bytes from
  // offset `chunkBase` and `kept[0, keptLen)` the last raw bytes before it (from `keptBase`).
  private gunzip: Gunzip | null = null;
  private memberCrc = 0;
  private memberSize = 0;
  private kept = EMPTY;
  private keptLen = 0;
  private keptBase = 0;
  private chunk = EMPTY;
  private chunkBase = 0;
  /** Inflated bytes so far, and the caps. */
  private inflated = 0;
  private readonly maxInflated: number;
  private readonly maxRatio: number;

  private readonly tar: TarFirstFile | null;
  private readonly utf8 = new TextDecoder('utf-8');
  private text: string[] = [];
  private textChars = 0;
  private decodedAny = false;
  private importer: TraceImporter | null = null;
  /** Text before the importer starts (`auto`: until the format is sniffed). */
  private pending = '';

  constructor(setup: TraceDecoderSetup) {
    this.fileName = setup.fileName;
    this.resolved = setup.format;
    this.options = setup.options ?? {};
    this.crc = setup.crc32 ?? crc32;
    this.maxInflated = this.options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
    this.maxRatio = this.options.maxInflateRatio ?? DEFAULT_MAX_INFLATE_RATIO;
    this.tar = isTarName(this.fileName) ? new TarFirstFile((b) => this.decode(b)) : null;
  }

  /** True once the input is known to be unreadable: `finish` will report why, further chunks are ignored. */
  get failed(): boolean {
    return this.fatal !== null || (this.importer?.failed ?? false);
  }

  push(bytes: Uint8Array): void {
    if (this.failed || this.result || bytes.length === 0) return;
    this.rawIn += bytes.length;
    if (this.head) {
      // Gzip or not is decided on the first two bytes.
      const b = this.head.length ? concat(this.head, bytes) : bytes;
      if (b.length < 2) {
        this.head = b.slice();
        return;
      }
      this.start(b);
      return;
    }
    this.raw(bytes);
  }

  finish(): ImportResult {
    if (this.result) return this.result;
    // The importer stopped at a fatal problem: the rest of the input was not read; it reports.
    if (this.importer?.failed) return (this.result = this.importer.end());
    if (this.head?.length) this.start(this.head); // a 1-byte input
    if (this.gunzip && !this.fatal) {
      try {
        this.gunzip.push(EMPTY, true);
        this.checkInflated(this.rawIn);
        this.checkMember(this.rawIn);
      } catch (e) {
        this.fail('bad-compression', `gzip data is truncated or corrupt (got ${errorText(e)} at end of file)`);
      }
    }
    if (this.tar && !this.fatal) {
      const err = this.tar.finish();
      if (err) this.fail('bad-archive', err);
    }
    if (!this.fatal) {
      this.addText(this.utf8.decode());
      this.flushText();
    }
    if (!this.fatal && !this.decodedAny) {
      this.fail('empty-file', `trace file is empty (got ${this.rawIn} bytes${this.rawIn > 0 ? ', no text' : ''})`);
    }
    if (!this.fatal) this.startImporter();
    if (this.fatal || !this.importer) {
      this.result = failedResult(this.resolved, this.fatal?.code ?? 'unknown-format', this.fatal?.message ?? 'unrecognized trace format');
      if (this.fatal?.hint) this.result.fatal!.hint = this.fatal.hint;
    } else this.result = this.importer.end();
    return this.result;
  }

  private fail(code: string, message: string, hint?: TraceHint): void {
    if (!this.fatal) this.fatal = hint ? { code, message, hint } : { code, message };
  }

  /** The first bytes (at least two, or the whole input): gzip or not, then on through `raw`. */
  private start(b: Uint8Array): void {
    this.head = null;
    const gz = isGzip(b);
    if (/\.(gz|tgz)$/i.test(this.fileName) && !gz) {
      this.fail('bad-compression', `file name ends in .gz but the data is not gzip (got first bytes ${hex(b)})`);
      return;
    }
    if (gz) {
      this.gunzip = new Gunzip((d) => {
        if (this.fatal) return;
        this.inflated += d.length;
        if (d.length > 0) {
          this.memberCrc = this.crc(d, this.memberCrc);
          this.memberSize += d.length;
        }
        this.unpack(d);
      });
      this.gunzip.onmember = (offset) => {
        if (offset > 0) this.checkMember(offset);
      };
    }
    this.raw(b);
  }

  private raw(b: Uint8Array): void {
    const gunzip = this.gunzip;
    if (!gunzip) {
      this.unpack(b);
      return;
    }
    const base = this.rawIn - b.length;
    for (let off = 0; off < b.length && !this.failed; off += GUNZIP_STEP) {
      const piece = b.subarray(off, Math.min(b.length, off + GUNZIP_STEP));
      const end = base + off + piece.length;
      this.chunk = piece;
      this.chunkBase = base + off;
      try {
        gunzip.push(piece, false);
      } catch (e) {
        this.fail('bad-compression', `gzip data is corrupt (got ${errorText(e)} after ${end} bytes)`);
      }
      this.checkInflated(end);
      this.remember(piece, end);
    }
    this.chunk = EMPTY;
    this.chunkBase = this.rawIn;
  }

  /** The inflate caps, after `consumed` compressed bytes. */
  private checkInflated(consumed: number): void {
    const n = this.inflated;
    const got = `(got ${n} bytes from ${consumed} compressed bytes)`;
    if (n > this.maxInflated) {
      this.fail('inflate-limit', `gzip data inflates to more than ${sizeText(this.maxInflated)}, the limit maxInflatedBytes (raise it on the trace entry, or with fleetlab inspect --max-inflated-bytes) ${got}`);
    } else if (n > INFLATE_RATIO_AFTER_BYTES && n > this.maxRatio * consumed) {
      this.fail('inflate-limit', `gzip data inflates more than ${this.maxRatio}:1, the limit maxInflateRatio (a decompression bomb? raise it on the trace entry, or with fleetlab inspect --max-inflate-ratio) ${got}`);
    }
  }

  /** Keeps at least the last TRAILER_REACH raw bytes in `kept` (a buffer twice that size, compacted when full). */
  private remember(b: Uint8Array, end: number): void {
    if (this.kept.length === 0) this.kept = new Uint8Array(2 * TRAILER_REACH);
    if (b.length >= TRAILER_REACH) {
      this.kept.set(b.subarray(b.length - TRAILER_REACH));
      this.keptLen = TRAILER_REACH;
    } else {
      if (this.keptLen + b.length > this.kept.length) {
        const drop = this.keptLen - (TRAILER_REACH - b.length);
        this.kept.copyWithin(0, drop, this.keptLen);
        this.keptLen -= drop;
      }
      this.kept.set(b, this.keptLen);
      this.keptLen += b.length;
    }
    this.keptBase = end - this.keptLen;
  }

  /** The raw byte at offset `at`, if still at hand. */
  private rawByte(at: number): number | undefined {
    if (at >= this.chunkBase) return this.chunk[at - this.chunkBase];
    const i = at - this.keptBase;
    return i >= 0 && i < this.keptLen ? this.kept[i] : undefined;
  }

  /** Checks the trailer (CRC-32, then length mod 2^32, little-endian) of the member ending at raw offset `end`. */
  private checkMember(end: number): void {
    let crc = 0;
    let size = 0;
    let reachable = end >= 8;
    for (let k = 0; k < 4 && reachable; k++) {
      const c = this.rawByte(end - 8 + k);
      const s = this.rawByte(end - 4 + k);
      if (c === undefined || s === undefined) reachable = false;
      else {
        crc += c * 2 ** (8 * k);
        size += s * 2 ** (8 * k);
      }
    }
    // An unreachable trailer (a next-member header longer than TRAILER_REACH) goes unchecked.
    if (reachable && !this.fatal && (crc !== this.memberCrc >>> 0 || size !== this.memberSize % 2 ** 32)) {
      this.fail('bad-compression', `gzip data is corrupt: CRC-32 or length check failed for the member ending at byte ${end} (trailer crc ${crc.toString(16)} size ${size}, got crc ${(this.memberCrc >>> 0).toString(16)} size ${this.memberSize})`);
    }
    this.memberCrc = 0;
    this.memberSize = 0;
  }

  /** Decompressed bytes: through the tar reader for an archive name. */
  private unpack(b: Uint8Array): void {
    if (!this.tar) {
      this.decode(b);
      return;
    }
    this.tar.push(b);
    if (this.tar.error) this.fail('bad-archive', this.tar.error);
  }

  private decode(b: Uint8Array): void {
    if (this.fatal || b.length === 0) return;
    this.addText(this.utf8.decode(b, { stream: true }));
    if (this.textChars >= TEXT_BATCH_CHARS) this.flushText();
  }

  private addText(t: string): void {
    if (t.length === 0) return;
    this.text.push(t);
    this.textChars += t.length;
  }

  private flushText(): void {
    if (this.textChars === 0 || this.fatal) return;
    const t = this.text.length === 1 ? this.text[0]! : this.text.join('');
    this.text = [];
    this.textChars = 0;
    this.decodedAny = true;
    if (this.importer) {
      this.importer.push(t);
      return;
    }
    this.pending += t;
    if (this.pending.length >= SNIFF_CHARS) this.startImporter();
  }

  private startImporter(): void {
    if (this.importer || this.fatal) return;
    if (this.resolved === 'auto') {
      // An archive is sniffed as the table inside it; `.gz` is dropped by the sniffer itself.
      const s = sniffFormat(this.pending.slice(0, SNIFF_CHARS), this.fileName.replace(/\.(tar\.gz|tgz|tar)$/i, '.csv'));
      if ('error' in s) {
        this.fail('unknown-format', s.error, s.hint);
        return;
      }
      this.resolved = s.format;
    }
    const imp = createImporter(this.resolved, this.options);
    if ('error' in imp) {
      this.fail('unknown-format', imp.error);
      return;
    }
    this.importer = imp;
    const p = this.pending;
    this.pending = '';
    imp.push(p);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
