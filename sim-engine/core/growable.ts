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
