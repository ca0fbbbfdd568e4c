/**
 * `run --out DIR` writes its files as one set (sim-engine/cli/io.ts, issue 12): a run interrupted
 * at any point leaves DIR with the previous complete set or the new complete set and no temporary
 * files; every `--out` problem is bad input (exit 2) naming the path, with the old set kept; no
 * predictable temporary name is ever written through.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, mm24Scenario } from '../helpers.js';

const SET = ['decisions.csv', 'jobs.csv', 'results.json', 'series.csv'];
const TEMP_DIR = /^\.fleetlab-[0-9a-f]{16}\.tmp$/;

/** A synthetic scenario that runs ~1–2 s and writes a ~30 MB jobs.csv. */
const SCENARIO = mm24Scenario('kill', '800d', '1d');

const root = mkdtempSync(join(tmpdir(), 'fleetlab-outset-'));
const scenario = join(root, 'kill.yaml');
writeFileSync(scenario, SCENARIO);

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const hashes = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, lstatSync(join(dir, f)).isFile() ? sha(join(dir, f)) : 'not a file']));

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Spawns the built CLI; `whileRunning(child)` may signal it. */
function spawnCli(args: string[], opts: { shell?: string; whileRunning?: (kill: (s: NodeJS.Signals) => void) => void } = {}): Promise<Spawned> {
  const child = opts.shell
    ? spawn('/bin/sh', ['-c', `${opts.shell}; exec "$0" "$@"`, process.execPath, 'bin/fleetlab.js', ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(process.execPath, ['bin/fleetlab.js', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  opts.whileRunning?.((s) => child.kill(s));
  return new Promise((res) => child.on('exit', (code, signal) => res({ code, signal, stderr })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an interrupted run leaves the old or the new complete set', () => {
  test('SIGINT at random points: exit 130, never a mixed set or a temporary file', async () => {
    // The previous set (seed 1) and what a complete new run writes (seed 2).
    const oldDir = join(root, 'old');
    const newDir = join(root, 'new');
    // How long the output set stays open (from its private folder's creation to the exit).
    let openedAt = 0;
    const watchOpen = () =>
      void (async () => {
        for (let n = 0; n < 1000 && !(existsSync(oldDir) && readdirSync(oldDir).some((f) => TEMP_DIR.test(f))); n++) await sleep(2);
        openedAt = Date.now();
      })();
    expect((await spawnCli(['run', scenario, '--out', oldDir, '--quiet'], { whileRunning: watchOpen })).code).toBe(0);
    const runMs = Date.now() - openedAt;
    expect((await spawnCli(['run', scenario, '--seed', '2', '--out', newDir, '--quiet'])).code).toBe(0);
    const before = hashes(oldDir);
    const after = hashes(newDir);
    expect(Object.keys(before)).toEqual(SET);
    expect(after).not.toEqual(before);

    // Delays over the whole run, from the output set's creation to past its end (the commit included).
    const seed = Date.now() % 100_000;
    let x = seed;
    const random = () => ((x = (x * 16807) % 2147483647) / 2147483647);
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const dir = join(root, `kill-${i}`);
      mkdirSync(dir);
      for (const f of SET) writeFileSync(join(dir, f), readFileSync(join(oldDir, f)));
      const delayMs = Math.round(random() * runMs * 1.1);
      const r = await spawnCli(['run', scenario, '--seed', '2', '--out', dir, '--quiet'], {
        whileRunning: (kill) =>
          void (async () => {
            // Once the output set is open (its private folder exists), Ctrl-C must exit 130.
            for (let n = 0; n < 4000 && !readdirSync(dir).some((f) => TEMP_DIR.test(f)); n++) await sleep(5);
            await sleep(delayMs);
            kill('SIGINT');
          })(),
      });
      const now = hashes(dir);
      const label = `seed ${seed}, run ${i}, SIGINT ${delayMs} ms after the set opened (open ~${runMs} ms): exit ${r.code}`;
      outcomes.push(label);
      expect(r.stderr, label).not.toMatch(/internal error/);
      // Exit 0 only if the run had finished before the signal came; killed by it only if it came
      // while Node was tearing down after the run (its signal handlers are gone by then).
      if (r.code === 0 || r.signal === 'SIGINT') expect(now, label).toEqual(after);
      else {
        expect(r.code, label).toBe(130);
        expect([before, after], label).toContainEqual(now);
      }
    }
    console.log(outcomes.join('\n'));
    expect(outcomes.filter((o) => o.endsWith('exit 130')).length, outcomes.join('\n')).toBeGreaterThan(0);
  }, 120_000);
});

describe('--out problems are bad input naming the path (exit 2), the old set kept', () => {
  /** A folder holding a complete earlier set (fake content: it must be left byte for byte). */
  const withOldSet = (name: string): string => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    for (const f of SET) writeFileSync(join(dir, f), `old ${f}\n`);
    return dir;
  };

  test('--out "" is refused', async () => {
    const r = await cli(['run', 'mmc', '--quiet', '--out', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: the output folder must not be empty \(got --out ""\)/);
  });

  test('a file where the folder should be', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli(['run', 'mmc', '--quiet', '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: cannot create the output folder: a file is in the way`);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  test('a folder under a file', async () => {
    const file = join(root, 'b-file');
    writeFileSync(file, 'x');
    const r = await cli(['run', 'mmc', '--quiet', '--out', join(file, 'sub')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(file, 'sub')}: cannot create the output folder: a file is in the way (not a directory) (ENOTDIR)`);
  });

  test('--out a symlink to /dev/full', async () => {
    const link = join(root, 'full-link');
    symlinkSync('/dev/full', link);
    const r = await cli(['run', 'mmc', '--quiet', '--out', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${link}: cannot create the output folder: a file is in the way`);
  });

  test('a target name taken by a folder fails before the run', async () => {
    const dir = withOldSet('dir-in-the-way');
    const results = join(dir, 'results.json');
    const { rmSync } = await import('node:fs');
    rmSync(results);
    mkdirSync(results);
    const r = await cli(['run', 'mmc', '--quiet', '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${results}: cannot replace it: a directory is in the way (EISDIR); the previous files in ${dir} are kept`);
    expect(readFileSync(join(dir, 'jobs.csv'), 'utf8')).toBe('old jobs.csv\n');
  });

  test('a name too long', async () => {
    const long = join(root, 'x'.repeat(300));
    const r = await cli(['run', 'mmc', '--quiet', '--out', long]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${long}: cannot create the output folder: name too long (ENAMETOOLONG)`);
  });

  test('a read-only folder', async () => {
    if (process.getuid?.() === 0) {
      console.log('skipped the read-only folder case: running as root, chmod does not stop root from writing (the file-in-the-way cases cover the path)');
      return;
    }
    const dir = withOldSet('read-only');
    chmodSync(dir, 0o555);
    try {
      const r = await cli(['run', 'mmc', '--quiet', '--out', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${dir}: cannot write in the output folder: permission denied (EACCES)`);
      expect(readdirSync(dir).sort()).toEqual(SET);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  test('the disk fills up while jobs.csv streams (file size limit): old set kept, no temporary files', async () => {
    const dir = withOldSet('full');
    const r = await spawnCli(['run', scenario, '--out', dir, '--quiet'], { shell: 'ulimit -f 256' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'jobs.csv')}: cannot write: file too large (over the file size limit) (EFBIG); the previous files in ${dir} are kept`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(SET);
    for (const f of SET) expect(readFileSync(join(dir, f), 'utf8')).toBe(`old ${f}\n`);
  }, 60_000);
});

describe('temporary names are neither predictable nor followed', () => {
  test('symlinks planted at the old and other guessable temporary names are left alone', async () => {
    const dir = join(root, 'planted');
    mkdirSync(dir);
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const guesses = SET.flatMap((f) => [`${f}.tmp-${process.pid}`, `${f}.tmp`, `.${f}.tmp`, `.${f}.${process.pid}.tmp`]);
    for (const g of [...guesses, '.fleetlab.tmp', `.fleetlab-${process.pid}.tmp`]) symlinkSync(victim, join(dir, g));
    // The targets themselves are symlinks too: they are replaced, never written through.
    const dev = join(root, 'devfull-target');
    mkdirSync(dev);
    symlinkSync('/dev/full', join(dev, 'results.json'));
    symlinkSync(victim, join(dev, 'jobs.csv'));
    for (const out of [dir, dev]) {
      const r = await cli(['run', 'mmc', '--quiet', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const f of SET) expect(lstatSync(join(out, f)).isFile()).toBe(true);
      expect(readdirSync(out).filter((f) => TEMP_DIR.test(f))).toEqual([]);
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    for (const g of guesses) expect(lstatSync(join(dir, g)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dev, 'results.json'), 'utf8')).scenario.name).toBeTruthy();
  });

  test('two runs use different private folders, each created fresh', async () => {
    const dir = join(root, 'two');
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      await spawnCli(['run', scenario, '--out', dir, '--quiet'], {
        whileRunning: (kill) =>
          void (async () => {
            let name: string | undefined;
            for (let n = 0; n < 4000 && !name; n++) {
              await sleep(5);
              name = existsSync(dir) ? readdirSync(dir).find((f) => TEMP_DIR.test(f)) : undefined;
            }
            expect(name).toBeDefined();
            expect(statSync(join(dir, name!)).mode & 0o777).toBe(0o700);
            seen.add(name!);
            kill('SIGTERM');
          })(),
      });
    }
    expect(seen.size).toBe(2);
  }, 60_000);
});
