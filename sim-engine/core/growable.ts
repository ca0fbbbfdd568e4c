/** Growable typed-array columns for struct-of-arrays storage (amortized doubling). */
type Column = Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Int8Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

function grow<T extends Column>(a: T, need: number, fill: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a as ArrayLike<number>);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export const growF64 = (a: Float64Array<ArrayBuffer>, need: number, fill = 0) => grow(a, need, fill, (n) => new Float64Array(n));
export const growI32 = (a: Int32Array<ArrayBuffer>, need: number, fill = 0) => grow(a, need, fill, (n) => new Int32Array(n));
export const growI8 = (a: Int8Array<ArrayBuffer>, need: number) => grow(a, need, 0, (n) => new Int8Array(n));
export const growU8 = (a: Uint8Array<ArrayBuffer>, need: number) => grow(a, need, 0, (n) => new Uint8Array(n));

/**
 * A per-job column most runs leave at its `none` value (no tenant, the first source, no recorded
 * wait): it takes no memory until a job sets another value, then it is as long as the other
 * columns, with `none` everywhere no job wrote.
 */
export class OptionalColumn<A extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>> {
  private data: A | null = null;

  constructor(
    private readonly make: (n: number) => A,
    private readonly none: number,
  ) {}

  /** Set job `j`'s value; `capacity` is the other columns' current length. */
  set(j: number, v: number, capacity: number): void {
    if (this.data === null) this.data = this.filled(capacity);
    this.data[j] = v;
  }

  grow(need: number): void {
    if (this.data) this.data = grow(this.data, need, this.none, this.make);
  }

  /** The first `n` values, as a copy. */
  slice(n: number): A {
    return this.data ? (this.data.slice(0, n) as A) : this.filled(n);
  }

  private filled(n: number): A {
    const a = this.make(n);
    a.fill(this.none);
    return a;
  }
}
