// Trace import throughput (DESIGN.md §8: ≥ 1 million CSV rows/s in Node).
// Run after `npm run build:cli`: node bench/traces.js [rows]
import { createImporter } from '../dist/sim-engine/traces/index.js';

const N = Number(process.argv[2] ?? 2_000_000);
const CHUNK = 1 << 16;

function feed(format, text, options = {}) {
  const imp = createImporter(format, options);
  if ('error' in imp) throw new Error(imp.error);
  for (let i = 0; i < text.length; i += CHUNK) imp.push(text.slice(i, i + CHUNK));
  return imp.end();
}

function measure(label, format, text, rows, options) {
  feed(format, text, options); // warm-up
  const times = [];
  for (let rep = 0; rep < 5; rep++) {
    const t0 = process.hrtime.bigint();
    const r = feed(format, text, options);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.records !== rows) throw new Error(`${label}: expected ${rows} records, got ${r.records}`);
  }
  times.sort((a, b) => a - b);
  const best = rows / times[0];
  const median = rows / times[2];
  console.log(`${label.padEnd(34)} best ${(best / 1e6).toFixed(2)}  median ${(median / 1e6).toFixed(2)} M rows/s  (5 runs, ${rows} rows, ${(text.length / 1e6).toFixed(0)} MB)`);
  return median;
}

// Deterministic synthetic rows (no RNG needed).
const csv = ['submit_time,duration,accelerators\n'];
const philly = ['timestamp,duration,num_gpus,gpu_time,cluster\n'];
const swf = ['; MaxProcs: 1024\n'];
let t = 0;
for (let i = 0; i < N; i++) {
  t += ((i * 7919) % 1000) / 10;
  const d = (i * 31) % 86400;
  const k = 1 << (i % 4);
  csv.push(`${t.toFixed(1)},${d}.0,${k}\n`);
  if (i < N / 2) {
    const s = 1506816000 + Math.floor(t / 10);
    const date = new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ');
    philly.push(`${date},${d}.0,${k},${d * k}.0,vc${i % 15}\n`);
    swf.push(`${i + 1} ${Math.floor(t)} 5 ${d} ${k} -1 -1 ${k} 86400 -1 1 ${i % 50} 1 -1 1 1 -1 -1\n`);
  }
}
measure('csv (submit,duration,accelerators)', 'csv', csv.join(''), N);
measure('philly (timestamps, tenant)', 'philly', philly.join(''), N / 2);
measure('swf', 'swf', swf.join(''), N / 2);
