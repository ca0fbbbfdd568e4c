// Trace scale bench (issue 11): a FIFO replay of an N-row CSV trace through the CLI's `run`
// (pass 1 over the file, then the run) in a fresh process, printing one JSON line
// { jobs, wallS, nsPerJob, peakRssMb, traceStreamed, fileMb }. `bench/scale-lines.js` runs it for 1M
// and 10M rows, and 100M with FLEETLAB_BENCH_100M=1. By hand:
//   npm run build:cli
//   node bench/scale-trace.js gen 10000000 /tmp/t.csv     # writes the trace
//   node bench/scale-trace.js run /tmp/t.csv [--memory | --stream]
// `--memory` keeps the trace as a table whatever its length, `--stream` streams it whatever its
// length; by default the CLI's rule applies (stream above 1,000,000 rows in submit order).
// The trace is bench/scale.js's workload written out (generic `csv`, times in ms): Poisson
// arrivals at 90% load on 64 nodes × 8 accelerators, sizes {1,1,1,2,4,8}, exponential 30 min
// durations; outcomes stream above 1M jobs (`exactPercentilesUpTo: 1000000`).
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { peakRssMb } from './peak-rss.js';

const meanK = (1 + 1 + 1 + 2 + 4 + 8) / 6;
const ratePerHour = ((0.9 * 64 * 8) / (meanK * 1800)) * 3600;

/** Writes `n` rows in submit order, ~4 MB at a time (a seeded xorshift, so every run writes the same file). */
function generate(n, path) {
  let s = 0x9e3779b9 | 0;
  const u = () => {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  const meanGapMs = 3600_000 / ratePerHour;
  const sizes = [1, 1, 1, 2, 4, 8];
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'submit_time,duration,accelerators\n');
    let t = 0;
    let buf = '';
    for (let i = 0; i < n; i++) {
      t += -Math.log(u()) * meanGapMs;
      buf += `${Math.round(t)},${Math.round(-Math.log(u()) * 1_800_000)},${sizes[(u() * 6) | 0]}\n`;
      if (buf.length > 4_000_000) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
}


async function run(path, mode) {
  const { runCommand } = await import('../dist/sim-engine/cli/run-command.js');
  // Horizon: until drained; series samples bounded as in bench/scale.js.
  const rows = Number(readFileSync(`${path}.rows`, 'utf8'));
  const horizonS = Math.ceil((rows / ratePerHour) * 3600);
  const scenario = `${path}.yaml`;
  writeFileSync(scenario, `name: trace scale bench
seed: 1
horizon: drain
sampleEvery: ${Math.max(3600, Math.ceil(horizonS / 100_000))}
exactPercentilesUpTo: 1000000
workload:
  - { kind: trace, path: ${JSON.stringify(path)}, format: csv, timeUnit: 0.001 }
fleet: { pools: [{ name: a100, accelerator: nvidia-a100-80gb, perNode: 8, initial: 64 }] }
policies: [{ name: fifo, autoscaler: { kind: static } }]
`);
  let out = '';
  const streamTraceRows = mode === '--memory' ? Infinity : mode === '--stream' ? 0 : undefined;
  const t0 = performance.now();
  await runCommand(scenario, { json: true, quiet: true, ...(streamTraceRows === undefined ? {} : { streamTraceRows }) }, { stdout: (s) => void (out += s), stderr: (s) => process.stderr.write(s) });
  const wallS = (performance.now() - t0) / 1000;
  const results = JSON.parse(out);
  const jobs = results.runs[0].summary.jobsSubmitted;
  const traceStreamed = mode === '--stream' || (mode !== '--memory' && rows > 1_000_000);
  console.log(JSON.stringify({ jobs, wallS, nsPerJob: (wallS * 1e9) / jobs, peakRssMb: peakRssMb(), traceStreamed, fileMb: statSync(path).size / 2 ** 20 }));
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'gen') {
  generate(Number(a), b);
  writeFileSync(`${b}.rows`, String(Number(a)));
} else if (cmd === 'run') await run(a, b);
else {
  console.error('usage: node bench/scale-trace.js gen N PATH | run PATH [--memory | --stream]');
  process.exit(2);
}
