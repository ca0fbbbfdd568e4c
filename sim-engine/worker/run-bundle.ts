/**
 * The engine side of the app's worker, host-neutral: validate a scenario, import the
 * traces it names from bytes, run its policies in slices (yielding between them so the
 * worker stays responsive), and build the same files the CLI writes.
 */
import { Gunzip } from 'fflate';
import { loadScenario } from '../scenario/loader.js';
import { prepareTrace, traceImportOptions, traceWorkloads } from '../scenario/prepare.js';
import { collect, createSimulation, RunFailed } from '../run.js';
import { createImporter, sniffFormat } from '../traces/index.js';
import type { ImportResult, JobTable } from '../traces/types.js';
import { jobsCsvChunks, joinChunks, resultsJsonText, seriesCsvChunks } from '../report/files.js';
import { FLEETLAB_VERSION } from '../version.js';
import type { ResultsJson, RunResult } from '../metrics/types.js';
import type { CheckOutcome, EngineProgress, RunOutcome, RunRequest } from './types.js';

export interface HostServices {
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** Yield to the host event loop between slices. */
  yieldNow(): Promise<void>;
  now(): number;
}

export function checkScenario(text: string, fileName: string): CheckOutcome {
  const loaded = loadScenario(text, fileName);
  if (!loaded.ok) return { ok: false, problems: loaded.issues };
  return { ok: true, name: loaded.scenario.name, policies: loaded.scenario.policies.map((p) => p.name), tracePaths: traceWorkloads(loaded.scenario).map((t) => t.spec.path) };
}

/** Import a trace from raw bytes (gzip detected by magic number). Never throws on bad data. */
export function importTraceBytes(bytes: Uint8Array, format: string, fileName: string, options: Parameters<typeof createImporter>[1]): ImportResult | { fatal: string } {
  let text: string;
  try {
    const isGz = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    const decoder = new TextDecoder('utf-8');
    if (isGz) {
      const parts: string[] = [];
      let ended = false;
      const gz = new Gunzip((chunk, final) => {
        parts.push(decoder.decode(chunk, { stream: !final }));
        if (final) ended = true;
      });
      gz.push(bytes, true);
      if (!ended) return { fatal: 'gzip data is truncated' };
      text = parts.join('');
    } else text = decoder.decode(bytes);
  } catch (e) {
    return { fatal: `cannot decompress: ${e instanceof Error ? e.message : String(e)}` };
  }
  let resolved = format;
  if (format === 'auto') {
    const s = sniffFormat(text.slice(0, 65536), fileName.replace(/\.gz$/i, ''));
    if ('error' in s) return { fatal: s.error };
    resolved = s.format;
  }
  const imp = createImporter(resolved, options);
  if ('error' in imp) return { fatal: imp.error };
  imp.push(text);
  return imp.end();
}

export async function runBundle(request: RunRequest, host: HostServices, onProgress?: (p: EngineProgress) => void): Promise<RunOutcome> {
  const file = request.fileName;
  const loaded = loadScenario(request.text, file);
  if (!loaded.ok) return { ok: false, problems: loaded.issues, message: `${file} has ${loaded.issues.length} problem(s)` };
  const scenario = loaded.scenario;
  const seed = request.seed ?? scenario.seed;
  const warnings: string[] = [];
  const problem = (line: number, message: string): RunOutcome => ({ ok: false, problems: [{ file, line, column: 1, path: '', message }], message });

  const traces = new Map<number, JobTable>();
  const traceInfo: ResultsJson['traces'] = [];
  for (const { index, spec } of traceWorkloads(scenario)) {
    const input = request.traces?.find((t) => t.path === spec.path);
    if (!input) return problem(1, `workload[${index}] needs the trace ${spec.path}: open it together with the scenario`);
    const imported = importTraceBytes(input.bytes, spec.format, spec.path, traceImportOptions(spec));
    if ('fatal' in imported && typeof imported.fatal === 'string') return problem(1, `${spec.path}: ${imported.fatal}`);
    const result = imported as ImportResult;
    if (result.fatal) return problem(1, `${spec.path}:${result.fatal.line}: ${result.fatal.message}`);
    for (const iss of result.issues) warnings.push(`${spec.path}:${iss.line}: ${iss.message}`);
    if (result.issueCount > 0 && spec.strict) return problem(1, `${spec.path}: ${result.issueCount} row issue(s) and strict: true`);
    const prepared = prepareTrace(spec, result);
    if (!prepared.ok) return problem(1, `workload[${index}] (${spec.path}): ${prepared.message}`);
    traces.set(index, prepared.table);
    traceInfo.push({ path: spec.path, sha256: await host.sha256Hex(input.bytes), records: result.records });
  }

  const indexes = scenario.policies.map((_, i) => i).filter((i) => !request.policies || request.policies.includes(scenario.policies[i]!.name));
  const runs: RunResult[] = [];
  for (let n = 0; n < indexes.length; n++) {
    const pi = indexes[n]!;
    const name = scenario.policies[pi]!.name;
    const sim = createSimulation(scenario, pi, seed, traces);
    let last = host.now();
    while (!sim.runFor(20_000)) {
      if (host.now() - last > 30) {
        onProgress?.({ policyIndex: n, policy: name, policies: indexes.length, fraction: (n + sim.progress()) / indexes.length, simTimeS: sim.now, events: sim.events });
        await host.yieldNow();
        last = host.now();
      }
    }
    if (sim.failure) {
      const e = new RunFailed(sim.failure);
      return problem(1, e.message);
    }
    runs.push(collect(sim, scenario, pi, seed));
    onProgress?.({ policyIndex: n, policy: name, policies: indexes.length, fraction: (n + 1) / indexes.length, simTimeS: sim.now, events: sim.events });
  }
  const results: ResultsJson = {
    fleetlab: FLEETLAB_VERSION,
    scenario: { name: scenario.name, sha256: await host.sha256Hex(new TextEncoder().encode(request.text)) },
    seed,
    traces: traceInfo,
    runs: runs.map((r) => ({ policy: r.policy, summary: r.summary })),
  };
  return {
    ok: true,
    bundle: {
      results,
      runs,
      files: { 'results.json': resultsJsonText(results), 'series.csv': joinChunks(seriesCsvChunks(runs)), 'jobs.csv': joinChunks(jobsCsvChunks(runs)) },
      warnings,
    },
  };
}
