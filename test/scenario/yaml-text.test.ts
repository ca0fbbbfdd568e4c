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
import { aliasBomb, TEXT_CASES } from './text-cases.js';
import { cli } from '../helpers.js';

describe('scenario text problems are bad input with their line', () => {
  test.each(TEXT_CASES)('%s (the app says the same: test/renderer/yaml-text.test.ts)', (_what, text, expected) => {
    const r = loadScenario(text, 'x.yaml');
    expect(r.ok).toBe(false);
    expect(r.issues.map(formatIssue)[0]).toBe(expected);
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
