/**
 * Generic batch-job CSV (`format: 'csv'`): a header row, then one job per row.
 * Default columns `submit_time,duration,accelerators` (seconds); `options.columns` maps roles
 * to other column names (case-insensitive), `timeUnitS` scales numeric times, and `end` may
 * replace `duration` (duration = end − submit). Submit times may also be
 * `YYYY-MM-DD HH:MM:SS` timestamps. Optional roles: `tenant`, `acceleratorType`, `priority`
 * (a number, higher first) and `requested` (the runtime the user asked for, in the time unit).
 *
 * Fractional accelerator counts are rounded up. Bad rows are skipped with an issue.
 * Cost: O(bytes), columns in growable typed arrays (or rows handed to `options.rowSink`).
 */
import { JobBuilder } from './builders.js';
import { CsvReader, type CsvRecord } from './csv-reader.js';
import type { ImportOptions, ImportResult, JobTable, TraceImporter } from './types.js';
import { MAX_ACCELERATORS, Report, shown } from './util.js';

type Role = 'submit' | 'duration' | 'accelerators' | 'tenant' | 'acceleratorType' | 'end' | 'priority' | 'requested';

export const DEFAULT_CSV_COLUMNS: Record<'submit' | 'duration' | 'accelerators', string> = {
  submit: 'submit_time',
  duration: 'duration',
  accelerators: 'accelerators',
};

/** Resolves role → column index from a header; reports the first missing required column. */
export function resolveColumns(
  header: string[],
  wanted: Partial<Record<string, string>>,
  required: string[],
): { idx: Record<string, number>; missing?: string } {
  const norm = header.map((h) => h.trim().replace(/^\uFEFF/, '').toLowerCase());
  const idx: Record<string, number> = {};
  for (const [role, name] of Object.entries(wanted)) {
    if (name === undefined) continue;
    const i = norm.indexOf(name.trim().toLowerCase());
    if (i >= 0) idx[role] = i;
  }
  for (const role of required) if (idx[role] === undefined) return { idx, missing: wanted[role] ?? role };
  return { idx };
}

export function headerFields(rec: CsvRecord): string[] {
  const out: string[] = [];
  for (let i = 0; i < rec.n; i++) out.push(rec.field(i));
  return out;
}

export class CsvImporter implements TraceImporter<JobTable> {
  readonly format = 'csv';
  private readonly report: Report;
  private readonly reader: CsvReader;
  private readonly unit: number;
  private readonly wanted: Partial<Record<Role, string>>;
  private header: string[] | null = null;
  private ncols = 0;
  private iSubmit = -1;
  private iDur = -1;
  private iEnd = -1;
  private iAcc = -1;
  private iTenant = -1;
  private iType = -1;
  private iPriority = -1;
  private iRequested = -1;
  private b: JobBuilder | null = null;
  private line = 0;
  private readonly rowIssue = (message: string): void => this.report.skip({ line: this.line, code: 'out-of-range', message });

  constructor(private readonly options: ImportOptions = {}) {
    this.report = new Report(options.maxIssues);
    this.unit = options.timeUnitS ?? 1;
    const cols = options.columns ?? {};
    this.wanted = { ...cols };
    if (this.wanted.submit === undefined) this.wanted.submit = DEFAULT_CSV_COLUMNS.submit;
    if (this.wanted.accelerators === undefined) this.wanted.accelerators = DEFAULT_CSV_COLUMNS.accelerators;
    if (this.wanted.duration === undefined && this.wanted.end === undefined) this.wanted.duration = DEFAULT_CSV_COLUMNS.duration;
    this.reader = new CsvReader(
      (rec, line, ls) => this.onRecord(rec, line, ls),
      (line, code, message) => this.report.setFatal({ line, code, message }),
      (line, code, message) => this.report.skip({ line, code, message }),
      { delimiter: options.delimiter ?? ',', commentPrefix: options.commentPrefix ?? '' },
    );
    if (options.header) this.setHeader(options.header, 0);
  }

  private setHeader(h: string[], line: number): void {
    this.header = h;
    this.ncols = h.length;
    const required: Role[] = ['submit', 'accelerators', this.wanted.duration !== undefined ? 'duration' : 'end'];
    const { idx, missing } = resolveColumns(h, this.wanted, required);
    if (missing !== undefined) {
      this.report.setFatal({ line, code: 'missing-column', message: `missing required column ${shown(missing)} (got header ${shown(h.join(','))})` });
      this.reader.stop();
      return;
    }
    this.iSubmit = idx.submit!;
    this.iAcc = idx.accelerators!;
    this.iDur = idx.duration ?? -1;
    this.iEnd = this.iDur < 0 ? (idx.end ?? -1) : -1;
    this.iTenant = idx.tenant ?? -1;
    this.iType = idx.acceleratorType ?? -1;
    this.iPriority = idx.priority ?? -1;
    this.iRequested = idx.requested ?? -1;
    this.b = new JobBuilder({ tenant: this.iTenant >= 0, acceleratorType: this.iType >= 0, priority: this.iPriority >= 0, requested: this.iRequested >= 0 }, this.options.rowSink, this.rowIssue);
  }

  private onRecord(rec: CsvRecord, line: number, ls: number): void {
    if (this.header === null) { this.setHeader(headerFields(rec), line); return; }
    const b = this.b!;
    const r = this.report;
    this.line = line;
    if (rec.n < this.ncols) {
      r.skip({ line, code: 'too-few-fields', message: `row has ${rec.n} fields, header has ${this.ncols} (got ${shown(rec.field(0))}${rec.n > 1 ? ',...' : ''})` });
      return;
    }
    if (rec.n > this.ncols) {
      r.skip({ line, column: rec.column(this.ncols, ls), code: 'too-many-fields', message: `row has ${rec.n} fields, header has ${this.ncols} (got ${shown(rec.field(this.ncols))})` });
      return;
    }
    const unit = this.unit;
    const submit = rec.time(this.iSubmit, unit);
    if (!Number.isFinite(submit)) { this.bad(rec, line, ls, this.iSubmit, 'submit'); return; }
    let dur: number;
    if (this.iDur >= 0) {
      dur = rec.num(this.iDur) * unit;
      if (Number.isNaN(dur)) { this.bad(rec, line, ls, this.iDur, 'duration'); return; }
    } else {
      const end = rec.time(this.iEnd, unit);
      if (Number.isNaN(end)) { this.bad(rec, line, ls, this.iEnd, 'end'); return; }
      dur = end - submit;
    }
    if (dur < 0) {
      const i = this.iDur >= 0 ? this.iDur : this.iEnd;
      r.skip({ line, column: rec.column(i, ls), field: this.header![i], code: 'negative-duration', message: `duration must be ≥ 0 (got ${this.iDur >= 0 ? rec.field(i).trim() : `end − submit = ${dur}`})` });
      return;
    }
    const accRaw = rec.num(this.iAcc);
    if (Number.isNaN(accRaw)) { this.bad(rec, line, ls, this.iAcc, 'accelerators'); return; }
    const acc = Math.ceil(accRaw);
    if (!(acc >= 1) || acc > MAX_ACCELERATORS) {
      r.skip({ line, column: rec.column(this.iAcc, ls), field: this.header![this.iAcc], code: acc >= 1 ? 'out-of-range' : 'bad-accelerators', message: `accelerators must be ${acc >= 1 ? `≤ ${MAX_ACCELERATORS}` : '≥ 1'} (got ${rec.field(this.iAcc).trim()})` });
      return;
    }
    let tenant = -1;
    if (this.iTenant >= 0) { const t = rec.field(this.iTenant).trim(); if (t !== '') tenant = b.tenants.id(t); }
    let type = -1;
    if (this.iType >= 0) { const t = rec.field(this.iType).trim(); if (t !== '') type = b.accTypes.id(t); }
    let priority = 0;
    if (this.iPriority >= 0 && !rec.isEmpty(this.iPriority)) {
      priority = rec.num(this.iPriority);
      if (!Number.isFinite(priority)) { this.bad(rec, line, ls, this.iPriority, 'priority'); return; }
    }
    let requested = NaN;
    if (this.iRequested >= 0 && !rec.isEmpty(this.iRequested)) {
      requested = rec.num(this.iRequested) * unit;
      if (!(requested >= 0)) { this.bad(rec, line, ls, this.iRequested, 'requested'); return; }
    }
    b.add(submit, dur, acc, tenant, type, NaN, requested, priority);
  }

  private bad(rec: CsvRecord, line: number, ls: number, i: number, role: string): void {
    const empty = rec.isEmpty(i);
    this.report.skip({
      line,
      column: rec.column(i, ls),
      field: this.header![i],
      code: empty ? 'missing-value' : 'bad-number',
      message: empty ? `${role} is required (got "")` : `${role} must be a number (got ${shown(rec.field(i).trim())})`,
    });
  }

  push(chunk: string): void { this.reader.push(chunk); }
  get failed(): boolean { return this.report.fatal !== undefined; }

  end(): ImportResult<JobTable> {
    this.reader.end();
    const r = this.report;
    if (this.header === null && !r.fatal) r.setFatal({ line: 0, code: 'empty-file', message: 'file has no header row (got 0 lines)' });
    const { table, records, startS, endS } = (this.b ?? new JobBuilder({}, undefined, this.rowIssue)).result();
    return r.result(this.format, table, records, startS, endS);
  }
}
