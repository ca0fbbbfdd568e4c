/**
 * A streaming CSV record reader tuned for the numeric hot path. Text arrives in chunks of any
 * size (a record may span chunks); each record is handed to a callback as field offsets into
 * the current buffer, so no per-field strings are allocated unless asked for.
 *
 * Fast path: a line with no `"` is split with `indexOf(delimiter)`. A line containing a quote
 * goes through a full RFC 4180 scanner (quoted delimiters, `""` escapes, newlines inside quotes).
 * Blank lines and comment lines are skipped. A physical line over MAX_LINE_BYTES characters
 * (or a quoted record that never ends within that size) is fatal, found as soon as that much text
 * without a newline has arrived.
 *
 * Cost: O(bytes); one string concatenation per chunk for the carried-over partial line.
 */
import { MAX_LINE_BYTES } from './types.js';
import { parseNumber, parseTime } from './util.js';

export interface CsvReaderOptions {
  delimiter?: string;
  commentPrefix?: string;
}

/** One record: fields are `buf[start[i], end[i])`, or `quoted[i]` when `start[i] === -1`. */
export class CsvRecord {
  buf = '';
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  quoted: string[] = [];

  ensure(k: number): void {
    if (k <= this.start.length) return;
    const s = new Int32Array(k * 2);
    s.set(this.start);
    this.start = s;
    const e = new Int32Array(k * 2);
    e.set(this.end);
    this.end = e;
  }
  /** Field `i` as a string (untrimmed); '' when absent. */
  field(i: number): string {
    if (i >= this.n) return '';
    const a = this.start[i]!;
    return a < 0 ? this.quoted[i]! : this.buf.slice(a, this.end[i]!);
  }
  /** True when field `i` is absent or blank. */
  isEmpty(i: number): boolean {
    if (i >= this.n) return true;
    const a = this.start[i]!;
    if (a < 0) return this.quoted[i]!.trim() === '';
    const b = this.end[i]!;
    for (let k = a; k < b; k++) if (this.buf.charCodeAt(k) !== 32) return false;
    return true;
  }
  /** Field `i` as a number; NaN when blank or not numeric. */
  num(i: number): number {
    if (i >= this.n) return NaN;
    const a = this.start[i]!;
    if (a < 0) { const q = this.quoted[i]!; return parseNumber(q, 0, q.length); }
    return parseNumber(this.buf, a, this.end[i]!);
  }
  /** Field `i` as a time in seconds: a number times `unit`, or a `YYYY-MM-DD HH:MM:SS` timestamp. */
  time(i: number, unit: number): number {
    if (i >= this.n) return NaN;
    const a = this.start[i]!;
    if (a < 0) { const q = this.quoted[i]!; return parseTime(q, 0, q.length, unit); }
    return parseTime(this.buf, a, this.end[i]!, unit);
  }
  /** Column (1-based) where field `i` starts in its line, when known. */
  column(i: number, lineStart: number): number | undefined {
    const a = i < this.n ? this.start[i]! : -1;
    return a < 0 ? undefined : a - lineStart + 1;
  }
}

export type RecordHandler = (rec: CsvRecord, line: number, lineStart: number) => void;
export type FatalHandler = (line: number, code: string, message: string) => void;

export class CsvReader {
  private rest = '';
  /** Number of physical lines fully consumed so far. */
  private lines = 0;
  private readonly delim: number;
  private readonly delimStr: string;
  private readonly comment: string;
  private readonly rec = new CsvRecord();
  private stopped = false;
  private first = true;

  constructor(
    private readonly onRecord: RecordHandler,
    private readonly onFatal: FatalHandler,
    private readonly onIssue: (line: number, code: string, message: string) => void,
    opts: CsvReaderOptions = {},
  ) {
    this.delimStr = opts.delimiter ?? ',';
    this.delim = this.delimStr.charCodeAt(0);
    this.comment = opts.commentPrefix ?? '';
  }

  /** Stops reading (after a fatal problem): further input is ignored. */
  stop(): void { this.stopped = true; this.rest = ''; }

  push(chunk: string): void {
    if (this.stopped || chunk.length === 0) return;
    let buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    if (this.first) {
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
      this.first = false;
    }
    this.scan(buf, false);
  }

  end(): void {
    if (this.stopped) return;
    const buf = this.rest;
    this.rest = '';
    if (buf.length > 0) this.scan(buf, true);
  }

  private scan(buf: string, final: boolean): void {
    const len = buf.length;
    const rec = this.rec;
    rec.buf = buf;
    const delim = this.delim;
    const delimStr = this.delimStr;
    const comment = this.comment;
    let pos = 0;
    let nextQuote = buf.indexOf('"');
    if (nextQuote < 0) nextQuote = len + 1;
    while (pos < len) {
      let nl = buf.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) {
          // Checked while scanning, not only when a newline arrives: a huge line without one
          // would otherwise be gathered whole.
          if (len - pos > MAX_LINE_BYTES) {
            this.onFatal(this.lines + 1, 'line-too-long', `line is longer than 1 MiB (got more than ${len - pos} characters)`);
            this.stop();
            return;
          }
          break;
        }
        nl = len;
      }
      if (nl - pos > MAX_LINE_BYTES) {
        this.onFatal(this.lines + 1, 'line-too-long', `line is longer than 1 MiB (got ${nl - pos} characters)`);
        this.stop();
        return;
      }
      let end = nl;
      if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
      if (end === pos || (comment.length > 0 && buf.startsWith(comment, pos))) {
        this.lines++;
        pos = nl + 1;
        continue;
      }
      if (nextQuote < pos) {
        nextQuote = buf.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = len + 1;
      }
      if (nextQuote >= end) {
        // Fast path: no quotes on this line.
        let n = 0;
        let a = pos;
        for (;;) {
          let d = buf.indexOf(delimStr, a);
          if (d < 0 || d > end) d = end;
          if (n >= rec.start.length) rec.ensure(n + 1);
          rec.start[n] = a;
          rec.end[n] = d;
          n++;
          if (d >= end) break;
          a = d + 1;
        }
        rec.n = n;
        this.lines++;
        // Whitespace-only lines count as blank.
        if (n === 1 && rec.isEmpty(0)) { pos = nl + 1; continue; }
        this.onRecord(rec, this.lines, pos);
        if (this.stopped) return;
        pos = nl + 1;
        continue;
      }
      // Slow path: a record with quotes, possibly spanning lines.
      const r = this.quotedRecord(buf, pos, delim, final);
      if (r < 0) {
        if (len - pos > MAX_LINE_BYTES) {
          this.onFatal(this.lines + 1, 'line-too-long', `quoted record is longer than 1 MiB (got ${len - pos} characters; unterminated quote?)`);
          this.stop();
          return;
        }
        break; // incomplete: wait for more text
      }
      const startLine = this.lines + 1;
      let newlines = 0;
      for (let k = buf.indexOf('\n', pos); k >= 0 && k < r; k = buf.indexOf('\n', k + 1)) newlines++;
      this.lines += newlines + (r > len || buf.charCodeAt(r - 1) !== 10 ? 1 : 0);
      if (this.quoteError) {
        this.onIssue(startLine, 'unterminated-quote', `quoted field is never closed (got ${JSON.stringify(buf.slice(pos, Math.min(pos + 40, len)))}...)`);
        this.quoteError = false;
      } else {
        this.onRecord(rec, startLine, pos);
        if (this.stopped) return;
      }
      rec.buf = buf;
      pos = r;
    }
    this.rest = pos < len ? buf.slice(pos) : '';
  }

  private quoteError = false;

  /**
   * Parses one record starting at `pos` with full quote handling. Returns the index just past
   * its terminating newline (or `len + 1` at end of input), or -1 if the record is incomplete.
   */
  private quotedRecord(buf: string, pos: number, delim: number, final: boolean): number {
    const rec = this.rec;
    const len = buf.length;
    let n = 0;
    let i = pos;
    for (;;) {
      if (n >= rec.start.length) rec.ensure(n + 1);
      if (i < len && buf.charCodeAt(i) === 34) {
        // Quoted field.
        let s = '';
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0) {
            if (!final) return -1;
            this.quoteError = true;
            return len + 1;
          }
          s += buf.slice(j, q);
          if (q + 1 < len && buf.charCodeAt(q + 1) === 34) { s += '"'; j = q + 2; continue; }
          if (q + 1 >= len && !final) return -1;
          i = q + 1;
          break;
        }
        // Text after the closing quote up to the delimiter is kept literally (lenient).
        let k = i;
        while (k < len) {
          const c = buf.charCodeAt(k);
          if (c === delim || c === 10 || c === 13) break;
          k++;
        }
        if (k > i) s += buf.slice(i, k);
        rec.start[n] = -1;
        rec.end[n] = -1;
        rec.quoted[n] = s;
        n++;
        i = k;
      } else {
        let k = i;
        while (k < len) {
          const c = buf.charCodeAt(k);
          if (c === delim || c === 10 || c === 13) break;
          k++;
        }
        rec.start[n] = i;
        rec.end[n] = k;
        n++;
        i = k;
      }
      if (i >= len) {
        if (!final) return -1;
        rec.n = n;
        return len + 1;
      }
      const c = buf.charCodeAt(i);
      if (c === delim) { i++; continue; }
      // End of record: \n or \r\n.
      if (c === 13) {
        if (i + 1 >= len && !final) return -1;
        if (i + 1 < len && buf.charCodeAt(i + 1) === 10) i++;
      }
      rec.n = n;
      return i + 1;
    }
  }
}
