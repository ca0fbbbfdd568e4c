/**
 * Sorting float64 columns: `sortFloat64(a)` puts `a` in exactly the order
 * `Float64Array.prototype.sort()` gives (ascending, −0 before +0, NaN last), by a least
 * significant digit radix sort on the IEEE-754 bits: four passes of 16 bits, a pass skipped
 * when every value has the same digit there. For a million waits it takes a fraction of the
 * comparison sort's time (which was the largest single cost of summarizing a 1M-job run).
 */

/**
 * Below this length the built-in sort is faster in a fresh process (measured cold, one sort per
 * process: 100k values 9 ms built-in vs 38 ms radix, 250k 34 vs 51, 500k 69 vs 43, 1M 107 vs 55):
 * the radix passes run in the interpreter until V8 optimizes them.
 */
export const RADIX_MIN = 400_000;
const DIGITS = 1 << 16;

/** Sort `a` in place, in `Float64Array.prototype.sort()`'s order; returns `a`. */
export function sortFloat64(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const n = a.length;
  if (n < RADIX_MIN) return a.sort();
  // NaNs go last (the built-in order) and +0s (most waits of a lightly loaded fleet) go between
  // the negatives and the positives; the rest are sorted by their keys.
  const src = new Float64Array(n);
  let m = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (v === 0 && 1 / v > 0) zeros++;
    else if (v === v) src[m++] = v;
  }
  const keys = new Uint32Array(src.buffer, 0, 2 * m);
  // Order-preserving keys: flip the sign bit of non-negative values, every bit of negative ones
  // (little-endian: word 2i is the low half, 2i + 1 the high half).
  for (let i = 0; i < m; i++) {
    const hi = keys[2 * i + 1]!;
    if (hi >>> 31 === 0) keys[2 * i + 1] = hi | 0x80000000;
    else {
      keys[2 * i + 1] = ~hi;
      keys[2 * i] = ~keys[2 * i]!;
    }
  }
  let from = keys;
  let to = new Uint32Array(2 * m);
  const count = new Int32Array(DIGITS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < m; i++) count[(from[2 * i + word]! >>> shift) & 0xffff]!++;
    if (count[(from[word]! >>> shift) & 0xffff] === m) continue; // one digit everywhere: already in order
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const lo = from[2 * i]!;
      const hi = from[2 * i + 1]!;
      const at = 2 * count[((word === 0 ? lo : hi) >>> shift) & 0xffff]!++;
      to[at] = lo;
      to[at + 1] = hi;
    }
    const t = from;
    from = to;
    to = t;
  }
  // Back from keys to values.
  for (let i = 0; i < m; i++) {
    const hi = from[2 * i + 1]!;
    if (hi >>> 31 === 1) from[2 * i + 1] = hi & 0x7fffffff;
    else {
      from[2 * i + 1] = ~hi;
      from[2 * i] = ~from[2 * i]!;
    }
  }
  const sorted = new Float64Array(from.buffer, from.byteOffset, m);
  let neg = 0;
  while (neg < m && (sorted[neg]! < 0 || Object.is(sorted[neg], -0))) neg++;
  a.set(sorted.subarray(0, neg));
  a.fill(0, neg, neg + zeros);
  a.set(sorted.subarray(neg), neg + zeros);
  a.fill(NaN, m + zeros);
  return a;
}


/**
 * The values at 0-based `ranks` (ascending) of `a` as if it were sorted — `sortFloat64(a)[r]` for
 * each r — without sorting: quickselect (Hoare partition, median of three), each rank searched
 * only right of the one before. Reorders `a`; O(n) expected. Values must not be NaN (waits).
 * A run's summary needs three percentiles of a million waits: this takes a fraction of a sort.
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): number[] {
  const out: number[] = [];
  let lo = 0;
  for (const r of ranks) {
    if (!(r >= lo && r < a.length)) throw new Error(`selectRanks: rank ${r} out of order or range (from ${lo}, length ${a.length})`);
    out.push(selectRank(a, r, lo, a.length - 1));
    lo = r; // everything right of r is ≥ a[r], everything left ≤
  }
  return out;
}

function selectRank(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    // Median of three to the middle: the pivot.
    const mid = lo + ((hi - lo) >> 1);
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    // Hoare partition: equal values go to both sides, so runs of ties (zero waits) stay balanced.
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot, [i, hi] ≥ pivot, (j, i) = pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
