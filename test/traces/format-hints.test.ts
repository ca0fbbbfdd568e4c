/**
 * Trace errors tell each user what they can do where they are (issue 10, defect 10): the
 * importer says what is wrong and which formats would do (a structured hint); `fleetlab
 * inspect` words it as its --format flag, the app's trace preview as its Format picker, a
 * scenario (CLI run or app run) as the trace entry's `format:` field.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFormatHint } from '../../sim-engine/traces/hints.js';
import { knownFormats, sniffFormat } from '../../sim-engine/traces/registry.js';
import { inspectTrace, runRequest, type HostServices } from '../../sim-engine/worker/run-bundle.js';
import { cli } from '../helpers.js';

const ROOT = resolve(__dirname, '../..');
const UNKNOWN = join(ROOT, 'test/fixtures/traces/unknown-format.txt');
const host: HostServices = { now: () => 0, yieldNow: async () => {}, sha256Hex: async (b) => createHash('sha256').update(b).digest('hex') };

const scenarioWithTrace = (trace: string) => `name: t
seed: 1
horizon: 1d
workload:
  - kind: trace
    path: ${trace}
fleet:
  pools:
    - { name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }
policies:
  - { name: fixed, autoscaler: { kind: static } }
`;

describe('format hints', () => {
  it('the importer names no flag: a neutral message and the formats to choose from', () => {
    const s = sniffFormat('hello world\n', 'odd.txt');
    expect('error' in s && s.error).toBe('unrecognized trace format (got first line "hello world")');
    expect('hint' in s && s.hint).toEqual({ kind: 'choose-format', formats: knownFormats(), ambiguous: false });
  });

  it('each surface words the hint, and the message still ends with the offending value', () => {
    const issue = { message: 'trace format is ambiguous (got candidates csv, philly)', hint: { kind: 'choose-format' as const, formats: ['csv', 'philly'], ambiguous: true } };
    expect(withFormatHint(issue, 'cli')).toBe('trace format is ambiguous; pass --format with one of csv, philly (got candidates csv, philly)');
    expect(withFormatHint(issue, 'preview')).toBe('trace format is ambiguous; choose csv or philly in the Format picker (got candidates csv, philly)');
    expect(withFormatHint(issue, 'scenario')).toBe('trace format is ambiguous; set format: on the trace entry to one of csv, philly (got candidates csv, philly)');
    expect(withFormatHint({ message: 'duration must be ≥ 0 (got -3)' }, 'preview')).toBe('duration must be ≥ 0 (got -3)');
  });

  it('fleetlab inspect says --format', async () => {
    const r = await cli(['inspect', UNKNOWN]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`: unrecognized trace format; pass --format with one of ${knownFormats().join(', ')} (got first line`);
  });

  it('the app’s trace preview says to choose the format in the picker, never --format', async () => {
    const out = await inspectTrace(readFileSync(UNKNOWN), 'unknown-format.txt', 'auto', host);
    expect(out.ok).toBe(false);
    const message = !out.ok ? out.message : '';
    expect(message).toMatch(/^unknown-format\.txt(:\d+)?: unrecognized trace format; choose its format in the Format picker \(got first line /);
    expect(message).not.toContain('--format');
  });

  it('a scenario run, in the CLI or the app, points at the trace entry’s format:', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetlab-hints-'));
    writeFileSync(join(dir, 'odd.txt'), readFileSync(UNKNOWN));
    writeFileSync(join(dir, 's.yaml'), scenarioWithTrace('odd.txt'));
    const r = await cli(['run', join(dir, 's.yaml'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unrecognized trace format; set format: on the trace entry to one of');
    expect(r.stderr).not.toContain('--format');
    const app = await runRequest({ text: scenarioWithTrace('odd.txt'), fileName: 's.yaml', traces: [{ path: 'odd.txt', bytes: readFileSync(UNKNOWN) }] }, host);
    expect(!app.ok && app.message).toContain('unrecognized trace format; set format: on the trace entry to one of');
    expect(!app.ok && app.message).not.toContain('--format');
  });
});
