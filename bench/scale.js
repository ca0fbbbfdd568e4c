// Scale bench (issue 11): a synthetic FIFO replay of N jobs in a fresh process, printing one
// JSON line { jobs, events, wallS, nsPerJob, peakRssMb, streamed }. `bench/run.js` runs it for
// 1M and 10M jobs, and 100M with FLEETLAB_BENCH_100M=1 (minutes). By hand:
//   npm run build:cli && node bench/scale.js 100000000 [--stream]
// The workload is generated lazily (as DESIGN §9 asks of a 100M-job trace): Poisson arrivals
// at 90% load on 64 nodes × 8 accelerators, sizes {1,1,1,2,4,8}, exponential 30 min durations.
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../dist/sim-engine/scenario/loader.js';
import { collect, createSimulation, runToEnd } from '../dist/sim-engine/run/index.js';
import { peakRssMb } from './peak-rss.js';

const n = Number(process.argv[2] ?? 1_000_000);
// --stream: stream outcomes even below exactPercentilesUpTo (a 1M-job run, for the per-job cost ratio).
const stream = process.argv.includes('--stream') ? true : 'auto';
const meanK = (1 + 1 + 1 + 2 + 4 + 8) / 6;
const ratePerHour = ((0.9 * 64 * 8) / (meanK * 1800)) * 3600;
const horizonS = Math.ceil((n / ratePerHour) * 3600);
const loaded = loadScenario(`
name: scale bench
seed: 1
horizon: ${horizonS}
sampleEvery: ${Math.max(3600, Math.ceil(horizonS / 100_000))}
workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: ${ratePerHour} }
    accelerators: { dist: choice, values: [1, 2, 4, 8], weights: [3, 1, 1, 1] }
    duration: { dist: exponential, mean: 30m }
fleet: { pools: [{ name: a100, accelerator: nvidia-a100-80gb, perNode: 8, initial: 64 }] }
policies: [{ name: fifo, autoscaler: { kind: static } }]
`, 'scale.yaml');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
const t0 = performance.now();
const sim = createSimulation(loaded.scenario, 0, 1, new Map(), { stream });
runToEnd(sim, 'fifo', { sliceEvents: 1 << 20 });
const result = collect(sim, loaded.scenario, 0, 1);
const wallS = (performance.now() - t0) / 1000;
const jobs = result.summary.jobsSubmitted;
console.log(JSON.stringify({ jobs, events: sim.events, wallS, nsPerJob: (wallS * 1e9) / jobs, peakRssMb: peakRssMb(), streamed: !!result.jobsStreamed, waitP99S: result.summary.waitP99S }));
