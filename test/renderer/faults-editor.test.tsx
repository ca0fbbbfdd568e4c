// @vitest-environment jsdom
/** The pool and workload editors expose the fault fields (failures, spot preemption, checkpoints). */
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

it('writes failures, preemption (spot pools only) and checkpointEvery into the scenario', () => {
  const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'test.yaml', text: SCENARIO }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = (path: string) => view.container.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-path="${path}"]`);
  fireEvent.change(field('fleet.pools[0].failures.mtbf')!, { target: { value: '500h' } });
  fireEvent.change(field('fleet.pools[0].failures.mttr')!, { target: { value: '4h' } });
  expect(controller.currentText()).toMatch(/failures:\s*\n?\s*mtbf: 500h\s*\n\s*mttr: 4h/);
  expect(field('fleet.pools[0].preemption.ratePerNodeHour')).toBeNull(); // not a spot pool
  fireEvent.change(field('fleet.pools[0].purchase')!, { target: { value: 'spot' } });
  fireEvent.change(field('fleet.pools[0].preemption.ratePerNodeHour')!, { target: { value: '0.05' } });
  fireEvent.change(field('fleet.pools[0].preemption.notice')!, { target: { value: '2m' } });
  expect(controller.currentText()).toMatch(/preemption:\s*\n\s*ratePerNodeHour: 0.05\s*\n\s*notice: 2m/);
  fireEvent.change(field('workload[0].checkpointEvery')!, { target: { value: '30m' } });
  expect(controller.currentText()).toContain('checkpointEvery: 30m');
  fireEvent.change(field('workload[0].checkpointCost')!, { target: { value: '2m' } });
  expect(controller.currentText()).toContain('checkpointCost: 2m');
  fireEvent.change(field('workload[0].class')!, { target: { value: 'inference' } });
  expect(controller.currentText()).toContain('class: inference');
  fireEvent.change(field('energy.usdPerKwh')!, { target: { value: '0.12' } });
  fireEvent.change(field('energy.pue')!, { target: { value: '1.3' } });
  expect(controller.currentText()).toMatch(/energy:\s*\n\s*usdPerKwh: 0.12\s*\n\s*pue: 1.3/);
  fireEvent.change(field('startsOn')!, { target: { value: 'wed' } });
  expect(controller.currentText()).toContain('startsOn: wed');
});
