/**
 * Rolling means of sampled series, for dense charts (utilization, queue): the mean is drawn as
 * the line, the raw samples faintly behind it.
 *
 * A sampled series is read as a step function: y[i] holds on [x[i], x[i+1]), and the last
 * sample holds for one more sample interval (the one before it). The mean over a window is
 * time-weighted: ∫ y dt / (time covered), so unevenly spaced samples weigh by how long they
 * held. NaN samples (utilization with nothing ready) are gaps: they count neither in the sum
 * nor in the time, and a window of gaps only is NaN.
 *
 * Cost: one O(n) pass per series for its running integral (cached by array), then O(log n)
 * per evaluated point, so a window over a million samples costs what one over a thousand does.
 */
import { lowerBound, upperBound, type Downsampled } from './downsample';

/** Running integrals of a step series at its knots x[0..n-1] and its end. */
interface StepIntegral {
  x: Float64Array;
  y: Float64Array;
  n: number;
  /** Where the last sample stops holding. */
  end: number;
  /** ∫ y over [x[0], x[i]] (defined parts only), i = 0..n-1; area[n] is at `end`. */
  area: Float64Array;
  /** Time with a defined value in [x[0], x[i]]. */
  covered: Float64Array;
}

const cache = new WeakMap<Float64Array, StepIntegral>();

function integral(x: Float64Array, y: Float64Array): StepIntegral {
  const hit = cache.get(y);
  if (hit && hit.x === x) return hit;
  const n = Math.min(x.length, y.length);
  const area = new Float64Array(n + 1);
  const covered = new Float64Array(n + 1);
  const end = n >= 2 ? x[n - 1]! + (x[n - 1]! - x[n - 2]!) : n === 1 ? x[0]! : 0;
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? x[i + 1]! : end;
    const dt = next - x[i]!;
    const v = y[i]!;
    const ok = v === v;
    area[i + 1] = area[i]! + (ok ? v * dt : 0);
    covered[i + 1] = covered[i]! + (ok ? dt : 0);
  }
  const out = { x, y, n, end, area, covered };
  cache.set(y, out);
  return out;
}

/** [∫ y, time covered] over [x[0], t], t clamped to the series' span. */
function upTo(s: StepIntegral, t: number): [number, number] {
  const { x, y, n } = s;
  if (n === 0 || t <= x[0]!) return [0, 0];
  if (t >= s.end) return [s.area[n]!, s.covered[n]!];
  const k = upperBound(x, t, 0, n) - 1; // the sample holding at t
  const v = y[k]!;
  const dt = t - x[k]!;
  return v === v ? [s.area[k]! + v * dt, s.covered[k]! + dt] : [s.area[k]!, s.covered[k]!];
}

/** Time-weighted mean of the step series over [a, b] (NaN when nothing defined lies inside). */
export function stepMean(x: Float64Array, y: Float64Array, a: number, b: number): number {
  const s = integral(x, y);
  const n = s.n;
  if (n === 1) return a <= x[0]! && x[0]! <= b ? y[0]! : NaN;
  const [fa, ca] = upTo(s, a);
  const [fb, cb] = upTo(s, b);
  const c = cb - ca;
  return c > 0 ? (fb - fa) / c : NaN;
}

/** The centred rolling mean over `windowS` at each time of `at`. */
export function rollingMean(x: Float64Array, y: Float64Array, windowS: number, at: ArrayLike<number>): Float64Array {
  const h = windowS / 2;
  const out = new Float64Array(at.length);
  for (let i = 0; i < at.length; i++) out[i] = stepMean(x, y, at[i]! - h, at[i]! + h);
  return out;
}

/**
 * The rolling mean to draw over [t0, t1]: evaluated at the samples inside (plus one on each
 * side, so the line reaches the edges) when there are at most `maxPoints`, otherwise at
 * `maxPoints` evenly spaced times — a smooth curve needs no more than a couple per pixel.
 */
export function rollingLine(x: Float64Array, y: Float64Array, windowS: number, t0: number, t1: number, maxPoints: number): Downsampled {
  const n = Math.min(x.length, y.length);
  if (n === 0 || !(t1 > t0)) return { x: new Float64Array(0), y: new Float64Array(0), length: 0 };
  const lo = Math.max(0, lowerBound(x, t0, 0, n) - 1);
  const hi = Math.min(n, upperBound(x, t1, 0, n) + 1);
  let at: Float64Array;
  if (hi - lo <= maxPoints) at = x.slice(lo, hi);
  else {
    const m = Math.max(2, Math.floor(maxPoints));
    at = new Float64Array(m + 1);
    for (let i = 0; i <= m; i++) at[i] = t0 + ((t1 - t0) * i) / m;
  }
  return { x: at, y: rollingMean(x, y, windowS, at), length: at.length };
}

/** Nice window lengths, seconds: 1m … 30d. */
export const NICE_WINDOWS_S = [60, 120, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400] as const;

/**
 * The rolling-mean window for a visible span: about 1/`divisions` of it, snapped to the
 * nearest nice duration (on a log scale). Null when that is under two samples: a mean over
 * fewer smooths nothing, and the raw samples are drawn as the line.
 */
export function rollingWindowS(spanS: number, sampleS: number, divisions = 60): number | null {
  if (!(spanS > 0)) return null;
  const target = spanS / divisions;
  let best: number = NICE_WINDOWS_S[0];
  for (const w of NICE_WINDOWS_S) if (Math.abs(Math.log(w / target)) < Math.abs(Math.log(best / target))) best = w;
  return best < 2 * sampleS ? null : best;
}

/** The typical sample interval of a series (the median gap of its first samples), 0 when it has fewer than two. */
export function sampleIntervalS(x: Float64Array): number {
  const n = Math.min(x.length, 65);
  if (n < 2) return 0;
  const gaps: number[] = [];
  for (let i = 1; i < n; i++) gaps.push(x[i]! - x[i - 1]!);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1]!;
}
