/** A minimal ustar writer for tests: single members and whole archives (two zero blocks at the end). */

/** A ustar member: 512-byte header (name, size in octal, type '0', checksum) + data padded to 512. */
export function tarMember(name: string, data: Uint8Array): Uint8Array {
  const h = new Uint8Array(512);
  const put = (off: number, s: string) => h.set(new TextEncoder().encode(s), off);
  put(0, name);
  put(100, '0000644\0');
  put(124, `${data.length.toString(8).padStart(11, '0')}\0`);
  put(136, '00000000000\0');
  h[156] = 0x30;
  put(257, 'ustar\0');
  put(263, '00');
  h.fill(0x20, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  const out = new Uint8Array(512 + Math.ceil(data.length / 512) * 512);
  out.set(h);
  out.set(data, 512);
  return out;
}

export function tar(...members: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(members.reduce((n, m) => n + m.length, 0) + 1024);
  let o = 0;
  for (const m of members) {
    out.set(m, o);
    o += m.length;
  }
  return out;
}
