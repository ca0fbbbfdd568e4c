// CLI start-up, whole process: `node -e 0`, `fleetlab --version`, `fleetlab --help` and
// `fleetlab run` of a 1-day scenario, each spawned N times (interleaved, so machine noise hits
// all alike). Prints medians, minimums and the ratio to `node -e 0` as README table rows.
// `node bench/startup.js [N]` (default 20); `npm run bench` runs it after the engine figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/fleetlab.js');
const n = Number(process.argv[2] ?? 20);

// The default scenario over one day (no warm-up): ~1,000 jobs, three policies.
const dir = mkdtempSync(join(tmpdir(), 'fleetlab-startup-'));
const oneDay = join(dir, 'one-day.yaml');
writeFileSync(oneDay, readFileSync(join(root, 'scenarios/default.yaml'), 'utf8').replace(/^horizon: .*$/m, 'horizon: 1d').replace(/^warmup: .*\n/m, ''));

// The last two: the same commands from the tsc build (lazy imports, no bundle, no code cache).
const unbundled = { ...process.env, FLEETLAB_UNBUNDLED: '1' };
const cases = [
  ['node -e 0', ['-e', '0']],
  ['fleetlab --version', [bin, '--version']],
  ['fleetlab --help', [bin, '--help']],
  ['fleetlab run (1-day default scenario, --quiet)', [bin, 'run', oneDay, '--quiet']],
  ['fleetlab --help, tsc build (FLEETLAB_UNBUNDLED=1)', [bin, '--help'], unbundled],
  ['fleetlab run, tsc build (FLEETLAB_UNBUNDLED=1)', [bin, 'run', oneDay, '--quiet'], unbundled],
];

function once(args, env = process.env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root, env });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return s;
}

const times = cases.map(() => []);
for (const [, args, env] of cases) once(args, env); // warm the file cache
for (let i = 0; i < n; i++) cases.forEach(([, args, env], c) => times[c].push(once(args, env)));
rmSync(dir, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times[0]);
console.log(`\nCLI start-up, whole process (median / min of ${n} interleaved runs; ratio = median / median of node -e 0)`);
cases.forEach(([label], c) => {
  const m = median(times[c]);
  const ratio = c === 0 ? '1.0×' : `${(m / base).toFixed(2)}×`;
  console.log(`| ${label} | ${m.toFixed(3)} s median, ${Math.min(...times[c]).toFixed(3)} s min (${ratio}) |`);
});
