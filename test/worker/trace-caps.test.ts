/**
 * A trace entry's own gzip caps (`maxInflatedBytes`, `maxInflateRatio`) hold in the app's worker
 * as in the CLI (issue 12): the same refusal, in the same words, from the same scenario.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { resultsJsonText } from '../../sim-engine/report/files.js';
import { runRequest, type HostServices } from '../../sim-engine/worker/run-bundle.js';
import { cli } from '../helpers.js';

const host: HostServices = { now: () => 0, yieldNow: async () => {}, sha256Hex: async (b: Uint8Array) => createHash('sha256').update(b).digest('hex') };

const rows = ['submit_time,duration,accelerators', ...Array.from({ length: 2000 }, (_, i) => `${i * 10},600,1`)].join('\n') + '\n';
const gz = gzipSync(Buffer.from(rows));
const scenario = (cap: string) => `name: caps
seed: 1
horizon: drain
workload: [{ kind: trace, path: jobs.csv.gz, format: csv${cap} }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 2 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`;

describe("a trace entry's gzip caps, in the app as in the CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetlab-caps-'));
  writeFileSync(join(dir, 'jobs.csv.gz'), gz);
  const run = async (cap: string) => {
    const file = join(dir, 'caps.yaml');
    writeFileSync(file, scenario(cap));
    const fromCli = await cli(['run', file, '--quiet', '--json']);
    const fromApp = await runRequest({ text: scenario(cap), fileName: 'caps.yaml', traces: [{ path: 'jobs.csv.gz', bytes: new Uint8Array(gz) }] }, host);
    return { fromCli, fromApp };
  };

  it('maxInflatedBytes below the text refuses the trace in both, with the same message', async () => {
    const { fromCli, fromApp } = await run(', maxInflatedBytes: 4096');
    expect(fromCli.code).toBe(2);
    const line = fromCli.stderr.trim().split('\n')[0]!;
    expect(line).toMatch(/^.*jobs\.csv\.gz:1: gzip data inflates to more than 4096 bytes, the limit maxInflatedBytes/);
    expect(fromApp.ok).toBe(false);
    if (fromApp.ok) return;
    const message = line.replace(/^.*?jobs\.csv\.gz:1: /, '');
    expect([fromApp.message, ...fromApp.problems.map((p) => p.message)].some((m) => m.includes(message))).toBe(true);
  });

  it('without the cap, both run it and agree', async () => {
    const { fromCli, fromApp } = await run('');
    expect(fromCli.code).toBe(0);
    expect(fromApp.ok).toBe(true);
    if (fromApp.ok) expect(resultsJsonText(fromApp.results)).toBe(fromCli.stdout);
  });
});
