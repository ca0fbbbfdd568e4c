/**
 * Seeded randomness with named substreams (STYLE.md §5). There is no default seed:
 * every stream descends from the scenario's seed, and each purpose forks its own
 * stream by name, so adding a draw in one place never shifts another.
 *
 * Generator: xoroshiro128+ from pure-rand; a substream's seed is a hash of the
 * parent's seed and the name (like numpy's SeedSequence spawning by key).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

type Generator = ReturnType<typeof xoroshiro128plus>;

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

export class Rng {
  private readonly gen: Generator;
  /** Uniform in [0, 1) with 53 random bits. */
  readonly uniform: () => number;

  constructor(readonly seed: number, readonly path = '') {
    if (!Number.isFinite(seed)) throw new Error(`rng: seed must be a finite number (got ${seed})`);
    this.gen = xoroshiro128plus(hashSeed(seed, path));
    const gen = this.gen;
    this.uniform = () => uniformFloat64(gen);
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
