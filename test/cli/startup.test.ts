/**
 * CLI start-up (issue 11): each command loads only what it needs, the esbuild bundle behaves as
 * the sources do, and `--help` reads as it did before either (fixtures captured from the CLI
 * before the change). Speed itself is measured by bench/startup.js, never here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatMetric, METRIC_ROWS } from '../../sim-engine/report/metric-rows.js';
import { cli } from '../helpers.js';
import { jobsParquet } from '../traces/parquet-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetlab-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const HELP = { '': 'fleetlab', run: 'run', inspect: 'inspect', catalog: 'catalog', policies: 'policies', schema: 'schema' } as const;
const helpFixture = (name: string) => readFileSync(`test/fixtures/cli-help/${name}.txt`, 'utf8');
const bundled = existsSync('dist/sim-engine/cli-bundle/main.mjs') && existsSync('dist/sim-engine/cli-bundle/cli.cjs.cache');

function bin(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/fleetlab.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** The modules (file paths under the repository, and node_modules packages) a spawned command loads. */
function modulesLoaded(args: string[], opts: { unbundled?: boolean } = {}): { files: string[]; packages: string[]; status: number | null } {
  const log = join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const r = bin(args, { FLEETLAB_MODULE_LOG: log, NODE_OPTIONS: `--import=${resolve('test/fixtures/module-log/register.mjs')}`, ...(opts.unbundled ? { FLEETLAB_UNBUNDLED: '1' } : {}) });
  const urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:')))];
  const root = `file://${resolve('.')}/`;
  const files = urls.filter((u) => u.startsWith(root) && !u.includes('/node_modules/')).map((u) => u.slice(root.length)).sort();
  const packages = [...new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))].sort();
  return { files, packages, status: r.status };
}

describe('--version and --help', () => {
  test('--version and -V print the package version, through the binary and in-process', async () => {
    for (const flag of ['--version', '-V']) {
      const r = bin([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect(r.stderr).toBe('');
      expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  test('--version loads nothing but the launcher', () => {
    const m = modulesLoaded(['--version']);
    expect(m.status).toBe(0);
    expect(m.files).toEqual(['bin/fleetlab.js']);
    expect(m.packages).toEqual([]);
  });

  test('help text is unchanged: in-process, through the binary (bundle) and through the tsc build', async () => {
    for (const [cmd, name] of Object.entries(HELP)) {
      const args = cmd ? [cmd, '--help'] : ['--help'];
      expect((await cli(args)).stdout).toBe(helpFixture(name));
      for (const env of [{}, { FLEETLAB_UNBUNDLED: '1' }] as Record<string, string>[]) {
        const r = bin(args, env);
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(helpFixture(name));
      }
    }
    expect((await cli(['help', 'run'])).stdout).toBe(helpFixture('run'));
  });

  test('--help loads commander and the command table only', () => {
    const m = modulesLoaded(['--help'], { unbundled: true });
    expect(m.status).toBe(0);
    // (CommonJS `require`s inside packages, e.g. extra-typings → commander, bypass the ES hook on Node 20.)
    expect(m.packages.filter((p) => p !== '@commander-js/extra-typings' && p !== 'commander')).toEqual([]);
    expect(m.files).toEqual(['bin/fleetlab.js', 'dist/sim-engine/cli/common.js', 'dist/sim-engine/cli/main.js', 'dist/sim-engine/version.js']);
  });
});

describe('each command loads what it needs', () => {
  const PARQUET = ['hyparquet', 'hyparquet-compressors'];
  test('run of a synthetic scenario: schema and engine, no importers, no Parquet, no progress bar', () => {
    const m = modulesLoaded(['run', 'mmc', '--quiet'], { unbundled: true });
    expect(m.status).toBe(0);
    expect(m.packages).toEqual(expect.arrayContaining(['zod', 'yaml']));
    for (const p of [...PARQUET, 'papaparse', 'fflate', 'cli-progress']) expect(m.packages).not.toContain(p);
    expect(m.files).not.toContain('dist/sim-engine/cli/trace-io.js');
  });

  test('inspect of a CSV trace: the importers, no Parquet, no scenario schema', () => {
    const m = modulesLoaded(['inspect', 'scenarios/traces/philly-2017-10-02-week.csv', '--json'], { unbundled: true });
    expect(m.status).toBe(0);
    expect(m.files).toContain('dist/sim-engine/cli/trace-io.js');
    for (const p of [...PARQUET, 'zod', 'yaml']) expect(m.packages).not.toContain(p);
  });

  test('inspect of a Parquet trace loads hyparquet, and reads it', () => {
    const file = join(dir, 'jobs.parquet');
    writeFileSync(file, jobsParquet(50));
    const m = modulesLoaded(['inspect', file, '--json'], { unbundled: true });
    expect(m.status).toBe(0);
    expect(m.packages).toEqual(expect.arrayContaining(PARQUET));
    const r = bin(['inspect', file, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'parquet', records: 50 });
  });
});

describe.skipIf(!bundled)('the esbuild bundle (npm run build:cli) behaves as the sources', () => {
  test('help runs from main.mjs, without the command chunks', () => {
    const m = modulesLoaded(['--help']);
    expect(m.files).toContain('dist/sim-engine/cli-bundle/main.mjs');
    expect(m.files.every((f) => f === 'bin/fleetlab.js' || f.startsWith('dist/sim-engine/cli-bundle/'))).toBe(true);
    // The commands stay lazy chunks inside the bundle.
    expect(m.files.filter((f) => /\/(run-command|inspect|catalog-command|policies-command|json-schema)-\w+\.mjs$/.test(f))).toEqual([]);
    expect(m.packages).toEqual([]);
  });

  test('the commands run from cli.cjs with its V8 code cache, which this Node accepts', () => {
    const m = modulesLoaded(['run', 'mmc', '--quiet']);
    expect(m.status).toBe(0);
    expect(m.files).toEqual(['bin/fleetlab.js']); // cli.cjs is compiled by vm.Script, not imported
    const check = `const { Script } = require('node:vm'); const { readFileSync } = require('node:fs'); const Module = require('node:module');
      const f = 'dist/sim-engine/cli-bundle/cli.cjs';
      process.stdout.write(String(new Script(Module.wrap(readFileSync(f, 'utf8')), { filename: f, cachedData: readFileSync(f + '.cache') }).cachedDataRejected));`;
    expect(spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' }).stdout).toBe('false');
  });

  test('same stdout, stderr and exit code as in-process for every command (help from main.mjs, commands from cli.cjs)', async () => {
    const file = join(dir, 'same.parquet');
    writeFileSync(file, jobsParquet(20));
    const bad = join(dir, 'bad.yaml');
    // zod's own checks (types, enums, unknown keys) and fleetlab's wording of them.
    writeFileSync(bad, readFileSync('scenarios/mmc.yaml', 'utf8').replace(/^horizon: .*$/m, 'horizon: soon\nbogus: 1').replace(/^seed: .*$/m, 'seed: -1.5'));
    const cases = [
      ['run', bad],
      ['run', 'mmc', '--json', '--quiet'],
      ['run', 'default', '--quiet', '--replications', '2'],
      ['run', 'philly', '--quiet', '--json'],
      ['run', 'missing.yaml'],
      ['run', 'mmc', '--policy', 'nope'],
      ['run', '--bogus'],
      ['inspect', 'scenarios/traces/philly-2017-10-02-week.csv'],
      ['inspect', 'scenarios/traces/NASA-iPSC-1993-3.1-cln.swf.gz', '--json'],
      ['inspect', file, '--json'],
      ['inspect', 'test/fixtures/traces/csv-truncated.csv.gz'],
      ['catalog'],
      ['catalog', '--json'],
      ['policies'],
      ['policies', '--json'],
      ['schema'],
      ['nope'],
      [],
    ];
    for (const args of cases) {
      const inProcess = await cli(args);
      const r = bin(args);
      expect({ args, code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr });
    }
  }, 60_000);
});

test('table integers keep the en-US grouping (without ICU at start-up)', () => {
  const row = METRIC_ROWS.find((r) => r.key === 'jobsSubmitted')!;
  for (const v of [0, 7, 999, 1000, 12345, 1234567, -1234567, 2 ** 53, 1e20, 1e21, 1.5e22]) expect(formatMetric(row, v)).toBe(v.toLocaleString('en-US'));
});
