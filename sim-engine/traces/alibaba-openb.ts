/**
 * Alibaba cluster-trace-gpu-v2023 ("openb") pod list:
 * `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time`
 * (seconds). Accelerators = `num_gpu`, a GPU-sharing pod (`gpu_milli` < 1000) rounded up to one
 * whole GPU; `gpu_spec` (allowed models, `|`-separated) → accelerator type (catalog ids where
 * known); submit = creation; duration = deletion − scheduled; recorded wait = scheduled − creation.
 * Filtered: CPU-only pods and pods never scheduled (Pending, no run time).
 */
import type { CsvRecord } from './csv-reader.js';
import { JobBuilder } from './builders.js';
import { mapModelList } from './gpu-models.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, JobTable } from './types.js';
import { MAX_ACCELERATORS } from './util.js';

export class AlibabaOpenbImporter extends HeaderCsv<JobTable> {
  private readonly b = new JobBuilder({ acceleratorType: true, recordedWait: true, tenant: true }, this.options.rowSink, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'alibaba-openb-2023', required: ['num_gpu', 'gpu_milli', 'creation_time', 'deletion_time', 'scheduled_time'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const numGpu = this.num(rec, 'num_gpu', { min: 0, max: MAX_ACCELERATORS });
    if (numGpu === undefined) return;
    const milli = this.num(rec, 'gpu_milli', { min: 0, required: false });
    if (milli === undefined) return;
    const created = this.num(rec, 'creation_time', { min: 0 });
    if (created === undefined) return;
    const deleted = this.num(rec, 'deletion_time', { required: false });
    if (deleted === undefined) return;
    const sched = this.num(rec, 'scheduled_time', { required: false });
    if (sched === undefined) return;
    if (milli > 1000) { this.skip(rec, 'gpu_milli', 'out-of-range', `gpu_milli must be ≤ 1000 (got ${milli})`); return; }
    if (numGpu === 0) { this.report.filter('cpu-only pod (num_gpu = 0)'); return; }
    if (Number.isNaN(sched)) { this.report.filter('never scheduled (no scheduled_time)'); return; }
    if (Number.isNaN(deleted)) { this.skip(rec, 'deletion_time', 'missing-value', 'deletion_time is required for a scheduled pod (got "")'); return; }
    if (deleted < sched) { this.skip(rec, 'deletion_time', 'negative-duration', `deletion_time must be ≥ scheduled_time ${sched} (got ${deleted})`); return; }
    if (sched < created) { this.skip(rec, 'scheduled_time', 'out-of-range', `scheduled_time must be ≥ creation_time ${created} (got ${sched})`); return; }
    const spec = this.str(rec, 'gpu_spec');
    const qos = this.str(rec, 'qos');
    this.b.add(created, deleted - sched, Math.ceil(numGpu), qos === '' ? -1 : this.b.tenants.id(qos), spec === '' ? -1 : this.b.accTypes.id(mapModelList(spec)), sched - created);
  }
  protected build() {
    return this.b.result();
  }
}
