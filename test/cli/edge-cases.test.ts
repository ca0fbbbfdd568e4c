/** Edge cases found in review: drain with an autoscaler, the last drain instant, bad durations, limits, trace time origin. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-edge-'));
function files(name: string, yaml: string, csv?: string): string {
  if (csv !== undefined) writeFileSync(join(dir, `${name}.csv`), csv);
  const p = join(dir, `${name}.yaml`);
  writeFileSync(p, yaml.replace('TRACE', `${name}.csv`));
  return p;
}
const json = async (p: string, ...extra: string[]) => {
  const r = await cli(['run', p, '--json', '--quiet', ...extra]);
  return { ...r, j: r.code === 0 ? JSON.parse(r.stdout) : null };
};

describe('horizon: drain', () => {
  test('with a reactive autoscaler that waits before scaling up: the job runs, exit 0', async () => {
    const p = files('drain-reactive', `name: d
seed: 1
horizon: drain
workload: [{ kind: trace, path: TRACE, format: csv }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 0, max: 4, provisioning: 60 }] }
policies: [{ name: r, autoscaler: { kind: reactive, scaleUpAfterWait: 5m, tick: 60 } }]
`, 'submit_time,duration,accelerators\n0,100,1\n');
    const { code, j, stderr } = await json(p);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Waited 300 s at the tick of t = 300 → node requested, ready at 360.
    expect(j.runs[0].summary.waitMeanS).toBe(360);
    expect(j.runs[0].summary.jobsCompleted).toBe(1);
  });

  test('jobs submitted at the last instant count (rejected and zero-length ones)', async () => {
    const p = files('drain-last', `name: d
seed: 1
horizon: drain
workload: [{ kind: trace, path: TRACE, format: csv }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`, 'submit_time,duration,accelerators\n0,10,1\n100,10,1000\n100,0,1\n');
    const s = (await json(p)).j.runs[0].summary;
    expect([s.jobsSubmitted, s.jobsCompleted, s.jobsRejected, s.jobsUnfinished]).toEqual([3, 2, 1, 0]);
  });

  test('a run that would need millions of samples stops with a clear message, exit 2', async () => {
    const p = files('drain-long', `name: d
seed: 1
horizon: drain
sampleEvery: 1s
workload: [{ kind: trace, path: TRACE, format: csv }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`, 'submit_time,duration,accelerators\n0,1e9,1\n');
    // The pre-flight estimate (issue 12) refuses it before it starts, at sampleEvery; with --force the run itself stops.
    // (1e9 s: durations over 100 years are out-of-range rows.)
    const r = await cli(['run', p, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/drain-long\.yaml:4:14: sampleEvery: ≈ [\d.]+[BT] series rows per run .*limits\.maxSamples/);
    const forced = await cli(['run', p, '--quiet', '--force']);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/drain-long\.yaml:3: horizon: policy "s": the run lasts beyond .*samples at sampleEvery 1s/);
  });
});

describe('limits and bad values', () => {
  const base = (extra: string, pools = '[{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }]') => `name: x
seed: 1
${extra}
workload: [{ kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1h }]
fleet: { pools: ${pools} }
policies: [{ name: s, autoscaler: { kind: static } }]
`;
  test('a duration that overflows is bad input, not an endless run', async () => {
    const r = await cli(['run', files('inf', base('horizon: "1e400s"')), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inf\.yaml:3:\d+: horizon: .*\(got "1e400s"\)/);
  });
  test('more than 127 pools is bad input with the count; 40 pools run (no 31-pool bitmask)', async () => {
    const poolsOf = (n: number) => `[${Array.from({ length: n }, (_, i) => `{ name: p${i}, accelerator: nvidia-l4, perNode: 1, initial: 1 }`).join(', ')}]`;
    const r = await cli(['run', files('pools', base('horizon: 1d', poolsOf(128))), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fleet\.pools: a fleet may have at most 127 pools \(got 128\)/);
    const { code, j } = await json(files('pools40', base('horizon: 1d', poolsOf(40))));
    expect(code).toBe(0);
    expect(j.runs[0].summary.acceleratorHoursBilled).toBeCloseTo(40 * 24, 6);
  });
  test('too many samples for the horizon is bad input', async () => {
    const r = await cli(['run', files('samples', base('horizon: 7d\nsampleEvery: 100ms')), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sampleEvery: too small for the horizon \(7d\): it would take 6,048,000 samples per pool, at most 1,000,000 are allowed \(got 0.1s\)/);
  });
  test('identical replications have a 0 half-width, not rounding noise', async () => {
    const { j } = await json(files('reps', base('horizon: 1d')), '--replications', '3', '--seed', '5');
    // A static fleet's cost does not depend on the seed.
    expect(j.runs[0].ci95.costUsd).toBe(0);
  });
});

describe('trace time origin', () => {
  const yaml = (rebase = '') => `name: t
seed: 1
horizon: 1500
workload: [{ kind: trace, path: TRACE, format: csv${rebase} }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`;
  const csv = 'submit_time,duration,accelerators\n1000,10,1\n1100,10,1\n1600,10,1\n';
  test('relative seconds are scenario time: records at or after the horizon are not submitted', async () => {
    const { j } = await json(files('origin', yaml(), csv));
    expect(j.runs[0].summary.jobsSubmitted).toBe(2);
  });
  test('rebase: true moves the first record to t = 0', async () => {
    const { j } = await json(files('origin-rebased', yaml(', rebase: true'), csv));
    expect(j.runs[0].summary.jobsSubmitted).toBe(3);
  });
});

describe('job storage', () => {
  test('gang jobs free every node they held; end times, tenants and sources come back per job', async () => {
    // Two sources. Pool: 3 nodes × 2. G (k=4, gang on nodes 0+1) 0 → 100; S (k=2) fills node 2, 0 → 50;
    // then a second gang H (k=4) at t=10 waits for G's two nodes (node 2 alone cannot hold it) → 100 → 130;
    // U (k=1, no tenant) at t=20: strict FIFO (no backfill), so it waits behind H although node 2
    // is free from 50, and starts at 100 on node 2 (H took nodes 0+1 again) → 130.
    const p = files('gang-store', `name: g
seed: 1
horizon: 1h
workload:
  - { kind: trace, path: TRACE, format: csv, columns: { tenant: team } }
  - { kind: trace, path: TRACE2, format: csv }
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 2, initial: 3 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`.replace('TRACE2', 'gang-store-2.csv'), 'submit_time,duration,accelerators,team\n0,100,4,red\n0,50,2,blue\n10,30,4,red\n');
    writeFileSync(join(dir, 'gang-store-2.csv'), 'submit_time,duration,accelerators\n20,30,1\n');
    const out = mkdtempSync(join(tmpdir(), 'fleetlab-gang-'));
    const r = await cli(['run', p, '--out', out, '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'jobs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(2, 5).join(','));
    expect(rows).toEqual(['0,0,100', '0,0,50', '10,100,130', '20,100,130']);
    const byTenant = JSON.parse(r.stdout).runs[0].byTenant as { tenant: string; jobsSubmitted: number }[];
    expect(Object.fromEntries(byTenant.map((t) => [t.tenant, t.jobsSubmitted]))).toMatchObject({ red: 2, blue: 1 });
  });
});

describe('one location convention for trace problems (run and inspect)', () => {
  test('a whole-file problem is at line 1 in both; a row problem at its line, the same text in both', async () => {
    const empty = join(dir, 'empty-trace.csv');
    writeFileSync(empty, '');
    const bad = join(dir, 'bad-row.csv');
    writeFileSync(bad, 'submit_time,duration,accelerators\n0,10,1\n5,ten,1\n');
    const inspected = await cli(['inspect', empty]);
    expect(inspected.code).toBe(2);
    expect(inspected.stderr).toMatch(new RegExp(`^${empty.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1: `, 'm'));
    expect(inspected.stderr).not.toContain(':0:');
    for (const trace of [empty, bad]) {
      const p = files(`loc-${trace === empty ? 'empty' : 'bad'}`, `name: l
seed: 1
horizon: 1h
workload: [{ kind: trace, path: ${JSON.stringify(trace)}, format: csv, strict: true }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`);
      const run = await cli(['run', p, '--quiet']);
      expect(run.code).toBe(2);
      const strictInspect = await cli(['inspect', trace, '--format', 'csv', '--strict']);
      expect(strictInspect.code).toBe(2);
      // The first problem line names the same PATH:LINE in both commands.
      const at = (s: string) => /^(.*?:\d+)(:\d+)?: /m.exec(s)?.[1];
      expect(at(run.stderr)).toBe(at(strictInspect.stderr));
      expect(at(run.stderr)).toBe(`${trace}:${trace === empty ? 1 : 3}`);
    }
  });
});

describe('job sizes beyond the most a job may ask for (1,000,000 accelerators)', () => {
  test('the schema refuses them in a distribution; a lognormal tail is capped, not an internal error', async () => {
    const yaml = (acc: string) => `name: big
seed: 1
horizon: 2h
sampleEvery: 1h
workload: [{ kind: synthetic, arrivals: { process: poisson, ratePerHour: 50 }, accelerators: ${acc}, duration: { dist: exponential, mean: 1h } }]
fleet: { pools: [{ name: p, accelerator: nvidia-a100-80gb, perNode: 8, initial: 4 }] }
policies: [{ name: s, autoscaler: { kind: static } }]
`;
    const refused = await cli(['run', files('big-constant', yaml('{ dist: constant, value: 3e9 }')), '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('workload[0].accelerators.value: accelerators is too large: at most 1,000,000 (got 3000000000)');
    const out = join(dir, 'big-tail-out');
    const tail = await cli(['run', files('big-tail', yaml('{ dist: lognormal, median: 1e6, sigma: 3 }')), '--quiet', '--out', out]);
    expect(tail.stderr).toBe('');
    expect(tail.code).toBe(0);
    const sizes = readFileSync(join(out, 'jobs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[5]));
    expect(Math.max(...sizes)).toBe(1_000_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
  });
});
