/**
 * Scenario problems in plain words (issue 10, defect 8): one message per problem, the field
 * never named twice ("horizon: horizon must …"), no zod text ("Invalid input: expected
 * string, received undefined"), "got nothing" only for what is missing, no "∞ samples" and no
 * "not a whole number" for a huge whole number. Each row breaks the default scenario one way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatIssue, loadScenario, locateProblems, parsePath, formatPath } from '../../sim-engine/scenario/loader.js';
import { plainError, withoutFieldName } from '../../sim-engine/scenario/messages.js';
import { cli } from '../helpers.js';

const ROOT = join(__dirname, '../..');
const BASE = readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8');

/** The default scenario with `from` replaced by `to` (once; `from` must be there). */
function broken(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`default.yaml has no ${JSON.stringify(from)}`);
  return BASE.replace(from, to);
}

const problems = (text: string) => {
  const r = loadScenario(text, 'x.yaml');
  return r.ok ? [] : r.issues.map(formatIssue);
};

/** [class, edit (from → to), the one expected line]. */
const CASES: [string, string, string, string][] = [
  // The field is named once: by the path.
  ['field named once', 'horizon: 7d', 'horizon: abc', 'x.yaml:11:10: horizon: must be a positive duration such as "7d", or drain (got "abc")'],
  ['field named once', 'initial: 20', 'initial: -1', 'x.yaml:27:16: fleet.pools[0].initial: must be a whole number ≥ 0 (got -1)'],
  ['field named once', 'ratePerHour: 40', 'ratePerHour: -1', 'x.yaml:18:48: workload[0].arrivals.ratePerHour: must be > 0 (got -1)'],
  ['field named once', 'warmup: 1d', 'warmup: 8d', 'x.yaml:12:9: warmup: must be < horizon (7d) (got 8d)'],
  ['field named once', 'tick: 60s', 'tick: -60s', 'x.yaml:41:89: policies[2].autoscaler.tick: must be > 0 (got -60)'],
  ['field named once', 'slo: { maxQueueWait: 30m }', 'slo: { maxQueueWait: 30m, availabilityTarget: 2 }', 'x.yaml:14:47: slo.availabilityTarget: must be in (0, 1], e.g. 0.95 (got 2)'],
  // zod's invalid_type, too_small, invalid_value, unrecognized_keys, invalid_union in plain words.
  ['required', 'name: Training fleet, one week\n', '', 'x.yaml:5:1: name: required'],
  ['required', 'horizon: 7d\n', '', 'x.yaml:5:1: horizon: required'],
  ['required', 'seed: 42\n', '', 'x.yaml:5:1: seed: required'],
  ['required', 'perNode: 8\n      ', '', 'x.yaml:23:7: fleet.pools[0].perNode: required'],
  ['required', 'duration: { dist: lognormal, median: 30m, sigma: 1.2 }', 'duration: { dist: lognormal, median: 30m }', 'x.yaml:20:15: workload[0].duration.sigma: required'],
  ['expected a type', 'initial: 20', 'initial: abc', 'x.yaml:27:16: fleet.pools[0].initial: must be a whole number (got "abc")'],
  ['expected a type', 'ratePerHour: 40', 'ratePerHour: abc', 'x.yaml:18:48: workload[0].arrivals.ratePerHour: must be a number (got "abc")'],
  ['expected a type', 'name: static-20', 'name: 5', 'x.yaml:33:11: policies[0].name: expected text (got 5)'],
  ['expected a type', 'slo: { maxQueueWait: 30m }', 'slo: 30m', 'x.yaml:14:6: slo: expected a mapping (got "30m")'],
  ['expected a type', 'scaleUpAfterWait: 10m', 'scaleUpAfterWait: true', 'x.yaml:41:53: policies[2].autoscaler.scaleUpAfterWait: expected a duration such as 90, "90s", "15m", "6h" or "7d" (got true)'],
  ['too small', 'name: Training fleet, one week', "name: ''", 'x.yaml:5:7: name: must not be empty'],
  ['too small', 'perNode: 8', 'perNode: 0', 'x.yaml:25:16: fleet.pools[0].perNode: must be a whole number ≥ 1 (got 0)'],
  ['enum', 'purchase: on-demand', 'purchase: ondemand', 'x.yaml:26:17: fleet.pools[0].purchase: must be one of on-demand, spot, reserved, owned (got "ondemand") — did you mean "on-demand"?'],
  ['enum', 'seed: 42', 'seed: 42\nstartsOn: mond', 'x.yaml:11:11: startsOn: must be one of mon, tue, wed, thu, fri, sat, sun (got "mond") — did you mean "mon"?'],
  ['enum', 'process: poisson', 'process: poison', 'x.yaml:18:26: workload[0].arrivals.process: must be poisson (got "poison") — did you mean "poisson"?'],
  ['unknown key', 'scaleUpAfterWait: 10m', 'scaleUpAfterWat: 10m', 'x.yaml:41:35: policies[2].autoscaler.scaleUpAfterWat: unknown key "scaleUpAfterWat" — did you mean "scaleUpAfterWait"?'],
  ['unknown key', 'seed: 42', 'seed: 42\nsed: 1', 'x.yaml:11:1: sed: unknown key "sed" — did you mean "seed"?'],
  // A value that is there is quoted; "nothing" never stands for it.
  ['unknown kind', 'kind: reactive,', 'kind: reactiv,', 'x.yaml:41:25: policies[2].autoscaler.kind: unknown autoscaler kind "reactiv" — did you mean "reactive"?'],
  ['unknown kind', 'kind: reactive,', 'kind: 5,', 'x.yaml:41:25: policies[2].autoscaler.kind: unknown autoscaler kind 5 (expected one of: static, reactive, target-tracking, backlog, scheduled, predictive, spot-fallback, budget)'],
  ['unknown kind', 'autoscaler: { kind: static }', 'autoscaler: { }', 'x.yaml:35:17: policies[0].autoscaler.kind: required: one of static, reactive, target-tracking, backlog, scheduled, predictive, spot-fallback, budget'],
  ['unknown kind', 'kind: synthetic', 'kind: synthetc', 'x.yaml:16:11: workload[0].kind: unknown workload kind "synthetc" — did you mean "synthetic"?'],
  ['unknown kind', 'dist: lognormal, median: 30m', 'dist: lognormall, median: 30m', 'x.yaml:20:23: workload[0].duration.dist: unknown distribution "lognormall" — did you mean "lognormal"?'],
  ['unknown kind', 'scheduler: fifo', 'scheduler: { kind: fifoo }', 'x.yaml:31:20: scheduler.kind: unknown scheduler kind "fifoo" — did you mean "fifo"?'],
  // Infinite and huge values: a number or "more than N", never ∞; huge whole numbers are too large.
  ['infinite', 'horizon: 7d', 'horizon: .inf', 'x.yaml:11:10: horizon: must be a positive duration such as "7d", or drain (got Infinity)'],
  ['infinite', 'ratePerHour: 40', 'ratePerHour: 1e400', 'x.yaml:18:48: workload[0].arrivals.ratePerHour: must be a finite number (got Infinity)'],
  ['infinite', 'sampleEvery: 5m', 'sampleEvery: .inf', 'x.yaml:13:14: sampleEvery: expected a duration such as 90, "90s", "15m", "6h" or "7d" (got Infinity)'],
  ['samples', 'sampleEvery: 5m', 'sampleEvery: 1e-300', 'x.yaml:13:14: sampleEvery: too small for the horizon (7d): it would take more than 1,000,000,000,000 samples per pool, at most 1,000,000 are allowed (got 1e-300s)'],
  ['samples', 'sampleEvery: 5m', 'sampleEvery: 0.1', 'x.yaml:13:14: sampleEvery: too small for the horizon (7d): it would take 6,048,000 samples per pool, at most 1,000,000 are allowed (got 0.1s)'],
  ['samples', 'horizon: 7d', 'horizon: 1e300', 'x.yaml:13:14: sampleEvery: too small for the horizon (1.00e+300s): it would take more than 1,000,000,000,000 samples per pool, at most 1,000,000 are allowed (got 5m)'],
  ['samples', 'sampleEvery: 5m', 'sampleEvery: 0', 'x.yaml:13:14: sampleEvery: must be > 0 (got 0)'],
  ['huge whole number', 'seed: 42', 'seed: 1e21', 'x.yaml:10:7: seed: too large: at most 9,007,199,254,740,991 (got 1e+21)'],
  ['huge whole number', 'max: 48', 'max: 1e21', 'x.yaml:29:12: fleet.pools[0].max: too large: at most 2,147,483,647 (got 1e+21)'],
  ['huge whole number', 'initial: 20', 'initial: 1e21', 'x.yaml:27:16: fleet.pools[0].initial: too large: at most 2,147,483,647 (got 1e+21)'],
  ['huge whole number', 'nodes: { a100: 28 }', 'nodes: { a100: 1e21 }', 'x.yaml:38:48: policies[1].autoscaler.nodes.a100: nodes is too large: at most 2,147,483,647 (got 1e+21)'],
  ['not whole', 'seed: 42', 'seed: 4.5', 'x.yaml:10:7: seed: must be a whole number (got 4.5)'],
];

describe('scenario problems in plain words', () => {
  test.each(CASES)('%s: %s → %s', (_class, from, to, expected) => {
    expect(problems(broken(from, to))).toEqual([expected]);
  });

  test('no message carries zod text, "nothing" for a value that is there, ∞, or the field twice', () => {
    for (const [, from, to] of CASES) {
      for (const line of problems(broken(from, to))) {
        expect(line).not.toMatch(/Invalid input|Invalid option|Too small|Too big|received|expected .* to (be|have)/);
        expect(line).not.toContain('∞');
        expect(line).not.toContain('got nothing');
        expect(line).not.toContain('got undefined');
        const m = /: ([\w.[\]]+): (.*)$/.exec(line)!;
        const last = parsePath(m[1]!).at(-1);
        if (typeof last === 'string') expect(m[2]!.startsWith(`${last} `), line).toBe(false);
      }
    }
  });

  test('the CLI prints the same lines, PATH:LINE:COL: field.path: message, once each', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-messages-'));
    const file = join(dir, 'x.yaml');
    writeFileSync(file, broken('kind: reactive,', 'kind: reactiv,'));
    const r = await cli(['run', file, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`${file}:41:25: policies[2].autoscaler.kind: unknown autoscaler kind "reactiv" — did you mean "reactive"?`]);
  });
});

describe('wording helpers', () => {
  test('the field name is dropped only when the path ends with it', () => {
    expect(withoutFieldName(['horizon'], 'horizon must be a positive duration')).toBe('must be a positive duration');
    expect(withoutFieldName(['sampleEvery'], 'sampleEvery is too small for the horizon')).toBe('too small for the horizon');
    expect(withoutFieldName(['horizon'], 'horizon: drain needs trace workloads only')).toBe('drain needs trace workloads only');
    expect(withoutFieldName(['nodes', 'a100'], 'nodes must be ≤ the pool\'s max (8) (got 9)')).toBe("nodes must be ≤ the pool's max (8) (got 9)");
    expect(withoutFieldName(['maxUsd'], 'maxUsdPerHour must be ≥ 0')).toBe('maxUsdPerHour must be ≥ 0');
    expect(withoutFieldName(['windows', 0], 'windows 0 and 1 overlap')).toBe('windows 0 and 1 overlap');
  });

  test('every zod issue code gets plain words', () => {
    const issue = (o: Record<string, unknown>) => plainError(o as never);
    expect(issue({ code: 'invalid_type', expected: 'string', input: undefined })).toBe('required');
    expect(issue({ code: 'invalid_type', expected: 'number', input: 'abc' })).toBe('expected a number (got "abc")');
    expect(issue({ code: 'invalid_type', expected: 'array', input: {} })).toBe('expected a list (got a mapping)');
    expect(issue({ code: 'invalid_type', expected: 'number', input: null })).toBe('expected a number (got an empty value)');
    expect(issue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: true, input: -1 })).toBe('must be ≥ 0 (got -1)');
    expect(issue({ code: 'too_small', origin: 'array', minimum: 1, inclusive: true, input: [] })).toBe('needs at least one entry');
    expect(issue({ code: 'too_big', origin: 'number', maximum: 10, inclusive: true, input: 11 })).toBe('must be ≤ 10 (got 11)');
    expect(issue({ code: 'too_big', origin: 'int', maximum: Number.MAX_SAFE_INTEGER, inclusive: true, input: 1e21 })).toBe('too large: at most 9,007,199,254,740,991 (got 1e+21)');
    expect(issue({ code: 'invalid_value', values: ['a', 'b'], input: 'c' })).toBe('must be one of a, b (got "c")');
    expect(issue({ code: 'custom', input: 3 })).toBe('is not valid (got 3)');
  });

  test('quick checks of an edited document are located like the loader locates them', () => {
    const text = broken('initial: 20', 'initial: -1');
    const r = loadScenario(text, 'x.yaml');
    expect(r.ok).toBe(false);
    const worker = !r.ok ? r.issues : [];
    expect(locateProblems(text, 'x.yaml', worker.map((i) => ({ path: i.path, message: i.message })))).toEqual(worker);
    const key = broken('seed: 42', 'seed: 42\nsed: 1');
    const k = loadScenario(key, 'x.yaml');
    const kIssues = !k.ok ? k.issues : [];
    expect(locateProblems(key, 'x.yaml', kIssues.map((i) => ({ path: i.path, message: i.message })))).toEqual(kIssues);
    expect(formatPath(parsePath('fleet.pools[0].min'))).toBe('fleet.pools[0].min');
  });
});
