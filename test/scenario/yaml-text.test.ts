/**
 * Scenario text problems (issue 12): a YAML alias bomb, a duplicate key (YAML and JSON) and a
 * syntax error are bad input with their line — exit 2 from the CLI, the same line and words in
 * the app's editor — never an internal error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatIssue, loadScenario } from '../../sim-engine/scenario/loader.js';
import { MAX_ALIAS_COUNT } from '../../sim-engine/scenario/yaml-text.js';
import { parseScenarioText } from '../../renderer/state/scenario-doc.js';
import { cli } from '../helpers.js';

/** Nine aliases of nine aliases of …: 9^levels values from a few hundred bytes. */
function aliasBomb(levels: number): string {
  const lines = ['name: bomb', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

const CASES: [string, string, string][] = [
  ['an alias bomb (9 levels: 387M values from 700 bytes)', aliasBomb(9), `x.yaml:3:10: aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions, as in a "billion laughs" document): write the values out instead`],
  ['a duplicate key in YAML, at the duplicate', 'name: a\nseed: 1\nname: b\n', 'x.yaml:3:1: Map keys must be unique'],
  ['a duplicate key in JSON, at the duplicate', '{"name": "a",\n "seed": 1,\n "name": "b"}\n', 'x.yaml:3:2: Map keys must be unique'],
  ['a duplicate key deep in the fleet', 'name: a\nfleet:\n  pools:\n    - name: p\n      perNode: 8\n      perNode: 4\n', 'x.yaml:6:7: Map keys must be unique'],
];

describe('scenario text problems are bad input with their line', () => {
  test.each(CASES)('%s: the loader and the app say the same', (_what, text, expected) => {
    const r = loadScenario(text, 'x.yaml');
    expect(r.ok).toBe(false);
    expect(r.issues.map(formatIssue)[0]).toBe(expected);
    const app = parseScenarioText(text);
    expect(app.ok).toBe(false);
    if (!app.ok) expect(`x.yaml:${app.problem.line}:${app.problem.column}: ${app.problem.message}`).toBe(expected);
  });

  test('a few aliases (what scenarios use them for) still load', () => {
    const text = 'name: a\nx: &pool { accelerator: nvidia-a100-80gb, perNode: 8 }\ny: [*pool, *pool, *pool]\n';
    const app = parseScenarioText(text);
    expect(app.ok).toBe(true);
  });

  test('the CLI exits 2 (not 1, no stack trace) for an alias bomb, quickly and with the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-yaml-'));
    const p = join(dir, 'bomb.yaml');
    writeFileSync(p, aliasBomb(12));
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${p}:3:10: aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions, as in a "billion laughs" document): write the values out instead\n`);
  });
});
