#!/usr/bin/env node
// UI responsiveness during a 1,000,000-job run (DESIGN.md §8: no main-thread task over 100 ms).
// Not a test (timings depend on the machine): run it by hand and put the figures in the README.
//
//   node bench/responsiveness.js              build web mode, serve it, measure
//   node bench/responsiveness.js --no-build   reuse out/renderer
//   JOBS_PER_HOUR=6000 DAYS=7 POLICIES=1 CHROMIUM_PATH=/usr/bin/chromium node bench/responsiveness.js
//
// It opens the app in headless Chromium (playwright-core), loads a generated scenario through
// the "Open…" file input (synthetic arrivals, JOBS_PER_HOUR × 24 × DAYS jobs on a large static
// pool), runs it, and records the page's long tasks (PerformanceObserver 'longtask', i.e. main
// thread tasks over 50 ms) from the click on "Run all" until the results have rendered. Prints
// the number of long tasks, the longest, the run's wall time, and the longest frame gap seen
// by a requestAnimationFrame probe.
/* global window, document, performance, PerformanceObserver, requestAnimationFrame -- page.evaluate / addInitScript bodies run in the browser */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JOBS_PER_HOUR = Number(process.env.JOBS_PER_HOUR ?? 6000);
const DAYS = Number(process.env.DAYS ?? 7);
const POLICIES = Number(process.env.POLICIES ?? 1);
const noBuild = process.argv.includes('--no-build');

if (!existsSync(CHROMIUM)) {
  console.error(`responsiveness: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}

// Mean load: JOBS_PER_HOUR × 1 h × ~1.4 accelerators ≈ 8,400 busy accelerators at 6,000 jobs/h;
// the static pool holds 1,400 nodes × 8 = 11,200 so the queue stays short and every job runs.
const scenario = `name: One million jobs (responsiveness bench)
seed: 1
horizon: ${DAYS}d
sampleEvery: 5m
slo: { maxQueueWait: 30m }
workload:
  - kind: synthetic
    name: bench jobs
    arrivals: { process: poisson, ratePerHour: ${JOBS_PER_HOUR}, profile: diurnal, peakToTrough: 2, peakHour: 14 }
    accelerators: { dist: choice, values: [1, 2, 4], weights: [0.7, 0.2, 0.1] }
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - name: big
      accelerator: nvidia-h100-80gb
      perNode: 8
      initial: ${Math.ceil((JOBS_PER_HOUR * 1.4 * 1.33) / 8)}
      min: 0
      max: ${Math.ceil((JOBS_PER_HOUR * 1.4 * 1.33) / 8)}
      provisioning: 5m
policies:
${Array.from({ length: POLICIES }, (_, i) => `  - name: static-${i + 1}\n    autoscaler: { kind: static }`).join('\n')}
`;

function startServer() {
  const args = [path.join(root, 'scripts/web.js'), ...(noBuild ? ['--no-build'] : [])];
  const server = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${out}`)), 180_000);
    const onData = (d) => {
      out += d.toString();
      const m = /fleetlab web: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`web mode exited (${code}):\n${out}`)));
  });
  return { server, url };
}

const { server, url: urlPromise } = startServer();
let browser;
try {
  const url = await urlPromise;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window;
    w.__longTasks = [];
    w.__frameGapMax = 0;
    w.__probe = false;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    let last = 0;
    const frame = (t) => {
      if (w.__probe && last) w.__frameGapMax = Math.max(w.__frameGapMax, t - last);
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(url);
  await page.waitForSelector('[data-app-state="ready"]', { timeout: 60_000 });

  await page.getByTestId('open-file').setInputFiles({ name: 'bench-1m.yaml', mimeType: 'text/yaml', buffer: Buffer.from(scenario) });
  await page.waitForFunction(() => document.querySelector('[data-testid="scenario-picker"]')?.value === 'file:bench-1m.yaml');
  await page.waitForTimeout(500); // let the load-time validation settle

  const t0 = await page.evaluate(() => {
    window.__probe = true;
    return performance.now();
  });
  const wallStart = Date.now();
  await page.getByTestId('run-all').click();
  await page.waitForSelector('[data-app-state="running"]', { timeout: 10_000 });
  await page.waitForSelector('[data-app-state="done"], [data-app-state="error"]', { timeout: 15 * 60_000 });
  const wallS = (Date.now() - wallStart) / 1000;
  const state = await page.getAttribute('[data-app-state]', 'data-app-state');
  if (state === 'error') throw new Error(`the run failed: ${await page.getByTestId('error-message').textContent()}`);
  // Results render after "done": keep measuring while the charts draw.
  await page.getByTestId('kpi-table').waitFor();
  await page.waitForTimeout(1500);
  const { tasks, frameGapMax } = await page.evaluate((from) => ({ tasks: window.__longTasks.filter((t) => t.start >= from), frameGapMax: window.__frameGapMax }), t0);
  const jobs = await page.evaluate(() => {
    const row = Array.from(document.querySelectorAll('[data-testid="kpi-table"] tbody tr')).find((r) => r.querySelector('th')?.textContent === 'Jobs completed');
    return row?.querySelector('td')?.textContent ?? '?';
  });

  const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const over100 = tasks.filter((t) => t.duration > 100);
  const line = (label, value) => console.log(`${label.padEnd(44)} ${value}`);
  console.log(`fleetlab UI responsiveness — ${JOBS_PER_HOUR} jobs/h × ${DAYS} d ≈ ${(JOBS_PER_HOUR * 24 * DAYS).toLocaleString('en-US')} jobs, ${POLICIES} polic${POLICIES === 1 ? 'y' : 'ies'}`);
  line('jobs completed (first policy)', jobs);
  line('run wall time (click → results)', `${wallS.toFixed(1)} s`);
  line('main-thread long tasks (> 50 ms)', String(tasks.length));
  line('  over 100 ms', `${over100.length}${over100.length ? '  ✗ target: none' : '  ✓'}`);
  line('  longest', `${longest.toFixed(0)} ms`);
  line('longest gap between animation frames', `${frameGapMax.toFixed(0)} ms`);
  if (tasks.length) line('  long tasks at (ms after click: duration)', tasks.map((t) => `${(t.start - t0).toFixed(0)}:${t.duration.toFixed(0)}`).join(' '));
  if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
  process.exitCode = 0;
} catch (e) {
  console.error(`responsiveness: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  if (server.exitCode === null) server.kill('SIGTERM');
}
