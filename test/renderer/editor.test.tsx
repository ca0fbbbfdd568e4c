// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
// jsdom has no canvas: charts skip drawing when there is no 2D context.
HTMLCanvasElement.prototype.getContext = (() => null) as never;

function setup() {
  const engine = createFakeEngine();
  const controller = new AppController({ engine, builtins: [{ fileName: 'test.yaml', text: SCENARIO }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const root = () => view.container.querySelector('[data-app-state]')!;
  const field = (path: string) => view.container.querySelector<HTMLInputElement>(`[data-path="${path}"]`)!;
  return { engine, controller, view, root, field };
}

const key = (k: string, opts: KeyboardEventInit = {}) => act(() => void fireEvent.keyDown(window, { key: k, ctrlKey: true, ...opts }));

describe('scenario editor', () => {
  it('edits a pool, shows the validation message next to the field, and undo restores', async () => {
    const { controller, root, field } = setup();
    expect(root().getAttribute('data-app-state')).toBe('ready');
    expect(field('fleet.pools[0].max').value).toBe('8');

    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '2' } });
    expect(field('fleet.pools[0].max').value).toBe('2');
    expect(await screen.findAllByText('must be ≤ max (2) (got 4)')).not.toHaveLength(0);
    expect(field('fleet.pools[0].initial').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('unsaved')).toBeTruthy();
    // The YAML keeps the file's comments and layout; only the edited value changes.
    expect(controller.currentText()).toContain('- name: a100 # the main pool');
    expect(controller.currentText()).toContain('max: 2\n');
    expect(controller.currentText()).toContain('autoscaler: { kind: static }');

    key('z');
    expect(field('fleet.pools[0].max').value).toBe('8');
    expect(screen.queryByText('must be ≤ max (2) (got 4)')).toBeNull();
    expect(screen.queryByText('unsaved')).toBeNull();

    key('z', { shiftKey: true });
    expect(field('fleet.pools[0].max').value).toBe('2');
    key('z');
    expect(field('fleet.pools[0].max').value).toBe('8');
  });

  it('merges rapid typing in one field into one undo step', () => {
    const { field } = setup();
    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '1' } });
    fireEvent.change(field('fleet.pools[0].max'), { target: { value: '16' } });
    fireEvent.change(field('fleet.pools[0].perNode'), { target: { value: '4' } });
    key('z');
    expect(field('fleet.pools[0].perNode').value).toBe('8');
    expect(field('fleet.pools[0].max').value).toBe('16');
    key('z');
    expect(field('fleet.pools[0].max').value).toBe('8');
  });

  it('shows the worker check’s messages (debounced) next to the field', async () => {
    const { engine, field } = setup();
    engine.problemsFor = (text) => (text.includes('accelerator: nvidia-h100-80gb') ? [{ file: 'test.yaml', line: 12, column: 20, path: 'fleet.pools[0].perNode', message: 'perNode 8 is not offered for this accelerator (got 8)' }] : []);
    fireEvent.change(field('fleet.pools[0].accelerator'), { target: { value: 'nvidia-h100-80gb' } });
    expect(await screen.findAllByText('perNode 8 is not offered for this accelerator (got 8)')).not.toHaveLength(0);
    key('z');
    await waitFor(() => expect(screen.queryByText('perNode 8 is not offered for this accelerator (got 8)')).toBeNull());
  });

  it('validates other fields: durations, autoscaler parameters, pool names', async () => {
    const { field } = setup();
    fireEvent.change(field('policies[1].autoscaler.scaleUpAfterWait'), { target: { value: 'soon' } });
    expect(await screen.findAllByText(/^expected a duration .* \(got "soon"\)$/)).not.toHaveLength(0);
    fireEvent.change(field('fleet.pools[0].name'), { target: { value: 'has space' } });
    expect(screen.getAllByText('pool names use letters, digits, _ . - only (got "has space")').length).toBeGreaterThan(0);
  });

  it('adds and removes pools and policies as undoable steps', () => {
    const { field, view } = setup();
    fireEvent.click(screen.getByText('+ Add pool'));
    expect(field('fleet.pools[1].name').value).toBe('pool-2');
    fireEvent.click(screen.getByText('+ Add policy'));
    expect(view.container.querySelector('[data-testid="policy-2"]')).toBeTruthy();
    key('z');
    key('z');
    expect(field('fleet.pools[1].name')).toBeNull();
    expect(view.container.querySelector('[data-testid="policy-2"]')).toBeNull();
  });

  it('guards unsaved changes when switching scenarios', () => {
    const engine = createFakeEngine();
    const controller = new AppController({ engine, builtins: [{ fileName: 'a.yaml', text: SCENARIO }, { fileName: 'b.yaml', text: SCENARIO.replace('Test fleet', 'Other') }], catalog: CATALOG, checkDelayMs: 0 });
    const view = render(<App controller={controller} />);
    const max = () => view.container.querySelector<HTMLInputElement>('[data-path="fleet.pools[0].max"]')!;
    fireEvent.change(max(), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('scenario-picker'), { target: { value: 'builtin:b.yaml' } });
    expect(screen.getByRole('dialog')).toBeTruthy();
    fireEvent.click(screen.getByText('Keep editing'));
    expect(controller.state.activeId).toBe('builtin:a.yaml');
    expect(max().value).toBe('3');
    fireEvent.change(screen.getByTestId('scenario-picker'), { target: { value: 'builtin:b.yaml' } });
    fireEvent.click(screen.getByTestId('confirm-discard'));
    expect(controller.state.activeId).toBe('builtin:b.yaml');
    expect(max().value).toBe('8');
  });
});

describe('app states', () => {
  it('runs, shows the KPI table, and cancels a hanging run back to ready', async () => {
    const { engine, root } = setup();
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('done'));
    const heads = screen.getByTestId('kpi-table').querySelectorAll('thead th');
    expect(heads).toHaveLength(3);
    expect(engine.runs[0]!.fileName).toBe('test.yaml');

    engine.mode = 'hang';
    key('Enter');
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('running'));
    expect(screen.getByTestId('cancel-run')).toBeTruthy();
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('ready'));
    expect(engine.cancelled).toBe(1);
  });

  it('passes the Replications input to the engine (only when above 1), and ignores values that are not a whole number ≥ 1', async () => {
    const { engine, controller, root } = setup();
    const input = screen.getByTestId('replications') as HTMLInputElement;
    expect(input.value).toBe('1');
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('done'));
    expect('replications' in engine.runs[0]!).toBe(false);

    fireEvent.change(input, { target: { value: '5' } });
    expect(controller.state.replications).toBe(5);
    for (const bad of ['0', '2.5', '']) fireEvent.change(input, { target: { value: bad } });
    expect(controller.state.replications).toBe(5);
    key('Enter');
    await waitFor(() => expect(engine.runs).toHaveLength(2));
    expect(engine.runs[1]!.replications).toBe(5);
  });

  it('a crashed worker shows an error and the app stays usable', async () => {
    const { engine, root } = setup();
    engine.mode = 'crash';
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('error'));
    expect(screen.getByTestId('error-message').textContent).toContain('stopped unexpectedly');
    engine.mode = 'ok';
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('done'));
    expect(screen.queryByTestId('error-message')).toBeNull();
  });

  it('opening a malformed file shows the line of the problem', async () => {
    const { root } = setup();
    const input = screen.getByTestId('open-file') as HTMLInputElement;
    const file = new File(['name: broken\nseed: 1\nfleet: { pools: [\n'], 'broken.yaml', { type: 'text/yaml' });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('error'));
    const msg = screen.getByTestId('error-message').textContent!;
    expect(msg).toContain('broken.yaml');
    expect(msg).toMatch(/broken\.yaml:\d+:\d+: /); // PATH:LINE:COL, as the CLI prints it
  });

  it('an opened file with schema problems is loaded into the editor with the problems listed', async () => {
    const { engine, root, controller } = setup();
    engine.problemsFor = (text) => (text.includes('colour') ? [{ file: 'odd.yaml', line: 3, column: 1, path: 'colour', message: 'unknown key "colour"' }] : []);
    const file = new File([SCENARIO.replace('seed: 7', 'seed: 7\ncolour: blue')], 'odd.yaml', { type: 'text/yaml' });
    fireEvent.change(screen.getByTestId('open-file'), { target: { files: [file] } });
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('error'));
    expect(screen.getByTestId('error-message').textContent).toContain('odd.yaml:3:1: colour: unknown key "colour"');
    expect(controller.active?.fileName).toBe('odd.yaml');
  });
});
