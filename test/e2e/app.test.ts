/**
 * End to end in real headless Chromium (playwright-core + Debian's chromium):
 * build and serve web mode on a free port, then drive the app like a user.
 * Screenshots of the main views go to test/e2e/__screenshots__/ (git-ignored).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jobsParquet } from '../traces/parquet-writer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = path.join(root, 'test/e2e/__screenshots__');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`e2e: skipped — no Chromium at ${CHROMIUM} (install Debian's chromium: apt-get install -y chromium, or set CHROMIUM_PATH)`);

const defaultYaml = readFileSync(path.join(root, 'scenarios/default.yaml'), 'utf8');
const defaultPolicies = (parse(defaultYaml) as { policies: { name: string }[] }).policies.map((p) => p.name);

describe.skipIf(!hasChromium)('fleetlab web app (headless Chromium)', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url = '';
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const state = () => page.getAttribute('[data-app-state]', 'data-app-state');
  const waitState = (s: string, timeout = 60_000) => page.waitForSelector(`[data-app-state="${s}"]`, { timeout });
  const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = spawn(process.execPath, [path.join(root, 'scripts/web.js')], { cwd: root, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${out}`)), 110_000);
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /fleetlab web: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      server!.stdout!.on('data', onData);
      server!.stderr!.on('data', onData);
      server!.on('exit', (code) => reject(new Error(`web mode exited (${code}):\n${out}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await waitState('ready', 30_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) server.kill('SIGTERM');
  });

  it('loads the default scenario, runs every policy and shows the KPI table and charts', async () => {
    const picker = page.getByTestId('scenario-picker');
    await picker.selectOption('builtin:default.yaml');
    expect(await picker.inputValue()).toBe('builtin:default.yaml');
    await shot('01-editor-ready');

    await page.getByTestId('run-all').click();
    await waitState('done', 120_000);
    const heads = page.locator('[data-testid="kpi-table"] thead th');
    expect(await heads.count()).toBe(1 + defaultPolicies.length);
    expect((await heads.allTextContents()).slice(1).map((t) => t.trim())).toEqual(defaultPolicies);
    expect(await page.locator('[data-testid="kpi-table"] td.best').count()).toBeGreaterThan(0);

    // The capacity charts have drawn pixels on their canvases.
    const chart = page.getByTestId('chart-capacity');
    await chart.waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chart-capacity"] canvas').length === n, defaultPolicies.length);
    const drawn = await chart.evaluate((el) =>
      Array.from(el.querySelectorAll('canvas')).map((c) => {
        const ctx = c.getContext('2d')!;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      }),
    );
    expect(drawn).toHaveLength(defaultPolicies.length);
    for (const n of drawn) expect(n).toBeGreaterThan(500);
    // Charts mount in stages after the summary (no main-thread task draws them all at once).
    for (const id of ['chart-utilization', 'chart-queue', 'chart-cost', 'chart-wait-cdf', 'chart-scatter', 'decision-log']) await page.getByTestId(id).waitFor();
    await shot('02-results');
    // Web mode's export is a blob: download link: the CSP (main/csp.js) must not get in its way.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results-json').click()]);
    expect(download.suggestedFilename()).toBe('results.json');
    expect(JSON.parse(readFileSync((await download.path())!, 'utf8')).runs).toHaveLength(defaultPolicies.length);

    const content = page.locator('.content');
    await content.evaluate((el) => el.scrollTo(0, 640));
    await shot('03-results-charts');
    await content.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot('04-results-decisions');
    await content.evaluate((el) => el.scrollTo(0, 0));

    // Brush to zoom on the first capacity chart, then reset.
    const body = chart.locator('.chart-body').first();
    await body.scrollIntoViewIfNeeded(); // below the KPI table (one row per METRIC_ROWS entry) on a 900 px viewport
    const box = (await body.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByText(/Reset zoom/).waitFor();
    await shot('05-results-zoomed');
    await page.getByText(/Reset zoom/).click();

    await page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shot('06-results-dark');
    await page.getByRole('button', { name: 'Toggle theme' }).click();
  });

  it('cancels a long run and returns to ready', async () => {
    const long = defaultYaml.replace(/^horizon: .*$/m, 'horizon: 3650d').replace(/^sampleEvery: .*$/m, 'sampleEvery: 1h').replace(/^name: .*$/m, 'name: Ten years of training jobs');
    await page.getByTestId('open-file').setInputFiles({ name: 'ten-years.yaml', mimeType: 'text/yaml', buffer: Buffer.from(long) });
    await page.waitForFunction(() => (document.querySelector('[data-testid="scenario-picker"]') as HTMLSelectElement | null)?.value === 'file:ten-years.yaml');
    expect(await state()).toBe('ready');

    await page.keyboard.press('Control+Enter');
    await waitState('running', 10_000);
    const progress = page.getByTestId('run-progress');
    await progress.waitFor();
    // The engine reports progress: the bar names the policy being run.
    await page.waitForFunction(() => /\d+\/\d+/.test(document.querySelector('[data-testid="run-progress"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.waitForTimeout(1500); // let the ETA appear for the screenshot
    await shot('07-running');

    await page.getByTestId('cancel-run').click();
    await waitState('ready', 10_000);
    expect(await page.getByTestId('run-progress').count()).toBe(0);
    expect(await page.getByTestId('run-all').isEnabled()).toBe(true);

    // The app is still usable after terminating the worker: run the default scenario again.
    await page.getByTestId('scenario-picker').selectOption('builtin:default.yaml');
    await page.getByTestId('run-all').click();
    await waitState('done', 120_000);
  });

  it('shows a clear error naming the line for a malformed scenario file', async () => {
    const broken = 'name: Broken\nseed: 1\nhorizon: 7d\nfleet: { pools: [ { name: a, perNode: 8 }\npolicies: []\n';
    await page.getByTestId('open-file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(broken) });
    await waitState('error', 10_000);
    const message = (await page.getByTestId('error-message').textContent()) ?? '';
    expect(message).toContain('broken.yaml');
    expect(message).toMatch(/broken\.yaml:\d+:\d+: /); // PATH:LINE:COL, as the CLI prints it
    await shot('08-error');

    // Dismiss: the app goes back to a usable state.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await state()).not.toBe('error');
  });

  it('an opened scenario with problems: the banner lists each once, located, in the CLI’s words; fixing a field clears it at once; undo brings it back', async () => {
    const bad = defaultYaml.replace('kind: reactive,', 'kind: reactiv,').replace(/^horizon: .*$/m, 'horizon: soon');
    await page.getByTestId('open-file').setInputFiles({ name: 'problems.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
    await waitState('error', 10_000);
    const banner = page.getByTestId('error-message');
    const message = (await banner.textContent()) ?? '';
    expect(message).toContain('problems.yaml has 2 problems');
    expect(message).toContain('problems.yaml:11:10: horizon: must be a positive duration such as "7d", or drain (got "soon")');
    expect(message).toContain('problems.yaml:41:25: policies[2].autoscaler.kind: unknown autoscaler kind "reactiv" — did you mean "reactive"?');
    const summary = page.getByTestId('validation-summary');
    expect(await summary.locator('li').count()).toBe(2);
    expect(await page.locator('.field-error', { hasText: 'must be a positive duration' }).count()).toBe(1);
    await shot('08b-validation-problems');

    await page.locator('[data-path="horizon"]').fill('7d');
    await page.waitForFunction(() => document.querySelector('[data-testid="error-message"]')?.textContent?.includes('problems.yaml has 1 problem'), undefined, { timeout: 2000 });
    await page.locator('[data-path="policies[2].autoscaler.kind"]').selectOption('reactive');
    await banner.waitFor({ state: 'detached', timeout: 2000 });
    expect(await summary.textContent()).toContain('Scenario is valid');
    expect(await state()).toBe('ready');
    await shot('08c-validation-fixed');

    // Undo both edits: the problems are back next to their fields (and the file is pristine again).
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => (document.querySelector('[data-testid="validation-summary"]')?.querySelectorAll('li').length ?? 0) === 2, undefined, { timeout: 2000 });
  });

  it('previews a trace in the worker, uses it in the scenario and runs it', async () => {
    await page.getByTestId('scenario-picker').selectOption('builtin:default.yaml');
    await page.getByTestId('open-trace').setInputFiles(path.join(root, 'scenarios/traces/philly-2017-10-02-week.csv'));
    const preview = page.getByTestId('trace-preview');
    await preview.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="trace-records"]')?.textContent === '11,386', undefined, { timeout: 30_000 });
    expect(await page.getByTestId('trace-format').inputValue()).toBe('auto');
    expect(await page.locator('[data-testid="trace-format"] option:checked').textContent()).toBe('auto (philly)');
    expect(await page.locator('[data-testid="trace-hour-profile"] rect').count()).toBe(24);
    expect(await page.locator('[data-testid="trace-arrivals-over-time"] rect').count()).toBe(56);
    expect(await page.getByTestId('trace-span-dates').textContent()).toBe('2017-10-02 → 2017-10-08');
    expect(await page.locator('[data-testid="trace-accelerators"] tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="trace-durations"] tbody tr').count()).toBeGreaterThanOrEqual(1);
    await shot('09-trace-preview');

    await page.getByTestId('use-trace').click();
    await preview.waitFor({ state: 'detached' });
    // The editor lists the new workload entry (the document is now unsaved).
    await page.locator('[data-path="workload[1].path"]').waitFor();
    expect(await page.locator('[data-path="workload[1].path"]').inputValue()).toBe('philly-2017-10-02-week.csv');

    await page.getByTestId('run-all').click();
    await waitState('done', 120_000);
    const heads = page.locator('[data-testid="kpi-table"] thead th');
    expect(await heads.count()).toBe(1 + defaultPolicies.length);
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('10-results-with-trace');
  });

  it('runs the built-in Philly scenario and shows the per-tenant table', async () => {
    await page.getByTestId('scenario-picker').selectOption('builtin:philly.yaml');
    if (await page.getByTestId('confirm-discard').count()) await page.getByTestId('confirm-discard').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="scenario-picker"]') as HTMLSelectElement | null)?.value === 'builtin:philly.yaml');
    expect(await page.getByTestId('missing-traces').count()).toBe(0);
    await page.getByTestId('run-all').click();
    await waitState('done', 120_000);
    const table = page.getByTestId('tenant-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(3);
    const groups = (await table.locator('thead tr.group-head th.group').allTextContents()).map((t) => t.trim());
    expect(groups).toEqual(['as-built', 'half-fleet', 'reactive']);
    await page.getByTestId('tenant-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.content').evaluate((el) => el.scrollBy(0, -16));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('11-tenant-table');
  });

  it('previews a Parquet trace in the browser worker', async () => {
    const n = 500;
    const buffer = Buffer.from(jobsParquet(n));
    await page.getByTestId('open-trace').setInputFiles({ name: 'export.parquet', mimeType: 'application/octet-stream', buffer });
    await page.getByTestId('trace-preview').waitFor({ timeout: 30_000 });
    await page.waitForFunction((want) => document.querySelector('[data-testid="trace-records"]')?.textContent === want, n.toLocaleString('en-US'), { timeout: 30_000 });
    expect(await page.locator('[data-testid="trace-format"] option:checked').textContent()).toBe('auto (parquet)');
    await shot('12-trace-preview-parquet');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('trace-preview').waitFor({ state: 'detached' });
  });

  it('runs replications in the worker and shows ± 95% CI in the KPI table', async () => {
    await page.getByTestId('scenario-picker').selectOption('builtin:mmc.yaml');
    if (await page.getByTestId('confirm-discard').count()) await page.getByTestId('confirm-discard').click();
    await waitState('ready', 30_000);
    await page.getByTestId('replications').fill('3');
    await page.getByTestId('run-all').click();
    await waitState('done', 120_000);
    const cost = await page.locator('[data-testid="kpi-table"] tbody tr').first().locator('td').first().textContent();
    expect(cost).toMatch(/^\$[\d.,]+k? ± \$[\d.,]+k?$/);
    expect(await page.getByText(/means of 3 replications/).count()).toBe(1);
    await shot('13-replications');
    await page.getByTestId('replications').fill('1');
  });

  const runBuiltin = async (file: string) => {
    await page.getByTestId('scenario-picker').selectOption(`builtin:${file}`);
    if (await page.getByTestId('confirm-discard').count()) await page.getByTestId('confirm-discard').click();
    await page.waitForFunction((want) => (document.querySelector('[data-testid="scenario-picker"]') as HTMLSelectElement | null)?.value === want, `builtin:${file}`);
    await waitState('ready', 30_000);
    await page.getByTestId('run-all').click();
    await waitState('done', 180_000);
  };

  it('spot-mix: fault rows in the KPI table, preemption markers on the capacity timeline, capacity stacked by pool', async () => {
    await runBuiltin('spot-mix.yaml');
    const labels = await page.locator('[data-testid="kpi-table"] tbody th').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Spot preemptions', 'Job restarts', 'Accel-hours lost', 'Energy']));
    expect(labels).not.toContain('Node failures');
    // The on-demand policy has no preemptions; the spot ones have markers, with counts in the legend.
    await page.getByTestId('capacity-2').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="capacity-0-markers"] line').count()).toBe(0);
    expect(await page.locator('[data-testid="capacity-2-markers"] line').count()).toBeGreaterThan(50);
    expect(await page.getByTestId('capacity-2').locator('[data-marker="spot preemption"]').textContent()).toBe('spot preemption');
    await page.getByTestId('capacity-by-pool').click();
    const legend = await page.getByTestId('capacity-1').locator('.legend-item').allTextContents();
    expect(legend).toEqual(expect.arrayContaining(['a100-od', 'a100-spot']));
    await page.getByTestId('chart-capacity').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('14-spot-capacity-by-pool');
    await page.getByTestId('pool-breakdown').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('15-spot-cost-by-pool');
  });

  it('failures-checkpoints: failure markers and accelerators down for repair', async () => {
    await runBuiltin('failures-checkpoints.yaml');
    await page.getByTestId('capacity-0').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('capacity-0').locator('[data-marker="node failure"]').count()).toBe(1);
    expect(await page.getByTestId('capacity-0').locator('.legend-item', { hasText: 'down for repair' }).count()).toBe(1);
    await page.getByTestId('chart-capacity').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('16-failures-capacity');
  });

  it('reserved-vs-on-demand: committed capacity vs on demand, saving or losing', async () => {
    await runBuiltin('reserved-vs-on-demand.yaml');
    const panel = page.getByTestId('commitments');
    await panel.waitFor();
    const cells = await panel.locator('tbody td').allTextContents();
    expect(cells.join(' ')).toMatch(/saves \$[\d.]+k/); // the owned base pays for itself
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('17-commitments');
  });

  it('runs the policy-library built-ins in the app: schedulers (a gzipped SWF log in the worker) and autoscalers, with decision markers', async () => {
    await runBuiltin('schedulers.yaml');
    const heads = (await page.locator('[data-testid="kpi-table"] thead th').allTextContents()).map((t) => t.trim());
    expect(heads).toEqual(['Metric', 'fifo', 'sjf', 'easy-backfill', 'fair-share']);
    expect(await page.getByTestId('tenant-table').count()).toBe(1);
    await runBuiltin('autoscalers.yaml');
    await page.getByTestId('capacity-5').waitFor({ timeout: 30_000 });
    // The predictive policy's decisions are ticks along the top of its chart, with their reasons.
    const ticks = page.locator('[data-testid="capacity-5-markers"] g[data-top="true"]');
    expect(await ticks.count()).toBeGreaterThan(10);
    expect(await ticks.first().locator("title").textContent()).toMatch(/^day 1 \d\d:\d\d · a100: [+−]\d+ nodes? — \S/);
    await page.getByTestId('chart-capacity').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('18-autoscalers-decisions');
    // The scheduled policy's windows are edited in the form (days, times, nodes per pool).
    const card = page.getByTestId('policy-4');
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    expect(await card.locator('[data-path="policies[4].autoscaler.windows[0].days.mon"]').isChecked()).toBe(true);
    await card.screenshot({ path: path.join(shots, '19-scheduled-windows-editor.png') });
  });

  it('ran without CSP violations or uncaught page errors', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('refuses to compile WebAssembly (the CSP has no wasm-unsafe-eval)', async () => {
    // After the check above: the refusal is itself reported as a CSP violation.
    const outcome = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])).then(() => 'compiled', (e: unknown) => String(e)));
    expect(outcome).toMatch(/Content Security Policy|unsafe-eval/i);
  });
});
