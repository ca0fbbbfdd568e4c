/**
 * Which pools a job may run in: its accelerator-type constraint (`a|b` lists alternatives)
 * and the pools' capacity bounds under the policy (a job needing more nodes than a pool can
 * ever have may not use it). Jobs share a few distinct eligibility sets; each job stores the
 * id of its set, so any number of pools is supported and a lookup is one array read.
 *
 * Cost: per arrival, one read of a per-(constraint, size) cache for sizes < 256 accelerators,
 * a Map lookup beyond; a new set costs O(pools).
 */
import { grow } from '../core/columns.js';
import { Interner } from '../core/interner.js';

const ANY = '\u0000any';

export interface EligibilityPool {
  readonly acceleratorId: string;
  readonly perNode: number;
  /** The node count the pool can ever reach under the policy. */
  readonly bound: number;
}

const SMALL_K = 256;
/** Distinct sets per run at most (a job stores its set id in a Uint16 column). */
export const MAX_ELIGIBILITY_SETS = 0x10000;

export class EligibilityTable {
  private readonly pools: readonly EligibilityPool[];
  /** allowed[set * P + p] = 1 if the set allows pool p. */
  private allowed = new Uint8Array(64);
  private first = new Int32Array(16);
  private sets = 0;
  private readonly setIds = new Map<string, number>();
  /** Per constraint id: set ids by k for k < SMALL_K (-1 = not computed yet). */
  private readonly small: Int32Array[] = [];
  private readonly large: Map<number, number>[] = [];
  private readonly typeAllows: Uint8Array[] = [];
  /** Constraint strings by id; id 0 is "any accelerator" (interned under a key no catalog id can be). */
  private readonly constraintIds = new Interner();

  constructor(pools: readonly EligibilityPool[]) {
    this.pools = pools;
    this.constraint(null);
  }

  get poolCount(): number {
    return this.pools.length;
  }

  /** The id of a type constraint (null: any accelerator). */
  constraint(type: string | null): number {
    const before = this.constraintIds.size;
    const id = this.constraintIds.id(type ?? ANY);
    if (id === before) {
      const names = type === null ? null : type.split('|');
      this.typeAllows.push(Uint8Array.from(this.pools, (p) => (names === null || names.includes(p.acceleratorId) ? 1 : 0)));
      this.small.push(new Int32Array(SMALL_K).fill(-1));
      this.large.push(new Map());
    }
    return id;
  }

  /** The constraint's text (null: any accelerator). */
  constraintText(c: number): string | null {
    const t = this.constraintIds.values[c]!;
    return t === ANY ? null : t;
  }

  /** The eligibility set of a job of k accelerators under constraint id c. */
  setFor(c: number, k: number): number {
    if (k < SMALL_K) {
      const cache = this.small[c]!;
      const s = cache[k]!;
      if (s >= 0) return s;
      return (cache[k] = this.compute(c, k));
    }
    const m = this.large[c]!;
    let s = m.get(k);
    if (s === undefined) m.set(k, (s = this.compute(c, k)));
    return s;
  }

  allows(set: number, pool: number): boolean {
    return this.allowed[set * this.pools.length + pool] === 1;
  }

  /** The first pool (fleet order) the set allows, or -1 when none (the job is rejected). */
  firstPool(set: number): number {
    return this.first[set]!;
  }

  /** Whether the type constraint alone (not capacity) allows pool p. */
  typeAllowsPool(c: number, pool: number): boolean {
    return this.typeAllows[c]![pool] === 1;
  }

  private compute(c: number, k: number): number {
    const P = this.pools.length;
    const bits = new Uint8Array(P);
    const type = this.typeAllows[c]!;
    let first = -1;
    for (let p = 0; p < P; p++) {
      const pool = this.pools[p]!;
      const nodesNeeded = k <= pool.perNode ? 1 : Math.ceil(k / pool.perNode);
      if (type[p] && pool.bound >= nodesNeeded) {
        bits[p] = 1;
        if (first < 0) first = p;
      }
    }
    const key = bits.join('');
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.sets++;
      if (id >= MAX_ELIGIBILITY_SETS) throw new Error(`eligibility invariant: more than ${MAX_ELIGIBILITY_SETS} distinct eligibility sets`);
      if (id >= this.first.length) this.first = grow(this.first, id + 1);
      this.first[id] = first;
      this.setIds.set(key, id);
      const need = (id + 1) * P;
      if (need > this.allowed.length) {
        const a = new Uint8Array(Math.max(need, this.allowed.length * 2));
        a.set(this.allowed);
        this.allowed = a;
      }
      this.allowed.set(bits, id * P);
    }
    return id;
  }
}

/** Accelerators a job of k takes from a pool: k on one node, or whole nodes for a gang job (k > perNode). */
export function acceleratorsDemanded(k: number, perNode: number): number {
  return k <= perNode ? k : Math.ceil(k / perNode) * perNode;
}
