/**
 * Streaming line splitter for line-oriented formats (SWF, JSON Lines): chunks of any size in,
 * one callback per non-blank line with its 1-based number. CR before LF is dropped. A line
 * over MAX_LINE_BYTES characters is fatal.
 */
import { MAX_LINE_BYTES } from './types.js';

export class LineReader {
  private rest = '';
  private lines = 0;
  private stopped = false;
  private first = true;
  constructor(
    private readonly onLine: (text: string, line: number) => void,
    private readonly onFatal: (line: number, code: string, message: string) => void,
  ) {}
  stop(): void { this.stopped = true; this.rest = ''; }
  push(chunk: string): void {
    if (this.stopped || chunk.length === 0) return;
    let buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    if (this.first) { if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1); this.first = false; }
    this.scan(buf, false);
  }
  end(): void {
    if (this.stopped) return;
    const b = this.rest;
    this.rest = '';
    if (b.length > 0) this.scan(b, true);
  }
  private scan(buf: string, final: boolean): void {
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      let nl = buf.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) {
          if (len - pos > MAX_LINE_BYTES) { this.onFatal(this.lines + 1, 'line-too-long', `line is longer than 1 MiB (got more than ${len - pos} characters)`); this.stop(); return; }
          break;
        }
        nl = len;
      }
      if (nl - pos > MAX_LINE_BYTES) { this.onFatal(this.lines + 1, 'line-too-long', `line is longer than 1 MiB (got ${nl - pos} characters)`); this.stop(); return; }
      this.lines++;
      let end = nl;
      if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
      let k = pos;
      while (k < end && buf.charCodeAt(k) <= 32) k++;
      if (k === end) { pos = nl + 1; continue; }
      const text = buf.slice(pos, end);
      pos = nl + 1;
      this.onLine(text, this.lines);
      if (this.stopped) return;
    }
    this.rest = pos < len ? buf.slice(pos) : '';
  }
}
