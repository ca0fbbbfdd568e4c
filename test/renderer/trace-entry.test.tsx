// @vitest-environment jsdom
/**
 * A trace workload entry in the form (issue 10, "Trace entries in the form"): path, format,
 * from/to, timeScale, loadScale, filter, acceleratorMap, compareRecorded, with the scenario
 * schema's messages on the fields.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

const TRACE = SCENARIO.replace(
  /workload:\n[\s\S]*?fleet:/,
  `workload:
  - kind: trace # the recorded week
    path: traces/week.csv
    format: csv
fleet:`,
).replace('horizon: 1d', 'horizon: drain');

function setup(text = TRACE) {
  const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'trace.yaml', text }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = <T extends HTMLElement = HTMLInputElement>(path: string) => view.container.querySelector<T>(`[data-path="${path}"]`);
  const error = (path: string) => {
    const el = field(path)!;
    expect(el.getAttribute('aria-invalid')).toBe('true');
    return document.getElementById(el.getAttribute('aria-describedby')!)!.textContent;
  };
  return { controller, view, field, error };
}

describe('trace entry fields', () => {
  it('writes every replay setting into the entry, keeping its comment', () => {
    const { controller, field, view } = setup();
    expect(field<HTMLSelectElement>('horizon.mode')!.value).toBe('drain');
    fireEvent.change(field('workload[0].from')!, { target: { value: '1d' } });
    fireEvent.change(field('workload[0].to')!, { target: { value: '3d' } });
    fireEvent.change(field('workload[0].timeScale')!, { target: { value: '2' } });
    fireEvent.change(field('workload[0].loadScale')!, { target: { value: '1.5' } });
    fireEvent.change(field('workload[0].filter.tenant')!, { target: { value: 'vc1, vc2' } });
    fireEvent.click(field('workload[0].compareRecorded')!);
    fireEvent.change(field<HTMLSelectElement>('workload[0].measuredOn')!, { target: { value: 'nvidia-a100-80gb' } });
    fireEvent.change(view.getByLabelText('Name in the trace'), { target: { value: 'V100' } });
    fireEvent.change(view.getByLabelText('Catalog accelerator for the new name'), { target: { value: 'nvidia-h100-80gb' } });
    fireEvent.click(view.getByTestId('workload[0].acceleratorMap-add'));
    fireEvent.change(field('workload[0].columns.submit')!, { target: { value: 't' } });
    const text = controller.currentText();
    expect(text).toContain('  - kind: trace # the recorded week\n    path: traces/week.csv\n    format: csv\n');
    for (const line of ['from: 1d', 'to: 3d', 'timeScale: 2', 'loadScale: 1.5', 'compareRecorded: true', 'measuredOn: nvidia-a100-80gb']) expect(text).toContain(`    ${line}\n`);
    expect(text).toMatch(/filter:\n\s+tenant: \[ vc1, vc2 \]/);
    expect(text).toMatch(/acceleratorMap:\n\s+V100: nvidia-h100-80gb/);
    expect(text).toMatch(/columns:\n\s+submit: t/);
    expect(screen.getByTestId('validation-summary').textContent).toContain('Scenario is valid');
  });

  it('renames and removes accelerator-map entries (the rename is written when the field is left)', () => {
    const { controller, field, view } = setup(TRACE.replace('format: csv', 'format: csv\n    acceleratorMap: { V100: nvidia-a100-80gb, P40: nvidia-h100-80gb }'));
    const name = field('workload[0].acceleratorMap.V100.name')!;
    fireEvent.change(name, { target: { value: 'P40' } });
    expect(name.getAttribute('aria-invalid')).toBe('true'); // taken: not written
    fireEvent.change(name, { target: { value: 'V100-32GB' } });
    expect(controller.currentText()).toContain('{ V100: nvidia-a100-80gb, P40: nvidia-h100-80gb }');
    fireEvent.blur(name);
    expect(controller.currentText()).toContain('acceleratorMap: { V100-32GB: nvidia-a100-80gb, P40: nvidia-h100-80gb }');
    fireEvent.click(view.getByLabelText('Remove the mapping of P40'));
    fireEvent.click(view.getByLabelText('Remove the mapping of V100-32GB'));
    expect(controller.currentText()).not.toContain('acceleratorMap');
  });

  it('shows the schema’s messages on the fields', () => {
    const { field, error } = setup(TRACE.replace('format: csv', 'format: csv\n    acceleratorMap: { V100: nvidia-v99-16gb }'));
    expect(error('workload[0].acceleratorMap.V100')).toMatch(/unknown accelerator.*nvidia-v99-16gb/);
    fireEvent.change(field('workload[0].timeScale')!, { target: { value: '0' } });
    expect(error('workload[0].timeScale')).toMatch(/^must be > 0 \(got 0\)$/);
    fireEvent.change(field('workload[0].from')!, { target: { value: 'soon' } });
    expect(error('workload[0].from')).toMatch(/duration.*\(got "soon"\)/);
    fireEvent.change(field('workload[0].loadScale')!, { target: { value: '-1' } });
    expect(error('workload[0].loadScale')).toMatch(/^must be ≥ 0 \(got -1\)$/);
    fireEvent.change(field('workload[0].loadScale')!, { target: { value: '2' } });
    expect(field('workload[0].loadScale')!.getAttribute('aria-invalid')).toBeNull();
  });

  it('offers auto and the batch-job formats; the column mapping only for generic CSV/Parquet', () => {
    const { field } = setup(TRACE.replace('    format: csv\n', ''));
    const format = field<HTMLSelectElement>('workload[0].format')!;
    expect(format.value).toBe('auto');
    const options = [...format.options].map((o) => o.value);
    expect(options.slice(0, 3)).toEqual(['auto', 'csv', 'parquet']);
    expect(options).toContain('philly');
    expect(options).not.toContain('azure-llm-2023'); // inference requests cannot be replayed yet
    expect(field('workload[0].columns.submit')).toBeNull();
    fireEvent.change(format, { target: { value: 'parquet' } });
    expect(field('workload[0].columns.submit')!.placeholder).toBe('submit_time');
  });
});
