/**
 * A mergeable quantile sketch with a relative-error guarantee: DDSketch's logarithmic mapping
 * over a dense, unbounded bucket store (Masson, Rim and Lee, "DDSketch: A Fast and
 * Fully-Mergeable Quantile Sketch with Relative-Error Guarantees", PVLDB 12(12), 2019; the
 * mapping and the bucket value are those of Datadog's sketches-js `LogarithmicMapping`).
 *
 * A value x > 0 goes to bucket k = ⌈log_γ x⌉ with γ = (1 + α) / (1 − α); a bucket stands for
 * 2γ^k / (1 + γ), within a factor (1 ± α) of every value in it. Values below MIN_VALUE_S
 * (waits of 0 and float noise) are counted as exactly 0. Percentiles are nearest-rank like the
 * exact ones (DESIGN.md §4): the bucket that holds the ⌈p·n⌉-th smallest value, so the
 * estimate is within relative error α of the exact percentile of the same values.
 *
 * Merging adds bucket counts: the merge of two sketches is exactly the sketch of the union of
 * their values (sweeps and shards combine percentiles without per-job data).
 *
 * `@datadog/sketches-js` itself was not used: it is CommonJS-only, its quantile rank is
 * q·(n − 1) rather than nearest-rank, and its (de)serialization requires protobufjs, which it
 * does not declare.
 */

import { selectRanks, sortFloat64 } from '../core/sort.js';
import { nearestRank, nearestRankIndex } from './stats.js';

/** The relative accuracy of the percentiles fleetlab reports from a sketch. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;
/** Values below this are counted as 0 (seconds; absolute error ≤ this). */
export const MIN_VALUE_S = 1e-9;

export class QuantileSketch {
  readonly relativeAccuracy: number;
  private readonly multiplier: number;
  private readonly gamma: number;
  /** counts[i] is the number of values in bucket offset + i. */
  private counts = new Float64Array(0);
  private offset = 0;
  zeroCount = 0;
  count = 0;

  constructor(relativeAccuracy = SKETCH_RELATIVE_ACCURACY) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new Error(`sketch: relative accuracy must be in (0, 1) (got ${relativeAccuracy})`);
    this.relativeAccuracy = relativeAccuracy;
    const mantissa = (2 * relativeAccuracy) / (1 - relativeAccuracy);
    this.gamma = 1 + mantissa;
    this.multiplier = 1 / Math.log1p(mantissa);
  }

  /** The bucket of a value > 0. */
  key(x: number): number {
    return Math.ceil(Math.log(x) * this.multiplier);
  }

  /** The value a bucket stands for. */
  value(key: number): number {
    return (Math.exp(key / this.multiplier) * 2) / (1 + this.gamma);
  }

  add(x: number, times = 1): void {
    if (!(x >= 0)) throw new Error(`sketch: values must be ≥ 0 (got ${x})`);
    this.count += times;
    if (x < MIN_VALUE_S) {
      this.zeroCount += times;
      return;
    }
    const k = this.key(x);
    this.ensure(k, k);
    this.counts[k - this.offset]! += times;
  }

  /** Make room for buckets lo..hi. */
  private ensure(lo: number, hi: number): void {
    const len = this.counts.length;
    if (len > 0 && lo >= this.offset && hi < this.offset + len) return;
    const from = len === 0 ? lo : Math.min(lo, this.offset);
    const to = len === 0 ? hi : Math.max(hi, this.offset + len - 1);
    // Some slack on both sides, so a slowly widening range does not copy every time.
    const slack = Math.max(32, (to - from + 1) >> 2);
    const next = new Float64Array(to - from + 1 + 2 * slack);
    const off = from - slack;
    if (len > 0) next.set(this.counts, this.offset - off);
    this.counts = next;
    this.offset = off;
  }

  /** Add another sketch's values (the same relative accuracy). */
  merge(other: QuantileSketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) throw new Error(`sketch: cannot merge relative accuracy ${other.relativeAccuracy} into ${this.relativeAccuracy}`);
    this.count += other.count;
    this.zeroCount += other.zeroCount;
    const c = other.counts;
    let lo = -1, hi = -1;
    for (let i = 0; i < c.length; i++) {
      if (c[i] === 0) continue;
      if (lo < 0) lo = i;
      hi = i;
    }
    if (lo < 0) return;
    this.ensure(other.offset + lo, other.offset + hi);
    for (let i = lo; i <= hi; i++) this.counts[other.offset + i - this.offset]! += c[i]!;
  }

  /** Add the counts of `buckets()` output (a serialized sketch of the same relative accuracy). */
  addBuckets(b: { zeroCount: number; keys: readonly number[]; counts: readonly number[] }): void {
    if (b.keys.length !== b.counts.length) throw new Error(`sketch: ${b.keys.length} keys but ${b.counts.length} counts`);
    this.zeroCount += b.zeroCount;
    this.count += b.zeroCount;
    for (let i = 0; i < b.keys.length; i++) {
      const k = b.keys[i]!;
      this.ensure(k, k);
      this.counts[k - this.offset]! += b.counts[i]!;
      this.count += b.counts[i]!;
    }
  }

  /** Nearest-rank percentile (the ⌈p·n⌉-th smallest, as DESIGN.md §4), null when empty. */
  quantile(p: number): number | null {
    const n = this.count;
    if (n === 0) return null;
    const rank = Math.min(n, Math.max(1, Math.ceil(p * n - 1e-9)));
    if (rank <= this.zeroCount) return 0;
    let seen = this.zeroCount;
    const c = this.counts;
    for (let i = 0; i < c.length; i++) {
      seen += c[i]!;
      if (seen >= rank) return this.value(this.offset + i);
    }
    throw new Error('sketch invariant: counts do not add up');
  }

  /** The non-empty buckets as [key, count] pairs in key order, plus the zero count (equality of sketches, serialization). */
  buckets(): { zeroCount: number; keys: number[]; counts: number[] } {
    const keys: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      keys.push(this.offset + i);
      counts.push(this.counts[i]!);
    }
    return { zeroCount: this.zeroCount, keys, counts };
  }
}

/** A sketch from its `buckets()` (shard outputs, sweeps): the same sketch, to merge or query. */
export function sketchFromBuckets(b: { zeroCount: number; keys: readonly number[]; counts: readonly number[] }, relativeAccuracy = SKETCH_RELATIVE_ACCURACY): QuantileSketch {
  const s = new QuantileSketch(relativeAccuracy);
  s.addBuckets(b);
  return s;
}

/** Merge sketches into a new one (sweeps, shards); all must share one relative accuracy. */
export function mergeSketches(sketches: readonly QuantileSketch[], relativeAccuracy = sketches[0]?.relativeAccuracy ?? SKETCH_RELATIVE_ACCURACY): QuantileSketch {
  const out = new QuantileSketch(relativeAccuracy);
  for (const s of sketches) out.merge(s);
  return out;
}

/**
 * Waits collected exactly while few, then in a sketch: the values are kept (in arrival order)
 * until there are more than `exactUpTo`, then every one goes into a sketch and the buffer is
 * dropped. So percentiles are exact — the same sort, the same bytes — up to `exactUpTo` values.
 */
export class WaitCollector {
  private exact: Float64Array | null;
  private n = 0;
  sketch: QuantileSketch | null = null;
  sum = 0;

  constructor(
    private readonly exactUpTo: number,
    capacityHint = 1024,
  ) {
    this.exact = new Float64Array(Math.max(1, Math.min(capacityHint, exactUpTo)));
  }

  get count(): number {
    return this.sketch ? this.sketch.count : this.n;
  }

  add(w: number): void {
    this.sum += w;
    if (this.sketch) {
      this.sketch.add(w);
      return;
    }
    if (this.n >= this.exactUpTo) {
      this.toSketch().add(w);
      return;
    }
    if (this.n >= this.exact!.length) {
      const next = new Float64Array(Math.min(this.exactUpTo, Math.max(1, this.exact!.length * 2)));
      next.set(this.exact!);
      this.exact = next;
    }
    this.exact![this.n++] = w;
  }

  /** Move the values into a sketch from now on (no-op when already there). */
  toSketch(): QuantileSketch {
    if (this.sketch) return this.sketch;
    const s = (this.sketch = new QuantileSketch());
    for (let i = 0; i < this.n; i++) s.add(this.exact![i]!);
    this.exact = null;
    return s;
  }

  /** Nearest-rank percentile: exact from the sorted values, or the sketch's. */
  quantile(sorted: Float64Array, p: number): number | null {
    return this.sketch ? this.sketch.quantile(p) : nearestRank(sorted, p);
  }

  /**
   * Nearest-rank percentiles for ascending `ps`: exact (by selection on a copy, without sorting:
   * the same values `quantile(sorted(), p)` gives), or the sketch's; null when there are no waits.
   */
  quantiles(ps: readonly number[]): (number | null)[] {
    if (this.sketch) return ps.map((p) => this.sketch!.quantile(p));
    if (this.n === 0) return ps.map(() => null);
    return selectRanks(this.exact!.slice(0, this.n), ps.map((p) => nearestRankIndex(this.n, p)));
  }

  /** The exact waits, ascending (empty once a sketch took over). */
  sorted(): Float64Array {
    return this.exact ? sortFloat64(this.exact.slice(0, this.n)) : new Float64Array(0);
  }
}
