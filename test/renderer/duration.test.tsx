// @vitest-environment jsdom
/**
 * The editor parses durations with the engine's parser (sim-engine/core/duration.ts), so a
 * value the editor accepts is one a run accepts, and the other way round: `15min`, `2H` and
 * `1e3` used to be refused by a renderer copy of the parser.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../sim-engine/core/duration';
import { NonNegDuration, PosDuration } from '../../sim-engine/scenario/fields';
import { AppController } from '../../renderer/state/controller';
import { parseScenarioText, type Json, type ScenarioDoc } from '../../renderer/state/scenario-doc';
import { validateDoc } from '../../renderer/state/validate';
import { App } from '../../renderer/views/App';
import { CATALOG, createFakeEngine, SCENARIO } from './fake-engine';

afterEach(cleanup);
HTMLCanvasElement.prototype.getContext = (() => null) as never;

const TEXTS = [
  '90', '90s', '15m', '15min', '15MIN', '15Min', '2H', '2h', '1e3', '1E3', '1e3s', '1e+3m', '1e-3', '2.5e2ms',
  '1.5h', '.5h', '5.', '5.s', '-5m', '-0', '0', '0s', ' 7d ', '7D', '2w', '2W', '500ms', '500MS', '10 m', '1e400',
  'soon', '', ' ', 'h', 'min', '1hh', '1y', '1,5h', '+5m', '0x10', 'Infinity', 'NaN', '1e', 'e3', '1mins', '1 e3',
  '3 d', '1_000', '١٢s', '1.2.3', '--1', '5 minutes', '7days',
];
const NUMBERS = [0, -0, 1, 1.5, -1, 1e3, 86400];

const base = (): ScenarioDoc => {
  const parsed = parseScenarioText(SCENARIO);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.doc;
};
// Durations only: the schema's cross-field checks (warmup < horizon, samples per horizon) are other problems.
const problemAt = (doc: ScenarioDoc, path: string) => validateDoc(doc).some((p) => p.path === path && !p.message.includes('horizon'));

describe('durations in the editor', () => {
  it.each([...TEXTS, ...NUMBERS].map((v) => [JSON.stringify(v), v] as const))('%s gets the engine’s verdict', (_label, v) => {
    const engine = parseDuration(v);
    const doc = { ...base(), warmup: v as Json, sampleEvery: v as Json };
    // warmup: any duration ≥ 0; sampleEvery: > 0 — as the scenario schema has them.
    expect(problemAt(doc, 'warmup')).toBe(!(engine !== null && engine >= 0));
    expect(problemAt(doc, 'sampleEvery')).toBe(!(engine !== null && engine > 0));
    expect(problemAt(doc, 'warmup')).toBe(!NonNegDuration.safeParse(v).success);
    expect(problemAt(doc, 'sampleEvery')).toBe(!PosDuration.safeParse(v).success);
  });

  it('refuses what is not a number or text, like the schema', () => {
    for (const v of [true, null, [], ['1h']] as Json[]) {
      expect(problemAt({ ...base(), warmup: v }, 'warmup')).toBe(true);
      expect(NonNegDuration.safeParse(v).success).toBe(false);
    }
  });

  it('accepts 15min, 2H and 1e3 typed into a field, and still flags nonsense', async () => {
    const controller = new AppController({ engine: createFakeEngine(), builtins: [{ fileName: 'test.yaml', text: SCENARIO }], catalog: CATALOG, checkDelayMs: 0, desktop: undefined as never });
    const view = render(<App controller={controller} />);
    const field = view.container.querySelector<HTMLInputElement>('[data-path="policies[1].autoscaler.scaleUpAfterWait"]')!;
    for (const text of ['15min', '2H', '1e3']) {
      fireEvent.change(field, { target: { value: text } });
      expect(field.value).toBe(text);
      expect(field.getAttribute('aria-invalid')).not.toBe('true');
      expect(screen.queryByText(/expected a duration/)).toBeNull();
    }
    fireEvent.change(field, { target: { value: '15 mins' } });
    expect(await screen.findAllByText(/^expected a duration .* \(got "15 mins"\)$/)).not.toHaveLength(0);
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});
