/**
 * Work limits (issue 12): the work-size corpus (test/fixtures/bad-input/work-size/, one
 * oversized or senseless value per file, its exit code and stderr in cases.json) through the
 * CLI and through the app's worker, which must print the same lines; `--force` and `limits:`
 * raise the limits; the memory guard stops a run with exit 2 and a message. No case runs its
 * work: the CLI is spawned with a timeout, and the worker's host trips on any run slice.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatIssue } from '../../sim-engine/scenario/loader.js';
import { runRequest, type HostServices } from '../../sim-engine/worker/run-bundle.js';
import { cli } from '../helpers.js';

const DIR = 'test/fixtures/bad-input/work-size';
interface Case { file: string; about: string; args?: string[]; code: number; stderr: string }
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];

const tmp = mkdtempSync(join(tmpdir(), 'fleetlab-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A worker host whose memory guard trips at the first slice: a refusal must come before any run. */
function tripwireHost(): HostServices {
  return {
    now: () => 0,
    yieldNow: async () => {},
    sha256Hex: async (b) => createHash('sha256').update(b).digest('hex'),
    memoryCheck: () => ({ usedBytes: 1, limitBytes: 0 }),
  };
}

function spawnCli(args: string[]) {
  return spawnSync(process.execPath, ['bin/fleetlab.js', ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('work-size corpus', () => {
  test('covers every file of the folder, each with exit 2', () => {
    const files = (readFileSync(join(DIR, 'cases.json'), 'utf8').match(/"file": "[^"]+"/g) ?? []).length;
    expect(files).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    for (const c of CASES) expect(c.code).toBe(2);
  });

  test.each(CASES)('$file: the CLI exits $code with PATH:LINE at the field ($about)', (c) => {
    const r = spawnCli(['run', `${DIR}/${c.file}`, '--quiet', ...(c.args ?? [])]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(c.code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toBe(c.stderr);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(new RegExp(`^${DIR}/${c.file.replace('.', '\\.')}:\\d+:\\d+: `));
  }, 40_000);

  test('a trace streamed from its file is counted by its rows, as a table is', () => {
    const c = CASES.find((x) => x.file === 'trace-load-scale.yaml')!;
    const r = spawnSync(process.execPath, ['bin/fleetlab.js', 'run', `${DIR}/${c.file}`, '--quiet'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, FLEETLAB_STREAM_TRACE_ROWS: '0' } });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd()).toBe(c.stderr);
  }, 40_000);

  test.each(CASES)('$file: the worker refuses it in the same words', async (c) => {
    const path = `${DIR}/${c.file}`;
    const reps = c.args?.[0] === '--replications' ? { replications: Number(c.args[1]) } : {};
    const out = await runRequest({ text: readFileSync(path, 'utf8'), fileName: path, traces: [{ path: 'three-jobs.csv', bytes: new Uint8Array(readFileSync(join(DIR, 'three-jobs.csv'))) }], ...reps }, tripwireHost());
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map(formatIssue).join('\n')).toBe(c.stderr);
  }, 20_000);
});

describe('raising the limits', () => {
  const ownLimit = readFileSync(join(DIR, 'own-limit.yaml'), 'utf8');
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };

  test('--force runs a scenario over its limits (exit 0)', async () => {
    const r = await cli(['run', write('own-limit.yaml', ownLimit), '--quiet', '--json', '--force']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].summary.jobsSubmitted).toBeGreaterThan(100);
  });

  test('limits: { maxJobs } above the estimate admits it, in the CLI and in the worker', async () => {
    const text = ownLimit.replace('limits: { maxJobs: 100 }', 'limits: { maxJobs: 1000 }');
    const r = await cli(['run', write('raised.yaml', text), '--quiet', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const app = await runRequest({ text, fileName: 'raised.yaml' }, { now: () => 0, yieldNow: async () => {}, sha256Hex: async (b) => createHash('sha256').update(b).digest('hex') });
    expect(app.ok).toBe(true);
  });

  test('limits: raises the default limits (a 1e9-per-hour rate needs maxJobs and maxEvents)', async () => {
    const rate = readFileSync(join(DIR, 'rate.yaml'), 'utf8');
    // Raised past jobs but not past events: the refusal moves to the next limit, at the same field.
    const r = await cli(['run', write('rate-jobs.yaml', `${rate}limits: { maxJobs: 2e11 }\n`), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rate-jobs\.yaml:7:30: workload\[0\]\.arrivals\.ratePerHour: ≈ 336B events .*limits\.maxEvents/);
  });

  test('limits: with a bad value is an error at its line, with the did-you-mean of other keys', async () => {
    const r = await cli(['run', write('bad-limits.yaml', ownLimit.replace('limits: { maxJobs: 100 }', 'limits: { maxJob: 100, maxEvents: 0 }')), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-limits\.yaml:15:\d+: limits\.maxEvents: must be a finite number ≥ 1 \(got 0\)/);
    expect(r.stderr).toMatch(/bad-limits\.yaml:15:\d+: limits\.maxJob: unknown key "maxJob" — did you mean "maxJobs"\?/);
  });
});

describe('the memory guard', () => {
  test('a run that grows past limits.maxMemoryMB stops with exit 2 and a message, not a crash', async () => {
    // 1 MB: the estimate (~0.3 MB) passes the pre-flight; the process's resident memory does not.
    const p = join(tmp, 'tiny-memory.yaml');
    writeFileSync(p, readFileSync(join(DIR, 'own-limit.yaml'), 'utf8').replace('limits: { maxJobs: 100 }', 'limits: { maxMemoryMB: 1 }'));
    const r = await cli(['run', p, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tiny-memory\.yaml:15: the run stopped: memory reached [\d,]+ MB, over the limit of 1 MB — policy "s" at simulated time 0s; make the run smaller .*raise limits: \{ maxMemoryMB \}/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  test('in the worker, the guard and a failed allocation both give that message', async () => {
    const text = readFileSync(join(DIR, 'own-limit.yaml'), 'utf8').replace('limits: { maxJobs: 100 }', '');
    const host = (check: HostServices['memoryCheck']): HostServices => ({ now: () => 0, yieldNow: async () => {}, sha256Hex: async () => '0', memoryCheck: check });
    const over = await runRequest({ text, fileName: 'm.yaml' }, host(() => ({ usedBytes: 3 * 2 ** 30, limitBytes: 2 * 2 ** 30 })));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.problems.map(formatIssue)).toEqual(['m.yaml:5:1: the run stopped: memory reached 3,072 MB, over the limit of 2,048 MB — policy "s" at simulated time 0s; make the run smaller (fewer jobs, pools or samples, a shorter horizon), or, on a machine with the memory, raise limits: { maxMemoryMB } in the scenario (got 3,072 MB)']);
    const failed = await runRequest({ text, fileName: 'm.yaml' }, host(() => {
      throw new RangeError('Array buffer allocation failed');
    }));
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.problems[0]!.message).toMatch(/^the run stopped: memory ran out \(an allocation failed\) — policy "s"/);
  });
});
