/**
 * Every real trace in ../shared/traces imports with records + skipped + filtered equal to the
 * row count its SOURCE.md gives, with the format detected by `auto`. Skips (with a printed
 * reason) when the shared folder is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import type { ImportOptions } from '../../sim-engine/traces/index.js';

const ROOT = resolve(__dirname, '../../../shared/traces');
const present = existsSync(ROOT);
if (!present) console.warn(`real-trace tests skipped: ${ROOT} is absent`);

interface Case { path: string; format: string; rows: number; records?: number; options?: ImportOptions; auto?: boolean }

export const REAL_TRACES: Case[] = [
  { path: 'philly/philly.csv', format: 'philly', rows: 82_247, records: 82_247 },
  { path: 'philly/cluster_machine_list', format: 'philly-machines', rows: 552, records: 552 },
  { path: 'alibaba-gpu-v2023-openb/openb_node_list_all_node.csv', format: 'alibaba-openb-nodes', rows: 1523, records: 1213 },
  { path: 'alibaba-gpu-v2023-openb/openb_node_list_gpu_node.csv', format: 'alibaba-openb-nodes', rows: 1213, records: 1213 },
  { path: 'alibaba-gpu-v2023-openb/openb_pod_list_default.csv', format: 'alibaba-openb-2023', rows: 8152 },
  { path: 'alibaba-gpu-v2023-openb/openb_pod_list_gpuspec33.csv', format: 'alibaba-openb-2023', rows: 8152 },
  { path: 'alibaba-gpu-v2020-pai/pai_machine_spec.tar.gz', format: 'alibaba-pai-machines', rows: 1897, records: 1897 - 83 },
  { path: 'alibaba-gpu-v2025-dlrm/disaggregated_DLRM_trace.csv', format: 'alibaba-dlrm-2025', rows: 23_871, records: 7386 },
  { path: 'alibaba-v2026-genai-sd-serving/lora_request_trace.csv', format: 'alibaba-sd-2026', rows: 26_823, records: 26_823 - 33 },
  { path: 'alibaba-v2026-spot-gpu-nodes/node_info_df.csv', format: 'alibaba-spot-gpu-nodes', rows: 4278, records: 4278 },
  { path: 'azure-functions-2021-head/Azure2021_200.csv', format: 'azure-functions-2021', rows: 199, records: 199 },
  { path: 'azure-llm-inference-2023/AzureLLMInferenceTrace_code.csv', format: 'azure-llm-2023', rows: 8819, records: 8819 },
  { path: 'azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv', format: 'azure-llm-2023', rows: 19_366, records: 19_366 },
  { path: 'mooncake-fast25/conversation_trace.jsonl', format: 'mooncake', rows: 12_031, records: 12_031 },
  { path: 'jsspp-cerit-sc-wagap-2013/wagap-2013.swf', format: 'swf', rows: 17_900 },
  { path: 'dost-asti-coare-saliksik-2020/DOST-ASTI_COARE-Saliksik-2020-cln.swf', format: 'swf', rows: 19_760 },
  { path: 'pwa-swf/NASA-iPSC-1993-3.1-cln.swf.gz', format: 'swf', rows: 18_239 },
  { path: 'pwa-swf/LCG.swf.gz', format: 'swf', rows: 188_041 },
  { path: 'pwa-swf/hpc2n.swf', format: 'swf', rows: 3170 },
  {
    path: 'helios-venus-slice-derived/helios_venus_2vc_sept.csv', format: 'csv', rows: 1867, records: 1867, auto: false,
    options: { columns: { submit: 'submit_time', duration: 'duration_s', accelerators: 'num_chips', tenant: 'tenant' }, timeUnitS: 1e-6, commentPrefix: '#' },
  },
];

describe.skipIf(!present)('real traces in ../shared/traces', () => {
  for (const c of REAL_TRACES) {
    it(`${c.path} → ${c.format}`, async () => {
      const r = await readTraceFile(join(ROOT, c.path), c.auto === false ? c.format : 'auto', c.options ?? {});
      expect(r.fatal).toBeUndefined();
      expect(r.format).toBe(c.format);
      expect(r.records + r.skipped + r.filtered).toBe(c.rows);
      if (c.records !== undefined) expect(r.records).toBe(c.records);
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }
});
