/**
 * A max segment tree over node slots, answering "leftmost slot with value ≥ k" in
 * O(log n): first-fit placement on the lowest-numbered node with k free accelerators.
 * Slots that are not usable hold -1.
 */
export class MaxTree {
  private tree: Int32Array;
  private cap: number;

  constructor(capacity = 16) {
    this.cap = 1;
    while (this.cap < capacity) this.cap *= 2;
    this.tree = new Int32Array(2 * this.cap).fill(-1);
  }

  get capacity(): number {
    return this.cap;
  }

  set(slot: number, value: number): void {
    if (slot >= this.cap) this.grow(slot + 1);
    const t = this.tree;
    let i = slot + this.cap;
    t[i] = value;
    i >>= 1;
    while (i >= 1) {
      const l = t[2 * i]!;
      const r = t[2 * i + 1]!;
      const m = l > r ? l : r;
      if (t[i] === m) break;
      t[i] = m;
      i >>= 1;
    }
  }

  get(slot: number): number {
    return slot < this.cap ? this.tree[slot + this.cap]! : -1;
  }

  /** The largest value held (-1 when every slot is unusable), O(1). */
  max(): number {
    return this.tree[1]!;
  }

  /** Leftmost slot whose value is ≥ k, or -1. */
  leftmostAtLeast(k: number): number {
    const t = this.tree;
    if (t[1]! < k) return -1;
    let i = 1;
    while (i < this.cap) {
      i = t[2 * i]! >= k ? 2 * i : 2 * i + 1;
    }
    return i - this.cap;
  }

  /** Rightmost slot before `before` whose value is ≥ k, or -1: O(log n). */
  rightmostAtLeastBefore(k: number, before: number): number {
    const t = this.tree;
    if (before <= 0 || t[1]! < k) return -1;
    let i = (before < this.cap ? before : this.cap) - 1 + this.cap;
    if (t[i]! < k) {
      // Climb until a left sibling (the slots just before) holds a value ≥ k, then descend into it.
      for (;;) {
        if (i === 1) return -1;
        if (i & 1 && t[i - 1]! >= k) {
          i--;
          break;
        }
        i >>= 1;
      }
      while (i < this.cap) i = t[2 * i + 1]! >= k ? 2 * i + 1 : 2 * i;
    }
    return i - this.cap;
  }

  private grow(need: number): void {
    let cap = this.cap;
    while (cap < need) cap *= 2;
    const old = this.tree;
    const oldCap = this.cap;
    const t = new Int32Array(2 * cap).fill(-1);
    for (let s = 0; s < oldCap; s++) t[cap + s] = old[oldCap + s]!;
    for (let i = cap - 1; i >= 1; i--) t[i] = Math.max(t[2 * i]!, t[2 * i + 1]!);
    this.tree = t;
    this.cap = cap;
  }
}
