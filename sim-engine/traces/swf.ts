/**
 * Standard Workload Format (Parallel Workloads Archive), incl. the extended variant with extra
 * trailing fields (Alea: node list, queue name, node spec). `;` lines are header comments:
 * `MaxNodes`, `MaxProcs`, `UnixStartTime`, `MaxJobs`, `MaxRecords` and `Partition: N name` are
 * kept in `meta`. Each job line has ≥ 18 whitespace-separated fields; -1 means unknown.
 *
 * submit = field 2, duration = run time (4), accelerators = allocated processors (5), else
 * requested (8); recorded wait = field 3 (NaN when -1). Tenant = the queue name of the extended
 * variant (field 20), else the partition (16, named from the header when it can be), else the
 * queue (15) — or, with `columns: { tenant: user | group }`, the user (12) or group (13) id,
 * for per-user fair share on logs without queues. Requested time = field 9 (NaN when -1).
 * Filtered (valid but unusable): unknown submit or run time (-1), unknown or zero processors.
 */
import { JobBuilder } from './builders.js';
import { LineReader } from './line-reader.js';
import type { ImportOptions, ImportResult, JobTable, TraceImporter } from './types.js';
import { Report, parseNumber, shown, toNumber, MAX_ACCELERATORS } from './util.js';

const NAMES = ['job id', 'submit time', 'wait time', 'run time', 'allocated processors', 'average CPU time', 'used memory', 'requested processors', 'requested time', 'requested memory', 'status', 'user id', 'group id', 'executable', 'queue', 'partition', 'preceding job', 'think time'];
/** Fields read from each job line (0-based). */
const NEEDED = [1, 2, 3, 4, 7, 11, 12, 14, 15];
/** What `columns.tenant` may name in an SWF log: the field a job's tenant comes from. */
export const SWF_TENANT_FIELDS = { user: 11, group: 12 } as const;
const NUMERIC_META = new Set(['maxnodes', 'maxprocs', 'unixstarttime', 'maxjobs', 'maxrecords', 'maxpartitions', 'maxqueues']);

export class SwfImporter implements TraceImporter<JobTable> {
  readonly format = 'swf';
  private readonly report: Report;
  private readonly reader: LineReader;
  private readonly b: JobBuilder;
  private readonly partitions = new Map<string, string>();
  private sawLine = false;

  /** Field the tenant comes from (`columns.tenant: user | group`), or -1 for queue / partition. */
  private readonly tenantField: number;

  constructor(options: ImportOptions = {}) {
    this.b = new JobBuilder({ tenant: true, recordedWait: true, requested: true }, options.rowSink, (message) => this.report.skip({ line: this.line, code: 'out-of-range', message }));
    this.report = new Report(options.maxIssues);
    this.reader = new LineReader((t, l) => this.onLine(t, l), (line, code, message) => this.report.setFatal({ line, code, message }));
    const t = options.columns?.tenant;
    this.tenantField = t === undefined ? -1 : (SWF_TENANT_FIELDS[t as keyof typeof SWF_TENANT_FIELDS] ?? -2);
    if (this.tenantField === -2) this.report.setFatal({ line: 0, code: 'bad-option', message: `columns.tenant of an SWF log must be ${Object.keys(SWF_TENANT_FIELDS).join(' or ')} (got ${JSON.stringify(t)})` });
  }

  /** Field offsets of the current line (reused: no per-line arrays). */
  private fs = new Int32Array(32);
  private fe = new Int32Array(32);
  private readonly v = new Float64Array(18);
  private readonly tenantIds = new Map<number, number>();

  /** The line being read (for rows the builder rejects). */
  private line = 0;

  private onLine(text: string, line: number): void {
    this.sawLine = true;
    this.line = line;
    const L = text.length;
    let i = 0;
    let c = text.charCodeAt(0);
    while (i < L && (c === 32 || c === 9)) c = text.charCodeAt(++i);
    if (c === 59) { this.headerComment(text.slice(i + 1).trim()); return; }
    let n = 0;
    while (i < L) {
      if (n === this.fs.length) {
        const a = new Int32Array(n * 2); a.set(this.fs); this.fs = a;
        const b = new Int32Array(n * 2); b.set(this.fe); this.fe = b;
      }
      this.fs[n] = i;
      while (i < L && c !== 32 && c !== 9) c = text.charCodeAt(++i);
      this.fe[n] = i;
      n++;
      while (i < L && (c === 32 || c === 9)) c = text.charCodeAt(++i);
    }
    if (n < 18) {
      this.report.skip({ line, code: 'too-few-fields', message: `SWF job line needs 18 fields (got ${n}: ${shown(text.trim())})` });
      return;
    }
    const v = this.v;
    for (const k of NEEDED) {
      const x = parseNumber(text, this.fs[k]!, this.fe[k]!);
      if (Number.isNaN(x)) {
        this.report.skip({ line, column: this.fs[k]! + 1, field: NAMES[k], code: 'bad-number', message: `${NAMES[k]} (field ${k + 1}) must be a number (got ${shown(text.slice(this.fs[k]!, this.fe[k]!))})` });
        return;
      }
      v[k] = x;
    }
    const submit = v[1]!;
    const wait = v[2]!;
    const run = v[3]!;
    for (let k = 1; k <= 3; k++) {
      const x = v[k]!;
      if (x < 0 && x !== -1) {
        this.report.skip({ line, column: this.fs[k]! + 1, field: NAMES[k], code: k === 3 ? 'negative-duration' : 'out-of-range', message: `${NAMES[k]} must be ≥ 0 or -1 for unknown (got ${text.slice(this.fs[k]!, this.fe[k]!)})` });
        return;
      }
    }
    if (submit === -1) { this.report.filter('unknown submit time (-1)'); return; }
    if (run === -1) { this.report.filter('unknown run time (-1)'); return; }
    const procs = v[4]! > 0 ? v[4]! : v[7]!;
    if (procs === -1 || procs < -1) { this.report.filter('unknown processors (-1)'); return; }
    if (procs === 0) { this.report.filter('zero processors'); return; }
    if (!(procs > 0) || procs > MAX_ACCELERATORS) {
      const k = v[4]! > 0 ? 4 : 7;
      this.report.skip({ line, column: this.fs[k]! + 1, field: NAMES[k], code: 'out-of-range', message: `${NAMES[k]} must be a count between 1 and ${MAX_ACCELERATORS} (got ${text.slice(this.fs[k]!, this.fe[k]!)})` });
      return;
    }
    let tenant = -1;
    if (this.tenantField >= 0) {
      const id = v[this.tenantField]!;
      if (id >= 0) {
        const key = id * 2 + (this.tenantField === 11 ? 0 : 1);
        let t = this.tenantIds.get(key);
        if (t === undefined) this.tenantIds.set(key, (t = this.b.tenants.id(`${this.tenantField === 11 ? 'user' : 'group'} ${id}`)));
        tenant = t;
      }
    } else if (n >= 20 && Number.isNaN(parseNumber(text, this.fs[19]!, this.fe[19]!))) {
      tenant = this.b.tenants.id(text.slice(this.fs[19]!, this.fe[19]!));
    } else if (v[15]! >= 0 || v[14]! >= 0) {
      // Partition (named from the header when possible), else queue; ids cached per number.
      const key = v[15]! >= 0 ? v[15]! : -1 - v[14]!;
      let id = this.tenantIds.get(key);
      if (id === undefined) {
        id = this.b.tenants.id(v[15]! >= 0 ? (this.partitions.get(String(v[15])) ?? `partition ${v[15]}`) : `queue ${v[14]}`);
        this.tenantIds.set(key, id);
      }
      tenant = id;
    }
    const requested = parseNumber(text, this.fs[8]!, this.fe[8]!);
    this.b.add(submit, run, Math.ceil(procs), tenant, -1, wait === -1 ? NaN : wait, requested > 0 ? requested : NaN);
  }

  private headerComment(c: string): void {
    const m = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(c);
    if (!m) return;
    const key = m[1]!;
    const value = m[2]!.trim();
    const lk = key.toLowerCase();
    if (lk === 'partition') {
      const p = /^(-?\d+)\s+(\S.*)$/.exec(value);
      if (p) this.partitions.set(String(Number(p[1])), p[2]!.trim());
      return;
    }
    if (NUMERIC_META.has(lk)) {
      const x = toNumber(value);
      if (!Number.isNaN(x)) this.report.meta[key] = x;
    } else if (lk === 'installation' || lk === 'computer' || lk === 'version') {
      this.report.meta[key] = value;
    }
  }

  push(chunk: string): void { this.reader.push(chunk); }
  get failed(): boolean { return this.report.fatal !== undefined; }

  end(): ImportResult<JobTable> {
    this.reader.end();
    if (!this.sawLine && !this.report.fatal) this.report.setFatal({ line: 0, code: 'empty-file', message: 'file has no lines (got 0)' });
    const { table, records, startS, endS } = this.b.result();
    return this.report.result(this.format, table, records, startS, endS);
  }
}
