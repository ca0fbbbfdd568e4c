// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { knownFormats } from '../../sim-engine/traces/index';
import { AppController } from '../../renderer/state/controller';
import { TRACE_FORMATS } from '../../renderer/state/trace-formats';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, fakeTraceSummary, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

let clock = 0;
function setup(scenario = SCENARIO) {
  const engine = createFakeEngine();
  const controller = new AppController({ engine, builtins: [{ fileName: 'test.yaml', text: scenario }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never, now: () => (clock += 100) });
  const view = render(<App controller={controller} />);
  const root = () => view.container.querySelector('[data-app-state]')!;
  return { engine, controller, view, root };
}

const traceFile = (name = 'philly-2017-10-02-week.csv') => new File(['timestamp,duration,num_gpus\n'], name, { type: 'text/csv' });

async function openTrace(name?: string) {
  const input = screen.getByTestId('open-trace') as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { files: [traceFile(name)] } });
  });
}

describe('trace preview', () => {
  it('shows a progress bar while the worker reads, then the summary: counts, span, charts, percentiles, issues with lines', async () => {
    const { engine } = setup();
    engine.inspectMode = 'hang';
    await openTrace();
    await waitFor(() => expect(screen.getByTestId('trace-progress')).toBeTruthy());
    act(() => engine.inspectProgress!({ bytesRead: 50, totalBytes: 100, fraction: 0.5 }));
    await waitFor(() => expect(screen.getByTestId('trace-progress').getAttribute('aria-valuenow')).toBe('50'));
    expect((screen.getByTestId('use-trace') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => engine.finishInspect!());

    expect(screen.queryByTestId('trace-progress')).toBeNull();
    expect(screen.getByTestId('trace-records').textContent).toBe('11,386');
    expect(engine.inspects[0]).toMatchObject({ fileName: 'philly-2017-10-02-week.csv', format: 'auto' });
    const preview = screen.getByTestId('trace-preview');
    expect(within(preview).getByText(/2017-10-02 00:00 UTC → 2017-10-08 23:59 UTC/)).toBeTruthy();
    expect(screen.getByTestId('trace-hour-profile').querySelectorAll('rect')).toHaveLength(24);
    expect(screen.getByTestId('trace-accelerators').querySelectorAll('tbody tr')).toHaveLength(6);
    const durations = Array.from(screen.getByTestId('trace-durations').querySelectorAll('tbody th')).map((t) => t.textContent);
    expect(durations).toEqual(['Duration', 'Recorded wait']);
    const issues = screen.getByTestId('trace-issues');
    expect(within(issues).getByText('2 rows with issues')).toBeTruthy();
    const lines = Array.from(issues.querySelectorAll('tbody tr td:first-child')).map((c) => c.textContent);
    expect(lines).toEqual(['42', '97']);
    expect(within(issues).getByText('duration must be ≥ 0 (got -3)')).toBeTruthy();
    expect((screen.getByTestId('trace-format') as HTMLSelectElement).value).toBe('auto');
    expect(within(screen.getByTestId('trace-format')).getByText('auto (philly)')).toBeTruthy();
  });

  it('re-reads the file with the format picked', async () => {
    const { engine } = setup();
    await openTrace();
    await waitFor(() => screen.getByTestId('trace-records'));
    engine.inspectResult = (_f, format) => (format === 'swf' ? { ok: false, message: 'x.csv:0: no usable records (got 0 rows)' } : { ok: true, summary: fakeTraceSummary() });
    await act(async () => {
      fireEvent.change(screen.getByTestId('trace-format'), { target: { value: 'swf' } });
    });
    expect(engine.inspects.map((i) => i.format)).toEqual(['auto', 'swf']);
    expect(screen.getByTestId('trace-error').textContent).toContain('no usable records');
    expect(screen.getByTestId('trace-error').textContent).toContain('in the swf format');
  });

  it('shows why a file cannot be read as a whole', async () => {
    const { engine } = setup();
    engine.inspectResult = () => ({ ok: false, message: 'broken.csv.gz: gzip data is corrupt (got invalid block type after 120 bytes)' });
    await openTrace('broken.csv.gz');
    await waitFor(() => expect(screen.getByTestId('trace-error').textContent).toContain('gzip data is corrupt'));
    expect((screen.getByTestId('use-trace') as HTMLButtonElement).disabled).toBe(true);
  });

  it('“Use in scenario” adds an undoable trace entry and passes the bytes to the run', async () => {
    const { engine, controller, root } = setup();
    await openTrace();
    await waitFor(() => screen.getByTestId('trace-records'));
    fireEvent.click(screen.getByTestId('use-trace'));
    expect(screen.queryByTestId('trace-preview')).toBeNull();
    const workload = controller.state.doc!.workload as Record<string, unknown>[];
    expect(workload.at(-1)).toEqual({ kind: 'trace', path: 'philly-2017-10-02-week.csv', format: 'philly' });
    expect(controller.currentText()).toMatch(/kind: trace\s+path: philly-2017-10-02-week\.csv\s+format: philly/);
    expect(controller.state.canUndo).toBe(true);

    engine.tracePathsFor = (text) => (text.includes('philly-2017-10-02-week.csv') ? ['philly-2017-10-02-week.csv'] : []);
    fireEvent.click(screen.getByTestId('run-all'));
    await waitFor(() => expect(root().getAttribute('data-app-state')).toBe('done'));
    expect(engine.runs[0]!.traces).toEqual([{ path: 'philly-2017-10-02-week.csv', bytes: expect.any(Uint8Array) }]);

    act(() => controller.undo());
    expect((controller.state.doc!.workload as unknown[]).length).toBe(workload.length - 1);
  });

  it('a scenario naming a trace the app lacks says so, with a button that opens it; the opened file attaches to that path', async () => {
    const scenario = SCENARIO.replace('workload:\n', 'workload:\n  - kind: trace\n    path: traces/jobs.csv\n    format: csv\n');
    const { engine, controller } = setup(scenario);
    engine.tracePathsFor = () => ['traces/jobs.csv'];
    // Re-check with the new answer (the first check ran at load).
    act(() => controller.edit(['seed'], 8, false));
    const banner = await screen.findByTestId('missing-traces');
    expect(banner.textContent).toContain('traces/jobs.csv');
    const input = within(banner).getByTestId('open-missing-trace') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [traceFile('jobs.csv')] } });
    });
    await waitFor(() => screen.getByTestId('trace-records'));
    expect(screen.getByTestId('use-trace').textContent).toBe('Attach to scenario');
    const before = (controller.state.doc!.workload as unknown[]).length;
    fireEvent.click(screen.getByTestId('use-trace'));
    expect((controller.state.doc!.workload as unknown[]).length).toBe(before);
    await waitFor(() => expect(screen.queryByTestId('missing-traces')).toBeNull());
    expect(controller.state.attachedTraces).toEqual(['jobs.csv']);
  });

  it('Esc closes the preview', async () => {
    setup();
    await openTrace();
    await waitFor(() => screen.getByTestId('trace-records'));
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    expect(screen.queryByTestId('trace-preview')).toBeNull();
  });

  it('offers every text format of the engine in the picker', () => {
    expect(TRACE_FORMATS.map((f) => f.id).sort()).toEqual(knownFormats().sort());
  });
});
