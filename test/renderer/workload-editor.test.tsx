// @vitest-environment jsdom
/**
 * Issue 10, defect 5: workload entries are added (synthetic or trace), removed and reordered
 * in the form, so a trace can be replayed on its own with `horizon: drain`; distributions are
 * a kind select plus the kind's parameters, generated from the scenario schema.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function setup(text = SCENARIO) {
  const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'test.yaml', text }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = <T extends HTMLElement = HTMLInputElement>(path: string) => view.container.querySelector<T>(`[data-path="${path}"]`);
  const kinds = () => [...view.container.querySelectorAll('[data-testid^="workload-"] .card-head .badge')].map((b) => b.textContent);
  return { controller, view, field, kinds };
}

const undo = () => act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));

describe('workload entries', () => {
  it('builds a trace-only drain scenario in the form: remove the generator, add a trace, pick drain', async () => {
    const { controller, field, kinds } = setup();
    fireEvent.click(screen.getByLabelText(/^Remove workload 1/));
    expect(kinds()).toEqual([]);
    expect(screen.getAllByText('needs at least one entry').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId('add-trace'));
    expect(kinds()).toEqual(['trace']);
    const path = field('workload[0].path')!;
    expect(path.value).toBe('');
    fireEvent.change(path, { target: { value: 'traces/philly-2017-10-02-week.csv' } });
    fireEvent.change(field<HTMLSelectElement>('workload[0].format')!, { target: { value: 'philly' } });
    fireEvent.change(field<HTMLSelectElement>('horizon.mode')!, { target: { value: 'drain' } });
    expect(field('horizon')).toBeNull();
    const text = controller.currentText();
    expect(text).toContain('horizon: drain\n');
    expect(text).toMatch(/workload:\n\s+- kind: trace\n\s+format: philly\n\s+path: traces\/philly-2017-10-02-week.csv\n/);
    expect(text).not.toContain('synthetic');
    await waitFor(() => expect(screen.getByTestId('validation-summary').textContent).toContain('Scenario is valid'));
    // Back to a fixed horizon: the last duration comes back.
    fireEvent.change(field<HTMLSelectElement>('horizon.mode')!, { target: { value: 'fixed' } });
    expect(field('horizon')!.value).toBe('1d');
  });

  it('refuses drain with a synthetic generator, on the horizon field', () => {
    const { field } = setup();
    fireEvent.change(field<HTMLSelectElement>('horizon.mode')!, { target: { value: 'drain' } });
    expect(field('horizon.mode')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('f-horizon-err')!.textContent).toMatch(/drain needs trace workloads only/);
  });

  it('adds, reorders (focus follows the moved entry) and removes entries, each one undo step', async () => {
    const { controller, view, kinds } = setup();
    fireEvent.click(screen.getByTestId('add-trace'));
    fireEvent.click(screen.getByTestId('add-synthetic'));
    expect(kinds()).toEqual(['synthetic', 'trace', 'synthetic']);
    const up = view.getByTestId('workload-1-up');
    expect(up.tagName).toBe('BUTTON'); // focusable, Enter and Space press it
    expect(up.getAttribute('aria-label')).toBe('Move workload 2 (new trace) up');
    expect(view.getByTestId('workload-0-up')).toHaveProperty('disabled', true);
    expect(view.getByTestId('workload-2-down')).toHaveProperty('disabled', true);
    up.focus();
    fireEvent.click(up);
    expect(kinds()).toEqual(['trace', 'synthetic', 'synthetic']);
    await waitFor(() => expect(document.activeElement).toBe(view.getByTestId('workload-0-down')));
    expect(controller.currentText()).toMatch(/workload:\n\s+- kind: trace\n\s+format: auto\n\s+- kind: synthetic\n\s+arrivals: \{ ratePerHour: 10 \}/);
    fireEvent.click(view.getByTestId('workload-1-down'));
    expect(kinds()).toEqual(['trace', 'synthetic', 'synthetic']);
    fireEvent.click(view.getByTestId('workload-0-down'));
    expect(kinds()).toEqual(['synthetic', 'trace', 'synthetic']);
    fireEvent.click(view.getByTestId('workload-2-remove'));
    expect(kinds()).toEqual(['synthetic', 'trace']);
    undo();
    expect(kinds()).toEqual(['synthetic', 'trace', 'synthetic']);
    undo();
    expect(kinds()).toEqual(['trace', 'synthetic', 'synthetic']);
  });

  it('a reordered or removed entry keeps its comments and layout in the YAML', () => {
    const text = SCENARIO.replace('fleet:', '  - kind: trace # recorded\n    path: week.csv # the file\n    format: auto\nfleet:').replace('  - kind: synthetic\n', '  - kind: synthetic # generated\n');
    const { controller, view } = setup(text);
    fireEvent.click(view.getByTestId('workload-1-up'));
    expect(controller.currentText()).toContain('workload:\n  - kind: trace # recorded\n    path: week.csv # the file\n    format: auto\n  - kind: synthetic # generated\n    arrivals: { ratePerHour: 10 }\n');
    fireEvent.click(view.getByTestId('workload-0-remove'));
    expect(controller.currentText()).toContain('workload:\n  - kind: synthetic # generated\n    arrivals: { ratePerHour: 10 }\n    accelerators: 1\n    duration: 1h\nfleet:');
  });

  it('edits a distribution: kind select plus the kind’s parameters, started from the current value', () => {
    const { controller, field } = setup();
    const dist = () => field<HTMLSelectElement>('workload[0].duration.dist')!;
    expect(dist().value).toBe('constant');
    expect([...dist().options].map((o) => o.value)).toEqual(['constant', 'exponential', 'lognormal', 'uniform', 'choice']);
    expect(field('workload[0].duration')!.value).toBe('1h');
    fireEvent.change(dist(), { target: { value: 'lognormal' } });
    expect(field('workload[0].duration.median')!.value).toBe('1h');
    fireEvent.change(field('workload[0].duration.sigma')!, { target: { value: '0.8' } });
    expect(controller.currentText()).toContain('duration: { dist: lognormal, median: 1h, sigma: 0.8 }');
    fireEvent.change(field('workload[0].duration.sigma')!, { target: { value: '-1' } });
    expect(screen.getAllByText('must be ≥ 0 (got -1)').length).toBeGreaterThan(0);
    fireEvent.change(dist(), { target: { value: 'constant' } });
    expect(controller.currentText()).toMatch(/\n\s+duration: 1h\n/);

    // A count distribution: choice of values with weights, typed as lists.
    fireEvent.change(field<HTMLSelectElement>('workload[0].accelerators.dist')!, { target: { value: 'choice' } });
    const values = field('workload[0].accelerators.values')!;
    expect(values.value).toBe('1');
    fireEvent.focus(values);
    fireEvent.change(values, { target: { value: '1, 2,' } });
    expect(values.value).toBe('1, 2,'); // the half-typed list survives
    fireEvent.change(values, { target: { value: '1, 2, 8' } });
    fireEvent.change(field('workload[0].accelerators.weights')!, { target: { value: '0.5, 0.5' } });
    expect(screen.getAllByText(/must have one entry per value \(3\) \(got 2\)$/).length).toBeGreaterThan(0);
    fireEvent.change(field('workload[0].accelerators.weights')!, { target: { value: '0.5, 0.3, 0.2' } });
    expect(screen.queryByText(/one entry per value/)).toBeNull();
    expect(controller.currentText()).toContain('accelerators: { dist: choice, values: [ 1, 2, 8 ], weights: [ 0.5, 0.3, 0.2 ] }');
  });

  it('edits a pool’s provisioning distribution in the form (no longer "edit it in the YAML")', () => {
    const { controller, field } = setup(SCENARIO.replace('provisioning: 5m', 'provisioning: { dist: lognormal, median: 5m, sigma: 0.4 }'));
    expect(field<HTMLSelectElement>('fleet.pools[0].provisioning.dist')!.value).toBe('lognormal');
    fireEvent.change(field('fleet.pools[0].provisioning.median')!, { target: { value: '8m' } });
    expect(controller.currentText()).toContain('provisioning: { dist: lognormal, median: 8m, sigma: 0.4 }');
    fireEvent.change(field<HTMLSelectElement>('fleet.pools[0].provisioning.dist')!, { target: { value: 'uniform' } });
    expect(controller.currentText()).toContain('provisioning: { dist: uniform, min: 8m, max: 8m }');
    // A constant written as a bare value becomes a flow map, as scenarios write distributions.
    fireEvent.change(field<HTMLSelectElement>('workload[0].duration.dist')!, { target: { value: 'exponential' } });
    expect(controller.currentText()).toContain('duration: { dist: exponential, mean: 1h }');
    expect(screen.queryByText(/edit it in the YAML/)).toBeNull();
  });

  it('edits the synthetic arrivals: rate, daily profile (peak fields only when diurnal), accelerator type', () => {
    const { controller, field } = setup();
    expect(field('workload[0].arrivals.peakHour')).toBeNull();
    fireEvent.change(field<HTMLSelectElement>('workload[0].arrivals.profile')!, { target: { value: 'diurnal' } });
    fireEvent.change(field('workload[0].arrivals.peakHour')!, { target: { value: '25' } });
    expect(screen.getAllByText('must be in [0, 24) (got 25)').length).toBeGreaterThan(0);
    fireEvent.change(field('workload[0].arrivals.peakHour')!, { target: { value: '15' } });
    fireEvent.change(field('workload[0].arrivals.peakToTrough')!, { target: { value: '3' } });
    fireEvent.change(field<HTMLSelectElement>('workload[0].acceleratorType')!, { target: { value: 'nvidia-h100-80gb' } });
    expect(controller.currentText()).toContain('arrivals: { ratePerHour: 10, profile: diurnal, peakHour: 15, peakToTrough: 3 }');
    expect(controller.currentText()).toContain('acceleratorType: nvidia-h100-80gb');
  });
});
