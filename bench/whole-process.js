// Whole-process figures, as a user runs fleetlab: `node bin/fleetlab.js run SCENARIO --quiet`
// timed from spawn to exit (start-up, scenario loading, trace reading, the run, the table).
//   1. the 1M-job M/M/24 scenario (24 single-accelerator nodes, ρ = 0.9) next to the same model
//      in SimPy 3 (bench/simpy-mmc.py), runs alternating so both see the same machine load;
//   2. the Philly FIFO replay (82,247 jobs of ../shared/traces/philly/philly.csv, drained).
// Prints medians and minima and README-ready table lines. `node bench/whole-process.js`, or
// part of `npm run bench`. FLEETLAB_BENCH_RUNS sets the runs per figure (default 5; SimPy gets
// max(3, runs / 2): one SimPy run takes ~10 s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const fleetlab = join(repo, 'bin', 'fleetlab.js');
const RUNS = Math.max(1, Number(process.env.FLEETLAB_BENCH_RUNS ?? 5));
const SIMPY_RUNS = Math.max(3, Math.ceil(RUNS / 2));
const line = (label, value) => console.log(`${label.padEnd(44)} ${value}`);
const dir = mkdtempSync(join(tmpdir(), 'fleetlab-bench-'));

// M/M/24 at ρ = 0.9 with a 1 h mean service: λ = 21.6 jobs/h, so 1M jobs arrive in ~46,296 h.
const MM24 = `name: M/M/24 at utilization 0.9, 1M jobs
seed: 7
horizon: 46296h
sampleEvery: 1h
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 21.6 }
    accelerators: 1
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - { name: servers, accelerator: nvidia-a100-80gb, perNode: 1, initial: 24, max: 24 }
policies:
  - { name: c=24, autoscaler: { kind: static } }
`;
const phillyTrace = fileURLToPath(new URL('../../shared/traces/philly/philly.csv', import.meta.url));
// The Philly job list on the fleet its machine list describes, FIFO, always on, run until drained.
const PHILLY = `name: Philly FIFO replay
seed: 17
horizon: drain
sampleEvery: 1h
workload:
  - { kind: trace, path: ${JSON.stringify(phillyTrace)}, format: philly, measuredOn: nvidia-p40-24gb }
fleet:
  pools:
    - { name: p40-8x, accelerator: nvidia-p40-24gb, perNode: 8, initial: 231, max: 231 }
    - { name: k80-2x, accelerator: nvidia-k80, perNode: 2, initial: 321, max: 321 }
policies:
  - { name: fifo, autoscaler: { kind: static } }
`;

function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { s, stdout: r.stdout };
}
const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};
const fmt = (xs) => `${median(xs).toFixed(2)} s median, ${Math.min(...xs).toFixed(2)} s min of ${xs.length}`;

/** The first python that imports simpy: `python3`, then Debian's `/usr/bin/python3`; else why not. */
function findSimpy() {
  const tried = [];
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import simpy; print(simpy.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python: py, version: r.stdout.trim() };
    tried.push(`${py}: ${r.error ? r.error.code : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { skip: tried.join('; ') };
}

function fleetlabRun(file) {
  return timed(process.execPath, [fleetlab, 'run', file, '--quiet']).s;
}

// 1. M/M/24, 1M jobs, against SimPy.
{
  const file = join(dir, 'mm24-1m.yaml');
  writeFileSync(file, MM24);
  const check = JSON.parse(timed(process.execPath, [fleetlab, 'run', file, '--quiet', '--json']).stdout);
  const s = check.runs[0].summary;
  const simpy = findSimpy();
  const ours = [];
  const theirs = [];
  let simpyOut = '';
  for (let i = 0; i < RUNS; i++) {
    ours.push(fleetlabRun(file));
    if (!simpy.skip && i < SIMPY_RUNS) {
      const r = timed(simpy.python, [join(repo, 'bench', 'simpy-mmc.py'), String(s.jobsSubmitted), '24', '0.9', '7']);
      theirs.push(r.s);
      simpyOut = r.stdout.trim();
    }
  }
  line('whole process: 1M M/M/24, fleetlab run', `${fmt(ours)} (${s.jobsSubmitted.toLocaleString('en-US')} jobs, wait mean ${s.waitMeanS.toFixed(1)} s)`);
  if (simpy.skip) line('whole process: 1M M/M/24, SimPy 3', `skipped: no python with simpy (${simpy.skip})`);
  else {
    const [, jobs, wait, erlang] = /jobs (\d+) wait_mean_s ([\d.]+) erlang_c_wait_mean_s ([\d.]+)/.exec(simpyOut) ?? [];
    line(`whole process: 1M M/M/24, SimPy ${simpy.version}`, `${fmt(theirs)} (${Number(jobs).toLocaleString('en-US')} jobs, wait mean ${wait} s; Erlang C ${erlang} s)`);
    line('fleetlab vs SimPy (median / median, min / min)', `${(median(theirs) / median(ours)).toFixed(1)}× / ${(Math.min(...theirs) / Math.min(...ours)).toFixed(1)}× faster`);
    console.log(`README: | 1M-job M/M/24 (ρ = 0.9), whole process \`fleetlab run --quiet\` vs SimPy ${simpy.version} (bench/simpy-mmc.py) | ${median(ours).toFixed(2)} s vs ${median(theirs).toFixed(1)} s median (${Math.min(...ours).toFixed(2)} vs ${Math.min(...theirs).toFixed(1)} min; ${RUNS} / ${theirs.length} runs): ${(median(theirs) / median(ours)).toFixed(1)}× | ≥ 20× (goal 30×) |`);
  }
}

// 2. Philly FIFO replay.
if (existsSync(phillyTrace)) {
  const file = join(dir, 'philly-fifo.yaml');
  writeFileSync(file, PHILLY);
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(fleetlabRun(file));
  line('whole process: Philly FIFO replay (82,247 jobs)', fmt(xs));
  console.log(`README: | Philly FIFO replay (82,247 jobs, drained), whole process \`fleetlab run --quiet\` | ${median(xs).toFixed(2)} s median (${Math.min(...xs).toFixed(2)} s min of ${xs.length}) | ≤ 0.4 s |`);
} else line('whole process: Philly FIFO replay', `skipped: ${phillyTrace} not found`);

{
  // The floor: node itself.
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(timed(process.execPath, ['-e', '0']).s);
  line('whole process: node -e 0 (the floor)', fmt(xs));
}
