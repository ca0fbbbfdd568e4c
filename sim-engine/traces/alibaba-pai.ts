/**
 * Alibaba cluster-trace-gpu-v2020 (PAI, NSDI'22) task table `pai_task_table.csv`, documented
 * schema `job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type`
 * (the published CSV has no header row; the header is assumed unless the first row is one).
 * One task → one job: submit = start_time, duration = end_time − start_time (seconds),
 * accelerators = ceil(inst_num × plan_gpu / 100) (`plan_gpu` is percent of one GPU per
 * instance), accelerator type = `gpu_type` (catalog id where known). The task table records
 * no queueing, so there is no recorded wait. Filtered: CPU-only tasks (blank or 0 `plan_gpu`),
 * and tasks that never ran or never ended (blank start or end time, e.g. Waiting/Running).
 */
import type { CsvRecord } from './csv-reader.js';
import { JobBuilder } from './builders.js';
import { catalogIdFor } from './gpu-models.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, JobTable } from './types.js';
import { MAX_ACCELERATORS } from './util.js';

export const PAI_TASK_COLUMNS = ['job_name', 'task_name', 'inst_num', 'status', 'start_time', 'end_time', 'plan_cpu', 'plan_mem', 'plan_gpu', 'gpu_type'];

export class AlibabaPaiImporter extends HeaderCsv<JobTable> {
  private readonly b = new JobBuilder({ acceleratorType: true }, this.options.rowSink, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'alibaba-pai-2020', required: ['inst_num', 'start_time', 'end_time', 'plan_gpu', 'gpu_type'], defaultHeader: PAI_TASK_COLUMNS }, options);
  }
  protected row(rec: CsvRecord): void {
    const inst = this.num(rec, 'inst_num', { required: false, min: 0 });
    if (inst === undefined) return;
    const planGpu = this.num(rec, 'plan_gpu', { required: false, min: 0 });
    if (planGpu === undefined) return;
    const start = this.num(rec, 'start_time', { required: false, min: 0 });
    if (start === undefined) return;
    const end = this.num(rec, 'end_time', { required: false, min: 0 });
    if (end === undefined) return;
    if (Number.isNaN(planGpu) || planGpu === 0) { this.report.filter('cpu-only task (plan_gpu blank or 0)'); return; }
    if (Number.isNaN(start) || start === 0) { this.report.filter('never started (no start_time)'); return; }
    if (Number.isNaN(end) || end === 0) { this.report.filter('never ended (no end_time)'); return; }
    if (end < start) { this.skip(rec, 'end_time', 'negative-duration', `end_time must be ≥ start_time ${start} (got ${end})`); return; }
    const n = Number.isNaN(inst) || inst === 0 ? 1 : inst;
    const type = this.str(rec, 'gpu_type');
    const acc = Math.ceil((n * planGpu) / 100 - 1e-9);
    if (acc > MAX_ACCELERATORS) { this.skip(rec, 'plan_gpu', 'out-of-range', `inst_num × plan_gpu / 100 must be ≤ ${MAX_ACCELERATORS} accelerators (got ${acc})`); return; }
    this.b.add(start, end - start, Math.max(1, acc), -1, type === '' || type === 'MISC' ? -1 : this.b.accTypes.id(catalogIdFor(type) ?? type));
  }
  protected build() {
    return this.b.result();
  }
}
