/**
 * Struct-of-arrays storage: growable typed columns (amortized doubling), written once here.
 *
 * - `ColumnSet`: named columns that grow together (jobs, nodes): `set.c.name[i]`.
 * - `OptionalColumn`: a column most runs leave at its `none` value; no memory until used.
 * - `PushColumn`: an append-only column with a length (importers' builders).
 */
export type NumericArray = Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Int8Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;

const MAKERS = {
  f64: (n: number) => new Float64Array(n),
  i32: (n: number) => new Int32Array(n),
  i8: (n: number) => new Int8Array(n),
  u8: (n: number) => new Uint8Array(n),
  u16: (n: number) => new Uint16Array(n),
} as const;
export type ColumnKind = keyof typeof MAKERS;
type ArrayOf<K extends ColumnKind> = ReturnType<(typeof MAKERS)[K]>;

/** A copy of `a` with room for at least `need` values (doubling), new slots set to `fill`. */
export function grow<T extends NumericArray>(a: T, need: number, fill = 0): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a as ArrayLike<number>);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** Copy ids from..to-1 of a ring (slot id & oldMask of `a`) into `b` at slot id & newMask; returns b. */
export function remapRing<T extends NumericArray>(a: T, b: T, from: number, to: number, oldMask: number, newMask: number): T {
  for (let id = from; id < to; id++) {
    const o = id & oldMask;
    if (o < a.length) b[id & newMask] = a[o]!;
  }
  return b;
}

/**
 * Named typed columns that share one capacity. Read and write through `c` (its arrays are
 * replaced when the set grows: do not keep them across a call that may add rows).
 */
export class ColumnSet<S extends Record<string, ColumnKind>> {
  readonly c: { [K in keyof S]: ArrayOf<S[K]> };
  /** Rows every column has room for. */
  capacity: number;
  private readonly names: (keyof S)[];

  constructor(spec: S, capacity: number) {
    this.names = Object.keys(spec) as (keyof S)[];
    const c = {} as Record<keyof S, NumericArray>;
    for (const name of this.names) c[name] = MAKERS[spec[name]!](Math.max(1, capacity));
    this.c = c as { [K in keyof S]: ArrayOf<S[K]> };
    this.capacity = Math.max(1, capacity);
  }

  /** Make room for row `need - 1`. */
  ensure(need: number): void {
    if (need <= this.capacity) return;
    const c = this.c as Record<keyof S, NumericArray>;
    for (const name of this.names) c[name] = grow(c[name], need);
    this.capacity = c[this.names[0]!].length;
  }

  /** Ring storage (ids map to slot id & mask) grows to `capacity` rows: ids from..to-1 keep their values. */
  remap(capacity: number, from: number, to: number, oldMask: number, newMask: number): void {
    const c = this.c as Record<keyof S, NumericArray>;
    for (const name of this.names) c[name] = remapRing(c[name], new (c[name].constructor as new (n: number) => NumericArray)(capacity), from, to, oldMask, newMask);
    this.capacity = capacity;
  }

  /** The first `n` values of a column, as a copy. */
  slice<K extends keyof S>(name: K, n: number): ArrayOf<S[K]> {
    return this.c[name].slice(0, n) as ArrayOf<S[K]>;
  }
}

/**
 * A per-row column most runs leave at its `none` value (no tenant, the first source, no recorded
 * wait, no restart): it takes no memory until a row sets another value, then it is as long as
 * the other columns, with `none` everywhere no row wrote.
 */
export class OptionalColumn<A extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>> {
  private data: A | null = null;

  constructor(
    private readonly make: (n: number) => A,
    readonly none: number,
  ) {}

  get used(): boolean {
    return this.data !== null;
  }

  get(i: number): number {
    return this.data === null ? this.none : this.data[i]!;
  }

  /** Set row `i`'s value; `capacity` is the other columns' current length. */
  set(i: number, v: number, capacity: number): void {
    if (this.data === null) {
      if (v === this.none || (v !== v && this.none !== this.none)) return; // none (NaN included)
      this.data = this.filled(Math.max(capacity, i + 1));
    } else if (i >= this.data.length) this.data = grow(this.data, Math.max(capacity, i + 1), this.none);
    this.data[i] = v;
  }

  grow(need: number): void {
    if (this.data) this.data = grow(this.data, need, this.none);
  }

  /** Row `i` is reused: back to `none` (no memory if the column was never used). */
  clear(i: number): void {
    if (this.data !== null && i < this.data.length) this.data[i] = this.none;
  }

  /** Ring storage grows: ids from..to-1 move from slot id & oldMask to slot id & newMask of a `capacity`-row column. */
  remap(capacity: number, from: number, to: number, oldMask: number, newMask: number): void {
    if (this.data === null) return;
    this.data = remapRing(this.data, this.filled(capacity), from, to, oldMask, newMask);
  }

  /** The first `n` values, as a copy. */
  slice(n: number): A {
    if (this.data === null) return this.filled(n);
    if (this.data.length >= n) return this.data.slice(0, n) as A;
    // Rows added after the last set (a column its owner does not grow) hold `none`.
    const out = this.filled(n);
    out.set(this.data);
    return out;
  }

  private filled(n: number): A {
    const a = this.make(n);
    a.fill(this.none);
    return a;
  }
}

/** An append-only column with a length, trimmed on `finish()`. */
export class PushColumn<A extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>> {
  length = 0;
  constructor(public data: A) {}
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.length + 1);
    this.data[this.length++] = v;
  }
  /** The filled part, copied so a table does not hold spare capacity. */
  finish(): A {
    return this.data.slice(0, this.length) as A;
  }
}

export const f64Column = (capacity = 1024) => new PushColumn(new Float64Array(capacity));
export const i32Column = (capacity = 1024) => new PushColumn(new Int32Array(capacity));
