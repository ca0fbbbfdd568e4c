/**
 * Streamed trace replay (issue 11, README "Large runs"): a trace in submit order replayed from its
 * file gives the same results.json, series.csv, jobs.csv and decisions.csv, byte for byte, and the
 * same row-issue lines, as the same trace kept as a table. `streamTraceRows: 0` forces streaming
 * on small real traces; each case also checks that the trace really was streamed (or, where it
 * cannot be, that it was read again into a table).
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { BadInput, runCommand } from '../../sim-engine/cli/run-command.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { traceImportOptions, traceScanKnobs } from '../../sim-engine/scenario/prepare.js';
import type { TraceWorkloadSpec } from '../../sim-engine/scenario/schema.js';

const ROOT = resolve(__dirname, '../..');
const NASA = join(ROOT, 'scenarios/traces/NASA-iPSC-1993-3.1-cln.swf.gz');
const PHILLY = join(ROOT, 'scenarios/traces/philly-2017-10-02-week.csv');
const SHARED = resolve(ROOT, '../shared/traces');
const dir = mkdtempSync(join(tmpdir(), 'fleetlab-stream-traces-'));
/** Philly's week as a generic CSV in submit order, with an accelerator-type column (and gzipped). */
const SORTED_CSV = join(dir, 'philly-sorted.csv');
const SORTED_GZ = join(dir, 'philly-sorted.csv.gz');

beforeAll(async () => {
  const r = await readTraceFile(PHILLY, 'philly', {});
  const t = r.table;
  if (t.kind !== 'jobs') throw new Error('philly: not jobs');
  const order = Array.from({ length: t.length }, (_, i) => i).sort((a, b) => t.submitS[a]! - t.submitS[b]! || a - b);
  const lines = ['submit_time,duration,accelerators,tenant,gpu'];
  for (const i of order) {
    const tenant = t.tenant![i]! >= 0 ? t.tenants![t.tenant![i]!] : '';
    lines.push(`${t.submitS[i]},${t.durationS[i]},${t.accelerators[i]},${tenant},${t.accelerators[i]! >= 8 ? 'P40' : i % 3 === 0 ? 'K80' : ''}`);
  }
  // One bad row, reported the same way by both reads.
  lines.splice(40, 0, `${t.submitS[order[39]!]},-5,1,x,K80`);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(SORTED_CSV, text);
  writeFileSync(SORTED_GZ, gzipSync(Buffer.from(text)));
});

const FLEET = `fleet:
  pools:
    - { name: p40, accelerator: nvidia-p40-24gb, perNode: 8, initial: 12, min: 2, max: 40, provisioning: 5m }
    - { name: k80, accelerator: nvidia-k80, perNode: 2, initial: 20, max: 40, provisioning: 5m }
policies:
  - { name: fixed, autoscaler: { kind: static } }
  - { name: reactive, autoscaler: { kind: reactive, scaleUpAfterWait: 15m, scaleDownAfterIdle: 1h, tick: 60s } }
`;

function scenarioText(trace: string, horizon = '10d'): string {
  return `name: streamed
seed: 5
horizon: ${horizon}
sampleEvery: 1h
workload:
  - kind: trace
    path: ${JSON.stringify(trace.split('\n')[0])}
${trace.split('\n').slice(1).map((l) => `    ${l}`).join('\n')}
${FLEET}`;
}

interface RunOut { files: Record<string, string>; stderr: string; code: number }

async function run(scenario: string, streamTraceRows: number | undefined, extra: { replications?: number } = {}): Promise<RunOut> {
  const out = mkdtempSync(join(dir, 'out-'));
  const path = join(out, 'scenario.yaml');
  writeFileSync(path, scenario);
  let stderr = '';
  let code: number;
  try {
    code = await runCommand(path, { out: out, quiet: true, json: true, ...(streamTraceRows === undefined ? {} : { streamTraceRows }), ...extra }, { stdout: () => {}, stderr: (s) => void (stderr += s) });
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    return { files: {}, stderr: e.lines.join('\n'), code: 2 };
  }
  const files: Record<string, string> = {};
  for (const f of ['results.json', 'series.csv', 'jobs.csv', 'decisions.csv']) files[f] = readFileSync(join(out, f), 'utf8');
  return { files, stderr: stderr.replaceAll(out, 'OUT'), code };
}

/** Whether the CLI's reader streams the scenario's trace when forced (pass 1 with keepUpTo 0). */
async function streams(scenario: string): Promise<boolean> {
  const loaded = loadScenario(scenario, 'scenario.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const spec = loaded.scenario.workload[0] as TraceWorkloadSpec;
  const r = await readTraceFile(spec.path, spec.format, traceImportOptions(spec), undefined, { knobs: traceScanKnobs(spec), keepUpTo: 0 });
  return r.streamed !== undefined;
}

async function expectSame(scenario: string, opts: { replications?: number; streamed?: boolean; stderr?: RegExp } = {}): Promise<void> {
  expect(await streams(scenario)).toBe(opts.streamed ?? true);
  const extra = opts.replications ? { replications: opts.replications } : {};
  const mem = await run(scenario, undefined, extra);
  const str = await run(scenario, 0, extra);
  expect(mem.code).toBe(0);
  expect(str.code).toBe(0);
  expect(str.stderr).toBe(mem.stderr);
  if (opts.stderr) expect(mem.stderr).toMatch(opts.stderr);
  for (const f of Object.keys(mem.files)) expect(str.files[f], f).toBe(mem.files[f]);
  expect(mem.files['jobs.csv']!.split('\n').length).toBeGreaterThan(10);
}

describe('streamed replay equals the in-memory one (committed traces)', () => {
  const swf = (knobs = '') => `${NASA}\nformat: swf${knobs ? `\n${knobs}` : ''}`;
  const csv = (knobs = '', path = SORTED_CSV) => `${path}\nformat: csv\ncolumns: { tenant: tenant, acceleratorType: gpu }${knobs ? `\n${knobs}` : ''}`;

  test('NASA SWF (gzip), two policies, three replications', async () => {
    await expectSame(scenarioText(swf(), '20d'), { replications: 3 });
  }, 120_000);
  test('NASA SWF, from/to window, timeScale, measuredOn, drained', async () => {
    await expectSame(scenarioText(swf('from: 3d\nto: 12d\ntimeScale: 1.5\nmeasuredOn: nvidia-p40-24gb'), 'drain'));
  }, 120_000);
  test('NASA SWF, loadScale 2.5', async () => {
    await expectSame(scenarioText(swf('loadScale: 2.5'), '6d'));
  }, 120_000);
  test('NASA SWF, loadScale 0.4', async () => {
    await expectSame(scenarioText(swf('loadScale: 0.4'), '20d'));
  }, 120_000);
  test('sorted Philly CSV: tenant filter, acceleratorMap, a bad row reported the same', async () => {
    await expectSame(scenarioText(csv('filter: { tenant: [\'6214e9\', \'11cb48\', \'6c71a0\'] }\nacceleratorMap: { P40: nvidia-p40-24gb, K80: nvidia-k80 }'), '5d'), { stderr: /philly-sorted\.csv:41:\d+: duration must be ≥ 0 \(got -5\)/ });
  }, 120_000);
  test('sorted Philly CSV (gzip): window, timeScale, loadScale 1.7, two replications', async () => {
    await expectSame(scenarioText(csv('from: 1d\nto: 5d\ntimeScale: 0.8\nloadScale: 1.7\nacceleratorMap: { P40: nvidia-p40-24gb, K80: nvidia-k80 }', SORTED_GZ), '3d'), { replications: 2 });
  }, 120_000);
  test('Philly (not in submit order): read again into a table, same outputs', async () => {
    await expectSame(scenarioText(`${PHILLY}\nformat: philly\nmeasuredOn: nvidia-p40-24gb`), { streamed: false });
  }, 120_000);
});

describe('streamed replay equals the in-memory one (../shared/traces)', () => {
  const cases: { name: string; file: string; trace: string; horizon: string; streamed?: boolean }[] = [
    { name: 'Alibaba openb pods (accelerator types, recorded waits)', file: 'alibaba-gpu-v2023-openb/openb_pod_list_default.csv', trace: 'format: alibaba-openb-2023\nfilter: { tenant: [LS, BE] }\ntimeScale: 0.1\ncompareRecorded: true', horizon: '20d' },
    { name: 'CERIT-SC wagap SWF (row issues), window and filter', file: 'jsspp-cerit-sc-wagap-2013/wagap-2013.swf', trace: 'format: swf\nfrom: 2d\nto: 20d\nfilter: { tenant: [q_1d, q_2h, q_4h] }', horizon: '25d' },
    { name: 'DOST-ASTI SWF, loadScale 0.5', file: 'dost-asti-coare-saliksik-2020/DOST-ASTI_COARE-Saliksik-2020-cln.swf', trace: 'format: swf\nloadScale: 0.5\nfilter: { tenant: [gpu, debug] }', horizon: '15d' },
    { name: 'HPC2N SWF', file: 'pwa-swf/hpc2n.swf', trace: 'format: swf\ntimeScale: 2', horizon: '20d' },
    { name: 'Alibaba DLRM (open jobs rewritten at the end): read again', file: 'alibaba-gpu-v2025-dlrm/disaggregated_DLRM_trace.csv', trace: 'format: alibaba-dlrm-2025', horizon: '5d', streamed: false },
  ];
  for (const c of cases) {
    const path = join(SHARED, c.file);
    const present = existsSync(path);
    if (!present) console.log(`streamed-traces: skipping "${c.name}": ${path} is not present`);
    test.skipIf(!present)(c.name, async () => {
      await expectSame(scenarioText(`${path}\n${c.trace}`, c.horizon), c.streamed === false ? { streamed: false } : {});
    }, 120_000);
  }
});

describe('a trace file that changes during a streamed run', () => {
  test('stops the run: exit 2 with PATH:1: the file changed ...', async () => {
    const path = join(dir, 'growing.csv');
    const rows = ['submit_time,duration,accelerators'];
    for (let i = 0; i < 300_000; i++) rows.push(`${i * 10},${600 + (i % 7) * 60},${1 + (i % 4)}`);
    writeFileSync(path, `${rows.join('\n')}\n`);
    // Rows appended every 10 ms from the start: whichever pass sees the change first, the run stops.
    let t = 3_000_000;
    const timer = setInterval(() => appendFileSync(path, `${(t += 10)},60,1\n`), 10);
    try {
      const r = await run(scenarioText(`${path}\nformat: csv`, 'drain'), 0);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/growing\.csv:1: the file changed since it was read before the run: /);
    } finally {
      clearInterval(timer);
    }
  }, 120_000);
});
