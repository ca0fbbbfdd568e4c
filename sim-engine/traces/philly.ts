/**
 * Microsoft Philly processed job list (Pollux/Sia `philly.csv`):
 * `timestamp,duration,num_gpus,gpu_time,cluster` — timestamp `YYYY-MM-DD HH:MM:SS` (submit),
 * duration in seconds, GPUs, GPU-seconds (ignored), virtual cluster → tenant. Rows are not
 * sorted by time in the file; `applyTraceKnobs` sorts.
 */
import type { CsvRecord } from './csv-reader.js';
import { JobBuilder } from './builders.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, JobTable } from './types.js';
import { MAX_ACCELERATORS } from './util.js';

export class PhillyImporter extends HeaderCsv<JobTable> {
  private readonly b = new JobBuilder({ tenant: true }, this.options.rowSink, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'philly', required: ['timestamp', 'duration', 'num_gpus'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const submit = this.num(rec, 'timestamp', { time: true });
    if (submit === undefined) return;
    const dur = this.num(rec, 'duration', { min: 0 });
    if (dur === undefined) return;
    const gpus = this.num(rec, 'num_gpus', { min: 1, max: MAX_ACCELERATORS });
    if (gpus === undefined) return;
    const vc = this.str(rec, 'cluster');
    this.b.add(submit, dur, Math.ceil(gpus), vc === '' ? -1 : this.b.tenants.id(vc));
  }
  protected build() {
    return this.b.result();
  }
}
