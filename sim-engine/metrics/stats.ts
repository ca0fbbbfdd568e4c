/** Small statistics helpers shared by summaries, replications and reports. */

/** Nearest-rank percentile of an ascending array: the ⌈p·n⌉-th smallest (DESIGN.md §4). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  return n === 0 ? null : sorted[nearestRankIndex(n, p)]!;
}

/** The 0-based index of the nearest-rank p-percentile among n > 0 sorted values. */
export function nearestRankIndex(n: number, p: number): number {
  // Guard against binary float error: 0.95 * 100 is 95.00000000000001.
  const rank = Math.max(1, Math.ceil(p * n - 1e-9));
  return Math.min(n, rank) - 1;
}

export function mean(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  if (df < 1) return NaN;
  if (df <= 30) return T975[df - 1]!;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

/** Mean and 95% confidence half-width (Student t) of independent replications. */
export function meanCi95(xs: readonly number[]): { mean: number; halfWidth: number } | null {
  const n = xs.length;
  if (n === 0) return null;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean: m, halfWidth: NaN };
  // Values equal up to float summation order (e.g. a fixed fleet's cost) have no spread.
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi))) return { mean: m, halfWidth: 0 };
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  const sd = Math.sqrt(ss / (n - 1));
  return { mean: m, halfWidth: (tQuantile975(n - 1) * sd) / Math.sqrt(n) };
}

/** A ratio that is null when the denominator is 0 (DESIGN.md §4). */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}
