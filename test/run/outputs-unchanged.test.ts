/**
 * Every output is unchanged by the engine restructure (and by later refactors): each
 * built-in scenario, the golden and calibration examples and two coverage scenarios
 * (mixed fleet; Philly drained) write byte-identical results.json, series.csv and jobs.csv.
 *
 * The expected SHA-256s were recorded from the engine before the split
 * (`node scripts/record-outputs.mjs` re-records them — only when a fix requires results
 * to move, said so in the commit).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';
import expected from '../fixtures/outputs/expected.json' with { type: 'json' };

const FILES = ['results.json', 'series.csv', 'jobs.csv'] as const;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('outputs are byte-identical to the recorded ones', () => {
  for (const [name, entry] of Object.entries(expected as Record<string, { args: string[]; files: Record<string, string> }>)) {
    test(name, async () => {
      const out = mkdtempSync(join(tmpdir(), 'fleetlab-outputs-'));
      const r = await cli(['run', ...entry.args, '--out', out, '--quiet', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const got = Object.fromEntries(FILES.map((f) => [f, sha(join(out, f))]));
      expect(got).toEqual(entry.files);
    }, 60_000);
  }
});
