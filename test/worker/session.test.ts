/**
 * The app worker's host-neutral functions (sim-engine/worker/run-bundle.ts, trace-bytes.ts),
 * called directly in Node with a fake host: no real Worker, no comlink.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectCommand } from '../../sim-engine/cli/inspect.js';
import { runCommand } from '../../sim-engine/cli/run-command.js';
import { jobsCsvChunks, joinChunks, seriesCsvChunks } from '../../sim-engine/report/files.js';
import { EngineSession, inspectTrace, runRequest, type HostServices } from '../../sim-engine/worker/run-bundle.js';
import { crc32 } from '../../sim-engine/traces/trace-decoder.js';
import { readTraceBytes } from '../../sim-engine/worker/trace-bytes.js';
import type { EngineProgress, InspectProgress, TraceSummary } from '../../sim-engine/worker/types.js';
import { jobsParquet } from '../traces/parquet-writer.js';
import { tar, tarMember } from '../traces/tar-writer.js';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/traces');
const PHILLY = join(ROOT, 'scenarios/traces/philly-2017-10-02-week.csv');

/** A fake host whose clock advances 10 ms per reading, so every chunk boundary yields. */
function fakeHost(): HostServices & { yields: number } {
  let t = 0;
  const host = {
    yields: 0,
    now: () => (t += 10),
    yieldNow: async () => {
      host.yields++;
    },
    sha256Hex: async (b: Uint8Array) => createHash('sha256').update(b).digest('hex'),
  };
  return host;
}

async function cliJson(path: string, format?: string): Promise<Record<string, unknown>> {
  let out = '';
  const code = await inspectCommand(path, { json: true, ...(format ? { format } : {}) }, { stdout: (s) => void (out += s), stderr: () => {} });
  expect(code).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

async function inspectFile(path: string, name = path.slice(path.lastIndexOf('/') + 1), format = 'auto') {
  return inspectTrace(new Uint8Array(readFileSync(path)), name, format, fakeHost());
}

describe('inspect (worker)', () => {
  it('summarizes a small CSV with its issues and line numbers, like `fleetlab inspect --json`', async () => {
    const path = join(FIXTURES, 'csv-negative-duration.csv');
    const out = await inspectFile(path);
    expect(out.ok).toBe(true);
    const s = (out as { summary: TraceSummary }).summary;
    expect(s.format).toBe('csv');
    expect(s.records).toBe(2);
    expect(s.skipped).toBe(1);
    expect(s.issues[0]).toMatchObject({ line: 3, code: 'negative-duration' });
    expect(s.issues[0]!.message).toMatch(/duration must be ≥ 0 \(got -3\)$/);
    const cli = await cliJson(path);
    expect({ ...s, path: cli.path }).toEqual(cli);
  });

  it('gives the CLI’s object for a real trace, with stats (philly week)', async () => {
    const out = await inspectFile(PHILLY);
    expect(out.ok).toBe(true);
    const s = (out as { summary: TraceSummary }).summary;
    expect(s.records).toBe(11_386);
    expect(s.format).toBe('philly');
    expect(s.kind).toBe('jobs');
    const cli = await cliJson(PHILLY);
    expect({ ...s, path: cli.path }).toEqual(cli);
    if (s.stats && 'arrivalsByHourOfDay' in s.stats) expect(s.stats.arrivalsByHourOfDay.counts.reduce((a, b) => a + b, 0)).toBe(11_386);
  });

  it.each([
    'scenarios/traces/philly-2017-10-02-week.csv',
    'scenarios/traces/NASA-iPSC-1993-3.1-cln.swf.gz',
    'scenarios/traces/azure-llm-2023-code.csv',
    'scenarios/traces/philly-cluster_machine_list',
    'test/fixtures/traces/csv-negative-duration.csv',
    'test/fixtures/traces/azure-llm-bad-tokens.csv',
    'test/fixtures/traces/mooncake-missing-field.jsonl',
    'test/fixtures/traces/swf-negative-runtime.swf',
    'test/fixtures/traces/openb-gpu-milli-out-of-range.csv',
    'test/fixtures/traces/dlrm-deleted-before-scheduled.csv',
    'test/fixtures/traces/philly-bad-timestamp.csv',
  ])('prints byte for byte what `fleetlab inspect --json` prints (%s)', async (rel) => {
    // Both hosts build the object with traces/inspect-summary.ts; the worker's, printed the CLI's way, is the CLI's text.
    const path = join(ROOT, rel);
    let cli = '';
    expect(await inspectCommand(path, { json: true }, { stdout: (s) => void (cli += s), stderr: () => {} })).toBe(0);
    const out = await inspectTrace(new Uint8Array(readFileSync(path)), path, 'auto', fakeHost());
    expect(out.ok).toBe(true);
    expect(`${JSON.stringify((out as { summary: TraceSummary }).summary, null, 2)}\n`).toBe(cli);
  });

  it('reads a gzipped file (and a multi-member one) the same as the plain one, reporting progress and yielding', async () => {
    // Eight copies of the week's rows: big enough to take several gzip chunks.
    const text = readFileSync(PHILLY, 'utf8');
    const nl = text.indexOf('\n') + 1;
    const plain = Buffer.from(text.slice(0, nl) + text.slice(nl).repeat(8));
    const gz = gzipSync(plain);
    const half = plain.indexOf('\n', plain.length >> 1) + 1;
    const multi = Buffer.concat([gzipSync(plain.subarray(0, half)), gzipSync(plain.subarray(half))]);
    const a = await inspectTrace(new Uint8Array(plain), 'philly.csv', 'auto', fakeHost());
    for (const bytes of [gz, multi]) {
      const host = fakeHost();
      const progress: InspectProgress[] = [];
      const b = await inspectTrace(new Uint8Array(bytes), 'philly.csv.gz', 'auto', host, (p) => progress.push(p));
      expect(b.ok).toBe(true);
      const sa = (a as { summary: TraceSummary }).summary;
      const sb = (b as { summary: TraceSummary }).summary;
      expect({ ...sb, sha256: sa.sha256, bytes: sa.bytes, path: sa.path }).toEqual(sa);
      expect(host.yields).toBeGreaterThan(0);
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.at(-1)!.fraction).toBe(1);
      for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]!.bytesRead);
    }
  });

  it('feeds the importer in pieces: same result whatever the chunking (UTF-8 split across chunks)', async () => {
    // Multi-byte characters around every 1 MiB boundary.
    const rows = ['submit_time,duration,accelerators,tenant'];
    for (let i = 0, len = 0; len < 2.5 * 2 ** 20; i++) {
      rows.push(`${i},${60 + (i % 7)},${1 + (i % 8)},équipe-é${i % 5}ü`);
      len += rows.at(-1)!.length + 1;
    }
    const text = `${rows.join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    const r = await readTraceBytes(bytes, 'x.csv', 'csv', { columns: { tenant: 'tenant' } }, fakeHost());
    expect(r.fatal).toBeUndefined();
    expect(r.records).toBe(rows.length - 1);
    expect(r.skipped).toBe(0);
    const t = r.table as { tenants?: string[] };
    expect([...(t.tenants ?? [])].sort()).toEqual(['équipe-é0ü', 'équipe-é1ü', 'équipe-é2ü', 'équipe-é3ü', 'équipe-é4ü']);
  });

  it.each([
    ['csv-corrupt.csv.gz', /gzip data is corrupt/],
    ['csv-truncated.csv.gz', /gzip data is (truncated|corrupt)/],
    ['csv-bad-crc.csv.gz', /CRC-32/],
    ['csv-not-gzip.csv.gz', /not gzip/],
    ['csv-empty.csv', /empty/],
    ['unknown-format.txt', /format/i],
  ])('a file that cannot be read as a whole (%s) is { ok: false } with a clear message', async (file, message) => {
    const out = await inspectFile(join(FIXTURES, file));
    expect(out.ok).toBe(false);
    const m = (out as { message: string }).message;
    expect(m).toMatch(message);
    expect(m.startsWith(file)).toBe(true);
  });

  it('never throws on random bytes (plain or behind a gzip magic number)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), fc.constantFrom('auto', 'csv', 'swf', 'philly', 'mooncake', 'nope'), async (raw, magic, format) => {
        const bytes = magic ? Uint8Array.from([0x1f, 0x8b, ...raw]) : raw;
        const out = await inspectTrace(bytes, magic ? 'r.csv.gz' : 'r.bin', format, fakeHost());
        expect(typeof out.ok).toBe('boolean');
        if (!out.ok) expect(out.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });

  it('crc32 matches zlib', async () => {
    const { crc32: zcrc } = await import('node:zlib');
    const b = new TextEncoder().encode('fleetlab trace bytes ✓');
    expect(crc32(b)).toBe(zcrc(b));
    expect(crc32(b.subarray(5), crc32(b.subarray(0, 5)))).toBe(zcrc(b));
  });
});

describe('run and exportFiles (worker)', () => {
  const phillyYaml = readFileSync(join(ROOT, 'scenarios/philly.yaml'), 'utf8');
  const phillyBytes = new Uint8Array(readFileSync(PHILLY));
  const request = { text: phillyYaml, fileName: 'philly.yaml', traces: [{ path: 'traces/philly-2017-10-02-week.csv', bytes: phillyBytes }] };

  it('sends the UI no per-job arrays and no big CSV, keeps byTenant in results.runs, and builds the CLI’s files on demand', async () => {
    const session = new EngineSession(fakeHost());
    const out = await session.run(request);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const b = out.bundle;
    expect(Object.keys(b.files)).toEqual(['results.json']);
    for (const r of b.runs) {
      expect('jobs' in r).toBe(false);
      expect(r.decisionCount).toBeGreaterThanOrEqual(r.decisions.length);
    }
    expect(b.results.runs.map((r) => r.policy)).toEqual(['as-built', 'half-fleet', 'reactive']);
    for (const r of b.results.runs) expect(r.byTenant?.length).toBeGreaterThan(1);
    expect(JSON.parse(b.files['results.json']).runs[0].byTenant.length).toBeGreaterThan(1);

    const exp = await session.exportFiles(b.id);
    expect(exp.ok).toBe(true);
    if (!exp.ok) return;
    // The same bytes as a fresh run rendered by the report module (what the CLI writes).
    const again = await runRequest(request, fakeHost());
    if (!again.ok) throw new Error(again.message);
    expect(exp.files['series.csv']).toBe(joinChunks(seriesCsvChunks(again.runs)));
    expect(exp.files['jobs.csv']).toBe(joinChunks(jobsCsvChunks(again.runs)));
    expect(exp.files['results.json']).toBe(b.files['results.json']);
    expect(exp.files['jobs.csv'].split('\n').length).toBe(3 * 11_386 + 2);

    // Only the latest run is kept.
    const stale = await session.exportFiles('run-0');
    expect(stale.ok).toBe(false);
    expect((stale as { message: string }).message).toMatch(/run the scenario again/i);
  });

  it('runs replications like `fleetlab run --replications N`: the same results.json, series.csv and jobs.csv', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fleetlab-app-reps-'));
    let stdout = '';
    const args = { json: true, quiet: true, replications: 2, policy: ['half-fleet', 'reactive'], seed: 11, out };
    expect(await runCommand(join(ROOT, 'scenarios/philly.yaml'), args, { stdout: (s) => void (stdout += s), stderr: () => {} })).toBe(0);

    const session = new EngineSession(fakeHost());
    const progress: EngineProgress[] = [];
    const app = await session.run({ ...request, seed: 11, policies: ['half-fleet', 'reactive'], replications: 2 }, (p) => progress.push(p));
    if (!app.ok) throw new Error(app.message);
    expect(app.bundle.files['results.json']).toBe(stdout);
    expect(app.bundle.results.runs.map((r) => [r.policy, r.replications, typeof r.ci95?.costUsd])).toEqual([['half-fleet', 2, 'number'], ['reactive', 2, 'number']]);
    // The views (charts) are of the first replication, whose series and jobs the files hold.
    expect(app.bundle.runs.map((r) => r.seed)).toEqual([11, 11]);
    const files = await session.exportFiles(app.bundle.id);
    if (!files.ok) throw new Error(files.message);
    for (const f of ['results.json', 'series.csv', 'jobs.csv'] as const) expect(files.files[f]).toBe(readFileSync(join(out, f), 'utf8'));
    // Progress names the replication and ends at 1.
    expect(new Set(progress.map((p) => `${p.policy} ${p.replication + 1}/${p.replications}`))).toEqual(new Set(['half-fleet 1/2', 'half-fleet 2/2', 'reactive 1/2', 'reactive 2/2']));
    expect(progress.at(-1)!.fraction).toBe(1);
  });

  it('reports a trace the scenario needs but was not given, and a corrupt one, as problems', async () => {
    const session = new EngineSession(fakeHost());
    const missing = await session.run({ ...request, traces: [] });
    expect(missing.ok).toBe(false);
    expect((missing as { message: string }).message).toMatch(/needs the trace traces\/philly-2017-10-02-week\.csv/);
    const corrupt = await session.run({ ...request, traces: [{ path: request.traces[0]!.path, bytes: new Uint8Array(readFileSync(join(FIXTURES, 'csv-corrupt.csv.gz'))) }] });
    expect(corrupt.ok).toBe(false);
    expect((await session.exportFiles()).ok).toBe(false);
  });

  it('carries calibration (recorded vs simulated waits) for compareRecorded traces', async () => {
    const yaml = readFileSync(join(ROOT, 'test/fixtures/calibration/tiny.yaml'), 'utf8');
    const tracePath = /path:\s*(\S+)/.exec(yaml)![1]!;
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/calibration', tracePath)));
    const out = await new EngineSession(fakeHost()).run({ text: yaml, fileName: 'tiny.yaml', traces: [{ path: tracePath, bytes }] });
    expect(out.ok).toBe(true);
    if (out.ok) for (const r of out.bundle.results.runs) expect(r.calibration?.length).toBeGreaterThan(0);
  });

  it('runs a scenario whose traces are a Parquet file and a tar.gz, with the CLI’s results.json', async () => {
    const n = 300;
    const parquet = jobsParquet(n, { submit: 'start', duration: 'secs', accelerators: 'gpus' });
    const csv = 'submit_time,duration,accelerators\n' + Array.from({ length: n }, (_, i) => `${i * 300 + 7},${600 + (i % 5) * 120},${1 + (i % 3)}`).join('\n') + '\n';
    const tgz = gzipSync(tar(tarMember('more.csv', new TextEncoder().encode(csv))));
    const yaml = `name: Parquet and tar.gz traces
seed: 3
horizon: 1d
workload:
  - kind: trace
    path: traces/export.parquet
    columns: { submit: start, duration: secs, accelerators: gpus }
  - kind: trace
    path: traces/more.tar.gz
fleet:
  pools:
    - { name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 2, max: 6 }
policies:
  - name: fixed
    autoscaler: { kind: static }
  - name: reactive
    autoscaler: { kind: reactive, scaleUpAfterWait: 10m, scaleDownAfterIdle: 30m, tick: 60s }
`;
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-app-traces-'));
    mkdirSync(join(dir, 'traces'));
    writeFileSync(join(dir, 'traces/export.parquet'), parquet);
    writeFileSync(join(dir, 'traces/more.tar.gz'), tgz);
    writeFileSync(join(dir, 'mixed.yaml'), yaml);
    let out = '';
    expect(await runCommand(join(dir, 'mixed.yaml'), { json: true, quiet: true }, { stdout: (s) => void (out += s), stderr: () => {} })).toBe(0);
    const cli = JSON.parse(out) as Record<string, unknown>;

    const app = await new EngineSession(fakeHost()).run({
      text: yaml,
      fileName: 'mixed.yaml',
      traces: [
        { path: 'traces/export.parquet', bytes: new Uint8Array(parquet) },
        { path: 'traces/more.tar.gz', bytes: new Uint8Array(tgz) },
      ],
    });
    if (!app.ok) throw new Error(app.message);
    expect(app.bundle.results.traces.map((t) => [t.path, t.records])).toEqual([['traces/export.parquet', n], ['traces/more.tar.gz', n]]);
    expect(app.bundle.results.runs[0]!.summary.jobsSubmitted).toBeGreaterThan(n);
    expect(JSON.parse(app.bundle.files['results.json'])).toEqual(cli);
  });
});
