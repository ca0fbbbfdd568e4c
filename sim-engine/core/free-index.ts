/**
 * Free accelerators per node slot of a pool (-1: not usable): the max segment tree, plus —
 * only when a placement needs them — per-value buckets of slots, so that "the fullest slot
 * with at least k free" is answered without a scan of the nodes.
 *
 * Without buckets `set` is the tree's (one null check more), so a run whose placement does
 * not need them pays nothing. With buckets, `set` also moves the slot between two buckets,
 * O(1); `smallestAtLeast(k)` probes buckets k … maxValue, O(maxValue − k + 1) probes (each
 * O(1) but for an occasional skip over empty words, see OrderedIdSet). Memory: one bit per
 * slot per bucket.
 */
import { OrderedIdSet } from './ordered-set.js';
import { MaxTree } from './segment-tree.js';

export class FreeIndex extends MaxTree {
  /** Slots by value: buckets[v] holds the slots whose value is v (v = 0 … maxValue); null when not kept. */
  private readonly buckets: OrderedIdSet[] | null;

  constructor(
    capacity: number,
    /** The largest value a slot can hold (a pool's perNode). */
    private readonly maxValue: number,
    withBuckets: boolean,
  ) {
    super(capacity);
    this.buckets = withBuckets ? Array.from({ length: maxValue + 1 }, () => new OrderedIdSet(capacity)) : null;
  }

  /** Whether the per-value buckets are kept (what `smallestAtLeast` needs). */
  get hasBuckets(): boolean {
    return this.buckets !== null;
  }

  override set(slot: number, value: number): void {
    const b = this.buckets;
    if (b !== null) {
      if (value > this.maxValue) throw new Error(`free index invariant: a slot holds at most ${this.maxValue} (got ${value} at slot ${slot})`);
      const old = this.get(slot);
      if (old >= 0) b[old]!.delete(slot);
      if (value >= 0) b[value]!.add(slot);
    }
    super.set(slot, value);
  }

  /**
   * The slot with the smallest value ≥ k (ties: the lowest slot), or -1. Needs the buckets
   * (throws without them). O(maxValue − k + 1) bucket probes.
   */
  smallestAtLeast(k: number): number {
    const b = this.buckets;
    if (b === null) throw new Error('free index invariant: smallestAtLeast needs the per-value buckets (a placement that asks for it declares needsFreeBuckets)');
    for (let v = k > 0 ? k : 0; v <= this.maxValue; v++) {
      const s = b[v]!.first();
      if (s >= 0) return s;
    }
    return -1;
  }

  /** The slot with the largest value, if that value is ≥ k (ties: the lowest slot), or -1. O(log slots). */
  largestAtLeast(k: number): number {
    const m = this.max();
    return m >= k && m >= 0 ? this.leftmostAtLeast(m) : -1;
  }
}
