// Writes build/icon.png (512×512 RGBA) from the same drawing as build/icon.svg, with no
// dependencies: raw scanlines, zlib, CRC32. Usage: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BG = [0x14, 0x1b, 0x2d];
const CHIP = [0x2b, 0x3a, 0x5c];
const ACCENT = [0x3d, 0xd6, 0x9a];

/** Signed distance-ish test for a rounded rectangle. */
function inRoundRect(x, y, rx, ry, w, h, r) {
  const cx = Math.min(Math.max(x, rx + r), rx + w - r);
  const cy = Math.min(Math.max(y, ry + r), ry + h - r);
  return x >= rx && x < rx + w && y >= ry && y < ry + h && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// 3×3 grid of accelerators; the lit ones form a rising bar chart (the "fleet" scaling up).
const lit = new Set(['0,2', '1,1', '1,2', '2,0', '2,1', '2,2']);
function pixel(x, y) {
  if (!inRoundRect(x, y, 16, 16, 480, 480, 96)) return [0, 0, 0, 0];
  for (let col = 0; col < 3; col++) {
    for (let row = 0; row < 3; row++) {
      if (inRoundRect(x, y, 88 + col * 120, 88 + row * 120, 96, 96, 18)) {
        return [...(lit.has(`${col},${row}`) ? ACCENT : CHIP), 255];
      }
    }
  }
  return [...BG, 255];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  const row = y * (1 + SIZE * 4);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) raw.set(pixel(x + 0.5, y + 0.5), row + 1 + x * 4);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
