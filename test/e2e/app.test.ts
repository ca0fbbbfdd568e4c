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
    // The chart grid: the warm-up shaded on every time chart, utilization and queue as rolling means, cost since the warm-up.
    await page.locator('.chart-grid').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('03b-results-grid');
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

  it('answers which policy to pick: the verdict names reactive, the KPI table greys static-20 with its reason, requirements change the verdict', async () => {
    // The default scenario's results, from the test above.
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-recommended')).toBe('reactive');
    expect(await verdict.locator('h2').textContent()).toBe('reactive');
    expect(await page.getByTestId('verdict-reason').textContent()).toMatch(/^reactive: meets the 30m wait SLO 99\.\d\d% of the time at \$117\.0k, \$46\.\dk less than static-28\.$/);
    const head = (policy: string) => page.locator('[data-testid="kpi-table"] thead th', { hasText: policy });
    expect(await head('static-20').getAttribute('data-feasible')).toBe('false');
    expect(await head('static-20').getAttribute('title')).toMatch(/^Misses the requirements: availability 39\.\d\d% < target 95\.00%$/);
    expect(await head('reactive').getAttribute('data-feasible')).toBe('true');
    expect((await page.locator('[data-testid="kpi-table"] thead th').allTextContents()).slice(1)).toEqual(defaultPolicies);
    // Greyed: the static-20 column reads in the faint colour, on the sunken background.
    const look = (sel: string) => page.locator(sel).first().evaluate((el) => ({ color: getComputedStyle(el).color, bg: getComputedStyle(el).backgroundColor, cls: el.className }));
    const col = (i: number) => `[data-testid="kpi-table"] tbody tr[data-metric="shortfallHours"] td:nth-of-type(${i})`;
    const grey = await look(col(1));
    const plain = await look(col(2));
    expect(grey.cls).toContain('infeasible');
    expect(grey.color).not.toBe(plain.color);
    expect(grey.bg).not.toBe(plain.bg);
    // Best cost among the policies that meet the requirements: reactive's, not static-20's.
    expect(await page.locator('[data-testid="kpi-table"] tbody tr[data-metric="costUsd"] td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-best')))).toEqual([null, null, 'true']);

    // ⓘ on a row label: the definition in a popover, from the keyboard too.
    await page.getByRole('button', { name: 'About Availability' }).focus();
    const info = page.getByTestId('metric-info');
    await info.waitFor();
    expect(await info.textContent()).toContain('never a flattering 100%');
    await shot('30-verdict-metric-info');
    await page.keyboard.press('Escape');
    await info.waitFor({ state: 'detached' });

    // The scatter: target line, hollow static-20, a tooltip on hover.
    expect(await page.getByTestId('scatter-target').textContent()).toBe('target 95%');
    await page.locator('g.scatter-point[data-feasible="true"] circle').first().hover();
    expect(await page.getByTestId('scatter-tooltip').textContent()).toMatch(/Cost\$[\d.]+kAvailability[\d.]+%Wait p95/);
    await page.getByTestId('chart-scatter').screenshot({ path: path.join(shots, '31-scatter.png') });
    await page.mouse.move(0, 0);
    await shot('32-verdict-1440');

    // A max cost below reactive's $117.0k: no policy meets the requirements any more.
    await page.getByTestId('requirement-maxCost').fill('116.9k');
    expect(await verdict.getAttribute('data-recommended')).toBe('');
    expect(await verdict.locator('h2').textContent()).toBe('No policy meets the requirements');
    expect(await page.getByTestId('verdict-reason').textContent()).toMatch(/^Max cost \$116\.9k excludes the most \(2 of 3\)/);
    expect(await head('reactive').getAttribute('data-feasible')).toBe('false');
    await shot('33-verdict-none');
    // Invalid text is shown and ignored.
    await page.getByTestId('requirement-maxCost').fill('cheap');
    expect(await verdict.getAttribute('data-recommended')).toBe('reactive');
    expect(await verdict.getByRole('alert').textContent()).toMatch(/got "cheap"/);
    await page.getByTestId('requirement-maxCost').fill('');
    await page.getByTestId('requirement-maxWaitP95').fill('15m');
    expect(await verdict.getAttribute('data-recommended')).toBe('reactive');
    expect(await head('static-28').getAttribute('data-feasible')).toBe('false');
    await page.getByTestId('requirement-maxWaitP95').fill('');

    // 1024 px wide, light and dark: the verdict and the table read without horizontal page scroll.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    // The verdict and the summary panels fit the results column: nothing in them spills sideways
    // (the KPI table scrolls inside its own box if it must).
    const fits = await page.locator('[data-testid="verdict"], .summary-row > .panel').evaluateAll((els) => {
      const column = document.querySelector('.content')!.getBoundingClientRect();
      return els.map((el) => el.getBoundingClientRect().right <= column.right + 0.5 && el.scrollWidth <= el.clientWidth);
    });
    expect(fits).toEqual([true, true, true]);
    // …and the page itself (toolbar included) does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await page.getByTestId('run-all').evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
    await shot('34-verdict-1024');
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await shot('35-verdict-1024-dark');
    await page.locator('[data-testid="kpi-table"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('36-kpi-1024-dark');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await shot('37-verdict-1440-dark');
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

  it('bursty: three non-flat capacity charts (each its own y-scale, or one shared), chart tooltips, PNG and SVG export', async () => {
    await runBuiltin('bursty.yaml');
    await page.getByTestId('capacity-2').waitFor({ timeout: 30_000 });
    await page.getByTestId('chart-cost').waitFor({ timeout: 30_000 });
    /** Per capacity chart: its y-axis top, its top y tick label, and where its drawing reaches (0 = top of the plot, 1 = bottom). */
    const measure = () =>
      page.getByTestId('chart-capacity').evaluate((el) =>
        [0, 1, 2].map((i) => {
          const fig = el.querySelector(`[data-testid="capacity-${i}"]`)!;
          const c = fig.querySelector('canvas')!;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let top = c.height;
          let above = 0; // painted pixels above the bottom 10%
          for (let k = 3; k < d.length; k += 4) {
            if (d[k]! === 0) continue;
            const row = Math.floor((k - 3) / 4 / c.width);
            if (row < top) top = row;
            if (row < c.height * 0.9) above++;
          }
          const ticks = Array.from(fig.querySelectorAll('.chart-svg text.tick[text-anchor="end"]'), (t) => t.textContent);
          return { yMax: Number(fig.getAttribute('data-y-max')), topTick: ticks[ticks.length - 1], reach: top / c.height, above };
        }),
      );
    const own = await measure();
    // Reserved-only's demand runs to ~12k; the reactive policies' charts are on their own scales, and every one is drawn up its height.
    expect(own[0]!.yMax).toBeGreaterThan(5000);
    expect(own[1]!.yMax).toBeLessThan(own[0]!.yMax / 5);
    expect(own[2]!.yMax).toBeLessThan(own[0]!.yMax / 5);
    expect(new Set(own.map((m) => m.topTick)).size).toBeGreaterThan(1);
    for (const m of own) {
      expect(m.reach).toBeLessThan(0.5);
      expect(m.above).toBeGreaterThan(300);
    }
    // Shared: one scale, and the reactive policies flatten against the bottom — what the toggle is for, and what the default avoids.
    await page.getByTestId('share-y').click();
    expect(await page.getByTestId('share-y').getAttribute('aria-pressed')).toBe('true');
    const shared = await measure();
    expect(new Set(shared.map((m) => m.yMax)).size).toBe(1);
    expect(shared[1]!.reach).toBeGreaterThan(0.85);
    await page.getByTestId('share-y').click();
    expect((await measure()).map((m) => m.yMax)).toEqual(own.map((m) => m.yMax));

    await page.getByTestId('chart-capacity').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await shot('40-bursty-capacity');

    // Legend toggle and tooltip on the utilization chart.
    const util = page.getByTestId('chart-utilization');
    await page.locator('.chart-grid').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const first = util.locator('.legend-toggle').first();
    await first.click();
    expect(await first.getAttribute('aria-pressed')).toBe('false');
    await first.click();
    const ub = (await util.locator('.chart-body').boundingBox())!;
    await page.mouse.move(ub.x + ub.width * 0.55, ub.y + ub.height * 0.4);
    await util.locator('.chart-tooltip').waitFor();
    expect(await util.locator('.chart-tooltip .tooltip-row').count()).toBe(3);
    expect(await util.locator('.chart-tooltip .tooltip-time').textContent()).toMatch(/^day \d \d\d:\d\d/);
    await shot('41-bursty-grid-tooltip');
    const cdf = page.getByTestId('chart-wait-cdf');
    await cdf.scrollIntoViewIfNeeded();
    const cb = (await cdf.locator('.chart-body').boundingBox())!;
    await page.mouse.move(cb.x + cb.width * 0.5, cb.y + cb.height * 0.3);
    await cdf.locator('.chart-tooltip').waitFor();
    expect(await cdf.locator('.chart-tooltip .tooltip-time').textContent()).toMatch(/^p\d+ /);
    expect(await cdf.locator('.chart-tooltip .tooltip-row').count()).toBe(3);
    await shot('42-bursty-cdf-tooltip');
    await page.mouse.move(0, 0);

    // SVG export: one path per policy with the axes; PNG: the chart at 2×.
    const cost = page.getByTestId('chart-cost');
    const [svgDl] = await Promise.all([page.waitForEvent('download'), cost.getByTestId('export-svg').click()]);
    expect(svgDl.suggestedFilename()).toBe('cumulative-cost.svg');
    const svg = readFileSync((await svgDl.path())!, 'utf8');
    expect(svg.match(/<path class="line"/g)).toHaveLength(3);
    expect(svg).toContain('>Cumulative cost<');
    expect(svg).toContain('>day 7<');
    const cap = page.getByTestId('capacity-0');
    const [pngDl] = await Promise.all([page.waitForEvent('download'), cap.getByTestId('export-png').click()]);
    expect(pngDl.suggestedFilename()).toBe('capacity-reserved-only.png');
    const png = readFileSync((await pngDl.path())!);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const pngWidth = png.readUInt32BE(16);
    const chartWidth = (await cap.locator('.chart-body').boundingBox())!.width;
    expect(Math.abs(pngWidth - 2 * chartWidth)).toBeLessThanOrEqual(2);
    await pngDl.saveAs(path.join(shots, '45-export-capacity-reserved-only.png'));
    const [costPng] = await Promise.all([page.waitForEvent('download'), cost.getByTestId('export-png').click()]);
    expect(costPng.suggestedFilename()).toBe('cumulative-cost.png');
    await costPng.saveAs(path.join(shots, '46-export-cumulative-cost.png'));

    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await page.getByTestId('chart-capacity').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('43-bursty-capacity-dark');
    await page.locator('.chart-grid').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('44-bursty-grid-dark');
    await page.getByRole('button', { name: 'Toggle theme' }).click();
  });

  it('builds a trace-only drain scenario entirely in the form and runs it: every trace job completes', async () => {
    await page.getByTestId('scenario-picker').selectOption('builtin:default.yaml');
    if (await page.getByTestId('confirm-discard').count()) await page.getByTestId('confirm-discard').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="scenario-picker"]') as HTMLSelectElement | null)?.value === 'builtin:default.yaml');
    const editor = page.getByTestId('workload-editor');
    // Element screenshots of the (scrolling) editor column need it taller than a screen.
    const editorShot = async (name: string, el = editor) => {
      await page.setViewportSize({ width: 1440, height: 2600 });
      await el.scrollIntoViewIfNeeded();
      await el.screenshot({ path: path.join(shots, `${name}.png`) });
      await page.setViewportSize({ width: 1440, height: 900 });
    };
    // The default's generator, with its distributions in the form, and the pool's provisioning delay.
    expect(await page.locator('[data-path="workload[0].duration.dist"]').inputValue()).toBe('lognormal');
    expect(await page.locator('[data-path="workload[0].accelerators.dist"]').inputValue()).toBe('choice');
    expect(await page.locator('[data-path="fleet.pools[0].provisioning.dist"]').inputValue()).toBe('lognormal');
    await editorShot('50-workload-synthetic');
    await editorShot('51-pool-card', page.getByTestId('pool-0'));

    await page.getByTestId('workload-0-remove').click();
    await page.getByTestId('add-trace').click();
    const tracePath = page.locator('[data-path="workload[0].path"]');
    expect(await tracePath.inputValue()).toBe('');
    await tracePath.fill('traces/philly-2017-10-02-week.csv'); // bundled with the built-ins
    await page.locator('[data-path="workload[0].format"]').selectOption('philly');
    await page.locator('[data-path="horizon.mode"]').selectOption('drain');
    await page.locator('[data-path="warmup"]').fill(''); // every job counts, from t = 0
    await page.waitForFunction(() => /Scenario is valid/.test(document.querySelector('[data-testid="validation-summary"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await editorShot('52-workload-trace-drain');

    await page.getByTestId('run-all').click();
    await waitState('done', 180_000);
    const completed = page.locator('[data-testid="kpi-table"] tbody tr', { has: page.locator('th', { hasText: /^Jobs completed/ }) }).locator('td');
    expect(await completed.allTextContents()).toEqual(defaultPolicies.map(() => '11,386'));
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.sidebar').evaluate((el) => el.scrollTo(0, 0));
    await shot('53-trace-drain-results');

    // At 1024 px the editor column does not scroll sideways.
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('54-editor-1024');
    await editor.scrollIntoViewIfNeeded();
    await shot('55-workload-editor-1024');
    expect(await page.locator('.sidebar').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('reads at 1024 px: the default, bursty and Philly results, each view without sideways page scroll', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    for (const [id, prefix] of [['default', '60'], ['bursty', '63'], ['philly', '66']] as const) {
      await page.getByTestId('scenario-picker').selectOption(`builtin:${id}.yaml`);
      if (await page.getByTestId('confirm-discard').count()) await page.getByTestId('confirm-discard').click();
      await page.waitForFunction((v) => (document.querySelector('[data-testid="scenario-picker"]') as HTMLSelectElement | null)?.value === v, `builtin:${id}.yaml`);
      await page.getByTestId('run-all').click();
      await waitState('done', 120_000);
      await page.getByTestId('verdict').waitFor();
      await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
      await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
      expect(await noSideways()).toBe(true);
      await shot(`${prefix}-${id}-results-1024`);
      await page.getByTestId('chart-capacity').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(`${Number(prefix) + 1}-${id}-capacity-1024`);
      await page.locator('.chart-grid').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      expect(await noSideways()).toBe(true);
      await shot(`${Number(prefix) + 2}-${id}-charts-1024`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
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
