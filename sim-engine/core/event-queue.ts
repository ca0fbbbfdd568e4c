/**
 * The event queue: a binary min-heap over typed arrays, ordered by the total order
 * (time, priority class, sequence) of DESIGN.md §3. `sequence` is a counter assigned
 * when an event is scheduled, so equal (time, class) pop first in, first out.
 *
 * This file is the one place the tie-break rule is written. No objects are allocated
 * per event: push/pop move numbers between parallel arrays (the "hole" technique).
 *
 * Each event carries a `kind` (0..255, which handler of its class) and a `tag` (0..2^23 − 1:
 * the epoch of its job or node when it was scheduled), packed in one int32 column, so a
 * handler drops a stale event — the completion of a killed job, the ready event of a
 * released node — by comparing tags.
 */

/** Priority classes, in the order events at one instant are handled. */
export const EventClass = {
  /** Job / replica completions. */
  Completion: 1,
  /** Node failures, preemptions and releases. */
  NodeChange: 2,
  /** Nodes becoming ready. */
  NodeReady: 3,
  /** Arrivals. */
  Arrival: 4,
  /** Autoscaler ticks. */
  Tick: 5,
} as const;
export type EventClass = (typeof EventClass)[keyof typeof EventClass];

/** Sequence numbers fit below 2^44; class is stored above them in one float64 key. */
const SEQ_SPAN = 2 ** 44;
/** Tags are epochs below 2^23 (kind in the low 8 bits of the packed column). */
export const MAX_TAG = 0x7fffff;

export class EventQueue {
  private time: Float64Array;
  private order: Float64Array;
  private meta: Int32Array;
  private payloadArr: Int32Array;
  private n = 0;
  private seq = 0;

  /** Fields of the event most recently popped. */
  poppedTime = 0;
  poppedClass = 0;
  poppedKind = 0;
  poppedPayload = 0;
  poppedTag = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.time = new Float64Array(cap);
    this.order = new Float64Array(cap);
    this.meta = new Int32Array(cap);
    this.payloadArr = new Int32Array(cap);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.time[0]! : Infinity;
  }

  /** Class of the earliest event, or 0 when empty. */
  peekClass(): number {
    return this.n > 0 ? Math.floor(this.order[0]! / SEQ_SPAN) : 0;
  }

  /**
   * Schedule an event. `kind` distinguishes events within a class (0..255),
   * `payload` is an int32 (a job, node or source index), `tag` the epoch it belongs to.
   */
  push(time: number, cls: EventClass, kind: number, payload: number, tag = 0): void {
    if (!(time === time) || !(tag >= 0 && tag <= MAX_TAG)) throw badEvent(time, cls, tag);
    const m = (tag << 8) | kind;
    if (this.n === this.time.length) this.grow();
    const key = cls * SEQ_SPAN + this.seq++;
    // Sift the hole up from the end.
    let i = this.n++;
    const t = this.time;
    const o = this.order;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = t[p]!;
      if (pt < time || (pt === time && o[p]! < key)) break;
      t[i] = pt;
      o[i] = o[p]!;
      this.meta[i] = this.meta[p]!;
      this.payloadArr[i] = this.payloadArr[p]!;
      i = p;
    }
    t[i] = time;
    o[i] = key;
    this.meta[i] = m;
    this.payloadArr[i] = payload;
  }

  /** Remove the earliest event into the `popped*` fields. Returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const t = this.time;
    const o = this.order;
    const k = this.meta;
    const pl = this.payloadArr;
    this.poppedTime = t[0]!;
    const top = o[0]!;
    this.poppedClass = Math.floor(top / SEQ_SPAN);
    const m = k[0]!;
    this.poppedKind = m & 0xff;
    this.poppedTag = m >>> 8;
    this.poppedPayload = pl[0]!;
    const last = --this.n;
    if (last === 0) return true;
    const lt = t[last]!;
    const lo = o[last]!;
    const lk = k[last]!;
    const lp = pl[last]!;
    // Sift the hole down from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (t[r]! < t[c]! || (t[r] === t[c] && o[r]! < o[c]!))) c = r;
      const ct = t[c]!;
      if (lt < ct || (lt === ct && lo < o[c]!)) break;
      t[i] = ct;
      o[i] = o[c]!;
      k[i] = k[c]!;
      pl[i] = pl[c]!;
      i = c;
    }
    t[i] = lt;
    o[i] = lo;
    k[i] = lk;
    pl[i] = lp;
    return true;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const o = new Float64Array(cap);
    o.set(this.order);
    this.order = o;
    const k = new Int32Array(cap);
    k.set(this.meta);
    this.meta = k;
    const p = new Int32Array(cap);
    p.set(this.payloadArr);
    this.payloadArr = p;
  }
}

/** Out of line, so push stays small enough to inline (a template literal in it would not be). */
function badEvent(time: number, cls: number, tag: number): Error {
  if (!(time === time)) return new Error(`event-queue invariant: event time is NaN (class ${cls})`);
  return new Error(`event-queue invariant: tag must be in 0..${MAX_TAG} (got ${tag})`);
}
