/**
 * The pre-flight work estimate and its limits (issue 12, sim-engine/scenario/work-estimate.ts,
 * limits.ts, preflight.ts): the figures of a known scenario, the built-in scenarios within the
 * default limits unchanged, what the defaults must admit, and a property: numeric fields of
 * the built-ins mutated at random never give exit 1 or a stack trace (each case runs under
 * small limits, so none runs long).
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { readTraceFile } from '../../sim-engine/cli/trace-io.js';
import { loadTraces } from '../../sim-engine/run/index.js';
import { compact, DEFAULT_LIMITS, isAllocationFailure, raisedTo } from '../../sim-engine/scenario/limits.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';
import { estimateLine, preflight } from '../../sim-engine/scenario/preflight.js';
import type { Scenario } from '../../sim-engine/scenario/schema.js';
import { estimateWork } from '../../sim-engine/scenario/work-estimate.js';
import { cli } from '../helpers.js';

const BUILTINS = ['default', 'mmc', 'bursty', 'philly', 'spot-mix', 'failures-checkpoints', 'reserved-vs-on-demand', 'heterogeneous', 'spot-fallback', 'autoscalers', 'schedulers'];
const text = (name: string) => readFileSync(`scenarios/${name}.yaml`, 'utf8');
function load(t: string, file = 'x.yaml'): Scenario {
  const loaded = loadScenario(t, file);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.scenario;
}

const tmp = mkdtempSync(join(tmpdir(), 'fleetlab-estimate-'));
symlinkSync(resolve('scenarios/traces'), join(tmp, 'traces'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the estimate', () => {
  test('of the default scenario: 40 jobs/h for a week, 5-minute samples, a reactive tick of 60 s', () => {
    const e = estimateWork(load(text('default')));
    expect(e.jobs).toBe(40 * 168);
    expect(e.horizonS).toBe(7 * 86400);
    expect([e.samplesPerPool, e.samples]).toEqual([2016, 4032]);
    expect([e.runs, e.policies, e.replications]).toEqual([3, 3, 1]);
    expect(e.perRun.map((r) => r.nodes)).toEqual([20, 28, 20]);
    // 2 events a job, + samples; the reactive run adds a tick a minute.
    expect(e.perRun.map((r) => r.events)).toEqual([2 * 6720 + 2016, 2 * 6720 + 2016, 2 * 6720 + 2016 + 10080]);
    expect(e.events).toBe(2 * 6720 + 2016 + 10080);
    expect(e.streamed).toBe(false);
    expect(e.memoryBytes).toBeGreaterThan(3 * 6720 * 120);
    expect(e.memoryBytes).toBeLessThan(4 * 2 ** 20);
    expect(estimateLine(e)).toBe('≈ 6,720 jobs, ≈ 26K events/run · 3 runs · ≈ 3 MB');
  });

  test('replications, a policy selection and streaming change runs and memory, not the per-run figures', () => {
    const s = load(text('default').replace('ratePerHour: 40', 'ratePerHour: 400000'));
    const auto = estimateWork(s, { policyIndexes: [2], replications: 5 });
    const kept = estimateWork(s, { policyIndexes: [2], replications: 5, stream: 'never' });
    expect([auto.runs, auto.policies]).toEqual([5, 1]);
    expect(auto.streamed).toBe(true);
    expect(kept.streamed).toBe(false);
    expect(auto.events).toBe(kept.events);
    expect(kept.memoryBytes).toBeGreaterThan(10 * auto.memoryBytes);
  });

  test('memory: the app keeps every policy\'s jobs, the CLI one run at a time — only the app refuses 9 × 8.9M jobs', () => {
    const policies = Array.from({ length: 9 }, (_, i) => `  - { name: s${i}, autoscaler: { kind: static } }`).join('\n');
    const t = text('default').replace('ratePerHour: 40', 'ratePerHour: 53000').replace(/policies:\n[\s\S]*$/, `policies:\n${policies}\n`);
    const s = load(t);
    const app = preflight(t, 'x.yaml', s, { stream: 'never' });
    const cli = preflight(t, 'x.yaml', s, { keepRuns: false });
    expect(app.estimate.memoryBytes).toBeGreaterThan(8 * 2 ** 30);
    expect(app.issues.map((i) => `${i.line}:${i.column}: ${i.path}`)).toEqual(['18:48: workload[0].arrivals.ratePerHour']);
    expect(app.issues[0]!.message).toMatch(/^≈ [\d,]+ MB of memory \(the most: [\d,]+ MB for 8\.9M jobs kept in memory × 9 policies\), over the limit of 8,192 MB \(limits\.maxMemoryMB\)/);
    expect(cli.estimate.memoryBytes).toBeLessThan(1.2 * 2 ** 30);
    expect(cli.issues).toEqual([]);
  });

  test('trace workloads count once their tables are read: rows × loadScale, drain over the trace', async () => {
    const s = load(text('philly'), 'philly.yaml');
    const before = estimateWork(s);
    expect(before.tracesPending).toBe(1);
    expect(before.jobs).toBe(0);
    const traces = await loadTraces(s, (spec, _i, options) => readTraceFile(resolve('scenarios', spec.path), spec.format, options));
    if (!traces.ok) throw new Error('philly did not load');
    const after = estimateWork(s, { traces: traces.tables });
    expect(after.tracesPending).toBe(0);
    const rows = [...traces.tables.values()].reduce((a, t) => a + t.length, 0);
    expect(after.jobs).toBe(rows);
    expect(after.horizonS).toBeGreaterThan(86400);
  });

  test('formatting: compact counts, a raised limit, allocation failures', () => {
    expect([compact(0), compact(9999), compact(12_345), compact(1.2e6), compact(1.68e11), compact(1e20), compact(Infinity)]).toEqual(['0', '9,999', '12K', '1.2M', '168B', '1.0e+20', 'more than 1e+308']);
    expect([raisedTo(168), raisedTo(1.68e11), raisedTo(605_000_000)]).toEqual(['170', '170000000000', '610000000']);
    expect(isAllocationFailure(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isAllocationFailure(new RangeError('Invalid typed array length: 4294967296'))).toBe(true);
    expect(isAllocationFailure(new RangeError('Invalid typed array length: -1'))).toBe(false);
    expect(isAllocationFailure(new Error('Array buffer allocation failed'))).toBe(false);
  });
});

describe('the default limits', () => {
  test.each(BUILTINS)('built-in %s passes the pre-flight unchanged, in the CLI and in the app', async (name) => {
    const t = text(name);
    const s = load(t, `${name}.yaml`);
    const traces = await loadTraces(s, (spec, _i, options) => readTraceFile(resolve('scenarios', spec.path), spec.format, options));
    if (!traces.ok) throw new Error(`${name}: traces did not load`);
    for (const stream of ['auto', 'never'] as const) {
      expect(preflight(t, name, s, { stream }).issues).toEqual([]);
      expect(preflight(t, name, s, { stream, traces: traces.tables }).issues).toEqual([]);
    }
  });

  test('admit 200M expected jobs in a run (the CLI streams them)', () => {
    // 200M jobs in a week: 1,190,477 an hour.
    const t = text('default').replace('ratePerHour: 40', 'ratePerHour: 1190477');
    const p = preflight(t, 'x.yaml', load(t));
    expect(p.estimate.jobs).toBeGreaterThanOrEqual(2e8);
    expect(p.issues).toEqual([]);
    expect(DEFAULT_LIMITS.maxJobs).toBeGreaterThanOrEqual(2e8);
  });

  test('admit a 1000-year horizon: refusals follow the work, not the horizon', () => {
    const t = text('default').replace('horizon: 7d', 'horizon: 1000y').replace('sampleEvery: 5m', 'sampleEvery: 1d').replace('ratePerHour: 40', 'ratePerHour: 1');
    for (const stream of ['auto', 'never'] as const) expect(preflight(t, 'x.yaml', load(t), { stream }).issues).toEqual([]);
    // The same horizon with 400 jobs an hour is refused — at the rate, not the horizon.
    const busy = t.replace('ratePerHour: 1,', 'ratePerHour: 400,');
    const refused = preflight(busy, 'x.yaml', load(busy));
    expect(refused.issues.map((i) => `${i.line}: ${i.path}`)).toEqual(['18: workload[0].arrivals.ratePerHour']);
    expect(refused.issues[0]!.message).toMatch(/^≈ 3\.5B jobs per run \(ratePerHour 400 × loadScale 1 over 1000y\), over the limit of 250M \(limits\.maxJobs\)/);
  });

  test('--force (force: true) refuses nothing; limits: raises exactly the limit it names', () => {
    const t = text('default').replace('ratePerHour: 40', 'ratePerHour: 1e9');
    expect(preflight(t, 'x.yaml', load(t)).issues).toHaveLength(1);
    expect(preflight(t, 'x.yaml', load(t), { force: true }).issues).toEqual([]);
    const raised = `${t}limits: { maxJobs: 1e12, maxEvents: 1e12, maxMemoryMB: 1e6 }\n`;
    expect(preflight(raised, 'x.yaml', load(raised)).issues).toEqual([]);
  });
});

/** Every numeric leaf of a document, with its path. */
function numericLeaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof v === 'number') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => numericLeaves(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numericLeaves(x, [...path, k]));
  return [];
}

function setAt(doc: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let o = doc as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>;
  o[path[path.length - 1]!] = value;
}

describe('property: mutated numbers never crash', () => {
  const docs = BUILTINS.map((name) => ({ name, doc: parse(text(name)) as Record<string, unknown> }));
  const mutation = fc.oneof(
    fc.integer({ min: -12, max: 12 }).map((k) => (v: number) => v * 10 ** k),
    fc.constantFrom<(v: number) => unknown>(() => 0, () => 1e308, () => -1, (v) => -v, () => 'NaN', () => '1e999', () => '-1e-300', () => 'abc', () => 0.5),
  );
  // Small limits: whatever passes them is little work, so no case runs long.
  const SMALL = { maxJobs: 20_000, maxEvents: 100_000, maxSamples: 20_000, maxNodes: 5_000, maxRuns: 20, maxMemoryMB: 512 };

  test('validate + estimate + a bounded run: exit 0 or 2, never 1, never a stack trace', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: docs.length - 1 }), fc.nat(), mutation, async (d, leaf, mutate) => {
        const { name, doc } = docs[d]!;
        const copy = structuredClone(doc);
        const leaves = numericLeaves(copy);
        const path = leaves[leaf % leaves.length]!;
        const value = path.reduce<unknown>((o, p) => (o as Record<string | number, unknown>)[p], copy) as number;
        setAt(copy, path, mutate(value));
        copy['limits'] = SMALL;
        const file = join(tmp, `${name}-${n++}.yaml`);
        writeFileSync(file, JSON.stringify(copy, null, 1));
        const r = await cli(['run', file, '--quiet', '--json']);
        expect([0, 2], `${name} ${path.join('.')} → ${r.stderr}`).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at |undefined|NaN MB/);
        if (r.code === 2) expect(r.stderr).toMatch(/^\S+:\d+(:\d+)?: /m);
      }),
      { numRuns: 60, seed: 12 },
    );
  }, 240_000);
});
