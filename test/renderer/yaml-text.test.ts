/** The app's editor reports scenario text problems with the loader's line and words (test/scenario/yaml-text.test.ts). */
import { describe, expect, test } from 'vitest';
import { parseScenarioText } from '../../renderer/state/scenario-doc';
import { TEXT_CASES } from '../scenario/text-cases';

describe('the editor: scenario text problems with their line', () => {
  test.each(TEXT_CASES)('%s', (_what, text, expected) => {
    const app = parseScenarioText(text);
    expect(app.ok).toBe(false);
    if (!app.ok) expect(`x.yaml:${app.problem.line}:${app.problem.column}: ${app.problem.message}`).toBe(expected);
  });

  test('a few aliases (what scenarios use them for) still load', () => {
    expect(parseScenarioText('name: a\nx: &pool { accelerator: nvidia-a100-80gb, perNode: 8 }\ny: [*pool, *pool, *pool]\n').ok).toBe(true);
  });
});
