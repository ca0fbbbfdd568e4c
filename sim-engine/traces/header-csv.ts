/**
 * Base class for importers of a named-column CSV format: header handling (or a documented
 * header for header-less files), required-column checks, field-count checks, and helpers that
 * read a validated number or skip the row with an issue. Subclasses implement `row` and `table`.
 */
import { CsvReader, type CsvRecord } from './csv-reader.js';
import type { ImportOptions, ImportResult, TraceImporter, TraceTable } from './types.js';
import { Report, shown } from './util.js';

export interface HeaderCsvSpec {
  format: string;
  /** Columns that must be present (lower case). */
  required: string[];
  /** Header to assume when the file has none (and the first row is not this header). */
  defaultHeader?: string[];
  commentPrefix?: string;
  delimiter?: string;
}

export abstract class HeaderCsv<T extends TraceTable> implements TraceImporter<T> {
  readonly format: string;
  protected readonly report: Report;
  protected readonly reader: CsvReader;
  protected header: string[] | null = null;
  /** Column index by lower-case name. */
  protected col: Record<string, number> = {};
  private ncols = 0;
  protected line = 0;
  protected lineStart = 0;
  /** For the row builders: skips the current row with an `out-of-range` issue. */
  protected readonly rowIssue = (message: string): void => this.report.skip({ line: this.line, code: 'out-of-range', message });

  constructor(protected readonly spec: HeaderCsvSpec, protected readonly options: ImportOptions = {}) {
    this.format = spec.format;
    this.report = new Report(options.maxIssues);
    this.reader = new CsvReader(
      (rec, line, ls) => this.onRecord(rec, line, ls),
      (line, code, message) => this.report.setFatal({ line, code, message }),
      (line, code, message) => this.report.skip({ line, code, message }),
      { delimiter: options.delimiter ?? spec.delimiter ?? ',', commentPrefix: options.commentPrefix ?? spec.commentPrefix ?? '' },
    );
    if (options.header) this.setHeader(options.header, 0);
  }

  private setHeader(h: string[], line: number): boolean {
    const norm = h.map((x) => x.trim().replace(/^\uFEFF/, '').toLowerCase());
    this.header = norm;
    this.ncols = norm.length;
    this.col = {};
    norm.forEach((n, i) => { if (this.col[n] === undefined) this.col[n] = i; });
    for (const r of this.spec.required) {
      if (this.col[r] === undefined) {
        this.report.setFatal({ line, code: 'missing-column', message: `missing required column ${shown(r)} for format ${this.format} (got header ${shown(h.join(','))})` });
        this.reader.stop();
        return false;
      }
    }
    return true;
  }

  private onRecord(rec: CsvRecord, line: number, ls: number): void {
    if (this.header === null) {
      const fields: string[] = [];
      for (let i = 0; i < rec.n; i++) fields.push(rec.field(i).trim().toLowerCase());
      const d = this.spec.defaultHeader;
      if (d && !d.every((n) => fields.includes(n))) {
        if (!this.setHeader(d, 0)) return;
        // fall through: this first record is data
      } else {
        this.setHeader(fields, line);
        return;
      }
    }
    this.line = line;
    this.lineStart = ls;
    if (rec.n !== this.ncols) {
      const few = rec.n < this.ncols;
      this.report.skip({
        line,
        column: few ? undefined : rec.column(this.ncols, ls),
        code: few ? 'too-few-fields' : 'too-many-fields',
        message: `row has ${rec.n} fields, header has ${this.ncols} (got ${shown(few ? rec.field(rec.n - 1) : rec.field(this.ncols))})`,
      });
      return;
    }
    this.row(rec);
  }

  /** Reads column `name` as a number; on a bad or (when required) missing value skips the row and returns undefined. Missing optional values give NaN. */
  protected num(rec: CsvRecord, name: string, opts: { required?: boolean; min?: number; max?: number; time?: boolean; unit?: number } = {}): number | undefined {
    const i = this.col[name]!;
    if (rec.isEmpty(i)) {
      if (opts.required === false) return NaN;
      this.skip(rec, name, 'missing-value', `${name} is required (got "")`);
      return undefined;
    }
    const v = opts.time ? rec.time(i, opts.unit ?? 1) : rec.num(i) * (opts.unit ?? 1);
    if (Number.isNaN(v)) {
      this.skip(rec, name, 'bad-number', `${name} must be a ${opts.time ? 'number or timestamp' : 'number'} (got ${shown(rec.field(i).trim())})`);
      return undefined;
    }
    if (opts.min !== undefined && v < opts.min) {
      this.skip(rec, name, name.includes('time') || name.includes('duration') ? 'negative-duration' : 'out-of-range', `${name} must be ≥ ${opts.min} (got ${rec.field(i).trim()})`);
      return undefined;
    }
    if (opts.max !== undefined && v > opts.max) {
      this.skip(rec, name, 'out-of-range', `${name} must be ≤ ${opts.max} (got ${rec.field(i).trim()})`);
      return undefined;
    }
    return v;
  }

  protected str(rec: CsvRecord, name: string): string {
    const i = this.col[name];
    return i === undefined ? '' : rec.field(i).trim();
  }

  protected has(name: string): boolean {
    return this.col[name] !== undefined;
  }

  protected skip(rec: CsvRecord, name: string, code: string, message: string): void {
    const i = this.col[name];
    this.report.skip({ line: this.line, column: i === undefined ? undefined : rec.column(i, this.lineStart), field: name, code, message });
  }

  protected abstract row(rec: CsvRecord): void;
  protected abstract build(): { table: T; records: number; startS: number | null; endS: number | null };

  push(chunk: string): void { this.reader.push(chunk); }
  get failed(): boolean { return this.report.fatal !== undefined; }

  end(): ImportResult<T> {
    this.reader.end();
    if (this.header === null && !this.report.fatal) this.report.setFatal({ line: 0, code: 'empty-file', message: 'file has no header row (got 0 lines)' });
    const b = this.build();
    return this.report.result(this.format, b.table, b.records, b.startS, b.endS);
  }
}
