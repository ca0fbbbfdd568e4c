/**
 * Billing and busy meters: exact integrals of piecewise-constant rates per pool (DESIGN.md §4).
 * The fleet state calls `advance(pool, t, billedNodes, busyAccelerators)` before it changes a
 * rate, so every integral is exact; nothing is sampled.
 */
export interface MeteredPool {
  readonly perNode: number;
  readonly priceNodeHourUsd: number;
  /** Power per accelerator, busy and idle (W); energy is not metered without them. */
  readonly busyPowerW?: number;
  readonly idlePowerW?: number;
  /** With a commitment: the first committedNodes billed nodes cost committedPriceNodeHourUsd. */
  readonly committedNodes?: number;
  readonly committedPriceNodeHourUsd?: number;
  /** Committed capacity whose use is metered: every node of a reserved or owned pool (∞), a commitment's nodes, or 0. */
  readonly committedUseCap?: number;
}

/** USD per hour of `billedNodes` nodes of a pool (committed nodes at their own price when discounted). */
export function usdPerHour(pool: MeteredPool, billedNodes: number): number {
  const c = pool.committedNodes ?? 0;
  const cp = pool.committedPriceNodeHourUsd ?? pool.priceNodeHourUsd;
  return Math.min(billedNodes, c) * cp + Math.max(0, billedNodes - c) * pool.priceNodeHourUsd;
}

/** Per-pool integrals over the measurement window (and cost over the whole run). */
export interface PoolTotals {
  name: string;
  costWinUsd: number;
  billedAccHoursWin: number;
  busyAccHoursWin: number;
  costAllUsd: number;
  /** Accelerator energy in the window, kWh (busy at powerW, idle ready ones at idlePowerW). */
  energyKwhWin: number;
  /** Node-hours in the window that committed nodes (reserved, owned, a commitment's) ran jobs: ∫ min(used nodes, committedUseCap). */
  committedUsedNodeHoursWin: number;
}

export class PoolMeters {
  private readonly lastS: Float64Array;
  private readonly costAllUsd: Float64Array;
  private readonly costWinUsd: Float64Array;
  private readonly billedAccSWin: Float64Array;
  private readonly busyAccSWin: Float64Array;
  /** Joules drawn in the window (accelerators only: multiply by PUE for the facility). */
  private readonly energyJWin: Float64Array;
  private readonly committedUsedSWin: Float64Array;

  constructor(
    private readonly pools: readonly MeteredPool[],
    private readonly warmupS: number,
    private readonly horizonS: number,
  ) {
    const P = pools.length;
    this.lastS = new Float64Array(P);
    this.costAllUsd = new Float64Array(P);
    this.costWinUsd = new Float64Array(P);
    this.billedAccSWin = new Float64Array(P);
    this.busyAccSWin = new Float64Array(P);
    this.energyJWin = new Float64Array(P);
    this.committedUsedSWin = new Float64Array(P);
  }

  /**
   * Integrate pool p's rates from its last change up to t: billed nodes (cost, billed
   * accelerator-hours), busy accelerators, and power (busy accelerators at `busyPowerW`, the
   * other accelerators of ready nodes at `idlePowerW`), and the committed nodes' use (`usedNodes`:
   * nodes running at least one job).
   */
  advance(p: number, t: number, billedNodes: number, busyAcc: number, readyNodes = 0, usedNodes = 0): void {
    const last = this.lastS[p]!;
    if (t <= last) return;
    const pool = this.pools[p]!;
    // Committed nodes at a discounted price take the general rate; every other pool keeps the plain expression.
    const rate = pool.committedPriceNodeHourUsd !== undefined && pool.committedPriceNodeHourUsd !== pool.priceNodeHourUsd ? usdPerHour(pool, billedNodes) : -1;
    this.costAllUsd[p]! += rate < 0 ? ((t - last) * billedNodes * pool.priceNodeHourUsd) / 3600 : ((t - last) * rate) / 3600;
    const a = last > this.warmupS ? last : this.warmupS;
    const b = t < this.horizonS ? t : this.horizonS;
    if (b > a) {
      const span = b - a;
      this.costWinUsd[p]! += rate < 0 ? (span * billedNodes * pool.priceNodeHourUsd) / 3600 : (span * rate) / 3600;
      this.billedAccSWin[p]! += span * billedNodes * pool.perNode;
      this.busyAccSWin[p]! += span * busyAcc;
      const busyW = pool.busyPowerW ?? 0;
      if (busyW > 0) this.energyJWin[p]! += span * (busyAcc * busyW + Math.max(0, readyNodes * pool.perNode - busyAcc) * (pool.idlePowerW ?? 0));
      const cap = pool.committedUseCap ?? 0;
      if (cap > 0) this.committedUsedSWin[p]! += span * (usedNodes < cap ? usedNodes : cap);
    }
    this.lastS[p] = t;
  }

  /**
   * Bill `nodeSeconds` more of pool p at time t (a node's billed time rounded up at its release
   * or at the end): counted in the window when warmup ≤ t ≤ horizon.
   */
  charge(p: number, t: number, nodeSeconds: number): void {
    if (!(nodeSeconds > 0)) return;
    const pool = this.pools[p]!;
    const usd = (nodeSeconds * pool.priceNodeHourUsd) / 3600;
    this.costAllUsd[p]! += usd;
    if (t >= this.warmupS && t <= this.horizonS) {
      this.costWinUsd[p]! += usd;
      this.billedAccSWin[p]! += nodeSeconds * pool.perNode;
    }
  }

  /** Cumulative cost of pool p from t = 0 to t (≥ its last change), at the current billed-node rate. */
  costSoFarUsd(p: number, t: number, billedNodes: number): number {
    const pool = this.pools[p]!;
    if (pool.committedPriceNodeHourUsd !== undefined && pool.committedPriceNodeHourUsd !== pool.priceNodeHourUsd) return this.costAllUsd[p]! + ((t - this.lastS[p]!) * usdPerHour(pool, billedNodes)) / 3600;
    return this.costAllUsd[p]! + ((t - this.lastS[p]!) * billedNodes * pool.priceNodeHourUsd) / 3600;
  }

  totals(names: readonly string[]): PoolTotals[] {
    return names.map((name, p) => ({
      name,
      costWinUsd: this.costWinUsd[p]!,
      billedAccHoursWin: this.billedAccSWin[p]! / 3600,
      busyAccHoursWin: this.busyAccSWin[p]! / 3600,
      costAllUsd: this.costAllUsd[p]!,
      energyKwhWin: this.energyJWin[p]! / 3.6e6,
      committedUsedNodeHoursWin: this.committedUsedSWin[p]! / 3600,
    }));
  }
}
