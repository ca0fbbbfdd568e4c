// The trace scale rows of `npm run bench`: bench/scale-trace.js writes a sorted CSV trace of N
// rows to a temporary folder, then replays it through the CLI's `run` in a fresh process per run
// (peak RSS is the child's own); the file is deleted afterwards. 1M rows in memory (best of 3, the
// per-job yardstick) and streamed, 10M streamed and in memory; 100M (a ~2 GB file, minutes) only
// with FLEETLAB_BENCH_100M=1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./scale-trace.js', import.meta.url));
const node = (args) => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop();
const run = (path, mode) => JSON.parse(node(['run', path, ...(mode ? [mode] : [])]));
const fmt = (r) => `${r.wallS.toFixed(2)} s, ${r.nsPerJob.toFixed(0)} ns/job, peak RSS ${r.peakRssMb.toFixed(0)} MB`;

export async function traceScaleLines() {
  const out = [];
  const dir = mkdtempSync(join(tmpdir(), 'fleetlab-trace-bench-'));
  try {
    const trace = (n) => {
      const path = join(dir, `trace-${n}.csv`);
      node(['gen', String(n), path]);
      return path;
    };
    const t1 = trace(1_000_000);
    const base = [run(t1, '--memory'), run(t1, '--memory'), run(t1, '--memory')].sort((a, b) => a.wallS - b.wallS)[0];
    out.push(['CSV trace replay, 1M rows (in memory, best of 3)', fmt(base)]);
    out.push(['CSV trace replay, 1M rows (streamed from the file)', fmt(run(t1, '--stream'))]);
    rmSync(t1, { force: true });
    const sizes = process.env.FLEETLAB_BENCH_100M === '1' ? [10_000_000, 100_000_000] : [10_000_000];
    for (const n of sizes) {
      const path = trace(n);
      const r = run(path);
      out.push([`CSV trace replay, ${n / 1e6}M rows (streamed)`, `${fmt(r)}; per job ${(r.nsPerJob / base.nsPerJob).toFixed(2)}× the 1M run`]);
      if (n === 10_000_000) out.push([`CSV trace replay, ${n / 1e6}M rows (in memory)`, fmt(run(path, '--memory'))]);
      rmSync(path, { force: true });
    }
    if (sizes.length === 1) out.push(['CSV trace replay, 100M rows', 'skipped (minutes, a ~2 GB file): FLEETLAB_BENCH_100M=1 npm run bench']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
