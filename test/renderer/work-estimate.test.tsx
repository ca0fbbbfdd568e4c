// @vitest-environment jsdom
/**
 * The app shows the pre-flight work estimate next to Run all (issue 12), with the engine's
 * estimate and limits: the figures of the default scenario, a long run marked, and a
 * scenario over its limits named with the worker's own words.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../renderer/state/builtins';
import { parseScenarioText, type ScenarioDoc } from '../../renderer/state/scenario-doc';
import { WorkEstimate } from '../../renderer/views/WorkEstimate';
import { runRequest } from '../../sim-engine/worker/run-bundle';

afterEach(cleanup);

const TEXT = BUILTIN_SCENARIOS.find((b) => b.fileName === 'default.yaml')!.text;
const docOf = (text: string): ScenarioDoc => {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.doc;
};

describe('WorkEstimate', () => {
  it('shows the estimate of the default scenario, and replications multiply the runs', () => {
    const { rerender } = render(<WorkEstimate doc={docOf(TEXT)} replications={1} />);
    expect(screen.getByTestId('work-estimate').textContent).toBe('≈ 6,720 jobs, ≈ 26K events/run · 3 runs · ≈ 3 MB');
    expect(screen.getByTestId('work-estimate').className).toBe('work-estimate');
    rerender(<WorkEstimate doc={docOf(TEXT)} replications={10} />);
    expect(screen.getByTestId('work-estimate').textContent).toMatch(/· 30 runs ·/);
  });

  it('marks a long run before it starts', () => {
    render(<WorkEstimate doc={docOf(TEXT.replace('ratePerHour: 40', 'ratePerHour: 40000'))} replications={1} />);
    expect(screen.getByTestId('work-estimate').className).toBe('work-estimate long');
    expect(screen.getByTestId('work-estimate').textContent).toMatch(/^≈ 6\.7M jobs/);
  });

  it('names the limit a scenario is over, in the words the worker refuses it with', async () => {
    const text = TEXT.replace('ratePerHour: 40', 'ratePerHour: 1e9');
    render(<WorkEstimate doc={docOf(text)} replications={1} />);
    const el = screen.getByTestId('work-estimate');
    expect(el.className).toBe('work-estimate over');
    expect(el.textContent).toMatch(/· over limits\.maxJobs$/);
    const out = await runRequest({ text, fileName: 'default.yaml' }, { now: () => 0, yieldNow: async () => {}, sha256Hex: async () => '0', memoryCheck: () => ({ usedBytes: 1, limitBytes: 0 }) });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(el.getAttribute('title')).toBe(`Over the scenario's limits — ${out.problems[0]!.path}: ${out.problems[0]!.message}`);
  });

  it('says trace jobs are counted when the run reads the trace', () => {
    render(<WorkEstimate doc={docOf(BUILTIN_SCENARIOS.find((b) => b.fileName === 'philly.yaml')!.text)} replications={1} />);
    expect(screen.getByTestId('work-estimate').textContent).toMatch(/^jobs from a trace, counted when the run reads it · \d+ runs?$/);
  });

  it('shows nothing for a document that does not validate', () => {
    const { container } = render(<WorkEstimate doc={docOf(TEXT.replace('horizon: 7d', 'horizon: soon'))} replications={1} />);
    expect(container.textContent).toBe('');
  });
});
