/**
 * M4 downsampling (Jugel et al., "M4: a visualization-oriented time series data
 * aggregation", VLDB 2014): for each pixel column keep the first, minimum,
 * maximum and last point, in x order. A line drawn through the result is
 * pixel-identical to one drawn through all points, so spikes survive.
 *
 * Cost: one pass over the points inside [x0, x1] (found by binary search),
 * O(n) time, output ≤ 4 points per column (+ the two edge points and one NaN
 * per gap). NaN y values are kept as single gap markers so lines break there.
 */
export interface Downsampled {
  x: Float64Array;
  y: Float64Array;
  length: number;
}

/** First index i with a[i] >= v (a sorted ascending). */
export function lowerBound(a: ArrayLike<number>, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with a[i] > v (a sorted ascending). */
export function upperBound(a: ArrayLike<number>, v: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Downsample the points (x[i], y[i]) — x sorted ascending — for drawing [x0, x1]
 * into `width` pixel columns. One point on each side outside the range is kept
 * so the line reaches the plot edges.
 */
export function downsampleM4(x: Float64Array, y: Float64Array, x0: number, x1: number, width: number): Downsampled {
  const n = Math.min(x.length, y.length);
  const cols = Math.max(1, Math.floor(width));
  const lo = Math.max(0, lowerBound(x, x0, 0, n) - 1);
  const hi = Math.min(n, upperBound(x, x1, 0, n) + 1); // exclusive
  const count = hi - lo;
  if (count <= 0) return { x: new Float64Array(0), y: new Float64Array(0), length: 0 };
  if (count <= 4 * cols || !(x1 > x0)) {
    return { x: x.slice(lo, hi), y: y.slice(lo, hi), length: count };
  }

  let cap = 4 * cols + 8;
  let ox = new Float64Array(cap);
  let oy = new Float64Array(cap);
  let len = 0;
  const push = (i: number): void => {
    if (len === cap) {
      cap *= 2;
      const nx = new Float64Array(cap);
      nx.set(ox);
      ox = nx;
      const ny = new Float64Array(cap);
      ny.set(oy);
      oy = ny;
    }
    ox[len] = x[i]!;
    oy[len] = y[i]!;
    len++;
  };

  const scale = cols / (x1 - x0);
  let col = -1;
  let first = -1;
  let last = -1;
  let minI = -1;
  let maxI = -1;
  let lastWasNaN = false;
  const flush = (): void => {
    if (first < 0) return;
    // Emit first, min, max, last in index order without duplicates.
    const a = first;
    let b = Math.min(minI, maxI);
    let c = Math.max(minI, maxI);
    const d = last;
    push(a);
    if (b > a) push(b);
    else b = a;
    if (c > b) push(c);
    else c = b;
    if (d > c) push(d);
    first = -1;
  };

  for (let i = lo; i < hi; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (yi !== yi) {
      // NaN: a gap. Close the current column, emit one marker per run of NaNs.
      flush();
      if (!lastWasNaN) push(i);
      lastWasNaN = true;
      col = -1;
      continue;
    }
    lastWasNaN = false;
    let c = Math.floor((xi - x0) * scale);
    if (xi < x0) c = -1;
    else if (xi > x1) c = cols;
    else if (c >= cols) c = cols - 1;
    if (c !== col || first < 0) {
      flush();
      col = c;
      first = last = minI = maxI = i;
    } else {
      last = i;
      if (yi < y[minI]!) minI = i;
      if (yi > y[maxI]!) maxI = i;
    }
  }
  flush();
  return { x: ox, y: oy, length: len };
}

/**
 * The value a step series holds at t: the sample at or before t (NaN before the first). Tooltips
 * read it, so a hover between two samples shows what the run was at that time, not the next one.
 */
export function valueAtOrBefore(x: ArrayLike<number>, y: ArrayLike<number>, t: number): number {
  const i = upperBound(x, t, 0, Math.min(x.length, y.length)) - 1;
  return i >= 0 ? y[i]! : NaN;
}
