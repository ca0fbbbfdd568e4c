// @vitest-environment jsdom
/**
 * Issue 10, defect 10 (part): an empty required field is an empty input with the error
 * "required" — never a placeholder that looks like a value. Optional fields keep their
 * default as the placeholder.
 */
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function setup() {
  const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'test.yaml', text: SCENARIO }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = (path: string) => view.container.querySelector<HTMLInputElement>(`[data-path="${path}"]`)!;
  /** The field is empty, shows no placeholder and says "required" (its only message). */
  const expectRequired = (path: string) => {
    const el = field(path);
    expect(el.value).toBe('');
    expect(el.placeholder).toBe('');
    expect(el.getAttribute('aria-invalid')).toBe('true');
    expect(el.getAttribute('aria-required')).toBe('true');
    expect(document.getElementById(el.getAttribute('aria-describedby')!)!.textContent).toBe('required');
  };
  return { view, field, expectRequired };
}

it('shows "required" on emptied required fields of the scenario, pools and policies', () => {
  const { field, expectRequired } = setup();
  for (const path of ['name', 'seed', 'horizon', 'fleet.pools[0].name', 'fleet.pools[0].perNode', 'policies[0].name', 'workload[0].arrivals.ratePerHour', 'workload[0].duration', 'workload[0].accelerators']) {
    fireEvent.change(field(path), { target: { value: '' } });
    expectRequired(path);
  }
});

it('a new trace entry’s file and a distribution’s parameters start empty and required', () => {
  const { view, field, expectRequired } = setup();
  fireEvent.click(view.getByTestId('add-trace'));
  expectRequired('workload[1].path');
  fireEvent.change(field('workload[1].path'), { target: { value: 'week.csv' } });
  expect(field('workload[1].path').getAttribute('aria-invalid')).toBeNull();
  // Failures: with an MTBF, the repair time is required (before, its placeholder read "4h").
  fireEvent.change(field('fleet.pools[0].failures.mtbf'), { target: { value: '500h' } });
  expectRequired('fleet.pools[0].failures.mttr');
  fireEvent.change(field('fleet.pools[0].failures.mttr.dist'), { target: { value: 'lognormal' } });
  expectRequired('fleet.pools[0].failures.mttr.median');
  expect(field('fleet.pools[0].failures.mttr.sigma').value).toBe('1');
});

it('optional fields keep their default as the placeholder', () => {
  const { field } = setup();
  expect(field('warmup').placeholder).toBe('0');
  expect(field('fleet.pools[0].failures.mtbf').placeholder).toBe('never');
  expect(field('workload[0].loadScale').placeholder).toBe('1');
  expect(field('warmup').getAttribute('aria-invalid')).toBeNull();
});
