/**
 * Alibaba cluster-trace-gpu-v2025 (GPU-disaggregated DLRM serving), one row per long-running
 * inference instance: `instance_sn,role,app_name,cpu_request,...,gpu_request,...,creation_time,scheduled_time,deletion_time`
 * (seconds from trace start). Each GPU instance becomes a batch job holding `ceil(gpu_request)`
 * GPUs from scheduling to deletion: submit = creation (0 when it existed before the trace:
 * blank creation), duration = deletion − scheduled, running to the last time seen in the trace
 * when deletion is blank. Tenant = `app_name`; recorded wait = scheduled − creation.
 * Filtered: CPU-only instances (`gpu_request` = 0, role CN).
 */
import type { CsvRecord } from './csv-reader.js';
import { JobBuilder } from './builders.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, JobTable } from './types.js';
import { MAX_ACCELERATORS, MAX_TIME_S } from './util.js';

export class AlibabaDlrmImporter extends HeaderCsv<JobTable> {
  private readonly b = new JobBuilder({ tenant: true, recordedWait: true }, this.options.rowSink, this.rowIssue);
  /** Row indexes whose deletion is unknown, with their start times. */
  private readonly open: number[] = [];
  private readonly openStart: number[] = [];
  private lastSeen = 0;
  constructor(options: ImportOptions = {}) {
    super({ format: 'alibaba-dlrm-2025', required: ['app_name', 'gpu_request', 'creation_time', 'scheduled_time', 'deletion_time'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const gpu = this.num(rec, 'gpu_request', { min: 0, max: MAX_ACCELERATORS });
    if (gpu === undefined) return;
    const created = this.num(rec, 'creation_time', { required: false, min: 0 });
    if (created === undefined) return;
    const sched = this.num(rec, 'scheduled_time', { required: false, min: 0 });
    if (sched === undefined) return;
    const deleted = this.num(rec, 'deletion_time', { required: false, min: 0 });
    if (deleted === undefined) return;
    for (const t of [created, sched, deleted]) if (t > this.lastSeen && t <= MAX_TIME_S) this.lastSeen = t;
    if (gpu === 0) { this.report.filter('cpu-only instance (gpu_request = 0)'); return; }
    const submit = Number.isNaN(created) ? 0 : created;
    const start = Number.isNaN(sched) ? submit : sched;
    if (start < submit) { this.skip(rec, 'scheduled_time', 'out-of-range', `scheduled_time must be ≥ creation_time ${created} (got ${sched})`); return; }
    if (!Number.isNaN(deleted) && deleted < start) { this.skip(rec, 'deletion_time', 'negative-duration', `deletion_time must be ≥ scheduled_time ${start} (got ${deleted})`); return; }
    const app = this.str(rec, 'app_name');
    const wait = Number.isNaN(created) || Number.isNaN(sched) ? NaN : sched - created;
    const row = this.b.length;
    if (!this.b.add(submit, Number.isNaN(deleted) ? 0 : deleted - start, Math.ceil(gpu), app === '' ? -1 : this.b.tenants.id(app), -1, wait)) return;
    if (Number.isNaN(deleted)) { this.open.push(row); this.openStart.push(start); }
  }
  protected build() {
    const r = this.b.result();
    if (this.open.length > 0) this.b.rewritten(`${this.open.length} open jobs get their durations at the end of the file`);
    for (let k = 0; k < this.open.length; k++) r.table.durationS[this.open[k]!] = this.lastSeen - this.openStart[k]!;
    return r;
  }
}
