/**
 * Arrivals over a trace's real time span (issue 10): about 60 bins of a round width over
 * [first, last] submit time, on the dated clock when the trace has dates (epoch timestamps,
 * an SWF header's UnixStartTime), relative otherwise — in the summary `fleetlab inspect --json`
 * prints and the app's preview draws, as an additive `stats.arrivalsOverTime`.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrivalHistogram, traceOriginUnixS } from '../../sim-engine/traces/stats.js';
import { cli } from '../helpers.js';

const ROOT = resolve(__dirname, '../..');
const DAY = 86400;
const times = (...t: number[]) => Float64Array.from(t);

describe('arrivalHistogram', () => {
  it('a week in 3-hour bins, every arrival counted once, the last one in the last bin', () => {
    const t = times(0, 1, 10_799, 10_800, 3 * DAY, 7 * DAY - 1);
    const h = arrivalHistogram(t, t.length, 0, 7 * DAY - 1, null);
    expect(h.binS).toBe(3 * 3600);
    expect(h.counts).toHaveLength(56);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(t.length);
    expect(h.counts.slice(0, 2)).toEqual([3, 1]);
    expect(h.counts[24]).toBe(1);
    expect(h.counts.at(-1)).toBe(1);
    expect(h.originUnixS).toBeNull();
  });

  it('74 days in daily bins (a round width, at most 25% more bins than 60)', () => {
    const h = arrivalHistogram(times(0, 74 * DAY), 2, 0, 74 * DAY, null);
    expect(h.binS).toBe(DAY);
    expect(h.counts).toHaveLength(75);
    expect([h.counts[0], h.counts[74]]).toEqual([1, 1]);
  });

  it('bins start on the dated clock’s multiples: days at midnight UTC', () => {
    const start = Date.UTC(2017, 9, 3, 15, 0) / 1000;
    const h = arrivalHistogram(times(start, start + 70 * DAY), 2, start, start + 70 * DAY, 0);
    expect(h.binS).toBe(DAY);
    expect(h.startS).toBe(Date.UTC(2017, 9, 3) / 1000);
    // An SWF log: relative times, dated by its header.
    const swf = arrivalHistogram(times(0, 70 * DAY), 2, 0, 70 * DAY, 749_458_803);
    expect((swf.startS + 749_458_803) % DAY).toBe(0);
    expect(swf.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('one instant, or no records at all', () => {
    expect(arrivalHistogram(times(5, 5), 2, 5, 5, null)).toMatchObject({ binS: 1, counts: [2] });
    expect(arrivalHistogram(times(), 0, null, null, null)).toEqual({ startS: 0, binS: 0, counts: [], originUnixS: null });
  });

  it('a trace is dated by epoch timestamps or an SWF header, else relative', () => {
    expect(traceOriginUnixS({ startS: 1_506_902_515, meta: {} })).toBe(0);
    expect(traceOriginUnixS({ startS: 0, meta: { UnixStartTime: 749_458_803 } })).toBe(749_458_803);
    expect(traceOriginUnixS({ startS: 120, meta: {} })).toBeNull();
  });
});

describe('fleetlab inspect --json', () => {
  it('gains stats.arrivalsOverTime (additive: the other keys are as before)', async () => {
    const r = await cli(['inspect', join(ROOT, 'scenarios/traces/philly-2017-10-02-week.csv'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { stats: Record<string, unknown>; records: number };
    expect(Object.keys(j)).toEqual(['path', 'format', 'kind', 'sha256', 'bytes', 'records', 'skipped', 'filtered', 'filteredReasons', 'issues', 'issueCount', 'startS', 'endS', 'meta', 'stats']);
    expect(Object.keys(j.stats)).toEqual(['arrivalsByHourOfDay', 'acceleratorDemand', 'durationS', 'tenants', 'arrivalsOverTime']);
    const h = j.stats.arrivalsOverTime as { startS: number; binS: number; counts: number[]; originUnixS: number };
    expect(h).toMatchObject({ startS: Date.UTC(2017, 9, 2) / 1000, binS: 10_800, originUnixS: 0 });
    expect(h.counts).toHaveLength(56);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(j.records);
  });
});
