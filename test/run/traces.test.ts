/** Trace loading for a scenario (sim-engine/run/traces.ts): one structured outcome per issue policy. */
import { describe, expect, test } from 'vitest';
import { loadTraces, type TraceReader } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';
import { failedResult, importText } from '../../sim-engine/traces/index.js';
import type { ImportOptions } from '../../sim-engine/traces/types.js';

function scenario(traces: string[]): Scenario {
  const loaded = loadScenario(`name: traces
seed: 1
horizon: 1d
workload:
${traces.map((t) => `  - ${t}`).join('\n')}
  - { kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1h }
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: fixed, autoscaler: { kind: static } }]
`, 'traces.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.scenario;
}

const GOOD = 'submit_time,duration,accelerators\n0,60,1\n10,60,2\n20,60,1\n';
const ONE_BAD = 'submit_time,duration,accelerators\n0,60,1\n10,-3,2\n20,60,1\n';

/** A reader over in-memory files, recording the importer options it was asked for. */
function reader(files: Record<string, string>): TraceReader & { calls: { path: string; index: number; options: ImportOptions }[] } {
  const calls: { path: string; index: number; options: ImportOptions }[] = [];
  const read = (async (spec, index, options) => {
    calls.push({ path: spec.path, index, options });
    const text = files[spec.path];
    if (text === undefined) return { unavailable: `no ${spec.path} here` };
    if (text === 'FATAL') return { ...failedResult(spec.format, 'corrupt', 'gzip data is corrupt', 0), sha256: '' };
    return { ...importText(spec.format === 'auto' ? 'csv' : spec.format, text, options), sha256: `sha-of-${spec.path}` };
  }) as TraceReader & { calls: typeof calls };
  read.calls = calls;
  return read;
}

describe('loadTraces', () => {
  test('prepares every trace workload (by workload index) and builds the results.traces entries', async () => {
    const s = scenario(['{ kind: trace, path: a.csv, format: csv }', '{ kind: trace, path: b.csv, format: csv, columns: { submit: submit_time } }']);
    const read = reader({ 'a.csv': GOOD, 'b.csv': GOOD });
    const out = await loadTraces(s, read);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect([...out.tables.keys()]).toEqual([0, 1]);
    expect(out.tables.get(1)!.length).toBe(3);
    expect(out.entries).toEqual([{ path: 'a.csv', sha256: 'sha-of-a.csv', records: 3 }, { path: 'b.csv', sha256: 'sha-of-b.csv', records: 3 }]);
    expect(out.rowIssues).toEqual([]);
    // The scenario's importer options reach the host's reader.
    expect(read.calls.map((c) => [c.path, c.index, c.options])).toEqual([['a.csv', 0, {}], ['b.csv', 1, { columns: { submit: 'submit_time' } }]]);
  });

  test('row issues, lenient: the rows are skipped and reported as data', async () => {
    const out = await loadTraces(scenario(['{ kind: trace, path: a.csv, format: csv }']), reader({ 'a.csv': ONE_BAD }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.tables.get(0)!.length).toBe(2);
    expect(out.entries[0]!.records).toBe(2);
    expect(out.rowIssues).toHaveLength(1);
    const r = out.rowIssues[0]!;
    expect([r.index, r.spec.path, r.issueCount, r.skipped]).toEqual([0, 'a.csv', 1, 1]);
    expect(r.issues[0]).toMatchObject({ line: 3, code: 'negative-duration' });
  });

  test.each([
    ['the host asks for it (--strict)', '{ kind: trace, path: a.csv, format: csv }', true],
    ['the trace says strict: true', '{ kind: trace, path: a.csv, format: csv, strict: true }', false],
  ])('row issues, strict because %s: the run stops with the issues', async (_why, trace, strict) => {
    const out = await loadTraces(scenario([trace]), reader({ 'a.csv': ONE_BAD }), { strict });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.failure.kind).toBe('strict');
    if (out.failure.kind !== 'strict') return;
    expect(out.failure.issueCount).toBe(1);
    expect(out.failure.issues[0]!.line).toBe(3);
    expect(out.rowIssues).toEqual([]);
  });

  test('a file that cannot be read as a whole is fatal; traces read before it keep their row issues', async () => {
    const s = scenario(['{ kind: trace, path: a.csv, format: csv }', '{ kind: trace, path: b.csv.gz, format: csv }']);
    const out = await loadTraces(s, reader({ 'a.csv': ONE_BAD, 'b.csv.gz': 'FATAL' }));
    expect(out).toMatchObject({ ok: false, index: 1, spec: { path: 'b.csv.gz' }, failure: { kind: 'fatal', issue: { code: 'corrupt', message: 'gzip data is corrupt' } } });
    if (out.ok) return;
    expect(out.rowIssues.map((r) => r.spec.path)).toEqual(['a.csv']);
  });

  test('a file the host does not have carries the host’s message; nothing after it is read', async () => {
    const s = scenario(['{ kind: trace, path: a.csv, format: csv }', '{ kind: trace, path: b.csv, format: csv }']);
    const read = reader({ 'b.csv': GOOD });
    const out = await loadTraces(s, read);
    expect(out).toMatchObject({ ok: false, index: 0, failure: { kind: 'unavailable', message: 'no a.csv here' } });
    expect(read.calls).toHaveLength(1);
  });

  test('a trace with nothing left to replay after its window is unusable, with prepareTrace’s message', async () => {
    const out = await loadTraces(scenario(['{ kind: trace, path: a.csv, format: csv, from: 1000 }']), reader({ 'a.csv': GOOD }));
    expect(out).toMatchObject({ ok: false, index: 0, failure: { kind: 'unusable' } });
    if (out.ok || out.failure.kind !== 'unusable') return;
    expect(out.failure.message).toMatch(/^no trace records left after the window and filters \(from 1000s/);
  });
});
