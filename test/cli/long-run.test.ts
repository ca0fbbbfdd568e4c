/** A long run says so on stderr before it starts (issue 12: the estimate the app shows next to Run all). */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, mm24Scenario } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-long-'));

describe('the CLI announces a long run', () => {
  test('over 20M events: the estimate on stderr, then Ctrl-C stops it (exit 130)', async () => {
    // ~15M jobs of M/M/24 at ρ = 0.8: ~30M events.
    const file = join(dir, 'long.yaml');
    writeFileSync(file, mm24Scenario('long', '32600d', '100d'));
    const child = spawn(process.execPath, ['bin/fleetlab.js', 'run', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('a long run')) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
      setTimeout(() => child.kill('SIGKILL'), 20_000);
    });
    expect(stderr).toMatch(/^fleetlab: ≈ 15M jobs, ≈ 3\dM events\/run · 1 run · ≈ [\d.]+ [MG]B: a long run \(Ctrl-C stops it; nothing is written\)$/m);
    expect(code).toBe(130);
  }, 30_000);

  test('a short run, or --quiet, says nothing of the kind', async () => {
    const file = join(dir, 'short.yaml');
    writeFileSync(file, mm24Scenario('short', '10d', '1d'));
    expect((await cli(['run', file])).stderr).not.toContain('a long run');
  });
});
