/**
 * Request-trace CSV formats → RequestTable.
 *
 * - `azure-llm-2023` (Azure LLM inference / Splitwise): `TIMESTAMP,ContextTokens,GeneratedTokens`,
 *   timestamp `YYYY-MM-DD HH:MM:SS.fffffff`; no service time.
 * - `alibaba-sd-2026` (Stable Diffusion / LoRA serving): `gmt_create,...,exec_time_seconds,...,prompt_length,...,num_images_per_prompt,num_inference_steps,checkpoint_model_version_id,num_lora`.
 *   Diffusion requests have no tokens: inputTokens = `prompt_length` (characters), outputTokens =
 *   `num_images_per_prompt`, service time = `exec_time_seconds`, model = `checkpoint_model_version_id`.
 *   Filtered: requests not finished (`predict_status` PENDING / PROCESSING).
 * - `azure-functions-2021` (invocations): `app,func,end_timestamp,duration`; arrival =
 *   end − duration, service time = duration, no tokens (NaN), model = `app`.
 */
import type { CsvRecord } from './csv-reader.js';
import { RequestBuilder } from './builders.js';
import { HeaderCsv } from './header-csv.js';
import type { ImportOptions, RequestTable } from './types.js';

export class AzureLlmImporter extends HeaderCsv<RequestTable> {
  private readonly b = new RequestBuilder(false, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'azure-llm-2023', required: ['timestamp', 'contexttokens', 'generatedtokens'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const t = this.num(rec, 'timestamp', { time: true });
    if (t === undefined) return;
    const inTok = this.num(rec, 'contexttokens', { min: 0 });
    if (inTok === undefined) return;
    const outTok = this.num(rec, 'generatedtokens', { min: 0 });
    if (outTok === undefined) return;
    this.b.add(t, inTok, outTok, NaN);
  }
  protected build() { return this.b.build(); }
}

export class AlibabaSdImporter extends HeaderCsv<RequestTable> {
  private readonly b = new RequestBuilder(true, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'alibaba-sd-2026', required: ['gmt_create', 'exec_time_seconds', 'prompt_length', 'num_images_per_prompt'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const t = this.num(rec, 'gmt_create', { time: true });
    if (t === undefined) return;
    const exec = this.num(rec, 'exec_time_seconds', { required: false, min: 0 });
    if (exec === undefined) return;
    const prompt = this.num(rec, 'prompt_length', { required: false, min: 0 });
    if (prompt === undefined) return;
    const images = this.num(rec, 'num_images_per_prompt', { required: false, min: 0 });
    if (images === undefined) return;
    const status = this.str(rec, 'predict_status').toUpperCase();
    if (status === 'PENDING' || status === 'PROCESSING') { this.report.filter(`not finished (predict_status ${status})`); return; }
    const m = this.str(rec, 'checkpoint_model_version_id');
    this.b.add(t, prompt, Number.isNaN(images) ? 1 : images, exec, m === '' ? -1 : this.b.models.id(m));
  }
  protected build() { return this.b.build(); }
}

export class AzureFunctionsImporter extends HeaderCsv<RequestTable> {
  private readonly b = new RequestBuilder(true, this.rowIssue);
  constructor(options: ImportOptions = {}) {
    super({ format: 'azure-functions-2021', required: ['app', 'end_timestamp', 'duration'] }, options);
  }
  protected row(rec: CsvRecord): void {
    const end = this.num(rec, 'end_timestamp');
    if (end === undefined) return;
    const dur = this.num(rec, 'duration', { min: 0 });
    if (dur === undefined) return;
    const app = this.str(rec, 'app');
    this.b.add(end - dur, NaN, NaN, dur, app === '' ? -1 : this.b.models.id(app));
  }
  protected build() { return this.b.build(); }
}
