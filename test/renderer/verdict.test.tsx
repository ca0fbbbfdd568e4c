// @vitest-environment jsdom
/**
 * The verdict at the top of the results, and the planner's requirements: they re-evaluate the
 * verdict and the KPI table as the planner types (no re-run), and survive switching scenarios.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunBundle } from '../../sim-engine/worker/types';
import { AppController } from '../../renderer/state/controller';
import { parsePercent, parseRequirements, parseUsd, parseWait } from '../../renderer/state/requirements';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, fakeBundle, SCENARIO, summary } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

/** The default scenario's three policies, with its numbers (CLI table of scenarios/default.yaml). */
function defaultBundle(slo: RunBundle['slo'] | null = { maxQueueWaitS: 1800, availabilityTarget: 0.95 }): RunBundle {
  const b = fakeBundle(['static-20', 'static-28', 'reactive']);
  const over = [
    { costUsd: 116_812, availability: 0.3902, waitP95S: 17_220 },
    { costUsd: 163_520, availability: 0.9776, waitP95S: 1300 },
    { costUsd: 117_020, availability: 0.9949, waitP95S: 780 },
  ];
  const runs = b.runs.map((r, i) => ({ ...r, summary: summary(slo?.maxQueueWaitS === null ? { ...over[i]!, availability: null, shortfallHours: null } : over[i]!) }));
  return { ...b, runs, results: { ...b.results, runs: runs.map((r) => ({ policy: r.policy, summary: r.summary })) }, ...(slo ? { slo } : {}) };
}

async function setup(bundle = defaultBundle()) {
  const engine = createFakeEngine(['static-20', 'static-28', 'reactive']);
  engine.bundle = bundle;
  const controller = new AppController({ engine, builtins: [{ fileName: 'a.yaml', text: SCENARIO }, { fileName: 'b.yaml', text: SCENARIO.replace('Test fleet', 'Other fleet') }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  fireEvent.click(screen.getByTestId('run-all'));
  await waitFor(() => expect(view.container.querySelector('[data-app-state]')!.getAttribute('data-app-state')).toBe('done'));
  return { controller, engine, view };
}

const panel = () => screen.getByTestId('verdict');
const heads = () => Array.from(screen.getByTestId('kpi-table').querySelectorAll('thead th')).slice(1) as HTMLElement[];
const type = (field: string, value: string) => fireEvent.change(screen.getByTestId(`requirement-${field}`), { target: { value } });

describe('verdict panel', () => {
  it('names the recommended policy with its reason, above the KPI table, and lists who misses the requirements and why', async () => {
    const { view } = await setup();
    expect(panel().dataset.recommended).toBe('reactive');
    expect(within(panel()).getByRole('heading', { level: 2 }).textContent).toBe('reactive');
    expect(screen.getByTestId('verdict-reason').textContent).toBe('reactive: meets the 30m wait SLO 99.49% of the time at $117.0k, $46.5k less than static-28.');
    expect(screen.getByTestId('verdict-infeasible').textContent).toBe('static-20 availability 39.02% < target 95.00%');
    // Above the KPI table, at the top of the results.
    const all = Array.from(view.container.querySelectorAll('[data-testid="verdict"], [data-testid="kpi-table"]'));
    expect(all.map((e) => e.getAttribute('data-testid'))).toEqual(['verdict', 'kpi-table']);
    expect(heads().map((h) => [h.textContent, h.dataset.feasible])).toEqual([['static-20', 'false'], ['static-28', 'true'], ['reactive', 'true']]);
    expect(screen.getByTestId('kpi-note').textContent).toMatch(/^best value per row among the policies that meet the requirements/);
  });

  it('re-evaluates the verdict and the table as the planner types a requirement; invalid text is shown and ignored', async () => {
    const { engine } = await setup();
    type('maxCost', '117k');
    expect(panel().dataset.recommended).toBe('');
    expect(within(panel()).getByRole('heading', { level: 2 }).textContent).toBe('No policy meets the requirements');
    // The heading says none does; the reason goes on with which requirement excludes the most.
    expect(screen.getByTestId('verdict-reason').textContent).toBe('Max cost $117.0k excludes the most (2 of 3); relax it or add capacity.');
    expect(panel().textContent).toMatch(/No policy meets the requirementsMax cost \$117\.0k excludes the most/);
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['false', 'false', 'false']);
    expect(heads()[2]!.title).toBe('Misses the requirements: cost $117.0k > limit $117.0k');
    expect(screen.getByTestId('kpi-note').textContent).toMatch(/^no policy meets the requirements: best value per row among all policies/);

    type('maxCost', 'lots');
    expect(screen.getByRole('alert').textContent).toBe('Ignored: not an amount in USD, e.g. 150k or 150000 (got "lots")');
    expect(screen.getByTestId('requirement-maxCost').getAttribute('aria-invalid')).toBe('true');
    expect(panel().dataset.recommended).toBe('reactive');

    type('maxCost', '');
    type('minAvailability', '99.5');
    expect(panel().dataset.recommended).toBe('');
    type('minAvailability', '30');
    // static-20 now meets the bar and costs $0.2k less, but reactive is within 1% with a far shorter wait p95.
    expect(panel().dataset.recommended).toBe('reactive');
    expect(screen.getByTestId('verdict-reason').textContent).toMatch(/within 1% of static-20's \$116\.8k, with a shorter wait p95 \(13m vs 4h 47m\)/);
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['true', 'true', 'true']);
    type('maxWaitP95', '15m');
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['false', 'false', 'true']);
    expect(screen.getByTestId('verdict-reason').textContent).toMatch(/, the only policy that meets the requirements\.$/);
    expect(engine.runs).toHaveLength(1); // no re-run
  });

  it('keeps the requirements per scenario for the session: switching away and back restores them', async () => {
    const { controller } = await setup();
    type('maxWaitP95', '20m');
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['false', 'false', 'true']);
    fireEvent.change(screen.getByTestId('scenario-picker'), { target: { value: 'builtin:b.yaml' } });
    expect(screen.queryByTestId('verdict')).toBeNull();
    fireEvent.change(screen.getByTestId('scenario-picker'), { target: { value: 'builtin:a.yaml' } });
    expect((screen.getByTestId('requirement-maxWaitP95') as HTMLInputElement).value).toBe('20m');
    expect(heads().map((h) => h.dataset.feasible)).toEqual(['false', 'false', 'true']);
    expect(controller.state.requirements).toEqual({ 'builtin:a.yaml': { maxCost: '', minAvailability: '', maxWaitP95: '20m' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear requirements' }));
    expect(controller.state.requirements).toEqual({});
  });

  it('with no SLO set, says so and what it recommends on; min availability is disabled', async () => {
    await setup(defaultBundle({ maxQueueWaitS: null, availabilityTarget: 0.95 }));
    expect(screen.getByTestId('verdict-no-slo').textContent).toMatch(/^No SLO set \(slo\.maxQueueWait\), so availability is not measured: this verdict weighs cost — a policy within 1% of the cheapest wins on a shorter wait p95 — and the limits you set/);
    // static-20 is $0.2k cheaper, but reactive is within 1% with the shorter wait p95.
    expect(panel().dataset.recommended).toBe('reactive');
    expect(screen.getByTestId('verdict-reason').textContent).toBe("reactive: with no SLO set, costs $117.0k, within 1% of static-20's $116.8k, with a shorter wait p95 (13m vs 4h 47m).");
    expect((screen.getByTestId('requirement-minAvailability') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('scatter-no-slo')).toBeTruthy();
    expect(heads().every((h) => h.dataset.feasible === 'true')).toBe(true);
  });

  it('a bundle without an SLO view (an older engine) uses the default target', async () => {
    await setup(defaultBundle(null));
    expect(panel().dataset.recommended).toBe('reactive');
    expect(screen.getByTestId('verdict-reason').textContent).toMatch(/^reactive: meets the SLO 99\.49% of the time/);
  });
});

describe('requirement parsing', () => {
  it('reads USD, percentages and durations; reports what it cannot read, ending with the text', () => {
    expect(['150000', '150,000', '$150k', '150 K', '0.15M', '$1.2m', '1_000'].map((t) => parseUsd(t).value)).toEqual([150_000, 150_000, 150_000, 150_000, 150_000, 1_200_000, 1000]);
    expect(parseUsd('').value).toBeUndefined();
    expect(parseUsd('-5').error).toBe('not an amount in USD, e.g. 150k or 150000 (got "-5")');
    expect(['99', '99.5%', '100'].map((t) => parsePercent(t).value)).toEqual([0.99, 0.995, 1]);
    expect(parsePercent('150').error).toBe('a percentage in (0, 100], e.g. 99 (got "150")');
    expect(parsePercent('0').error).toMatch(/got "0"/);
    expect(['30m', '2h', '90', '1d'].map((t) => parseWait(t).value)).toEqual([1800, 7200, 90, 86400]);
    expect(parseWait('soon').error).toBe('not a duration, e.g. 30m or 2h (got "soon")');
    expect(parseWait('-5m').error).toBe('a wait must be ≥ 0 (got "-5m")');
    expect(parseRequirements({ maxCost: '1k', minAvailability: 'x', maxWaitP95: '' })).toEqual({ limits: { maxCostUsd: 1000 }, errors: { minAvailability: 'a percentage in (0, 100], e.g. 99 (got "x")' } });
  });
});
