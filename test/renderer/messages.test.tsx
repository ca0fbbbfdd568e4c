// @vitest-environment jsdom
/**
 * Validation messages in the app (issue 10, defect 8): the editor's quick check words every
 * problem exactly as the worker's check (and the CLI) does, so a problem shows once; field
 * messages and the error banner go as soon as the value is valid — before the worker answers,
 * and on undo too — and come back with the value.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim-engine/scenario/loader';
import { AppController } from '../../renderer/state/controller';
import { parseScenarioText } from '../../renderer/state/scenario-doc';
import { validateDoc } from '../../renderer/state/validate';
import { App } from '../../renderer/views/App';
import { BUILTIN_SCENARIOS } from '../../renderer/state/builtins';
import { breakScenario, CASES } from '../scenario/broken-scenarios';
import { CATALOG, createFakeEngine, SCENARIO, type FakeEngine } from './fake-engine';

afterEach(cleanup);
const DEFAULT = BUILTIN_SCENARIOS.find((b) => b.fileName === 'default.yaml')!.text;
const broken = (from: string, to: string) => breakScenario(DEFAULT, from, to);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

/** A fake engine whose check is the real one (the worker runs loadScenario). */
function realChecker(): FakeEngine {
  const engine = createFakeEngine();
  engine.problemsFor = (text) => {
    const r = loadScenario(text, 'test.yaml');
    return r.ok ? [] : r.issues;
  };
  return engine;
}

function setup(engine: FakeEngine = realChecker(), text = SCENARIO) {
  const controller = new AppController({ engine, builtins: [{ fileName: 'test.yaml', text }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = (path: string) => view.container.querySelector<HTMLInputElement>(`[data-path="${path}"]`)!;
  const summary = () => view.getByTestId('validation-summary');
  return { engine, controller, view, field, summary };
}

/** Where a message is shown: the summary's list, fields. */
const where = (text: string) => screen.getAllByText(text).map((e) => (e.closest('[data-testid="validation-summary"]') ? 'summary' : 'field'));

/** Checks from now on never answer: what the user sees next comes from the quick check alone. */
const silenceChecks = (engine: FakeEngine) => {
  engine.check = () => new Promise(() => {});
};

describe('the quick check and the worker say the same', () => {
  it.each(CASES)('%s: %s → %s', (_class, from, to) => {
    const text = broken(from, to);
    const parsed = parseScenarioText(text);
    expect(parsed.ok).toBe(true);
    const worker = loadScenario(text, 'x.yaml');
    const expected = worker.ok ? [] : worker.issues.map((i) => ({ path: i.path, message: i.message }));
    const quick = parsed.ok ? validateDoc(parsed.doc) : [];
    expect(quick.sort((a, b) => a.path.localeCompare(b.path))).toEqual(expected.sort((a, b) => a.path.localeCompare(b.path)));
  });
});

describe('validation messages in the editor', () => {
  it('a problem found by both checks shows once, with the worker’s line, next to its field and in the summary', async () => {
    const { field, summary } = setup();
    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '1e21' } });
    const text = 'too large: at most 2,147,483,647 (got 1e+21)';
    await waitFor(() => expect(summary().textContent).toMatch(/line \d+/));
    expect(summary().textContent).toContain('1 problem');
    expect(summary().querySelectorAll('li')).toHaveLength(1);
    expect(summary().textContent).toContain(`fleet.pools[0].max: ${text}`);
    expect(where(text)).toEqual(['summary', 'field']);
    expect(field('fleet.pools[0].max').getAttribute('aria-invalid')).toBe('true');
  });

  it('messages go as soon as the value is valid (the worker has not answered) and come back on undo', async () => {
    const { engine, controller, field, summary } = setup();
    fireEvent.change(field('horizon'), { target: { value: 'soon' } });
    const text = 'must be a positive duration such as "7d", or drain (got "soon")';
    await waitFor(() => expect(summary().textContent).toMatch(/line \d+/)); // located by the worker
    silenceChecks(engine);
    act(() => controller.edit(['horizon'], '2d', false)); // its own undo step (typing in one field merges)
    expect(field('horizon').value).toBe('2d');
    expect(screen.queryByText(text)).toBeNull();
    expect(summary().textContent).toContain('Scenario is valid');
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));
    expect(field('horizon').value).toBe('soon');
    expect(where(text)).toEqual(['summary', 'field']);
    act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true }));
    expect(screen.queryByText(text)).toBeNull();
  });

  it('the banner of an opened file lists its problems as file:line:col: path: message, and clears when they are fixed', async () => {
    const engine = realChecker();
    engine.problemsFor = (text) => {
      const r = loadScenario(text, 'broken.yaml');
      return r.ok ? [] : r.issues;
    };
    const { controller, field, view } = setup(engine);
    const root = () => view.container.querySelector('[data-app-state]')!;
    const text = SCENARIO.replace('horizon: 1d', 'horizon: soon').replace('max: 8', 'max: 1e21');
    fireEvent.change(screen.getByTestId('open-file'), { target: { files: [new File([text], 'broken.yaml', { type: 'text/yaml' })] } });
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('error'));
    const banner = () => screen.queryByTestId('error-message');
    expect(banner()!.textContent).toContain('broken.yaml has 2 problems');
    expect(banner()!.textContent).toContain('broken.yaml:4:10: horizon: must be a positive duration such as "7d", or drain (got "soon")');
    expect(banner()!.textContent).toContain('broken.yaml:17:12: fleet.pools[0].max: too large: at most 2,147,483,647 (got 1e+21)');
    expect(controller.active?.fileName).toBe('broken.yaml');
    silenceChecks(engine);
    fireEvent.change(field('horizon'), { target: { value: '1d' } });
    // One fixed: the banner lists the other, at once.
    expect(banner()!.textContent).toContain('broken.yaml has 1 problem');
    expect(banner()!.textContent).not.toContain('horizon');
    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '8' } });
    expect(banner()).toBeNull();
    expect(root().getAttribute('data-app-state')).toBe('ready');
  });

  it('running with a problem shows it located, and the banner goes when the value is fixed', async () => {
    const { engine, field, view } = setup();
    fireEvent.change(field('fleet.pools[0].perNode'), { target: { value: '0' } });
    silenceChecks(engine);
    fireEvent.click(screen.getByTestId('run-all'));
    const banner = () => screen.queryByTestId('error-message');
    expect(banner()!.textContent).toContain('Fix 1 problem before running');
    expect(banner()!.textContent).toContain('test.yaml:14:16: fleet.pools[0].perNode: must be a whole number ≥ 1 (got 0)');
    expect(engine.runs).toHaveLength(0);
    fireEvent.change(field('fleet.pools[0].perNode'), { target: { value: '8' } });
    expect(banner()).toBeNull();
    expect(view.container.querySelector('[data-app-state]')!.getAttribute('data-app-state')).toBe('ready');
  });

  it('a worker problem the quick check does not confirm goes with the next edit, even if the worker never answers again', async () => {
    const engine = createFakeEngine();
    engine.problemsFor = (text) => (text.includes('max: 7') ? [{ file: 'test.yaml', line: 17, column: 12, path: 'fleet.pools[0].max', message: 'seven is unlucky (got 7)' }] : []);
    const { field } = setup(engine);
    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '7' } });
    expect(await screen.findAllByText('seven is unlucky (got 7)')).not.toHaveLength(0);
    engine.check = () => Promise.reject(new Error('worker gone'));
    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '6' } });
    expect(screen.queryByText('seven is unlucky (got 7)')).toBeNull();
  });
});
