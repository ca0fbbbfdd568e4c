/**
 * Streamed trace replay, pass by pass (sim-engine/traces/trace-stream.ts, cli/trace-io.ts): when
 * pass 1 decides to stream, what it counts, that the builder drops its rows, and that a replay
 * of a file changed since pass 1 stops with TraceChanged. Whole runs: test/cli/streamed-traces.
 */
import { appendFileSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readTraceFile, type ReadResult } from '../../sim-engine/cli/trace-io.js';
import { Rng } from '../../sim-engine/core/rng.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { prepareStreamedTrace, traceScanKnobs } from '../../sim-engine/scenario/prepare.js';
import type { TraceWorkloadSpec } from '../../sim-engine/scenario/schema.js';
import { TraceChanged, TraceScan, type ScanKnobs } from '../../sim-engine/traces/trace-stream.js';
import { CsvImporter } from '../../sim-engine/traces/csv.js';
import { createStreamedSource } from '../../sim-engine/workload/table-source.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-trace-stream-'));
let files = 0;
function file(text: string): string {
  const p = join(dir, `t${files++}.csv`);
  writeFileSync(p, text);
  return p;
}
const csv = (rows: [number, string][]) => `submit_time,duration,accelerators,tenant\n${rows.map(([t, ten]) => `${t},60,1,${ten}`).join('\n')}\n`;

function scan(text: string, knobs: ScanKnobs = {}, keepUpTo = 0) {
  const s = new TraceScan(knobs, keepUpTo);
  const imp = new CsvImporter({ columns: { tenant: 'tenant' }, rowSink: s });
  imp.push(text);
  return { result: imp.end(), outcome: s.plan() };
}

describe('TraceScan decides', () => {
  const sorted = csv([[10, 'a'], [20, 'b'], [20, 'a'], [35, 'b'], [50, 'a']]);
  test('rows up to keepUpTo stay a table', () => {
    const { result, outcome } = scan(sorted, {}, 5);
    expect(outcome).toEqual({ kind: 'memory' });
    expect(result.table.length).toBe(5);
  });
  test('more rows in submit order stream: the builder drops its columns, counts stay exact', () => {
    const { result, outcome } = scan(sorted, { fromS: 10, toS: 40, tenants: ['a'] }, 2);
    expect(result.table.length).toBe(0);
    expect([result.records, result.startS, result.endS]).toEqual([5, 10, 50]);
    expect(outcome.kind).toBe('stream');
    if (outcome.kind !== 'stream') return;
    // Tenant a, submitted 10..40 s after the first record: the rows at 20 and 50? 20 only (50 − 10 = 40 is out).
    expect([outcome.plan.records, outcome.plan.kept, outcome.plan.firstKeptS]).toEqual([5, 1, 20]);
    expect(outcome.plan.tenants).toEqual(['a', 'b']);
  });
  test('rows out of order are read again into a table', () => {
    const { outcome } = scan(csv([[10, 'a'], [5, 'b'], [20, 'a']]));
    expect(outcome).toEqual({ kind: 'reread', reason: 'rows are not in submit order' });
  });
  test('only the filtered tenants in order: streamed without a window, read again with one', () => {
    const text = csv([[10, 'a'], [5, 'b'], [20, 'a'], [1, 'b']]);
    const free = scan(text, { tenants: ['a'] }).outcome;
    expect(free.kind === 'stream' && [free.plan.kept, free.plan.firstKeptS]).toEqual([2, 10]);
    expect(scan(text, { tenants: ['a'], toS: 100 }).outcome.kind).toBe('reread');
  });
});

function spec(path: string, extra = ''): TraceWorkloadSpec {
  const loaded = loadScenario(`name: s
seed: 1
horizon: 1d
workload:
  - { kind: trace, path: ${JSON.stringify(path)}, format: csv, columns: { tenant: tenant }${extra} }
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: fixed, autoscaler: { kind: static } }]
`, 's.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario.workload[0] as TraceWorkloadSpec;
}

async function streamed(path: string, extra = '') {
  const w = spec(path, extra);
  const r: ReadResult = await readTraceFile(path, 'csv', { columns: { tenant: 'tenant' } }, undefined, { knobs: traceScanKnobs(w), keepUpTo: 0 });
  expect(r.streamed).toBeDefined();
  const p = prepareStreamedTrace(w, r, r.streamed!.plan, r.streamed!.open);
  if (!p.ok) throw new Error(p.message);
  return p.table;
}

function drain(trace: Awaited<ReturnType<typeof streamed>>): number[] {
  const src = createStreamedSource(trace, 1, new Rng(1), 'x');
  const out: number[] = [];
  while (src.next()) out.push(src.submitS);
  return out;
}

describe('a streamed replay', () => {
  test('replays the file with the knobs, once per open', async () => {
    const path = file(csv([[100, 'a'], [110, 'b'], [130, 'a'], [170, 'a']]));
    const t = await streamed(path, ', timeScale: 2, rebase: true, filter: { tenant: [a] }');
    expect(t.length).toBe(3);
    expect(drain(t)).toEqual([0, 60, 140]);
    expect(drain(t)).toEqual([0, 60, 140]);
  });

  test('stops with TraceChanged when the file changed since pass 1', async () => {
    const path = file(csv([[0, 'a'], [10, 'a'], [20, 'a']]));
    utimesSync(path, 1e9, 1e9);
    const t = await streamed(path);
    // Same size and time stamp, other bytes: only the hash at the end sees it.
    writeFileSync(path, csv([[0, 'a'], [10, 'a'], [30, 'a']]));
    utimesSync(path, 1e9, 1e9);
    expect(() => drain(t)).toThrow(TraceChanged);
    expect(() => drain(t)).toThrow(/the file changed since it was read before the run: SHA-256/);
    appendFileSync(path, '40,60,1,a\n');
    expect(() => drain(t)).toThrow(/the file changed since it was read before the run: \d+ bytes modified at/);
  });

  test('a replay cut short by the horizon reads only what it needs', async () => {
    const path = file(csv(Array.from({ length: 50_000 }, (_, i) => [i, 'a'] as [number, string])));
    const t = await streamed(path);
    const src = createStreamedSource(t, 1, new Rng(1), 'x');
    for (let i = 0; i < 10; i++) expect(src.next()).toBe(true);
    expect(src.submitS).toBe(9);
    expect(src.progress()).toBeLessThan(0.5);
  });
});
