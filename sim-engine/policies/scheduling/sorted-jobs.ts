/**
 * Job ids ordered by (key, id), updated incrementally: a list of sorted blocks (like a
 * B-tree's leaves), so an insert costs O(log n + block) and an in-order scan that drops the
 * entries it visits costs O(visited + block). Used by sjf for its queue in estimate order.
 */

const BLOCK = 512;

/** What a scan's visitor returns for an entry. */
export const Visit = { Keep: 0, Remove: 1, Stop: 2 } as const;
export type Visit = (typeof Visit)[keyof typeof Visit];

export class SortedJobs {
  private keys: Float64Array[] = [];
  private ids: Int32Array[] = [];
  private lens: number[] = [];
  size = 0;

  /** Insert a job under a key (a finite number); equal keys keep id order. */
  insert(key: number, id: number): void {
    if (!(key === key)) throw new Error(`sorted-jobs invariant: job ${id} needs a numeric key (got ${key})`);
    if (this.keys.length === 0) {
      this.keys.push(new Float64Array(2 * BLOCK));
      this.ids.push(new Int32Array(2 * BLOCK));
      this.lens.push(0);
    }
    // The first block whose last entry is ≥ (key, id), else the last block.
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const last = this.lens[mid]! - 1;
      if (before(this.keys[mid]![last]!, this.ids[mid]![last]!, key, id)) lo = mid + 1;
      else hi = mid;
    }
    const K = this.keys[lo]!;
    const I = this.ids[lo]!;
    const n = this.lens[lo]!;
    let a = 0;
    let b = n;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (before(K[mid]!, I[mid]!, key, id)) a = mid + 1;
      else b = mid;
    }
    K.copyWithin(a + 1, a, n);
    I.copyWithin(a + 1, a, n);
    K[a] = key;
    I[a] = id;
    this.lens[lo] = n + 1;
    this.size++;
    if (n + 1 === 2 * BLOCK) this.split(lo);
  }

  /** Visit entries in (key, id) order; the visitor keeps, removes, or stops the scan at (and keeps) an entry. */
  scan(visit: (id: number) => Visit): void {
    for (let b = 0; b < this.keys.length; ) {
      const K = this.keys[b]!;
      const I = this.ids[b]!;
      const n = this.lens[b]!;
      let w = 0;
      let r = 0;
      let stop = false;
      for (; r < n; r++) {
        const v = visit(I[r]!);
        if (v === Visit.Remove) continue;
        if (v === Visit.Stop) {
          stop = true;
          break;
        }
        K[w] = K[r]!;
        I[w] = I[r]!;
        w++;
      }
      if (stop && w < r) {
        K.copyWithin(w, r, n);
        I.copyWithin(w, r, n);
      }
      const kept = stop ? w + (n - r) : w;
      this.size -= n - kept;
      this.lens[b] = kept;
      if (kept === 0) {
        this.keys.splice(b, 1);
        this.ids.splice(b, 1);
        this.lens.splice(b, 1);
      } else b++;
      if (stop) return;
    }
  }

  private split(b: number): void {
    const K = this.keys[b]!;
    const I = this.ids[b]!;
    const K2 = new Float64Array(2 * BLOCK);
    const I2 = new Int32Array(2 * BLOCK);
    K2.set(K.subarray(BLOCK));
    I2.set(I.subarray(BLOCK));
    this.lens[b] = BLOCK;
    this.keys.splice(b + 1, 0, K2);
    this.ids.splice(b + 1, 0, I2);
    this.lens.splice(b + 1, 0, BLOCK);
  }
}

function before(k1: number, id1: number, k2: number, id2: number): boolean {
  return k1 < k2 || (k1 === k2 && id1 < id2);
}
