/**
 * The trace formats the app can read (every engine format, Parquet included; `.gz` and
 * single-file tar archives are unpacked on the way), for the preview's format picker. A test
 * keeps this list equal to the engine's registry, so the renderer does not have to bundle every
 * importer to show names.
 */
export interface TraceFormatOption {
  id: string;
  kind: 'jobs' | 'requests' | 'nodes';
  label: string;
}

export const TRACE_FORMATS: TraceFormatOption[] = [
  { id: 'csv', kind: 'jobs', label: 'Generic CSV (submit_time, duration, accelerators)' },
  { id: 'parquet', kind: 'jobs', label: 'Generic Parquet (same columns as CSV)' },
  { id: 'philly', kind: 'jobs', label: 'Microsoft Philly job list' },
  { id: 'swf', kind: 'jobs', label: 'Standard Workload Format (SWF)' },
  { id: 'helios', kind: 'jobs', label: 'SenseTime Helios cluster log' },
  { id: 'alibaba-openb-2023', kind: 'jobs', label: 'Alibaba openb pod list (2023)' },
  { id: 'alibaba-dlrm-2025', kind: 'jobs', label: 'Alibaba DLRM serving instances (2025)' },
  { id: 'alibaba-pai-2020', kind: 'jobs', label: 'Alibaba PAI task table (2020)' },
  { id: 'azure-llm-2023', kind: 'requests', label: 'Azure LLM inference (2023)' },
  { id: 'mooncake', kind: 'requests', label: 'Mooncake JSON Lines' },
  { id: 'alibaba-sd-2026', kind: 'requests', label: 'Alibaba Stable Diffusion serving (2026)' },
  { id: 'azure-functions-2021', kind: 'requests', label: 'Azure Functions invocations (2021)' },
  { id: 'alibaba-openb-nodes', kind: 'nodes', label: 'Alibaba openb node list' },
  { id: 'alibaba-pai-machines', kind: 'nodes', label: 'Alibaba PAI machine spec' },
  { id: 'philly-machines', kind: 'nodes', label: 'Microsoft Philly machine list' },
  { id: 'alibaba-spot-gpu-nodes', kind: 'nodes', label: 'Alibaba spot GPU node info' },
];

export const TRACE_KIND_LABELS: Record<TraceFormatOption['kind'], string> = { jobs: 'Batch jobs', requests: 'Inference requests', nodes: 'Fleet inventories' };
