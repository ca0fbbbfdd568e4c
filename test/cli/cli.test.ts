import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SUMMARY_KEYS } from '../../sim-engine/metrics/types.js';
import { cli } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-cli-'));
function scenarioFile(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const base = (over: { fleet?: string; policies?: string; extra?: string; workload?: string } = {}) => `name: t
seed: 1
horizon: 1d
${over.extra ?? ''}
workload:
${over.workload ?? `  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 5 }
    accelerators: 1
    duration: { dist: exponential, mean: 1h }`}
fleet:
  pools:
${over.fleet ?? `    - name: a
      accelerator: nvidia-a100-80gb
      perNode: 8
      initial: 2
      max: 4`}
policies:
${over.policies ?? `  - name: fixed
    autoscaler: { kind: static }`}
`;

describe('fleetlab run', () => {
  test('the default scenario prints a side-by-side table, one column per policy', async () => {
    const r = await cli(['run', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Training fleet, one week/);
    expect(r.stdout).toMatch(/static-20.*static-28.*reactive/);
    expect(r.stdout).toMatch(/Availability/);
  });

  test('--json prints results.json with the normative shape', async () => {
    const r = await cli(['run', 'mmc', '--json', '--quiet']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['fleetlab', 'scenario', 'seed', 'traces', 'runs']);
    expect(j.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j.runs[0].policy).toBe('c=24');
    expect(Object.keys(j.runs[0].summary).sort()).toEqual([...SUMMARY_KEYS].sort());
  });

  test('--replications gives means with 95% half-widths in ci95', async () => {
    const r = await cli(['run', 'mmc', '--json', '--quiet', '--replications', '3']);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.replications).toBe(3);
    expect(run.ci95.waitMeanS).toBeGreaterThan(0);
    expect(Object.keys(run.ci95).sort()).toEqual([...SUMMARY_KEYS].sort());
  });

  test('--policy selects policies; an unknown one exits 2 with a hint', async () => {
    const ok = JSON.parse((await cli(['run', '--json', '--quiet', '--policy', 'reactive'])).stdout);
    expect(ok.runs.map((x: { policy: string }) => x.policy)).toEqual(['reactive']);
    const bad = await cli(['run', '--quiet', '--policy', 'reactiv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/default\.yaml:1: unknown --policy "reactiv" — did you mean "reactive"\?/);
  });

  test('an unknown flag exits 2', async () => {
    const r = await cli(['run', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
  });

  test('a bad --seed exits 2', async () => {
    expect((await cli(['run', '--seed', 'abc'])).code).toBe(2);
    // Beyond 2^53 it would be rounded silently: refused, as the scenario schema refuses it.
    const big = await cli(['run', '--seed', '9007199254740993', '--quiet']);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('--seed is too large: at most 9007199254740991 (got 9007199254740993)');
    expect((await cli(['run', '--seed', '9007199254740991', '--quiet'])).code).toBe(0);
  });

  test('a missing scenario exits 2 with PATH:LINE', async () => {
    const r = await cli(['run', 'nope/missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^nope\/missing\.yaml:1: cannot read scenario: no such file/);
  });

  test('an unknown key: PATH:LINE:COL with the document path and "did you mean"', async () => {
    const p = scenarioFile('unknown-key.yaml', base({ fleet: `    - name: a
      accelerator: nvidia-a100-80gb
      perNode: 8
      intial: 2
      max: 4` }));
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}:15:7: fleet.pools[0].intial: unknown key "intial" — did you mean "initial"?`);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  test('a negative duration names the line and ends with the value', async () => {
    const p = scenarioFile('negative.yaml', base({ workload: `  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 5 }
    accelerators: 1
    duration: { dist: exponential, mean: -3 }` }));
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:42: workload\\[0\\]\\.duration\\.mean: must be ≥ 0 \\(got -3\\)`));
  });

  test('a pool whose min exceeds its max', async () => {
    const p = scenarioFile('minmax.yaml', base({ fleet: `    - name: a
      accelerator: nvidia-a100-80gb
      perNode: 8
      initial: 2
      min: 10
      max: 4` }));
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}:16:12: fleet.pools[0].min: must be ≤ max (4) (got 10)`);
  });

  test('an unknown accelerator suggests the catalog id', async () => {
    const p = scenarioFile('acc.yaml', base({ fleet: `    - name: a
      accelerator: nvidia-a100-80g
      perNode: 8
      initial: 2` }));
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fleet.pools[0].accelerator: unknown accelerator (got "nvidia-a100-80g") — did you mean "nvidia-a100-80gb"?');
  });

  test('YAML syntax errors name the line', async () => {
    const p = scenarioFile('syntax.yaml', 'name: x\nseed: [1, 2\nhorizon: 1d\n');
    const r = await cli(['run', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
  });

  test('a job larger than the fleet can ever hold is rejected with its reason, exit 0', async () => {
    const p = scenarioFile('too-big.yaml', base({ workload: `  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 5 }
    accelerators: { dist: choice, values: [1, 64] }
    duration: { dist: exponential, mean: 1h }` }));
    const out = join(dir, 'out-too-big');
    const r = await cli(['run', p, '--json', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).runs[0].summary;
    expect(s.jobsRejected).toBeGreaterThan(0);
    expect(s.jobsSubmitted).toBe(s.jobsCompleted + s.jobsUnfinished + s.jobsRejected);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(out, 'jobs.csv'), 'utf8')).toMatch(/,64,,rejected,needs 64 accelerators; the largest allowed pool holds 16 \(a: 2 initial nodes × 8\)/);
  });

  test('a ratio with a zero denominator is null in JSON and — in the table', async () => {
    const p = scenarioFile('idle.yaml', base({ workload: `  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 0.0001 }
    accelerators: 1
    duration: 1h` }));
    const j = JSON.parse((await cli(['run', p, '--json', '--quiet'])).stdout);
    expect(j.runs[0].summary.costPerBusyAcceleratorHour).toBeNull();
    expect(j.runs[0].summary.waitMeanS).toBeNull();
    const t = await cli(['run', p, '--quiet']);
    expect(t.stdout).toMatch(/Wait p95\s*│\s*—/);
  });
});

describe('npx fleetlab (compiled entry)', () => {
  test('bin/fleetlab.js runs the compiled CLI', () => {
    const r = spawnSync(process.execPath, ['bin/fleetlab.js', 'run', 'mmc', '--json', '--quiet'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).runs).toHaveLength(1);
  });
  test('bad input through the binary: exit 2, no stack trace', () => {
    const r = spawnSync(process.execPath, ['bin/fleetlab.js', 'run', 'missing.yaml'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('fleetlab catalog and schema', () => {
  test('catalog lists every required accelerator with a price source', async () => {
    const r = await cli(['catalog', '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    const ids = c.accelerators.map((a: { id: string }) => a.id);
    for (const id of ['nvidia-a100-80gb', 'nvidia-h100-80gb', 'nvidia-h200-141gb', 'nvidia-l4', 'google-tpu-v5e', 'google-tpu-v5p', 'google-tpu-v6e']) expect(ids).toContain(id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
    for (const a of c.accelerators) {
      expect(a.prices['on-demand']).toBeGreaterThan(0);
      expect(a.priceSource).toMatch(/^https:\/\//);
      expect(a.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect((await cli(['catalog'])).stdout).toMatch(/google-tpu-v6e/);
  });

  test('schema prints a JSON Schema that knows the scenario keys', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['name', 'seed', 'horizon', 'workload', 'fleet', 'policies']));
    expect(s.additionalProperties).toBe(false);
  });
});

describe('catalog coverage of trace GPU models', () => {
  test('every catalog id the trace importers map to exists in the catalog', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync('sim-engine/traces/gpu-models.ts', 'utf8');
    const mapped = new Set([...src.matchAll(/'((?:nvidia|google|amd)-[a-z0-9-]+)'/g)].map((m) => m[1]!));
    const ids = new Set(JSON.parse(readFileSync('scenarios/accelerators.json', 'utf8')).accelerators.map((a: { id: string }) => a.id));
    expect([...mapped].filter((id) => !ids.has(id))).toEqual([]);
    expect(mapped.size).toBeGreaterThan(5);
  });
});
