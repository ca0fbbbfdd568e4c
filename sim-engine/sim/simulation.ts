/**
 * One policy over one workload and fleet (DESIGN.md §3): a thin facade that wires the
 * modules together and exposes the run and its outputs.
 *
 *   kernel       clock, per-instant loop, dispatch on (class, kind), drain check
 *   state        jobs, nodes, wait queue, running jobs — the only mutators
 *   arrivals     merges the workload's job sources
 *   batch        admit / reject, start, complete, kill + requeue      (Completion events)
 *   fleet        pools, node requests, provisioning, ready, release   (NodeReady events)
 *   faults       failures and repair, spot preemption (NodeChange events; only when a pool has them)
 *   policy host  views, scheduler and autoscaler calls, decision log  (Tick events)
 *   meters, series, outcomes (metrics/)   integrals, samples, per-job outcomes
 *
 * Drive it with `runFor(events)` in slices; results do not depend on the slice size.
 */
import { formatDuration } from '../core/duration.js';
import type { Rng } from '../core/rng.js';
import { EligibilityTable } from '../model/eligibility.js';
import { JobState } from '../model/states.js';
import { PoolMeters, type PoolTotals } from '../metrics/meters.js';
import { InMemoryOutcomes, type RequeueOutcomes } from '../metrics/outcomes.js';
import { StreamingOutcomes } from '../metrics/outcome-stream.js';
import { SeriesRecorder } from '../metrics/series.js';
import type { SummaryInput } from '../metrics/summary.js';
import type { DecisionRecord, FaultEvents, JobOutcomes, SeriesData } from '../metrics/types.js';
import type { Autoscaler, Scheduler } from '../policies/types.js';
import type { PoolSpec } from '../scenario/schema.js';
import type { JobSource } from '../workload/source.js';
import { plural } from '../report/plural.js';
import { Arrivals } from './arrivals.js';
import { Batch, type KillTotals } from './batch.js';
import { Faults, fleetHasFaults, type FaultTotals } from './faults.js';
import type { CheckpointPlan } from './checkpoints.js';
import { buildPools, Fleet } from './fleet.js';
import { JobRowWriter } from './job-rows.js';
import { Kernel, type InstantHooks } from './kernel.js';
import { PolicyHost } from './policy-host.js';
import { RING_SLOTS } from './job-store.js';
import { FleetState, type PoolRuntime } from './state.js';

export interface SimulationConfig {
  pools: readonly PoolSpec[];
  sources: JobSource[];
  scheduler: Scheduler;
  autoscaler: Autoscaler;
  /** The policy's name (for the decision log). */
  policyName?: string;
  /** Finite horizon in seconds, or Infinity for `horizon: drain`. */
  horizonS: number;
  warmupS: number;
  sampleEveryS: number;
  /** slo.maxQueueWait in seconds, or null. */
  maxQueueWaitS: number | null;
  /** fleet.quotas: at most this many accelerators of a type across pools. */
  quotas?: Readonly<Record<string, number>>;
  /** Workload class (WORKLOAD_CLASSES index) of each source; default training. */
  classBySource?: readonly number[];
  /** Checkpointing of each source (workload entry `checkpointEvery`, `checkpointCost`), null for none. */
  checkpoints?: readonly (CheckpointPlan | null)[];
  /** Weekday of t = 0 (scenario `startsOn`, 0 = Monday). */
  startsOn?: number;
  /** Scenario `energy`: what accelerator energy costs (energyCostUsd). */
  energy?: { usdPerKwh: number; pue: number } | undefined;
  rng: Rng;
  /**
   * Stream per-job outcomes (DESIGN.md §9): fold them into the summary as jobs end and keep no
   * per-job results (`jobs()` is then empty). `jobRows` receives jobs.csv rows (no header) in
   * chunks; wait percentiles are exact up to `exactPercentilesUpTo` jobs either way.
   */
  outcomes?: OutcomeOptions;
}

export interface OutcomeOptions {
  stream?: boolean;
  exactPercentilesUpTo?: number;
  jobRows?: ((chunk: string) => void) | null;
  /** Workload indexes whose recorded waits are compared (calibration). */
  compareSources?: readonly number[];
  /** Rows the streamed run's job ring starts with (a power of two; tests make it tiny). */
  ringSlots?: number;
}

export class Simulation implements InstantHooks {
  readonly cfg: SimulationConfig;
  private readonly kernel: Kernel;
  private readonly state: FleetState;
  private readonly meters: PoolMeters;
  private readonly series: SeriesRecorder;
  private readonly outcomes: InMemoryOutcomes | StreamingOutcomes;
  /** The streaming sink, when outcomes are streamed. */
  readonly stream: StreamingOutcomes | null = null;
  private readonly rows: JobRowWriter | null = null;
  private readonly arrivals: Arrivals;
  private readonly host: PolicyHost;
  private readonly faults: Faults | null = null;
  private readonly batch: Batch;
  private requeuesAtEnd: RequeueOutcomes | null = null;

  constructor(cfg: SimulationConfig) {
    this.cfg = cfg;
    const kernel = (this.kernel = new Kernel(cfg.horizonS));
    const pools = buildPools(cfg.pools, cfg.autoscaler, cfg.scheduler.placement);
    this.meters = new PoolMeters(pools, cfg.warmupS, cfg.horizonS);
    // Size job storage once from the sources' hints (capped: storage still grows if needed).
    const hint = Math.min(cfg.sources.reduce((a, s) => a + s.sizeHint, 0), 1 << 24);
    const state = (this.state = new FleetState(pools, new EligibilityTable(pools), this.meters, kernel, hint, Uint8Array.from(cfg.classBySource ?? [0]), cfg.checkpoints ?? [], cfg.outcomes?.stream === true ? (cfg.outcomes.ringSlots ?? RING_SLOTS) : 0));
    this.series = new SeriesRecorder(state, this.meters, this.poolNames, cfg.sampleEveryS, cfg.horizonS);
    const o = cfg.outcomes;
    if (o?.stream) {
      const rows = o.jobRows ? (this.rows = new JobRowWriter(o.jobRows, cfg.policyName ?? '', cfg.pools.map((p) => p.name), state, () => this.batch)) : null;
      this.outcomes = this.stream = new StreamingOutcomes(state, {
        warmupS: cfg.warmupS,
        submitEndS: Number.isFinite(cfg.horizonS) ? cfg.horizonS : Infinity,
        maxQueueWaitS: cfg.maxQueueWaitS,
        exactPercentilesUpTo: o.exactPercentilesUpTo ?? Infinity,
        compareSources: o.compareSources ?? [],
        onRow: rows ? (j, _q, endS) => rows.row(j, endS, this.stream!.reasons) : null,
        onRetired: (below) => state.retire(below),
      });
    } else this.outcomes = new InMemoryOutcomes();
    const batch = (this.batch = new Batch(kernel, state, this.outcomes, cfg.warmupS));
    if (this.stream) {
      const stream = this.stream;
      batch.onKill = (j, fromS, toS) => stream.killed(j, fromS, toS);
    }
    const fleet = new Fleet(kernel, state, cfg.pools, cfg.rng);
    if (fleetHasFaults(cfg.pools)) {
      const faults = (this.faults = new Faults(kernel, state, batch, cfg.pools, cfg.rng, (pool, reason) => this.host.nodesLost(pool, 1, 'preempted', reason), cfg.warmupS));
      fleet.onReady = (node) => faults.armNode(node);
    }
    fleet.onUnfulfilled = (pool, reason) => this.host.requestUnfulfilled(pool, reason);
    fleet.startInitialNodes();
    this.arrivals = new Arrivals(cfg.sources, cfg.horizonS, state, batch);
    this.host = new PolicyHost(kernel, state, batch, fleet, cfg.scheduler, cfg.autoscaler, cfg.policyName ?? '', cfg.quotas ? new Map(Object.entries(cfg.quotas)) : null, cfg.startsOn ?? 0, this.arrivals.tenants.values);
    if (this.faults) {
      const totals = this.faults.preemptionsAll;
      this.host.preemptionsSoFar = (p) => totals[p]!;
    }
    kernel.connect({
      arrivals: this.arrivals,
      hooks: this,
      drain: Number.isFinite(cfg.horizonS) ? null : { done: () => this.drainDone(), stalled: () => this.drainStalled() },
    });
  }

  // ── Kernel hooks (methods, not closures: shared by every run in a process) ──

  beforeInstant(t: number): void {
    this.series.before(t);
    if (this.series.failure) this.kernel.fail(this.series.failure);
  }

  afterEvents(): void {
    this.host.schedulingPass();
  }

  finish(endS: number): void {
    this.series.finish(endS);
    if (this.series.failure) this.kernel.fail(this.series.failure);
    const { state } = this;
    for (const p of state.pools) this.meters.advance(p.index, endS, state.billedNodes(p), p.busyAcc, p.readyNodes, p.readyNodes - p.idleNodes);
    // Nodes still billed at the end owe their billing period's rounding too.
    for (let n = 0; n < state.nodeCount; n++) if (state.isBilled(n)) state.billRounding(n, endS);
    // Streamed outcomes: the jobs still in the system are retired with their state at the end.
    if (this.stream) {
      this.stream.finish(endS);
      this.rows?.flush();
    }
  }

  get now(): number {
    return this.kernel.now;
  }
  get events(): number {
    return this.kernel.events;
  }
  get finished(): boolean {
    return this.kernel.finished;
  }
  /** Set when the run ended early because it cannot go on (a drain that can never finish). */
  get failure(): string | null {
    return this.kernel.failure;
  }
  get endS(): number {
    return this.kernel.endS;
  }
  get poolNames(): string[] {
    return this.cfg.pools.map((p) => p.name);
  }
  /** The pools at run time (constants and live counters, read-only). */
  get pools(): readonly Readonly<PoolRuntime>[] {
    return this.state.pools;
  }
  get decisions(): DecisionRecord[] {
    return this.host.decisions;
  }

  /** Fraction done, 0..1. */
  progress(): number {
    if (this.kernel.finished) return 1;
    if (Number.isFinite(this.cfg.horizonS)) return Math.min(1, this.kernel.now / this.cfg.horizonS);
    return Math.min(0.99, this.arrivals.progress());
  }

  /** Process whole instants until at least `maxEvents` events were handled or the run ends; true when finished. */
  runFor(maxEvents: number): boolean {
    return this.kernel.runFor(maxEvents);
  }

  /** Run to the end in one go. */
  run(): void {
    this.kernel.run();
  }

  private drainDone(): boolean {
    return this.state.queue.size === 0 && this.state.running === 0 && this.arrivals.exhausted;
  }

  /**
   * In drain mode, a queue that nothing can ever move is an error, not an endless run:
   * jobs wait, nothing runs, no node is provisioning or in repair, every source is done, and the autoscaler
   * says it will never act.
   */
  private drainStalled(): string | null {
    const { state } = this;
    if (state.queue.size === 0 || state.running > 0 || !this.arrivals.exhausted) return null;
    for (const p of state.pools) if (p.provisioningNodes > 0 || p.failedNodes > 0) return null; // capacity is coming
    if (this.host.autoscalerMayAct()) return null;
    return `the fleet can never finish the queued jobs: ${plural(state.queue.size, 'job')} ${state.queue.size === 1 ? 'waits' : 'wait'}, nothing runs, no node is coming and the autoscaler will add none (at t = ${formatDuration(this.kernel.now)})`;
  }

  // ── Outputs ───────────────────────────────────────────────────────────────

  /** What failures, preemptions and kills did in the window, per pool (zeros when nothing failed). */
  faultTotals(): (FaultTotals & KillTotals)[] {
    return this.batch.killTotals.map((k, p) => ({ ...(this.faults ? this.faults.totals[p]! : { preemptions: 0, nodeFailures: 0 }), ...k }));
  }

  /** Every preemption and failure, in time order (empty without faults). */
  faultEvents(): FaultEvents {
    const e = this.faults?.events;
    return e ? { timeS: e.timeS.finish(), pool: e.pool.finish(), kind: e.kind.finish() } : { timeS: new Float64Array(0), pool: new Int32Array(0), kind: new Int32Array(0) };
  }

  /** Per-pool integrals over the measurement window. */
  poolTotals(): PoolTotals[] {
    return this.meters.totals(this.poolNames);
  }

  seriesData(): SeriesData {
    return this.series.data();
  }

  /** What the summary reads (no copies). */
  summaryInput(): SummaryInput {
    const c = this.state.jobs.c;
    const finite = Number.isFinite(this.cfg.horizonS);
    return {
      jobs: { n: this.state.jobCount, submitS: c.submitS, startS: c.startS, state: c.state, requeues: this.requeues() },
      pools: this.poolTotals(),
      warmupS: this.cfg.warmupS,
      maxQueueWaitS: this.cfg.maxQueueWaitS,
      endS: this.kernel.endS,
      submitEndS: finite ? this.kernel.endS : Infinity,
      faults: this.faultTotals(),
      energy: this.cfg.energy ?? null,
    };
  }

  jobs(): JobOutcomes {
    const { state } = this;
    const n = this.stream ? 0 : state.jobCount;
    const jobs = state.jobs;
    return {
      length: n,
      submitS: jobs.slice('submitS', n),
      startS: jobs.slice('startS', n),
      endS: this.endTimes(n),
      accelerators: jobs.slice('k', n),
      pool: Int32Array.from(jobs.c.pool.subarray(0, n)),
      state: jobs.slice('state', n),
      reasons: this.stream ? new Map() : this.outcomes.reasons,
      tenant: state.jobTenant.slice(n),
      tenants: this.arrivals.tenants.values.slice(),
      source: state.jobSource.slice(n),
      recordedWaitS: state.jobRecordedWaitS.slice(n),
      ...(state.requeues.used && !this.stream ? { requeues: this.requeues()! } : {}),
    };
  }

  /** Streamed runs: the busy accelerator-seconds in the window of runs cut short by kills, with their job's tenant. */
  killedRunsByTenant(): { tenant: number; accSeconds: number }[] {
    return this.stream ? this.stream.killedRuns : [];
  }

  /** The tenants, in id order. */
  get tenants(): string[] {
    return this.arrivals.tenants.values.slice();
  }

  /** Killed jobs' total queued times and episodes, open episodes closed at the end; undefined when no job was killed. */
  requeues(): RequeueOutcomes | undefined {
    if (this.requeuesAtEnd !== null) return this.requeuesAtEnd;
    const { state } = this;
    if (!state.requeues.used) return undefined;
    if (this.stream) return this.streamedRequeues();
    const n = state.jobCount;
    const out: RequeueOutcomes = { ...state.requeues.outcomes(n, this.kernel.endS), restarts: this.batch.jobRestarts.slice(n), lostS: this.batch.jobLostS.slice(n) };
    if (this.kernel.finished) this.requeuesAtEnd = out; // summary and jobs.csv read the same one
    return out;
  }

  /**
   * A streamed run's requeue outcomes: only the queued episodes (shortfall), those still open at
   * the end closed then — the per-job figures went out as jobs retired.
   */
  private streamedRequeues(): RequeueOutcomes {
    const { state } = this;
    const log = state.requeues;
    const fromS = Array.from(log.episodes.fromS.finish());
    const toS = Array.from(log.episodes.toS.finish());
    const endS = this.kernel.endS;
    // Only jobs in the system at the end can be queued after a kill (in id order, as the in-memory outcomes list them).
    for (let j = this.stream!.liveFrom; j < state.jobCount; j++) {
      const since = log.queuedSinceS.get(state.slot(j));
      if (since === since) {
        fromS.push(since);
        toS.push(endS);
      }
    }
    const none = { job: new Int32Array(0), fromS: new Float64Array(0), toS: new Float64Array(0) };
    return { queuedS: new Float64Array(0), restarts: new Int32Array(0), lostS: new Float64Array(0), episodes: { fromS: Float64Array.from(fromS), toS: Float64Array.from(toS) }, killedRuns: none };
  }

  /** End times, NaN for jobs that did not complete (derived exactly: see FleetState.endOf). */
  private endTimes(n: number): Float64Array {
    const out = new Float64Array(n);
    const st = this.state.jobs.c.state;
    for (let j = 0; j < n; j++) out[j] = st[j] === JobState.Completed ? this.state.endOf(j) : NaN;
    return out;
  }
}
