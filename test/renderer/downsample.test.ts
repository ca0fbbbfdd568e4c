import { describe, expect, it } from 'vitest';
import { downsampleM4, lowerBound, upperBound } from '../../renderer/charts/downsample';

/** A deterministic pseudo-random sequence (the test must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function series(n: number, seed = 1): { x: Float64Array; y: Float64Array } {
  const rnd = lcg(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i * 0.5;
    y[i] = Math.sin(i / 50) * 10 + rnd() * 3;
  }
  return { x, y };
}

describe('downsampleM4', () => {
  it('returns small inputs unchanged', () => {
    const { x, y } = series(100);
    const d = downsampleM4(x, y, 0, 49.5, 200);
    expect(d.length).toBe(100);
    expect(Array.from(d.y.subarray(0, d.length))).toEqual(Array.from(y));
  });

  it('keeps at most four points per pixel column plus the edges', () => {
    const { x, y } = series(1_000_000);
    const width = 800;
    const d = downsampleM4(x, y, x[0]!, x[x.length - 1]!, width);
    expect(d.length).toBeLessThanOrEqual(4 * width + 2);
    expect(d.length).toBeGreaterThan(2 * width);
    for (let i = 1; i < d.length; i++) expect(d.x[i]!).toBeGreaterThan(d.x[i - 1]!);
    expect(d.x[0]).toBe(x[0]);
    expect(d.x[d.length - 1]).toBe(x[x.length - 1]);
  });

  it('keeps every column’s min and max, so spikes survive', () => {
    const { x, y } = series(200_000, 7);
    y[123_457] = 1000; // a single-sample spike
    y[54_321] = -1000;
    const x0 = x[0]!;
    const x1 = x[x.length - 1]!;
    const width = 300;
    const d = downsampleM4(x, y, x0, x1, width);
    const out = Array.from(d.y.subarray(0, d.length));
    expect(out).toContain(1000);
    expect(out).toContain(-1000);
    // Brute force: per column min/max of the input equal those of the output.
    const colOf = (v: number) => Math.min(width - 1, Math.floor(((v - x0) / (x1 - x0)) * width));
    const inMin = new Array<number>(width).fill(Infinity);
    const inMax = new Array<number>(width).fill(-Infinity);
    for (let i = 0; i < x.length; i++) {
      const c = colOf(x[i]!);
      inMin[c] = Math.min(inMin[c]!, y[i]!);
      inMax[c] = Math.max(inMax[c]!, y[i]!);
    }
    const outMin = new Array<number>(width).fill(Infinity);
    const outMax = new Array<number>(width).fill(-Infinity);
    for (let i = 0; i < d.length; i++) {
      const c = colOf(d.x[i]!);
      outMin[c] = Math.min(outMin[c]!, d.y[i]!);
      outMax[c] = Math.max(outMax[c]!, d.y[i]!);
    }
    expect(outMin).toEqual(inMin);
    expect(outMax).toEqual(inMax);
  });

  it('zooms: only points inside the range plus one neighbour on each side', () => {
    const { x, y } = series(100_000, 3);
    const d = downsampleM4(x, y, 1000, 2000, 100);
    expect(d.x[0]).toBeLessThan(1000);
    expect(d.x[1]).toBeGreaterThanOrEqual(1000);
    expect(d.x[d.length - 1]).toBeGreaterThan(2000);
    expect(d.x[d.length - 2]).toBeLessThanOrEqual(2000);
    expect(d.length).toBeLessThanOrEqual(4 * 100 + 2);
  });

  it('keeps NaN gaps as single markers', () => {
    const n = 10_000;
    const x = new Float64Array(n).map((_, i) => i);
    const y = new Float64Array(n).map((_, i) => (i >= 4000 && i < 6000 ? NaN : i % 7));
    const d = downsampleM4(x, y, 0, n - 1, 50);
    const nans = Array.from(d.y.subarray(0, d.length)).filter((v) => Number.isNaN(v));
    expect(nans).toHaveLength(1);
  });

  it('handles empty input and empty ranges', () => {
    expect(downsampleM4(new Float64Array(0), new Float64Array(0), 0, 1, 10).length).toBe(0);
    const { x, y } = series(10);
    expect(downsampleM4(x, y, 100, 200, 10).length).toBe(1); // only the left neighbour
  });

  it('binary searches', () => {
    const a = new Float64Array([1, 2, 2, 3]);
    expect(lowerBound(a, 2)).toBe(1);
    expect(upperBound(a, 2)).toBe(3);
    expect(lowerBound(a, 0)).toBe(0);
    expect(upperBound(a, 9)).toBe(4);
  });
});
