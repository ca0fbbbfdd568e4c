/**
 * A set of non-negative integer ids kept in id order: the wait queue. Jobs are numbered in
 * submit order, so id order is queue order, a job can leave from anywhere (backfill, SJF,
 * kills) and a requeued job regains its place without a search.
 *
 * A three-level bitset: level 0 has a bit per id, level 1 a bit per non-empty level-0 word,
 * level 2 a bit per non-empty level-1 word. `add`, `delete` and `has` are O(1); `next(from)`
 * (the smallest member ≥ from) is O(1) word steps per level plus a scan of level 2 (one word
 * per 32,768 ids) past empty stretches. Memory: about 1 bit per id ever stored. No allocation
 * except growth.
 */
const ctz = (x: number): number => 31 - Math.clz32(x & -x);

export class OrderedIdSet {
  private l0: Int32Array;
  private l1: Int32Array;
  private l2: Int32Array;
  private count = 0;
  /** No member is below this id (kept lazily: first() moves it up). */
  private minHint = 0;
  /** The smallest member when known, -1 when it must be searched for. */
  private head = -1;

  constructor(capacity = 1024) {
    this.l0 = new Int32Array(Math.max(1, Math.ceil(capacity / 32)));
    this.l1 = new Int32Array(Math.ceil(this.l0.length / 32));
    this.l2 = new Int32Array(Math.ceil(this.l1.length / 32));
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    const w = id >>> 5;
    return w < this.l0.length && (this.l0[w]! & (1 << (id & 31))) !== 0;
  }

  /** Add an id; returns false if it was already a member. */
  add(id: number): boolean {
    if ((id | 0) !== id || id < 0) throw badId(id);
    const w = id >>> 5;
    if (w >= this.l0.length) this.grow(w + 1);
    const bit = 1 << (id & 31);
    const word = this.l0[w]!;
    if (word & bit) return false;
    if (word === 0) {
      const w1 = w >>> 5;
      if (this.l1[w1] === 0) this.l2[w1 >>> 5]! |= 1 << (w1 & 31);
      this.l1[w1]! |= 1 << (w & 31);
    }
    this.l0[w] = word | bit;
    this.count++;
    if (id < this.minHint) this.minHint = id;
    if (this.head >= 0 && id < this.head) this.head = id;
    else if (this.count === 1) this.head = id;
    return true;
  }

  /** Remove an id; returns false if it was not a member. */
  delete(id: number): boolean {
    const w = id >>> 5;
    if (w >= this.l0.length) return false;
    const bit = 1 << (id & 31);
    const word = this.l0[w]!;
    if (!(word & bit)) return false;
    const left = word & ~bit;
    this.l0[w] = left;
    if (left === 0) {
      const w1 = w >>> 5;
      const l1 = this.l1[w1]! & ~(1 << (w & 31));
      this.l1[w1] = l1;
      if (l1 === 0) this.l2[w1 >>> 5]! &= ~(1 << (w1 & 31));
    }
    this.count--;
    if (id === this.head) {
      this.head = -1;
      this.minHint = id + 1;
    }
    return true;
  }

  /** The smallest member, or -1 when empty. */
  first(): number {
    if (this.head >= 0) return this.head;
    if (this.count === 0) return -1;
    const f = this.next(this.minHint);
    this.minHint = f;
    this.head = f;
    return f;
  }

  /** The smallest member ≥ from, or -1. */
  next(from: number): number {
    const w = from >>> 5;
    if (w >= this.l0.length) return -1;
    const bits = this.l0[w]! & (-1 << (from & 31));
    if (bits !== 0) return w * 32 + ctz(bits);
    const nw = this.nextWord1(w + 1);
    return nw < 0 ? -1 : nw * 32 + ctz(this.l0[nw]!);
  }

  /** Empty the set (capacity kept). */
  clear(): void {
    this.l0.fill(0);
    this.l1.fill(0);
    this.l2.fill(0);
    this.count = 0;
    this.minHint = 0;
    this.head = -1;
  }

  // next / nextWord1 / nextWord2 are one step per level, unrolled: next() runs once per job start.

  /** The smallest non-empty level-0 word index ≥ from, or -1. */
  private nextWord1(from: number): number {
    const w = from >>> 5;
    if (w >= this.l1.length) return -1;
    const bits = this.l1[w]! & (-1 << (from & 31));
    if (bits !== 0) return w * 32 + ctz(bits);
    const nw = this.nextWord2(w + 1);
    return nw < 0 ? -1 : nw * 32 + ctz(this.l1[nw]!);
  }

  /** The smallest non-empty level-1 word index ≥ from, or -1 (scans level 2). */
  private nextWord2(from: number): number {
    const l2 = this.l2;
    let w = from >>> 5;
    if (w >= l2.length) return -1;
    let bits = l2[w]! & (-1 << (from & 31));
    while (bits === 0) {
      if (++w >= l2.length) return -1;
      bits = l2[w]!;
    }
    return w * 32 + ctz(bits);
  }

  private grow(words0: number): void {
    const n0 = Math.max(words0, this.l0.length * 2);
    const l0 = new Int32Array(n0);
    l0.set(this.l0);
    const l1 = new Int32Array(Math.ceil(n0 / 32));
    l1.set(this.l1);
    const l2 = new Int32Array(Math.ceil(l1.length / 32));
    l2.set(this.l2);
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
  }
}

/** Out of line, so add stays small enough to inline. */
function badId(id: number): Error {
  return new Error(`ordered-set invariant: ids are whole numbers ≥ 0 (got ${id})`);
}
