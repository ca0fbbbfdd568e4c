/**
 * The sampled time series (DESIGN.md §4): every `sampleEvery`, per pool and in total, ready,
 * provisioning, busy and demanded accelerators, queued jobs, cumulative cost and failed
 * accelerators (down for repair: part of `ready`, which counts every provisioned node, so
 * busy ≤ ready − failed). A sample at t
 * sees the state after everything at t: the kernel asks for the samples due before each
 * instant, and for the last ones when the run ends.
 */
import { formatDuration } from '../core/duration.js';
import { grow } from '../core/columns.js';
import { MAX_SAMPLES } from '../scenario/schema.js';
import type { PoolMeters } from './meters.js';
import type { SeriesData } from './types.js';

/** What a sample reads of a pool. */
export interface SampledPool {
  readonly index: number;
  readonly perNode: number;
  readonly readyNodes: number;
  readonly failedNodes: number;
  readonly provisioningNodes: number;
  readonly busyAcc: number;
  readonly queuedAcc: number;
  readonly queuedJobs: number;
}

export interface SeriesSource {
  readonly pools: readonly SampledPool[];
  billedNodes(pool: SampledPool): number;
}

export class SeriesRecorder {
  private rows = 0;
  private nextS = 0;
  private timeS = new Float64Array(256);
  private ready = new Float64Array(256);
  private prov = new Float64Array(256);
  private busy = new Float64Array(256);
  private demand = new Float64Array(256);
  private queued = new Float64Array(256);
  private cost = new Float64Array(256);
  private failed = new Float64Array(256);
  /** Set when the run would need more than MAX_SAMPLES samples (only a drain run can). */
  failure: string | null = null;

  constructor(
    private readonly source: SeriesSource,
    private readonly meters: PoolMeters,
    private readonly poolNames: readonly string[],
    private readonly everyS: number,
    private readonly horizonS: number,
  ) {}

  /** Take every sample due before t (and before the horizon). */
  before(t: number): void {
    if (!(this.nextS < t)) return;
    const end = Math.min(t, this.horizonS);
    while (this.nextS < end) {
      this.take(this.nextS);
      if (this.failure) break;
      this.nextS = this.rows * this.everyS;
    }
  }

  /** The run ended at `endS`: a finite run samples [0, horizon), a drain run up to and including its end. */
  finish(endS: number): void {
    if (Number.isFinite(this.horizonS)) {
      this.before(endS);
      return;
    }
    while (this.nextS <= endS) {
      this.take(this.nextS);
      if (this.failure) break;
      this.nextS = this.rows * this.everyS;
    }
  }

  private take(t: number): void {
    if (this.rows >= MAX_SAMPLES) {
      this.failure ??= `the run lasts beyond ${formatDuration(t)}: more than ${MAX_SAMPLES.toLocaleString('en-US')} samples at sampleEvery ${formatDuration(this.everyS)}; raise sampleEvery or use a finite horizon`;
      this.nextS = Infinity;
      return;
    }
    const pools = this.source.pools;
    const width = pools.length + 1;
    const base = this.rows * width;
    const need = base + width;
    if (need > this.ready.length) {
      this.ready = grow(this.ready, need);
      this.prov = grow(this.prov, need);
      this.busy = grow(this.busy, need);
      this.demand = grow(this.demand, need);
      this.queued = grow(this.queued, need);
      this.cost = grow(this.cost, need);
      this.failed = grow(this.failed, need);
    }
    this.timeS = grow(this.timeS, this.rows + 1);
    this.timeS[this.rows] = t;
    let ready = 0, prov = 0, busy = 0, demand = 0, queued = 0, cost = 0, failed = 0;
    for (const p of pools) {
      const i = base + p.index;
      const f = p.failedNodes * p.perNode;
      const r = p.readyNodes * p.perNode + f;
      const pv = p.provisioningNodes * p.perNode;
      const d = p.busyAcc + p.queuedAcc;
      const c = this.meters.costSoFarUsd(p.index, t, this.source.billedNodes(p));
      this.ready[i] = r;
      this.prov[i] = pv;
      this.busy[i] = p.busyAcc;
      this.demand[i] = d;
      this.queued[i] = p.queuedJobs;
      this.cost[i] = c;
      this.failed[i] = f;
      ready += r; prov += pv; busy += p.busyAcc; demand += d; queued += p.queuedJobs; cost += c; failed += f;
    }
    const i = base + pools.length;
    this.ready[i] = ready;
    this.prov[i] = prov;
    this.busy[i] = busy;
    this.demand[i] = demand;
    this.queued[i] = queued;
    this.cost[i] = cost;
    this.failed[i] = failed;
    this.rows++;
  }

  data(): SeriesData {
    const n = this.rows * (this.source.pools.length + 1);
    return {
      pools: this.poolNames.slice(),
      timeS: this.timeS.slice(0, this.rows),
      ready: this.ready.slice(0, n),
      provisioning: this.prov.slice(0, n),
      busy: this.busy.slice(0, n),
      demand: this.demand.slice(0, n),
      queued: this.queued.slice(0, n),
      costUsd: this.cost.slice(0, n),
      failed: this.failed.slice(0, n),
    };
  }
}
