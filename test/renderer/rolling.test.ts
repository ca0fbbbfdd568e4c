/** Rolling means for the dense charts: time-weighted over a step series, checked against hand computations. */
import { describe, expect, it } from 'vitest';
import { valueAtOrBefore } from '../../renderer/charts/downsample';
import { rollingLine, rollingMean, rollingWindowS, sampleIntervalS, stepMean } from '../../renderer/charts/rolling';

const f = (...v: number[]) => Float64Array.from(v);

describe('stepMean (time-weighted, step semantics)', () => {
  it('weighs each sample by how long it held', () => {
    // y = 2 on [0,5), 6 on [5,20), 1 on [20,35) (the last sample holds one more interval, 15 s).
    const x = f(0, 5, 20);
    const y = f(2, 6, 1);
    // [0, 20]: (2·5 + 6·15) / 20 = 100 / 20 = 5 — not the sample mean (2 + 6) / 2 = 4.
    expect(stepMean(x, y, 0, 20)).toBeCloseTo(5, 12);
    // [3, 25]: (2·2 + 6·15 + 1·5) / 22 = 99 / 22.
    expect(stepMean(x, y, 3, 25)).toBeCloseTo(99 / 22, 12);
    // Beyond the end the window is clipped: [20, 100] → only the last sample, held until 35.
    expect(stepMean(x, y, 20, 100)).toBeCloseTo(1, 12);
    // Before the start likewise: [-50, 5] → 2.
    expect(stepMean(x, y, -50, 5)).toBeCloseTo(2, 12);
  });

  it('skips NaN samples in both the sum and the time, and is NaN over gaps only', () => {
    const x = f(0, 10, 20);
    const y = f(4, NaN, 8);
    // [0, 30]: (4·10 + 8·10) / 20 = 6 (the NaN's 10 s count nowhere).
    expect(stepMean(x, y, 0, 30)).toBeCloseTo(6, 12);
    expect(stepMean(x, y, 12, 18)).toBeNaN();
  });
});

describe('rollingMean', () => {
  it('is the centred time-weighted mean at each time', () => {
    const x = f(0, 10, 20, 30);
    const y = f(0, 10, 20, 30);
    // Window 20: at 0 → [−10, 10] clipped to [0, 10] → 0; at 10 → [0, 20] → (0·10 + 10·10)/20 = 5;
    // at 15 → [5, 25] → (0·5 + 10·10 + 20·5)/20 = 10; at 30 → [20, 40] → (20·10 + 30·10)/20 = 25.
    expect(Array.from(rollingMean(x, y, 20, [0, 10, 15, 30]))).toEqual([0, 5, 10, 25]);
  });

  it('of a constant series is the constant, whatever the window', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i * 300);
    const y = new Float64Array(1000).fill(0.75);
    for (const w of [600, 7200, 86400]) for (const t of [0, 1234, 150_000, 299_700]) expect(rollingMean(x, y, w, [t])[0]).toBeCloseTo(0.75, 12);
  });
});

describe('rollingLine', () => {
  it('evaluates at the visible samples (one more each side) when they are few, else at evenly spaced times', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i * 10);
    const y = Float64Array.from({ length: 100 }, (_, i) => i % 2);
    const few = rollingLine(x, y, 20, 200, 400, 1000);
    expect(few.x[0]).toBe(190);
    expect(few.x[few.length - 1]).toBe(410);
    expect(few.length).toBe(23);
    // An alternating 0/1 series averages to 1/2 over any window of whole periods.
    for (let i = 0; i < few.length; i++) expect(few.y[i]).toBeCloseTo(0.5, 12);
    const many = rollingLine(x, y, 20, 0, 990, 10);
    expect(many.length).toBe(11);
    expect(many.x[0]).toBe(0);
    expect(many.x[10]).toBe(990);
  });
});

describe('rollingWindowS', () => {
  it('takes about 1/60 of the visible span, snapped to a nice duration', () => {
    expect(rollingWindowS(7 * 86400, 300)).toBe(3 * 3600); // 2.8 h → 3 h
    expect(rollingWindowS(5 * 86400, 300)).toBe(2 * 3600); // 2 h exactly
    expect(rollingWindowS(86400, 300)).toBe(1800); // 24 min → 30 min
    expect(rollingWindowS(30 * 86400, 300)).toBe(12 * 3600);
  });

  it('is null when the window would hold fewer than two samples (the raw line is drawn)', () => {
    expect(rollingWindowS(6 * 3600, 300)).toBeNull(); // 6 min → 5 min: one 5-minute sample
    expect(rollingWindowS(12 * 3600, 300)).toBe(600); // 12 min → 10 min: two samples
    expect(rollingWindowS(86400, 3600)).toBeNull(); // hourly samples over a day
  });
});

describe('sampleIntervalS and valueAtOrBefore', () => {
  it('reads the median gap and the sample holding at a time', () => {
    expect(sampleIntervalS(f(0, 300, 600, 900, 1000))).toBe(300);
    expect(sampleIntervalS(f(5))).toBe(0);
    const x = f(0, 10, 20);
    const y = f(1, 2, 3);
    expect(valueAtOrBefore(x, y, 9.99)).toBe(1);
    expect(valueAtOrBefore(x, y, 10)).toBe(2);
    expect(valueAtOrBefore(x, y, 1e9)).toBe(3);
    expect(valueAtOrBefore(x, y, -1)).toBeNaN();
  });
});
