/**
 * Fleet inventories → NodeInventory (nodes grouped into pools by GPU model and GPUs per node;
 * model names mapped to catalog ids by gpu-models.ts, unknown ones kept with `catalogId: null`).
 *
 * - `alibaba-openb-nodes`: `sn,cpu_milli,memory_mib,gpu,model`; CPU-only nodes filtered.
 * - `alibaba-pai-machines`: `machine,gpu_type,cap_cpu,cap_mem,cap_gpu` (header in a separate
 *   file; assumed when absent); CPU machines (`gpu_type` CPU or `cap_gpu` 0) filtered.
 * - `philly-machines`: `machineId, number of GPUs, single GPU mem` — Philly does not name the GPU
 *   model, so the model is `philly-<mem>` (e.g. `philly-24GB`), catalog id null.
 * - `alibaba-spot-gpu-nodes`: `gpu_model,gpu_capacity_num,cpu_num,node_name`.
 */
import { NodeBuilder } from './builders.js';
import type { CsvRecord } from './csv-reader.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, NodeInventory } from './types.js';

abstract class InventoryCsv extends HeaderCsv<NodeInventory> {
  protected readonly b = new NodeBuilder();
  protected addNode(rec: CsvRecord, modelCol: string, gpuCol: string, modelPrefix = ''): void {
    const gpus = this.num(rec, gpuCol, { required: false, min: 0 });
    if (gpus === undefined) return;
    const model = this.str(rec, modelCol);
    if (Number.isNaN(gpus) || gpus === 0 || model === '' || model.toUpperCase() === 'CPU') { this.report.filter('cpu-only node'); return; }
    if (!Number.isInteger(gpus)) { this.skip(rec, gpuCol, 'bad-number', `${gpuCol} must be a whole number (got ${gpus})`); return; }
    this.b.add(modelPrefix + model, gpus);
  }
  protected build() { return this.b.build(); }
}

export class OpenbNodesImporter extends InventoryCsv {
  constructor(options: ImportOptions = {}) { super({ format: 'alibaba-openb-nodes', required: ['sn', 'gpu', 'model'] }, options); }
  protected row(rec: CsvRecord): void { this.addNode(rec, 'model', 'gpu'); }
}

export const PAI_MACHINE_COLUMNS = ['machine', 'gpu_type', 'cap_cpu', 'cap_mem', 'cap_gpu'];

export class PaiMachinesImporter extends InventoryCsv {
  constructor(options: ImportOptions = {}) { super({ format: 'alibaba-pai-machines', required: ['gpu_type', 'cap_gpu'], defaultHeader: PAI_MACHINE_COLUMNS }, options); }
  protected row(rec: CsvRecord): void { this.addNode(rec, 'gpu_type', 'cap_gpu'); }
}

export class PhillyMachinesImporter extends InventoryCsv {
  constructor(options: ImportOptions = {}) { super({ format: 'philly-machines', required: ['machineid', 'number of gpus', 'single gpu mem'] }, options); }
  protected row(rec: CsvRecord): void { this.addNode(rec, 'single gpu mem', 'number of gpus', 'philly-'); }
}

export class SpotGpuNodesImporter extends InventoryCsv {
  constructor(options: ImportOptions = {}) { super({ format: 'alibaba-spot-gpu-nodes', required: ['gpu_model', 'gpu_capacity_num'] }, options); }
  protected row(rec: CsvRecord): void { this.addNode(rec, 'gpu_model', 'gpu_capacity_num'); }
}
