/**
 * Batch jobs from already-decoded columns (the generic `parquet` format: the host decodes the
 * file with hyparquet and hands over the mapped columns). Same roles, defaults and validation as
 * the generic CSV importer; issue `line` is the 1-based row number. Values may be numbers,
 * bigints, numeric or timestamp strings, Dates, or null (missing).
 */
import { JobBuilder } from './builders.js';
import { DEFAULT_CSV_COLUMNS } from './csv.js';
import type { ImportOptions, ImportResult, JobTable } from './types.js';
import { Report, parseNumber, parseTime, shown } from './util.js';

export type ColumnRole = 'submit' | 'duration' | 'accelerators' | 'tenant' | 'acceleratorType' | 'end';

/** Role → column name for the generic formats (defaults `submit_time,duration,accelerators`). */
export function wantedColumns(options: ImportOptions): Partial<Record<ColumnRole, string>> {
  const w: Partial<Record<ColumnRole, string>> = { ...(options.columns ?? {}) };
  if (w.submit === undefined) w.submit = DEFAULT_CSV_COLUMNS.submit;
  if (w.accelerators === undefined) w.accelerators = DEFAULT_CSV_COLUMNS.accelerators;
  if (w.duration === undefined && w.end === undefined) w.duration = DEFAULT_CSV_COLUMNS.duration;
  return w;
}

export function requiredRoles(w: Partial<Record<ColumnRole, string>>): ColumnRole[] {
  return ['submit', 'accelerators', w.duration !== undefined ? 'duration' : 'end'];
}

function value(v: unknown, unit: number, time: boolean): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return Number.isFinite(v) ? v * unit : NaN;
  if (typeof v === 'bigint') return Number(v) * unit;
  if (v instanceof Date) return time ? v.getTime() / 1000 : NaN;
  if (typeof v === 'string') return time ? parseTime(v, 0, v.length, unit) : parseNumber(v, 0, v.length) * unit;
  return NaN;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : String(v);
}

/**
 * Builds a JobTable from columns keyed by role. `length` is the row count; `names` gives the
 * file's column name per role (for messages).
 */
export function jobsFromColumns(
  format: string,
  cols: Partial<Record<ColumnRole, ArrayLike<unknown>>>,
  length: number,
  names: Partial<Record<ColumnRole, string>>,
  options: ImportOptions = {},
): ImportResult<JobTable> {
  const report = new Report(options.maxIssues);
  const unit = options.timeUnitS ?? 1;
  let row = 0;
  const b = new JobBuilder({ tenant: cols.tenant !== undefined, acceleratorType: cols.acceleratorType !== undefined }, undefined, (message) => report.skip({ line: row + 1, code: 'out-of-range', message }));
  const bad = (row: number, role: ColumnRole, v: unknown, code: string, msg: string) =>
    report.skip({ line: row + 1, field: names[role], code, message: `${msg} (got ${typeof v === 'string' ? shown(v) : String(v)})` });
  for (let i = 0; i < length; i++) {
    row = i;
    const sv = cols.submit![i];
    const submit = value(sv, unit, true);
    if (Number.isNaN(submit)) { bad(i, 'submit', sv, sv == null ? 'missing-value' : 'bad-number', 'submit must be a number or timestamp'); continue; }
    let dur: number;
    if (cols.duration) {
      const dv = cols.duration[i];
      dur = value(dv, unit, false);
      if (Number.isNaN(dur)) { bad(i, 'duration', dv, dv == null ? 'missing-value' : 'bad-number', 'duration must be a number'); continue; }
      if (dur < 0) { bad(i, 'duration', dv, 'negative-duration', 'duration must be ≥ 0'); continue; }
    } else {
      const ev = cols.end![i];
      const end = value(ev, unit, true);
      if (Number.isNaN(end)) { bad(i, 'end', ev, ev == null ? 'missing-value' : 'bad-number', 'end must be a number or timestamp'); continue; }
      dur = end - submit;
      if (dur < 0) { bad(i, 'end', ev, 'negative-duration', `duration must be ≥ 0: end is before submit ${submit}`); continue; }
    }
    const av = cols.accelerators![i];
    const accRaw = value(av, 1, false);
    if (Number.isNaN(accRaw)) { bad(i, 'accelerators', av, av == null ? 'missing-value' : 'bad-number', 'accelerators must be a number'); continue; }
    const acc = Math.ceil(accRaw);
    if (!(acc >= 1)) { bad(i, 'accelerators', av, 'bad-accelerators', 'accelerators must be ≥ 1'); continue; }
    const t = cols.tenant ? text(cols.tenant[i]).trim() : '';
    const a = cols.acceleratorType ? text(cols.acceleratorType[i]).trim() : '';
    b.add(submit, dur, acc, t === '' ? -1 : b.tenants.id(t), a === '' ? -1 : b.accTypes.id(a));
  }
  const { table, records, startS, endS } = b.result();
  return report.result(format, table, records, startS, endS);
}
