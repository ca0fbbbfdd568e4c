/**
 * Streams a single-file tar archive (ustar), passing through the data of its first regular
 * file; later members are counted in `extraFiles` and ignored. Platform-neutral: the CLI feeds
 * it file chunks, the app's worker feeds it bytes in memory. Never throws on bad data: a broken
 * archive sets `error` (and `finish()` reports truncation), each message ending with the value.
 */
export class TarFirstFile {
  private header = new Uint8Array(512);
  private headerFill = 0;
  private remaining = 0;
  private pad = 0;
  private inFirst = false;
  private doneFirst = false;
  fileName = '';
  extraFiles = 0;
  sawHeader = false;
  error: string | null = null;

  constructor(private readonly out: (b: Uint8Array) => void) {}

  push(b: Uint8Array): void {
    let i = 0;
    while (i < b.length && !this.error) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, b.length - i);
        if (this.inFirst) this.out(b.subarray(i, i + n));
        this.remaining -= n;
        i += n;
        if (this.remaining === 0) this.inFirst = false;
        continue;
      }
      if (this.pad > 0) {
        const n = Math.min(this.pad, b.length - i);
        this.pad -= n;
        i += n;
        continue;
      }
      const n = Math.min(512 - this.headerFill, b.length - i);
      this.header.set(b.subarray(i, i + n), this.headerFill);
      this.headerFill += n;
      i += n;
      if (this.headerFill < 512) break;
      this.headerFill = 0;
      this.onHeader();
    }
  }

  private onHeader(): void {
    const h = this.header;
    if (h.every((x) => x === 0)) return; // end-of-archive blocks
    const magic = latin1(h.subarray(257, 262));
    if (magic !== 'ustar') { this.error = `not a tar archive (got header magic ${JSON.stringify(magic)})`; return; }
    this.sawHeader = true;
    const name = latin1(h.subarray(0, 100)).replace(/\0.*$/s, '');
    const sizeText = latin1(h.subarray(124, 136)).replace(/\0.*$/s, '').trim();
    const size = parseInt(sizeText, 8);
    if (!Number.isFinite(size) || size < 0) { this.error = `bad tar member size (got ${JSON.stringify(sizeText)})`; return; }
    const type = String.fromCharCode(h[156]!);
    const regular = type === '0' || type === '\0';
    const base = name.split('/').pop() ?? name;
    if (regular && !this.doneFirst && !base.startsWith('._')) {
      this.inFirst = true;
      this.doneFirst = true;
      this.fileName = name;
    } else if (regular) {
      this.extraFiles++;
    }
    this.remaining = size;
    this.pad = (512 - (size % 512)) % 512;
    if (size === 0) this.inFirst = false;
  }

  finish(): string | null {
    if (this.error) return this.error;
    if (this.remaining > 0 || this.headerFill > 0) return `tar archive is truncated (got ${this.remaining} bytes missing in ${JSON.stringify(this.fileName)})`;
    if (!this.sawHeader) return 'tar archive holds no file (got 0 members)';
    return null;
  }
}

/** Header fields are ASCII (names in messages only; the engine has no TextDecoder). */
function latin1(b: Uint8Array): string {
  return String.fromCharCode(...b);
}

export function isTarName(p: string): boolean {
  return /\.(tar|tar\.gz|tgz)$/i.test(p);
}
