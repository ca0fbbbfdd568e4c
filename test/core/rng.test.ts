import { describe, expect, test } from 'vitest';
import { makeSampler, distributionMean, type DistributionSpec } from '../../sim-engine/core/distributions.js';
import { parseDuration, formatDuration } from '../../sim-engine/core/duration.js';
import { Rng } from '../../sim-engine/core/rng.js';

describe('seeded RNG', () => {
  test('same seed and name give the same stream; different names differ', () => {
    const a = new Rng(42).fork('arrivals');
    const b = new Rng(42).fork('arrivals');
    const c = new Rng(42).fork('duration');
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    expect(Array.from({ length: 5 }, () => new Rng(43).fork('arrivals').uniform())).not.toEqual(xs);
  });

  test('a draw on one substream does not shift another', () => {
    const root1 = new Rng(7);
    const root2 = new Rng(7);
    const x1 = root1.fork('x');
    root2.fork('y').uniform();
    const x2 = root2.fork('x');
    expect(x1.uniform()).toBe(x2.uniform());
  });

  test('there is no default seed', () => {
    expect(() => new Rng(NaN)).toThrow(/seed/);
  });

  test('uniform values lie in [0, 1) with mean 1/2', () => {
    const r = new Rng(1);
    let s = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
    }
    expect(s / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('distributions', () => {
  const specs: DistributionSpec[] = [
    { dist: 'constant', value: 3 },
    { dist: 'exponential', mean: 60 },
    { dist: 'lognormal', median: 1800, sigma: 0.8 },
    { dist: 'uniform', min: 10, max: 30 },
    { dist: 'choice', values: [1, 8], weights: [0.8, 0.2] },
  ];
  test.each(specs)('$dist: sample mean matches the distribution mean', (spec) => {
    const sample = makeSampler(spec, new Rng(5).fork('d'));
    const n = 200_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += sample();
    expect(Math.abs(s / n - distributionMean(spec)) / distributionMean(spec)).toBeLessThan(0.01);
  });

  test('choice respects weights', () => {
    const sample = makeSampler({ dist: 'choice', values: [1, 2, 3], weights: [0, 1, 3] }, new Rng(9));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sample()]!++;
    expect(counts[1]).toBe(0);
    expect(counts[3]! / counts[2]!).toBeGreaterThan(2.8);
    expect(counts[3]! / counts[2]!).toBeLessThan(3.2);
  });
});

describe('durations', () => {
  test.each([
    [90, 90], ['90s', 90], ['15m', 900], ['6h', 21600], ['7d', 604800], ['1.5h', 5400], ['2w', 1209600], ['500ms', 0.5], ['-3', -3],
  ] as [number | string, number][])('%s → %d s', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });
  test.each(['', 'soon', '5 parsecs', '1h30', 'NaNs'])('%j is not a duration', (input) => {
    expect(parseDuration(input)).toBeNull();
  });
  test('format', () => {
    expect(formatDuration(90)).toBe('1m 30s');
    expect(formatDuration(86400 + 3600 * 3)).toBe('1d 3h');
  });
});
