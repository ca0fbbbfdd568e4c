/**
 * The format registry: format id → importer factory, plus `sniffFormat` for `format: auto`.
 * Each format declares how to recognise its first lines; sniffing never guesses between two
 * formats — an ambiguous or unknown head is an error listing the candidates.
 */
import { AlibabaDlrmImporter } from './alibaba-dlrm.js';
import { AlibabaOpenbImporter } from './alibaba-openb.js';
import { AlibabaPaiImporter, PAI_TASK_COLUMNS } from './alibaba-pai.js';
import { CsvImporter } from './csv.js';
import { HeliosImporter } from './helios.js';
import { OpenbNodesImporter, PAI_MACHINE_COLUMNS, PaiMachinesImporter, PhillyMachinesImporter, SpotGpuNodesImporter } from './inventories.js';
import { MooncakeImporter } from './mooncake.js';
import { PhillyImporter } from './philly.js';
import { AlibabaSdImporter, AzureFunctionsImporter, AzureLlmImporter } from './requests-csv.js';
import { SwfImporter } from './swf.js';
import type { ImportOptions, TraceHint, TraceImporter, TraceKind } from './types.js';

export interface FormatInfo {
  id: string;
  kind: TraceKind;
  description: string;
  /** Header line (lower-cased, trimmed) or first lines; true when the head is this format. */
  sniff?: (head: SniffHead) => boolean;
  /** File-name hint (lower-cased base name, `.gz` removed); true when the name suggests this format. */
  name?: (fileName: string) => boolean;
  create: (options: ImportOptions) => TraceImporter;
}

export interface SniffHead {
  /** First non-blank, non-comment lines (up to 20), raw. */
  lines: string[];
  /** First non-blank line not starting with `#` or `;`, lower-cased, spaces around commas removed. */
  header: string;
  /** Column names of `header` split on `,`. */
  columns: string[];
  /** True when any of the first lines starts with `;` (SWF header comments). */
  semicolonComments: boolean;
}

const formats = new Map<string, FormatInfo>();

/** Adds a format; throws on a duplicate id (a programming error, not bad input). */
export function registerFormat(info: FormatInfo): void {
  if (formats.has(info.id)) throw new Error(`trace format registered twice: ${info.id}`);
  formats.set(info.id, info);
}

/** Formats in registration order. */
export function listFormats(): readonly FormatInfo[] {
  return [...formats.values()];
}

export function formatInfo(id: string): FormatInfo | undefined {
  return formats.get(id);
}

/**
 * Binary formats: no text importer (Parquet: `readParquet` in parquet.ts decodes the mapped
 * columns with hyparquet, then `jobsFromColumns`; both hosts route it there).
 */
export const BINARY_FORMATS: readonly string[] = ['parquet'];

/** Known format ids (plus `auto`, which the host resolves with `sniffFormat`). */
export function knownFormats(): string[] {
  return [...formats.keys(), ...BINARY_FORMATS];
}

/** Formats with a text importer (everything but the binary ones). */
export function textFormats(): string[] {
  return [...formats.keys()];
}

export function createImporter(format: string, options: ImportOptions = {}): TraceImporter | { error: string } {
  if (BINARY_FORMATS.includes(format)) return { error: `format ${format} is binary: read it through the host (readTraceFile), not as text (got ${JSON.stringify(format)})` };
  const f = formats.get(format);
  if (!f) {
    return { error: `unknown trace format (got ${JSON.stringify(format)}; known: auto, ${knownFormats().join(', ')})` };
  }
  return f.create(options);
}

/** Whether header `cols` contains every name in `names`. */
export function hasColumns(cols: string[], names: string[]): boolean {
  return names.every((n) => cols.includes(n));
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').toLowerCase().replace(/\.gz$/, '');
}

export function parseHead(head: string): SniffHead {
  const raw = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: string[] = [];
  let semicolonComments = false;
  let header = '';
  for (const l of raw) {
    if (l.trim() === '') continue;
    if (l.startsWith(';')) semicolonComments = true;
    if (header === '' && !l.startsWith('#') && !l.startsWith(';')) header = l.trim().toLowerCase().replace(/\s*,\s*/g, ',');
    if (lines.length < 20) lines.push(l);
  }
  const columns = header.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return { lines, header, columns, semicolonComments };
}

/**
 * Recognises a trace format from the first few KiB of text (and optionally the file name).
 * Content wins over the name; the name breaks ties and identifies header-less files.
 */
export function sniffFormat(head: string, fileName?: string): { format: string } | { error: string; candidates: string[]; hint: TraceHint } {
  const h = parseHead(head);
  const byContent = [...formats.values()].filter((f) => f.sniff?.(h));
  const name = fileName ? baseName(fileName) : '';
  const byName = name ? [...formats.values()].filter((f) => f.name?.(name)) : [];
  if (byContent.length === 1) return { format: byContent[0]!.id };
  if (byContent.length > 1) {
    const both = byContent.filter((f) => byName.includes(f));
    if (both.length === 1) return { format: both[0]!.id };
    const candidates = byContent.map((f) => f.id);
    return { error: `trace format is ambiguous (got candidates ${candidates.join(', ')})`, candidates, hint: { kind: 'choose-format', formats: candidates, ambiguous: true } };
  }
  if (byName.length === 1) return { format: byName[0]!.id };
  const first = h.lines[0] ?? '';
  return {
    error: `unrecognized trace format (got first line ${JSON.stringify(first.length > 80 ? `${first.slice(0, 77)}...` : first)})`,
    candidates: byName.map((f) => f.id),
    hint: { kind: 'choose-format', formats: knownFormats(), ambiguous: false },
  };
}

registerFormat({
  id: 'csv',
  kind: 'jobs',
  description: 'Generic batch CSV: submit_time,duration,accelerators in seconds (column mapping, time unit and comment prefix configurable)',
  sniff: (h) => hasColumns(h.columns, ['submit_time', 'duration', 'accelerators']),
  create: (o) => new CsvImporter(o),
});

registerFormat({
  id: 'philly',
  kind: 'jobs',
  description: 'Microsoft Philly processed job list (timestamp,duration,num_gpus,gpu_time,cluster)',
  sniff: (h) => hasColumns(h.columns, ['timestamp', 'duration', 'num_gpus']),
  create: (o) => new PhillyImporter(o),
});

registerFormat({
  id: 'swf',
  kind: 'jobs',
  description: 'Standard Workload Format (Parallel Workloads Archive), incl. extended variants',
  sniff: (h) => h.semicolonComments || (h.lines.length > 0 && h.lines.slice(0, 5).every((l) => /^\s*-?\d+(\.\d+)?(\s+-?\d+(\.\d+)?){17}(\s|$)/.test(l))),
  name: (n) => /\.swf$/.test(n),
  create: (o) => new SwfImporter(o),
});

registerFormat({
  id: 'alibaba-openb-2023',
  kind: 'jobs',
  description: 'Alibaba cluster-trace-gpu-v2023 pod list (openb_pod_list_*.csv)',
  sniff: (h) => hasColumns(h.columns, ['num_gpu', 'gpu_milli', 'creation_time', 'scheduled_time']),
  create: (o) => new AlibabaOpenbImporter(o),
});

registerFormat({
  id: 'helios',
  kind: 'jobs',
  description: 'SenseTime Helios cluster_log.csv (HeliosData schema)',
  sniff: (h) => hasColumns(h.columns, ['vc', 'gpu_num', 'submit_time', 'duration']),
  create: (o) => new HeliosImporter(o),
});

registerFormat({
  id: 'alibaba-dlrm-2025',
  kind: 'jobs',
  description: 'Alibaba cluster-trace-gpu-v2025 disaggregated DLRM serving instances',
  sniff: (h) => hasColumns(h.columns, ['instance_sn', 'role', 'app_name', 'gpu_request']),
  create: (o) => new AlibabaDlrmImporter(o),
});

registerFormat({
  id: 'alibaba-pai-2020',
  kind: 'jobs',
  description: 'Alibaba cluster-trace-gpu-v2020 (PAI) pai_task_table (header-less; documented columns assumed)',
  sniff: (h) => h.header === PAI_TASK_COLUMNS.join(','),
  name: (n) => n.startsWith('pai_task_table'),
  create: (o) => new AlibabaPaiImporter(o),
});

registerFormat({
  id: 'azure-llm-2023',
  kind: 'requests',
  description: 'Azure LLM inference trace 2023 (TIMESTAMP,ContextTokens,GeneratedTokens)',
  sniff: (h) => hasColumns(h.columns, ['timestamp', 'contexttokens', 'generatedtokens']),
  create: (o) => new AzureLlmImporter(o),
});

registerFormat({
  id: 'mooncake',
  kind: 'requests',
  description: 'Mooncake FAST\'25 JSON Lines request trace (timestamp ms, input_length, output_length)',
  sniff: (h) => (h.lines[0] ?? '').trimStart().startsWith('{') && /"input_length"/.test(h.lines[0] ?? '') && /"timestamp"/.test(h.lines[0] ?? ''),
  name: (n) => /\.jsonl$/.test(n),
  create: (o) => new MooncakeImporter(o),
});

registerFormat({
  id: 'alibaba-sd-2026',
  kind: 'requests',
  description: 'Alibaba cluster-trace-v2026-GenAI Stable Diffusion / LoRA serving requests',
  sniff: (h) => hasColumns(h.columns, ['gmt_create', 'exec_time_seconds', 'prompt_length']),
  create: (o) => new AlibabaSdImporter(o),
});

registerFormat({
  id: 'azure-functions-2021',
  kind: 'requests',
  description: 'Azure Functions invocation trace 2021 (app,func,end_timestamp,duration)',
  sniff: (h) => hasColumns(h.columns, ['app', 'func', 'end_timestamp', 'duration']),
  create: (o) => new AzureFunctionsImporter(o),
});

registerFormat({
  id: 'alibaba-openb-nodes',
  kind: 'nodes',
  description: 'Alibaba cluster-trace-gpu-v2023 node list (sn,cpu_milli,memory_mib,gpu,model)',
  sniff: (h) => hasColumns(h.columns, ['sn', 'cpu_milli', 'gpu', 'model']),
  create: (o) => new OpenbNodesImporter(o),
});

registerFormat({
  id: 'alibaba-pai-machines',
  kind: 'nodes',
  description: 'Alibaba PAI pai_machine_spec (machine,gpu_type,cap_cpu,cap_mem,cap_gpu; header-less, .tar.gz as published)',
  sniff: (h) => h.header === PAI_MACHINE_COLUMNS.join(','),
  name: (n) => n.startsWith('pai_machine_spec'),
  create: (o) => new PaiMachinesImporter(o),
});

registerFormat({
  id: 'philly-machines',
  kind: 'nodes',
  description: 'Microsoft Philly cluster_machine_list (machineId, number of GPUs, single GPU mem)',
  sniff: (h) => hasColumns(h.columns, ['machineid', 'number of gpus', 'single gpu mem']),
  create: (o) => new PhillyMachinesImporter(o),
});

registerFormat({
  id: 'alibaba-spot-gpu-nodes',
  kind: 'nodes',
  description: 'Alibaba cluster-trace-v2026-spot-gpu node_info_df.csv (gpu_model,gpu_capacity_num,cpu_num,node_name)',
  sniff: (h) => hasColumns(h.columns, ['gpu_model', 'gpu_capacity_num']),
  create: (o) => new SpotGpuNodesImporter(o),
});
