// @vitest-environment jsdom
/** The policy editor is generated from the policy registry: kinds, fields, defaults and checks. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { policyRegistry } from '../../sim-engine/policies/registry';
import { AppController } from '../../renderer/state/controller';
import { App } from '../../renderer/views/App';
import { holdAutoscaler } from '../policies/test-doubles';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

// A test double registered in the shared registry: this file runs in its own worker, so no
// other test sees it. The editor must offer it without knowing it by name.
policyRegistry.registerAutoscaler(holdAutoscaler);

function setup() {
  const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'test.yaml', text: SCENARIO }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
  const view = render(<App controller={controller} />);
  const field = <T extends HTMLElement = HTMLInputElement>(path: string) => view.container.querySelector<T>(`[data-path="${path}"]`)!;
  return { controller, view, field };
}

describe('policy editor', () => {
  it('edits a list of pools (spot-fallback fallback) with a checkbox per pool; unset is the default', () => {
    const { controller, field } = setup();
    fireEvent.change(field<HTMLSelectElement>('policies[1].autoscaler.kind'), { target: { value: 'spot-fallback' } });
    const box = field('policies[1].autoscaler.fallback.a100');
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(controller.currentText()).toMatch(/fallback:\s*\n?\s*(- a100|\[ a100 \])/);
    fireEvent.click(field('policies[1].autoscaler.fallback.a100'));
    expect(controller.currentText()).toMatch(/fallback: \[\]/);
    fireEvent.click(screen.getByText('use the default'));
    expect(controller.currentText()).not.toMatch(/^\s*fallback:/m);
  });

  it('edits scheduled windows: add one, pick days, times and nodes per pool, remove it', () => {
    const { controller, field, view } = setup();
    fireEvent.change(field<HTMLSelectElement>('policies[1].autoscaler.kind'), { target: { value: 'scheduled' } });
    fireEvent.click(view.getByTestId('policies[1].autoscaler.windows-add'));
    fireEvent.click(field('policies[1].autoscaler.windows[0].days.mon'));
    fireEvent.click(field('policies[1].autoscaler.windows[0].days.fri'));
    fireEvent.change(field('policies[1].autoscaler.windows[0].from'), { target: { value: '08:00' } });
    fireEvent.change(field('policies[1].autoscaler.windows[0].to'), { target: { value: '20:00' } });
    fireEvent.change(field('policies[1].autoscaler.windows[0].nodes.a100'), { target: { value: '6' } });
    const text = controller.currentText();
    expect(text).toMatch(/days:\s*(\[ mon, fri \]|\n\s*- mon\n\s*- fri)/);
    expect(text).toMatch(/from: "?08:00"?/);
    expect(text).toMatch(/nodes:\s*\n?\s*\{? ?a100: 6/);
    fireEvent.click(view.getByLabelText('Remove windows 1'));
    expect(controller.currentText()).toMatch(/windows: \[\]/);
  });

  it('edits estimate (exact | requested | { error: σ }) and a budget’s inner autoscaler', () => {
    const { controller, field } = setup();
    fireEvent.change(field<HTMLSelectElement>('policies[1].scheduler.kind'), { target: { value: 'easy-backfill' } });
    fireEvent.change(field<HTMLSelectElement>('policies[1].scheduler.estimate.choice'), { target: { value: 'requested' } });
    expect(controller.currentText()).toContain('estimate: requested');
    fireEvent.change(field<HTMLSelectElement>('policies[1].scheduler.estimate.choice'), { target: { value: '{}' } });
    fireEvent.change(field('policies[1].scheduler.estimate.error'), { target: { value: '0.5' } });
    expect(controller.currentText()).toMatch(/estimate:\s*\n?\s*\{? ?error: 0.5/);
    fireEvent.change(field<HTMLSelectElement>('policies[1].autoscaler.kind'), { target: { value: 'budget' } });
    fireEvent.change(field<HTMLSelectElement>('policies[1].autoscaler.inner.kind'), { target: { value: 'reactive' } });
    fireEvent.change(field('policies[1].autoscaler.inner.scaleUpAfterWait'), { target: { value: '5m' } });
    fireEvent.change(field('policies[1].autoscaler.maxUsdPerHour'), { target: { value: '500' } });
    const text = controller.currentText();
    expect(text).toMatch(/inner:\s*\n?\s*\{? ?kind: reactive/);
    expect(text).toContain('scaleUpAfterWait: 5m');
    expect(text).toContain('maxUsdPerHour: 500');
  });

  it('does not offer per-pool fields for per-tenant weights (fair-share): they stay in the YAML', () => {
    const { field } = setup();
    fireEvent.change(field<HTMLSelectElement>('policies[1].scheduler.kind'), { target: { value: 'fair-share' } });
    expect(field('policies[1].scheduler.weights.a100')).toBeNull();
  });

  it('lists every registered autoscaler and shows the chosen one’s description', () => {
    const { field } = setup();
    const select = field<HTMLSelectElement>('policies[1].autoscaler.kind');
    expect([...select.options].map((o) => o.value)).toEqual(['static', 'reactive', 'target-tracking', 'backlog', 'scheduled', 'predictive', 'spot-fallback', 'budget', 'hold']);
    expect([...select.options].map((o) => o.title)).toEqual(policyRegistry.autoscalers.map((d) => d.description));
    expect(screen.getByText(policyRegistry.autoscaler('reactive')!.description)).toBeTruthy();
  });

  it('generates the fields of reactive from its params schema: labels, defaults as placeholders, descriptions as hints', () => {
    const { field, view } = setup();
    const card = view.container.querySelector('[data-testid="policy-1"]')!;
    expect([...card.querySelectorAll('label')].map((l) => l.textContent)).toEqual(['Name', 'Autoscaler', 'Scale up after wait', 'Scale down after idle', 'Tick', 'Scheduler']);
    expect(field('policies[1].autoscaler.scaleUpAfterWait').value).toBe('10m');
    expect(field('policies[1].autoscaler.tick').value).toBe('');
    expect(field('policies[1].autoscaler.tick').placeholder).toBe('60s');
    expect(card.textContent).toContain('how often it decides');
    // static: one count per pool (a record of numbers keyed by pool name).
    expect(field('policies[0].autoscaler.nodes.a100').placeholder).toBe('4 (initial)');
  });

  it('switching the kind fills the schema defaults, and switching back drops them', () => {
    const { controller, field } = setup();
    fireEvent.change(field<HTMLSelectElement>('policies[0].autoscaler.kind'), { target: { value: 'reactive' } });
    expect(field('policies[0].autoscaler.scaleUpAfterWait').value).toBe('10m');
    expect(field('policies[0].autoscaler.scaleDownAfterIdle').value).toBe('30m');
    expect(field('policies[0].autoscaler.tick').value).toBe('60s');
    expect(controller.currentText()).toMatch(/kind: reactive[\s\S]*scaleUpAfterWait: 10m[\s\S]*scaleDownAfterIdle: 30m[\s\S]*tick: 60s/);
    fireEvent.change(field<HTMLSelectElement>('policies[0].autoscaler.kind'), { target: { value: 'hold' } });
    expect(field('policies[0].autoscaler.every').value).toBe('5m');
    expect(field<HTMLSelectElement>('policies[0].autoscaler.mode').value).toBe('quiet');
    expect(field('policies[0].autoscaler.dryRun').type).toBe('checkbox');
    fireEvent.click(field('policies[0].autoscaler.dryRun'));
    expect(controller.currentText()).toContain('dryRun: true');
    fireEvent.change(field<HTMLSelectElement>('policies[0].autoscaler.kind'), { target: { value: 'static' } });
    expect(field('policies[0].autoscaler.scaleUpAfterWait')).toBeNull();
    expect(controller.currentText()).toMatch(/autoscaler:\s*\{?\s*kind: static\s*\}?\n/);
  });

  it('shows the params schema’s validation problems on the field', async () => {
    const { field } = setup();
    fireEvent.change(field('policies[1].autoscaler.tick'), { target: { value: '0' } });
    expect(await screen.findAllByText('must be > 0 (got 0)')).not.toHaveLength(0);
    expect(field('policies[1].autoscaler.tick').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(field('policies[0].autoscaler.nodes.a100'), { target: { value: '-1' } });
    expect(screen.getAllByText('nodes must be a whole number ≥ 0 (got -1)').length).toBeGreaterThan(0);
    fireEvent.change(field('policies[0].autoscaler.nodes.a100'), { target: { value: '9' } });
    expect(screen.getAllByText("nodes must be ≤ the pool's max (8) (got 9)").length).toBeGreaterThan(0);
    expect(field('policies[0].autoscaler.nodes.a100').getAttribute('aria-invalid')).toBe('true');
  });

  it('has a per-policy scheduler select from the registry, "default (fifo)" when unset', () => {
    const { controller, field } = setup();
    const select = field<HTMLSelectElement>('policies[0].scheduler.kind');
    expect([...select.options].map((o) => o.textContent)).toEqual(['default (fifo)', ...policyRegistry.schedulers.map((d) => d.name)]);
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: 'fifo' } });
    expect(controller.currentText()).toMatch(/- name: fixed\n\s+autoscaler: \{ kind: static \}\n\s+scheduler: fifo\n/);
    fireEvent.change(field<HTMLSelectElement>('policies[0].scheduler.kind'), { target: { value: '' } });
    expect(controller.currentText()).not.toContain('scheduler:');
    // A scheduler with parameters is written as an object; its placement and pool order get fields too.
    fireEvent.change(field<HTMLSelectElement>('policies[0].scheduler.kind'), { target: { value: 'priority' } });
    expect(controller.currentText()).toMatch(/scheduler:\s*\n?\s*kind: priority/);
    fireEvent.change(field<HTMLSelectElement>('policies[0].scheduler.placement'), { target: { value: 'first-fit' } });
    fireEvent.change(field<HTMLSelectElement>('policies[0].scheduler.poolOrder'), { target: { value: 'cheapest' } });
    expect(controller.currentText()).toContain('poolOrder: cheapest');
  });
});
