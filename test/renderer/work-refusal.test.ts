/**
 * The editor shows a valid scenario's work-limit refusal at the field that drives it, as you
 * type (issue 12), in the words `fleetlab run` prints for the same file: every case of the
 * work-size corpus (test/fixtures/bad-input/work-size) that needs no flag and no trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseScenarioText } from '../../renderer/state/scenario-doc';
import { validateDoc } from '../../renderer/state/validate';
import { checkScenario } from '../../sim-engine/worker/run-bundle';

const dir = join(__dirname, '../fixtures/bad-input/work-size');
const cases = (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { file: string; args?: string[]; stderr: string }[]).filter((c) => !c.args && !readFileSync(join(dir, c.file), 'utf8').includes('kind: trace'));

describe('the editor: work limits at their field', () => {
  test('the corpus has cases to check', () => expect(cases.length).toBeGreaterThan(10));
  test.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const parsed = parseScenarioText(readFileSync(join(dir, c.file), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const problems = validateDoc(parsed.doc).map((p) => `${p.path}: ${p.message}`);
    // The CLI's line without its PATH:LINE:COL; the worker's check (debounced) gives it with its line.
    expect(problems).toContain(c.stderr.replace(/^[^:]+:\d+:\d+: /, ''));
    const checked = checkScenario(readFileSync(join(dir, c.file), 'utf8'), join('test/fixtures/bad-input/work-size', c.file));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`)).toContain(c.stderr);
  });
  test('the default scenario has no problem', () => {
    const parsed = parseScenarioText(readFileSync(join(__dirname, '../../scenarios/default.yaml'), 'utf8'));
    expect(parsed.ok && validateDoc(parsed.doc)).toEqual([]);
  });
});
