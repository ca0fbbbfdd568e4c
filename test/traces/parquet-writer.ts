/**
 * A minimal Parquet writer for tests (no writer package is installed): one row group, REQUIRED
 * flat columns, PLAIN encoding, uncompressed, one data page per column. Types: INT64, DOUBLE,
 * BYTE_ARRAY (UTF8). Thrift compact protocol by hand.
 */
type Col = { name: string; type: 'int64' | 'double' | 'string'; values: (number | string)[] };

class Compact {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(v: bigint | number): void {
    let x = BigInt(v);
    for (;;) {
      if (x < 0x80n) { this.bytes.push(Number(x)); return; }
      this.bytes.push(Number((x & 0x7fn) | 0x80n));
      x >>= 7n;
    }
  }
  zigzag(v: number | bigint): void { const x = BigInt(v); this.varint(x >= 0n ? x << 1n : ((-x) << 1n) - 1n); }
  field(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1]!;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else { this.bytes.push(type); this.zigzag(id); }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, v: number): void { this.field(id, 5); this.zigzag(v); }
  i64(id: number, v: number | bigint): void { this.field(id, 6); this.zigzag(v); }
  str(id: number, s: string): void { this.field(id, 8); const b = new TextEncoder().encode(s); this.varint(b.length); this.bytes.push(...b); }
  beginStruct(id: number): void { this.field(id, 12); this.last.push(0); }
  endStruct(): void { this.bytes.push(0); this.last.pop(); }
  list(id: number, elemType: number, n: number): void { this.field(id, 9); this.bytes.push(n < 15 ? (n << 4) | elemType : 0xf0 | elemType); if (n >= 15) this.varint(n); }
  /** Struct element inside a list. */
  beginElem(): void { this.last.push(0); }
  stop(): void { this.bytes.push(0); }
}

const TYPE = { int64: 2, double: 5, string: 6 } as const;

function plain(c: Col): Uint8Array {
  const parts: number[] = [];
  const dv = new DataView(new ArrayBuffer(8));
  for (const v of c.values) {
    if (c.type === 'string') {
      const b = new TextEncoder().encode(String(v));
      dv.setUint32(0, b.length, true);
      parts.push(...new Uint8Array(dv.buffer, 0, 4), ...b);
    } else if (c.type === 'int64') {
      dv.setBigInt64(0, BigInt(v as number), true);
      parts.push(...new Uint8Array(dv.buffer, 0, 8));
    } else {
      dv.setFloat64(0, v as number, true);
      parts.push(...new Uint8Array(dv.buffer, 0, 8));
    }
  }
  return Uint8Array.from(parts);
}

/** What a crafted file's footer claims instead of the truth (lying metadata, for the bad-input tests). */
export interface ParquetLies {
  /** `num_rows` of the file and of its row group. */
  numRows?: number;
  /** Every column chunk's `total_compressed_size` (and uncompressed). */
  chunkSize?: number;
  /** Every column chunk's data page offset. */
  chunkOffset?: number;
}

export function writeParquet(cols: Col[], lies: ParquetLies = {}): Uint8Array {
  const n = cols[0]!.values.length;
  const rows = lies.numRows ?? n;
  const out: number[] = [...new TextEncoder().encode('PAR1')];
  const chunks: { offset: number; size: number; col: Col }[] = [];
  for (const c of cols) {
    const data = plain(c);
    const h = new Compact();
    h.i32(1, 0); // DATA_PAGE
    h.i32(2, data.length);
    h.i32(3, data.length);
    h.beginStruct(5);
    h.i32(1, n);
    h.i32(2, 0); // PLAIN
    h.i32(3, 3); // RLE
    h.i32(4, 3);
    h.endStruct();
    h.stop();
    const offset = out.length;
    out.push(...h.bytes, ...data);
    chunks.push({ offset, size: h.bytes.length + data.length, col: c });
  }
  const m = new Compact();
  m.i32(1, 1);
  m.list(2, 12, cols.length + 1);
  m.beginElem(); m.str(4, 'schema'); m.i32(5, cols.length); m.endStruct();
  for (const c of cols) {
    m.beginElem();
    m.i32(1, TYPE[c.type]);
    m.i32(3, 0); // REQUIRED
    m.str(4, c.name);
    if (c.type === 'string') m.i32(6, 0); // UTF8
    m.endStruct();
  }
  m.i64(3, rows);
  m.list(4, 12, 1);
  m.beginElem();
  m.list(1, 12, chunks.length);
  let total = 0;
  for (const ch of chunks) {
    total += ch.size;
    m.beginElem();
    m.i64(2, lies.chunkOffset ?? ch.offset);
    m.beginStruct(3);
    m.i32(1, TYPE[ch.col.type]);
    m.list(2, 5, 1); m.zigzag(0);
    m.list(3, 8, 1); { const b = new TextEncoder().encode(ch.col.name); m.varint(b.length); m.bytes.push(...b); }
    m.i32(4, 0); // UNCOMPRESSED
    m.i64(5, rows);
    m.i64(6, lies.chunkSize ?? ch.size);
    m.i64(7, lies.chunkSize ?? ch.size);
    m.i64(9, lies.chunkOffset ?? ch.offset);
    m.endStruct();
    m.endStruct();
  }
  m.i64(2, total);
  m.i64(3, rows);
  m.endStruct();
  m.stop();
  out.push(...m.bytes);
  const len = new DataView(new ArrayBuffer(4));
  len.setUint32(0, m.bytes.length, true);
  out.push(...new Uint8Array(len.buffer), ...new TextEncoder().encode('PAR1'));
  return Uint8Array.from(out);
}

/**
 * `n` generic batch jobs, one a minute, lasting 10-16 minutes, on 1, 2, 4 or 8 accelerators;
 * `names` renames the columns (default: the csv format's default columns).
 */
export function jobsParquet(n: number, names: { submit: string; duration: string; accelerators: string } = { submit: 'submit_time', duration: 'duration', accelerators: 'accelerators' }, lies: ParquetLies = {}): Uint8Array {
  return writeParquet([
    { name: names.submit, type: 'double', values: Array.from({ length: n }, (_, i) => i * 60) },
    { name: names.duration, type: 'double', values: Array.from({ length: n }, (_, i) => 600 + (i % 7) * 60) },
    { name: names.accelerators, type: 'int64', values: Array.from({ length: n }, (_, i) => [1, 2, 4, 8][i % 4]!) },
  ], lies);
}
