/**
 * Seeded randomness with named substreams (STYLE.md §5). There is no default seed:
 * every stream descends from the scenario's seed, and each purpose forks its own
 * stream by name, so adding a draw in one place never shifts another.
 *
 * Generator: xoroshiro128+ exactly as pure-rand 8 implements it (seeding, the 32-bit
 * halves, and `uniformFloat64`'s 26 + 27 bits), written out here so a draw is one
 * inlined closure instead of three calls; test/core/rng-identity.test.ts checks it
 * against pure-rand draw for draw. A substream's seed is a hash of the parent's seed and
 * the name (like numpy's SeedSequence spawning by key).
 */

/** 32-bit FNV-1a over a string, then mixed with a seed through murmur3's finalizer. */
export function hashSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.floor(seed / 2 ** 32) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** 2^-26 and 2^-53: a draw is (26 bits) · 2^-26 + (27 bits) · 2^-53, as pure-rand's uniformFloat64. */
const SCALE26 = 1.4901161193847656e-8;
const SCALE53 = 1.1102230246251565e-16;
const MASK26 = 0x3ffffff;
const MASK27 = 0x7ffffff;

/**
 * A uniform source in [0, 1) over xoroshiro128+ seeded with `seed` (pure-rand's
 * `xoroshiro128plus(seed)` followed by `uniformFloat64` per draw): each draw steps the
 * generator twice. The state is an Int32Array (raw 32-bit words: closure variables or
 * object fields would box values beyond V8's 31-bit small integers on every step).
 */
export function xoroshiro128plusUniform(seed: number): () => number {
  // [s01, s00, s11, s10], pure-rand's order and seeding.
  const s = Int32Array.of(-1, ~seed, seed | 0, 0);
  return () => {
    let s01 = s[0]!;
    let s00 = s[1]!;
    let s11 = s[2]!;
    let s10 = s[3]!;
    // First step: the high 26 bits' source.
    const out1 = (s00 + s10) | 0;
    let a0 = s10 ^ s00;
    let a1 = s11 ^ s01;
    let p00 = s00;
    let p01 = s01;
    s00 = (p00 << 24) ^ (p01 >>> 8) ^ a0 ^ (a0 << 16);
    s01 = (p01 << 24) ^ (p00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s10 = (a1 << 5) ^ (a0 >>> 27);
    s11 = (a0 << 5) ^ (a1 >>> 27);
    // Second step: the low 27 bits.
    const out2 = (s00 + s10) | 0;
    a0 = s10 ^ s00;
    a1 = s11 ^ s01;
    p00 = s00;
    p01 = s01;
    s[1] = (p00 << 24) ^ (p01 >>> 8) ^ a0 ^ (a0 << 16);
    s[0] = (p01 << 24) ^ (p00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[3] = (a1 << 5) ^ (a0 >>> 27);
    s[2] = (a0 << 5) ^ (a1 >>> 27);
    return (out1 & MASK26) * SCALE26 + (out2 & MASK27) * SCALE53;
  };
}

export class Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  readonly uniform: () => number;

  constructor(readonly seed: number, readonly path = '') {
    if (!Number.isFinite(seed)) throw new Error(`rng: seed must be a finite number (got ${seed})`);
    this.uniform = xoroshiro128plusUniform(hashSeed(seed, path));
  }

  /** An independent substream named `name` (e.g. `arrivals`, `provisioning/a100`). */
  fork(name: string): Rng {
    return new Rng(this.seed, this.path ? `${this.path}/${name}` : name);
  }

  /** Uniform in (0, 1): never exactly 0, safe for logarithms. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }
}

/** Seeds for replication r of a scenario seed: deterministic and well separated. */
export function replicationSeed(seed: number, replication: number): number {
  if (replication === 0) return seed;
  return (hashSeed(seed, `replication/${replication}`) >>> 0) + 1;
}
