/**
 * The editor shows a valid scenario's work-limit refusal at the field that drives it, as you
 * type (issue 12), in the words `fleetlab run` prints for the same file: every case of the
 * work-size corpus (test/fixtures/bad-input/work-size) that needs no flag and no trace.
 */
import { describe, expect, test } from 'vitest';
import defaultYaml from '../../scenarios/default.yaml?raw';
import casesJson from '../fixtures/bad-input/work-size/cases.json?raw';
import { parseScenarioText } from '../../renderer/state/scenario-doc';
import { validateDoc } from '../../renderer/state/validate';
import { checkScenario } from '../../sim-engine/worker/run-bundle';

const DIR = 'test/fixtures/bad-input/work-size';
const texts = import.meta.glob('../fixtures/bad-input/work-size/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const textOf = (file: string) => texts[`../fixtures/bad-input/work-size/${file}`]!;
const cases = (JSON.parse(casesJson) as { file: string; args?: string[]; stderr: string }[]).filter((c) => !c.args && !textOf(c.file).includes('kind: trace'));

describe('the editor: work limits at their field', () => {
  test('the corpus has cases to check', () => expect(cases.length).toBeGreaterThan(10));
  test.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const parsed = parseScenarioText(textOf(c.file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const problems = validateDoc(parsed.doc).map((p) => `${p.path}: ${p.message}`);
    // The CLI's line without its PATH:LINE:COL; the worker's check (debounced) gives it with its line.
    expect(problems).toContain(c.stderr.replace(/^[^:]+:\d+:\d+: /, ''));
    const checked = checkScenario(textOf(c.file), `${DIR}/${c.file}`);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`)).toContain(c.stderr);
  });
  test('the default scenario has no problem', () => {
    const parsed = parseScenarioText(defaultYaml);
    expect(parsed.ok && validateDoc(parsed.doc)).toEqual([]);
  });
});
