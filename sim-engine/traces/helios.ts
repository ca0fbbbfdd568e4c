/**
 * SenseTime Helios `cluster_log.csv` (HeliosData README schema):
 * `job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration,queue`
 * — times `YYYY-MM-DD HH:MM:SS`, `duration` (end − start) and `queue` (start − submit) in seconds.
 * CPU-only jobs (`gpu_num` = 0; over half the log) are filtered. Tenant = `vc`. Recorded wait =
 * `queue` (or start − submit when `queue` is blank).
 */
import type { CsvRecord } from './csv-reader.js';
import { JobBuilder } from './builders.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, JobTable } from './types.js';
import { MAX_ACCELERATORS } from './util.js';

export const HELIOS_COLUMNS = ['job_id', 'user', 'vc', 'gpu_num', 'cpu_num', 'node_num', 'state', 'submit_time', 'start_time', 'end_time', 'duration', 'queue'];

export class HeliosImporter extends HeaderCsv<JobTable> {
  private readonly b = new JobBuilder({ tenant: true, recordedWait: true }, this.options.rowSink, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'helios', required: ['vc', 'gpu_num', 'submit_time', 'duration'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const submit = this.num(rec, 'submit_time', { time: true });
    if (submit === undefined) return;
    const dur = this.num(rec, 'duration', { min: 0 });
    if (dur === undefined) return;
    const gpus = this.num(rec, 'gpu_num', { min: 0, max: MAX_ACCELERATORS });
    if (gpus === undefined) return;
    let wait = NaN;
    if (this.has('queue')) {
      const q = this.num(rec, 'queue', { required: false, min: 0 });
      if (q === undefined) return;
      wait = q;
    }
    if (Number.isNaN(wait) && this.has('start_time')) {
      const st = this.num(rec, 'start_time', { required: false, time: true });
      if (st === undefined) return;
      wait = st - submit;
    }
    if (gpus === 0) { this.report.filter('cpu-only job (gpu_num = 0)'); return; }
    const vc = this.str(rec, 'vc');
    this.b.add(submit, dur, Math.ceil(gpus), vc === '' ? -1 : this.b.tenants.id(vc), -1, wait);
  }
  protected build() {
    return this.b.result();
  }
}
