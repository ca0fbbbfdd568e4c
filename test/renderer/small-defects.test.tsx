// @vitest-environment jsdom
/**
 * Issue 10, defect 10: counts in words ("1 policy", never "Run the 0 policies"), an ETA that
 * counts down and says "finishing…" instead of sticking at "1s left", and the window title
 * naming the scenario.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { plural } from '../../sim-engine/report/plural';
import { AppController } from '../../renderer/state/controller';
import { EtaEstimator, timeLeft } from '../../renderer/state/runs';
import { App, windowTitle } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, fakeBundle, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function setup(text = SCENARIO, builtins = [{ fileName: 'test.yaml', text }]) {
  let clock = 0;
  const engine = createFakeEngine();
  const controller = new AppController({ engine, builtins, catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never, now: () => clock });
  const view = render(<App controller={controller} />);
  const root = () => view.container.querySelector('[data-app-state]')!.getAttribute('data-app-state');
  return { engine, controller, view, root, setClock: (ms: number) => void (clock = ms) };
}

describe('counts in words', () => {
  it('plural()', () => {
    expect([0, 1, 2, 1500].map((n) => plural(n, 'policy', 'policies'))).toEqual(['0 policies', '1 policy', '2 policies', '1,500 policies']);
    expect(plural(1, 'problem')).toBe('1 problem');
    expect(plural(3, 'problem')).toBe('3 problems');
  });

  it('one policy: "Run the policy", and "1 policy" above its results', async () => {
    const one = SCENARIO.replace(/ {2}- name: reactive\n.*\n/, '');
    const { engine, root } = setup(one);
    expect(screen.getByText(/Run the policy of/)).toBeTruthy();
    expect(screen.queryByText(/1 policies/)).toBeNull();
    engine.bundle = fakeBundle(['fixed']);
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root()).toBe('done'));
    expect(screen.getByText(/test\.yaml · 1 policy · simulated in/)).toBeTruthy();
  });

  it('no policies: says to add one, never "Run the 0 policies"', () => {
    const none = SCENARIO.replace(/policies:\n[\s\S]*$/, 'policies: []\n');
    setup(none);
    expect(screen.getByTestId('no-policies').textContent).toContain('has no policies yet');
    expect(screen.queryByText(/Run the 0/)).toBeNull();
  });

  it('two policies: "Run the 2 policies"', () => {
    setup();
    expect(screen.getByText(/Run the 2 policies of/)).toBeTruthy();
  });
});

describe('the run’s time left', () => {
  it('EtaEstimator: from the fraction done, smoothed; timeLeft counts down and then says finishing', () => {
    const eta = new EtaEstimator();
    expect(eta.update(100, 0.1, 0.005)).toBeNull(); // too early to say
    const end = eta.update(1000, 1, 0.1)!;
    expect(end).toBe(10_000);
    expect(timeLeft(end, 1000)).toBe(9);
    expect(timeLeft(end, 6000)).toBe(4);
    expect(timeLeft(end, 8600)).toBe('finishing');
    expect(timeLeft(end, 60_000)).toBe('finishing'); // past the estimate: the run goes on, never "1s left"
    // A slower report moves the estimate a quarter of the way, not all of it.
    expect(eta.update(5000, 5, 0.25)).toBe(10_000 + 0.25 * (20_000 - 10_000));
    expect(timeLeft(null, 0)).toBeNull();
  });

  it('the progress counts down between reports and says "finishing…" when the estimate runs out', async () => {
    const { engine, root, setClock } = setup();
    engine.mode = 'hang';
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root()).toBe('running'));
    await waitFor(() => expect(engine.progress).toBeDefined());
    setClock(1000);
    act(() => engine.progress!({ policyIndex: 0, policy: 'fixed', policies: 2, replication: 0, replications: 1, fraction: 0.1, simTimeS: 100, events: 10 }));
    const eta = () => screen.getByTestId('run-eta').textContent;
    expect(eta()).toBe(' · 9s left');
    setClock(5000); // no new report: the countdown moves on its own
    await waitFor(() => expect(eta()).toBe(' · 5s left'));
    setClock(9500);
    await waitFor(() => expect(eta()).toBe(' · finishing…'));
    setClock(30_000);
    await new Promise((r) => setTimeout(r, 600));
    expect(eta()).toBe(' · finishing…');
    expect(screen.getByTestId('run-progress').textContent).not.toMatch(/\b1s left/);
    fireEvent.click(screen.getByTestId('cancel-run'));
  });
});

describe('the window title', () => {
  it('names the scenario, marks unsaved changes, follows a switch of scenario', () => {
    const { controller } = setup(SCENARIO, [{ fileName: 'a.yaml', text: SCENARIO }, { fileName: 'b.yaml', text: SCENARIO.replace('Test fleet', 'Other fleet') }]);
    expect(document.title).toBe('Test fleet — fleetlab');
    act(() => controller.edit(['name'], 'Renamed fleet'));
    expect(document.title).toBe('• Renamed fleet — fleetlab');
    act(() => controller.undo());
    expect(document.title).toBe('Test fleet — fleetlab');
    act(() => controller.selectScenario('builtin:b.yaml'));
    expect(document.title).toBe('Other fleet — fleetlab');
    expect(windowTitle({ doc: null, dirty: false }, undefined)).toBe('fleetlab');
    expect(windowTitle({ doc: { name: '' }, dirty: false }, { title: 'x.yaml', fileName: 'x.yaml' })).toBe('x.yaml — fleetlab');
  });
});
