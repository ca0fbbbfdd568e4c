/**
 * Mooncake (Kimi, FAST'25) JSON Lines request trace: one object per line with `timestamp`
 * (arrival, milliseconds — scaled by `timeUnitS`, default 1e-3), `input_length` and
 * `output_length` (tokens); `hash_ids` (prefix-cache blocks) is not used.
 */
import { RequestBuilder } from './builders.js';
import { LineReader } from './line-reader.js';
import type { ImportOptions, ImportResult, RequestTable, TraceImporter } from './types.js';
import { Report, shown } from './util.js';

export class MooncakeImporter implements TraceImporter<RequestTable> {
  readonly format = 'mooncake';
  private readonly report: Report;
  private readonly reader: LineReader;
  private line = 0;
  private readonly b = new RequestBuilder(false, (message) => this.report.skip({ line: this.line, code: 'out-of-range', message }));
  private readonly unit: number;
  private sawLine = false;

  constructor(options: ImportOptions = {}) {
    this.report = new Report(options.maxIssues);
    this.unit = options.timeUnitS ?? 1e-3;
    this.reader = new LineReader((t, l) => this.onLine(t, l), (line, code, message) => this.report.setFatal({ line, code, message }));
  }

  private onLine(text: string, line: number): void {
    this.sawLine = true;
    this.line = line;
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch {
      this.report.skip({ line, code: 'bad-json', message: `line is not valid JSON (got ${shown(text)})` });
      return;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      this.report.skip({ line, code: 'bad-json', message: `line must be a JSON object (got ${shown(text)})` });
      return;
    }
    const r = o as Record<string, unknown>;
    const vals: number[] = [];
    for (const k of ['timestamp', 'input_length', 'output_length']) {
      const x = r[k];
      if (x === undefined || x === null) { this.report.skip({ line, field: k, code: 'missing-value', message: `${k} is required (got ${x === null ? 'null' : 'nothing'})` }); return; }
      if (typeof x !== 'number' || !Number.isFinite(x)) { this.report.skip({ line, field: k, code: 'bad-number', message: `${k} must be a number (got ${shown(JSON.stringify(x) ?? String(x))})` }); return; }
      if (x < 0) { this.report.skip({ line, field: k, code: 'out-of-range', message: `${k} must be ≥ 0 (got ${x})` }); return; }
      vals.push(x);
    }
    this.b.add(vals[0]! * this.unit, vals[1]!, vals[2]!, NaN);
  }

  push(chunk: string): void { this.reader.push(chunk); }
  get failed(): boolean { return this.report.fatal !== undefined; }

  end(): ImportResult<RequestTable> {
    this.reader.end();
    if (!this.sawLine && !this.report.fatal) this.report.setFatal({ line: 0, code: 'empty-file', message: 'file has no lines (got 0)' });
    const b = this.b.build();
    return this.report.result(this.format, b.table, b.records, b.startS, b.endS);
  }
}
