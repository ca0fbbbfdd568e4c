// @vitest-environment jsdom
/**
 * The trace preview shows arrivals over the trace's real time span with its dates when it has
 * them (issue 10), and says why "Use in scenario" is disabled (issue 10, defect 10).
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TracePreview as Preview } from '../../renderer/state/controller';
import { fmtTraceSpan, fmtTraceTime } from '../../renderer/views/TraceCharts';
import { TracePreview, whyUseDisabled } from '../../renderer/views/TracePreview';
import type { JobTraceStats } from '../../sim-engine/traces/stats';
import type { TraceSummary } from '../../sim-engine/worker/types';
import { fakeTraceSummary } from './fake-engine';

afterEach(cleanup);
const DAY = 86400;

const preview = (summary: TraceSummary | null, over: Partial<Preview> = {}): Preview => ({ fileName: summary?.path ?? 'x.csv', size: 1000, format: 'auto', phase: summary ? 'done' : 'parsing', fraction: summary ? 1 : 0.4, summary, message: null, providesPath: null, ...over });
const show = (p: Preview, canUse = true) => render(<TracePreview preview={p} canUse={canUse} onFormat={() => {}} onUse={() => {}} onClose={() => {}} />);

/** A relative-time trace (seconds from its start, no dates) over 74 days, daily bins. */
function relativeSummary(): TraceSummary {
  const base = fakeTraceSummary({ path: 'jobs.csv', format: 'csv', startS: 0, endS: 74 * DAY + 3600 });
  const stats = base.stats as JobTraceStats;
  return { ...base, stats: { ...stats, arrivalsOverTime: { startS: 0, binS: DAY, counts: Array.from({ length: 75 }, (_, i) => (i === 40 ? 900 : 100 + i)), originUnixS: null } } };
}

/** An inference-request trace (not replayable yet). */
function requestsSummary(): TraceSummary {
  const base = fakeTraceSummary({ kind: 'requests', format: 'azure-llm-2023' });
  const jobs = base.stats as JobTraceStats;
  const d = jobs.durationS;
  return { ...base, stats: { arrivalsByHourOfDay: jobs.arrivalsByHourOfDay, inputTokens: d, outputTokens: d, serviceS: d, models: 1, arrivalsOverTime: jobs.arrivalsOverTime } };
}

describe('arrivals over the trace’s time span', () => {
  it('a dated trace: one bar per bin, its dates, the bin width and the peak', () => {
    show(preview(fakeTraceSummary()));
    const chart = screen.getByTestId('trace-arrivals-over-time');
    expect(chart.querySelectorAll('rect')).toHaveLength(56);
    expect(within(chart).getByTestId('trace-span-dates').textContent).toBe('2017-10-02 → 2017-10-08');
    expect(chart.textContent).toContain('arrivals per 3h');
    const ticks = Array.from(chart.querySelectorAll('text')).map((t) => t.textContent);
    expect(ticks[0]).toBe('2017-10-02');
    expect(ticks.at(-1)).toBe('2017-10-08');
    expect(chart.querySelector('rect title')!.textContent).toBe('2017-10-02 00:00 UTC – 2017-10-02 03:00 UTC · 120 arrivals');
    // The hour-of-day profile is still there, beside the accelerators.
    expect(screen.getByTestId('trace-hour-profile').querySelectorAll('rect')).toHaveLength(24);
  });

  it('a trace without dates: day 0 → day 74, and the facts in trace days', () => {
    show(preview(relativeSummary()));
    const chart = screen.getByTestId('trace-arrivals-over-time');
    expect(within(chart).getByTestId('trace-span-dates').textContent).toBe('day 0 → day 74');
    expect(chart.textContent).toContain('the trace has no dates');
    expect(chart.querySelectorAll('rect')).toHaveLength(75);
    expect(chart.querySelectorAll('rect.peak')).toHaveLength(1);
    expect(Array.from(chart.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['day 0', 'day 19', 'day 37', 'day 56', 'day 74']);
    expect(screen.getByTestId('trace-preview').textContent).toContain('day 0 00:00 → day 74 01:00');
  });

  it('an SWF log dated by its header shows real dates in the facts too', () => {
    const base = fakeTraceSummary({ format: 'swf', startS: 0, endS: 10 * DAY, meta: { UnixStartTime: 749_458_803 } });
    const stats = base.stats as JobTraceStats;
    show(preview({ ...base, stats: { ...stats, arrivalsOverTime: { startS: -25_203, binS: 4 * 3600, counts: Array(61).fill(3), originUnixS: 749_458_803 } } }));
    expect(screen.getByTestId('trace-span-dates').textContent).toBe('1993-10-01 → 1993-10-11');
    expect(screen.getByTestId('trace-preview').textContent).toContain('1993-10-01 07:00 UTC → 1993-10-11 07:00 UTC');
  });

  it('formats spans: dates, days, and hours or clock times under two days', () => {
    expect(fmtTraceSpan(0, 3600 * 5, null)).toBe('0h → 5h');
    expect(fmtTraceSpan(1_700_158_620, 1_700_162_059, 0)).toBe('2023-11-16 18:17 → 19:14 UTC');
    expect(fmtTraceSpan(null, null, 0)).toBe('—');
    expect(fmtTraceTime(1_506_902_400)).toBe('2017-10-02 00:00 UTC');
    expect(fmtTraceTime(90_000, null)).toBe('day 1 01:00');
  });
});

describe('“Use in scenario” says why it is disabled', () => {
  it.each([
    ['no scenario is open', preview(fakeTraceSummary()), false, /^Open a scenario first/],
    ['the file is being read', preview(null), true, /^Reading the trace…$/],
    ['the file cannot be read', preview(null, { phase: 'error', message: 'x.csv: unrecognized trace format' }), true, /cannot be read as a trace: pick its format/],
    ['it is not a batch-job trace', preview(requestsSummary()), true, /^Only batch-job traces can be replayed yet \(this one has inference requests\)$/],
  ])('%s', (_why, p, canUse, reason) => {
    show(p, canUse);
    const button = screen.getByTestId('use-trace') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('use-trace-reason').textContent).toMatch(reason);
    expect(button.title).toMatch(reason);
    expect(button.closest('span')!.title).toMatch(reason);
    expect(button.getAttribute('aria-describedby')).toBe('use-trace-reason');
  });

  it('enabled: no reason shown, the tooltip says what it does', () => {
    show(preview(fakeTraceSummary()));
    const button = screen.getByTestId('use-trace') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(screen.queryByTestId('use-trace-reason')).toBeNull();
    expect(button.title).toContain('Add a trace workload entry');
    expect(whyUseDisabled({ phase: 'done', summary: fakeTraceSummary() }, true)).toBeNull();
  });
});
