// The scale rows of `npm run bench`: bench/scale.js in a fresh process per size (peak RSS is
// the child's own). 100M jobs take minutes: only with FLEETLAB_BENCH_100M=1
// (`FLEETLAB_BENCH_100M=1 npm run bench`, or `node bench/scale.js 100000000` alone).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./scale.js', import.meta.url));
const run = (args) => JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop());
const fmt = (r) => `${r.wallS.toFixed(2)} s, ${r.nsPerJob.toFixed(0)} ns/job, peak RSS ${r.peakRssMb.toFixed(0)} MB${r.streamed ? ' (streamed)' : ''}`;

export async function scaleLines() {
  const out = [];
  // The 1M run is the per-job yardstick: best of 3 (the machine is noisy).
  const base = [run(['1000000']), run(['1000000']), run(['1000000'])].sort((a, b) => a.wallS - b.wallS)[0];
  out.push(['synthetic replay, 1M jobs (in memory, best of 3)', fmt(base)]);
  const streamed = run(['1000000', '--stream']);
  out.push(['synthetic replay, 1M jobs (streamed)', fmt(streamed)]);
  const sizes = process.env.FLEETLAB_BENCH_100M === '1' ? [10_000_000, 100_000_000] : [10_000_000];
  for (const n of sizes) {
    const r = run([String(n)]);
    out.push([`synthetic replay, ${n / 1e6}M jobs`, `${fmt(r)}; per job ${(r.nsPerJob / base.nsPerJob).toFixed(2)}× the 1M run`]);
  }
  if (sizes.length === 1) out.push(['synthetic replay, 100M jobs', 'skipped (minutes): FLEETLAB_BENCH_100M=1 npm run bench, or node bench/scale.js 100000000']);
  return out;
}
