/**
 * The fleet: pools built from the scenario and the catalog, initial nodes, node requests
 * with their provisioning delays, nodes becoming ready, releases. Owns the
 * NodeReady/NodeProvisioned events; changes state only through FleetState's mutators.
 */
import { distributionMean, makeSampler, type Sampler } from '../core/distributions.js';
import { EventClass } from '../core/event-queue.js';
import type { Rng } from '../core/rng.js';
import { findAccelerator, nodePriceUsdPerHour, WORKLOAD_CLASSES } from '../model/catalog.js';
import { EventKind } from '../model/states.js';
import type { Autoscaler, Placement } from '../policies/types.js';
import type { PoolSpec } from '../scenario/schema.js';
import type { EventHandler, Kernel } from './kernel.js';
import { poolRuntime, type FleetState, type PoolRuntime } from './state.js';

/**
 * Runtime pools of a fleet under a policy: the autoscaler decides each pool's capacity bound,
 * the scheduler's placement what its free index keeps (`needsFreeBuckets`).
 */
export function buildPools(specs: readonly PoolSpec[], autoscaler: Autoscaler, placement?: Pick<Placement, 'needsFreeBuckets'>): PoolRuntime[] {
  const freeBuckets = placement?.needsFreeBuckets === true;
  return specs.map((p, index) => {
    const acc = findAccelerator(p.accelerator);
    if (!acc) throw new Error(`fleet: unknown accelerator ${p.accelerator} (the schema should have caught it)`);
    const max = p.max ?? Math.max(p.initial, p.min);
    const bound = autoscaler.capacityBound({ initial: p.initial, max });
    const perHour = nodePriceUsdPerHour(p);
    return poolRuntime({
      index,
      name: p.name,
      perNode: p.perNode,
      min: p.min,
      max,
      initial: p.initial,
      bound: bound.nodes,
      boundLimit: bound.limit,
      reserved: p.purchase === 'reserved',
      // Billed whether used or not: a reservation's min nodes, every owned node, a commitment's nodes.
      committedNodes: p.purchase === 'reserved' ? p.min : p.purchase === 'owned' ? p.initial : (p.commitment?.nodes ?? 0),
      committedUseCap: p.purchase === 'reserved' || p.purchase === 'owned' ? Infinity : (p.commitment?.nodes ?? 0),
      committedPriceNodeHourUsd: p.commitment ? perHour * (1 - p.commitment.discount) : perHour,
      spot: p.purchase === 'spot',
      purchase: p.purchase,
      provisioningMeanS: distributionMean(p.provisioning),
      acceleratorId: p.accelerator,
      speeds: Float64Array.from(WORKLOAD_CLASSES, (c) => acc.speed[c]),
      busyPowerW: acc.powerW,
      idlePowerW: acc.idlePowerW ?? 0.3 * acc.powerW,
      priceNodeHourUsd: perHour,
      onDemandPriceNodeHourUsd: p.purchase === 'on-demand' ? perHour : acc.prices['on-demand'] * p.perNode,
      billingGranularityS: p.billing?.granularity ?? 1,
      billingMinimumS: p.billing?.minimum ?? 0,
    }, freeBuckets);
  });
}

export class Fleet implements EventHandler {
  private readonly provisioning: Sampler[];
  /** Per pool: the probability a request is not fulfilled (1 − spot availability, or a stockout probability). */
  private readonly unfulfilledP: number[];
  private readonly availability: (Rng | null)[];
  /** Requests that will fail at the end of their provisioning (rare: a set). */
  private readonly doomed = new Set<number>();
  private readonly whyUnfulfilled: string[];
  /** Told when a request was not fulfilled (the autoscaler hears of it). */
  onUnfulfilled: ((pool: number, reason: string) => void) | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly state: FleetState,
    specs: readonly PoolSpec[],
    rng: Rng,
  ) {
    this.provisioning = specs.map((p) => makeSampler(p.provisioning, rng.fork(`provisioning/${p.name}`)));
    this.unfulfilledP = specs.map((p) => (p.purchase === 'spot' ? 1 - (p.availability ?? 1) : (p.stockout?.probability ?? 0)));
    this.availability = specs.map((p, i) => (this.unfulfilledP[i]! > 0 ? rng.fork(`availability/${p.name}`) : null));
    this.whyUnfulfilled = specs.map((p) => (p.purchase === 'spot' ? `not fulfilled (spot availability ${p.availability ?? 1})` : `failed: out of capacity (stockout probability ${p.stockout?.probability ?? 0})`));
    kernel.on(EventClass.NodeReady, EventKind.NodeReady.Provisioned, this);
  }

  /** Told of every node that becomes ready (the faults module starts its clocks). */
  onReady: ((node: number) => void) | null = null;

  /** The `initial` nodes of every pool: ready and billed at t = 0, numbered in pool order. */
  startInitialNodes(): void {
    for (const pool of this.state.pools) {
      for (let i = 0; i < pool.initial; i++) {
        const n = this.state.addNode(pool);
        this.state.ready(n);
        this.onReady?.(n);
      }
    }
  }

  /** Request `count` nodes of a pool: billed from now, ready after a provisioning delay each. */
  request(pool: Readonly<PoolRuntime>, count: number): void {
    const sample = this.provisioning[pool.index]!;
    const draw = this.availability[pool.index] ?? null;
    for (let i = 0; i < count; i++) {
      const fails = draw !== null && draw.uniform() < this.unfulfilledP[pool.index]!;
      const n = this.state.addNode(pool, fails);
      if (fails) this.doomed.add(n);
      const delay = Math.max(0, sample());
      this.kernel.schedule(this.kernel.now + delay, EventClass.NodeReady, EventKind.NodeReady.Provisioned, n, this.state.nodes.c.epoch[n]!);
    }
  }

  release(node: number): void {
    this.state.release(node);
  }

  onEvent(_kind: number, node: number, tag: number): void {
    // The node was released (or failed) after this event was scheduled.
    if (tag !== this.state.nodes.c.epoch[node]) return;
    if (this.doomed.delete(node)) {
      const pool = this.state.nodes.c.pool[node]!;
      this.state.requestFailed(node);
      this.onUnfulfilled?.(pool, `request for node ${node} ${this.whyUnfulfilled[pool]}`);
      return;
    }
    this.state.ready(node);
    this.onReady?.(node);
  }
}
