// @vitest-environment jsdom
/**
 * Issue 10, defect 2: renaming a pool renames every reference to it (static nodes, scheduled
 * windows and default, spot-fallback's fallback, a budget's inner policy) in one undo step;
 * a reference to a pool that does not exist is an error on the field that holds it.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppController } from '../../renderer/state/controller';
import { orphanReferences, poolReferences, renamePoolReferences } from '../../renderer/state/references';
import { parseScenarioText, type ScenarioDoc } from '../../renderer/state/scenario-doc';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

const TEXT = `name: Two pools
seed: 1
horizon: 1d
workload:
  - kind: synthetic
    arrivals: { ratePerHour: 10 }
    accelerators: 1
    duration: 1h
fleet:
  pools:
    - name: a100 # the main pool
      accelerator: nvidia-a100-80gb
      perNode: 8
      initial: 4
      max: 16
    - name: h100
      accelerator: nvidia-h100-80gb
      perNode: 8
      initial: 2
      max: 16
policies:
  - name: fixed
    autoscaler: { kind: static, nodes: { a100: 6, h100: 2 } }
  - name: fallback
    autoscaler: { kind: spot-fallback, fallback: [a100] }
  - name: office-hours
    autoscaler:
      kind: scheduled
      windows:
        - { days: [mon], from: "08:00", to: "18:00", nodes: { a100: 4 } }
      default: { a100: 2 }
  - name: capped
    autoscaler: { kind: budget, maxUsdPerHour: 500, inner: { kind: static, nodes: { a100: 3 } } }
`;

function setup(text = TEXT) {
  const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'pools.yaml', text }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = <T extends HTMLElement = HTMLInputElement>(path: string) => view.container.querySelector<T>(`[data-path="${path}"]`);
  return { controller, view, field };
}

const doc = (): ScenarioDoc => {
  const parsed = parseScenarioText(TEXT);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.doc;
};
const undo = () => act(() => void fireEvent.keyDown(window, { key: 'z', ctrlKey: true }));

describe('pool references', () => {
  it('lists every reference the policy schemas declare, nested ones included', () => {
    expect(poolReferences(doc()).map((r) => [r.path.join('.'), r.as, r.name])).toEqual([
      ['policies.0.autoscaler.nodes.a100', 'key', 'a100'],
      ['policies.0.autoscaler.nodes.h100', 'key', 'h100'],
      ['policies.1.autoscaler.fallback.0', 'value', 'a100'],
      ['policies.2.autoscaler.windows.0.nodes.a100', 'key', 'a100'],
      ['policies.2.autoscaler.default.a100', 'key', 'a100'],
      ['policies.3.autoscaler.inner.nodes.a100', 'key', 'a100'],
    ]);
    expect(orphanReferences(doc())).toEqual([]);
  });

  it('renames references in a record keeping its key order', () => {
    const d = doc();
    renamePoolReferences(d, 'a100', 'gpu');
    expect(Object.keys((d.policies as { autoscaler: { nodes: object } }[])[0]!.autoscaler.nodes)).toEqual(['gpu', 'h100']);
    expect(poolReferences(d).filter((r) => r.name === 'a100')).toEqual([]);
  });

  it('renaming a pool in the form renames it everywhere, and one undo restores the old name everywhere', () => {
    const { controller, field } = setup();
    const before = controller.currentText();
    fireEvent.change(field('fleet.pools[0].name')!, { target: { value: 'gpu' } });
    const text = controller.currentText();
    expect(text).toContain('- name: gpu # the main pool');
    expect(text).toContain('autoscaler: { kind: static, nodes: { gpu: 6, h100: 2 } }');
    expect(text).toContain('autoscaler: { kind: spot-fallback, fallback: [ gpu ] }');
    expect(text).toContain('nodes: { gpu: 4 }');
    expect(text).toContain('default: { gpu: 2 }');
    expect(text).toContain('inner: { kind: static, nodes: { gpu: 3 } }');
    expect(text.replaceAll('nvidia-a100-80gb', '')).not.toContain('a100');
    expect(field('policies[0].autoscaler.nodes.gpu')!.value).toBe('6');
    expect(field('policies[1].autoscaler.fallback.gpu')!.checked).toBe(true);
    expect(screen.queryByText(/no pool named|unknown pool/)).toBeNull();

    undo();
    expect(controller.currentText()).toBe(before);
    expect(field('policies[0].autoscaler.nodes.a100')!.value).toBe('6');
  });

  it('typing through another pool’s name never takes that pool’s references', () => {
    const { controller, field } = setup();
    const name = field('fleet.pools[0].name')!;
    for (const typed of ['a10', 'h10', 'h100', 'h1000']) fireEvent.change(name, { target: { value: typed } });
    expect(controller.currentText()).toContain('nodes: { h1000: 6, h100: 2 }');
    expect(controller.currentText()).toContain('fallback: [ h1000 ]');
    // Emptied on the way, the references wait for the next free name.
    fireEvent.change(name, { target: { value: '' } });
    fireEvent.change(name, { target: { value: 'b' } });
    expect(controller.currentText()).toContain('nodes: { b: 6, h100: 2 }');
    undo();
    expect(controller.currentText()).toContain('nodes: { a100: 6, h100: 2 }');
  });

  it('shows a reference to a removed pool as an error on its field, with its value, and removes it on request', () => {
    const { controller, field, view } = setup();
    fireEvent.click(view.getByLabelText('Remove pool h100'));
    const orphan = field('policies[0].autoscaler.nodes.h100')!;
    expect(orphan.value).toBe('2');
    expect(orphan.placeholder).toBe('');
    expect(orphan.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(orphan.getAttribute('aria-describedby')!)!.textContent).toMatch(/h100/);
    fireEvent.click(screen.getByText('remove h100'));
    expect(field('policies[0].autoscaler.nodes.h100')).toBeNull();
    expect(controller.currentText()).toContain('nodes: { a100: 6 }');
  });

  it('shows a list item naming no pool (spot-fallback fallback from a loaded file) checked, with its error', () => {
    const { field, view } = setup(TEXT.replace('fallback: [a100]', 'fallback: [a100, gpu-spare]'));
    const box = field('policies[1].autoscaler.fallback.gpu-spare')!;
    expect(box.checked).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    const card = view.getByTestId('policy-1');
    expect(card.querySelector('.field-error')!.textContent).toMatch(/gpu-spare/);
    fireEvent.click(box);
    expect(field('policies[1].autoscaler.fallback.gpu-spare')).toBeNull();
  });

  it('reports "no pool named X" for any reference the policy does not check itself', () => {
    const d = doc();
    (d.fleet as { pools: unknown[] }).pools.splice(1, 1);
    expect(orphanReferences(d)).toEqual([{ path: 'policies[0].autoscaler.nodes.h100', message: 'no pool named "h100"' }]);
  });
});
