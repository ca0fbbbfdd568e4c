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
import { breakScenario, CASES } from './broken-scenarios.js';

const BASE = readFileSync(join(__dirname, '../../scenarios/default.yaml'), 'utf8');
const broken = (from: string, to: string) => breakScenario(BASE, from, to);

const problems = (text: string) => {
  const r = loadScenario(text, 'x.yaml');
  return r.ok ? [] : r.issues.map(formatIssue);
};

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

describe('YAML syntax errors', () => {
  test('are placed where the parser stops, as the app places them (not at 1:1)', async () => {
    const text = 'name: Broken\nseed: 1\nhorizon: 7d\nfleet: { pools: [ { name: a, perNode: 8 }\npolicies: []\n';
    expect(problems(text)[0]).toBe('x.yaml:5:1: Flow sequence in block collection must be sufficiently indented and end with a ]');
    const { parseScenarioText } = await import('../../renderer/state/scenario-doc.js');
    const app = parseScenarioText(text);
    expect(!app.ok && [app.problem.line, app.problem.column, app.problem.message]).toEqual([5, 1, 'Flow sequence in block collection must be sufficiently indented and end with a ]']);
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
