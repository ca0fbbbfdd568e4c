/**
 * Running a scenario: one simulation per policy (and per replication), all over the
 * same workload (common random numbers: the workload streams do not depend on the
 * policy), in slices with progress and cooperative cancel.
 */
import { Rng, replicationSeed } from './core/rng.js';
import { summarize } from './metrics/summary.js';
import { calibration, tenantBreakdown } from './metrics/breakdown.js';
import { meanCi95 } from './metrics/stats.js';
import { SUMMARY_KEYS, type RunResult, type Summary, type SummaryKey } from './metrics/types.js';
import { createAutoscaler, createScheduler } from './policies/registry.js';
import type { Scenario } from './scenario/schema.js';
import { Simulation } from './sim/simulation.js';
import type { JobTable } from './traces/types.js';
import { createSyntheticSource } from './workload/synthetic.js';
import { createTableSource } from './workload/table-source.js';
import type { JobSource } from './workload/source.js';

export interface RunOptions {
  /** Events per slice between progress callbacks / cancel checks. Results do not depend on it. */
  sliceEvents?: number;
  onProgress?: (fraction: number, sim: Simulation) => void;
  /** Polled between slices; return true to stop. */
  shouldCancel?: () => boolean;
}

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

/** Raised when a drain run can never finish (a scenario problem, reported as bad input). */
export class RunFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailed';
  }
}

/** Trace tables by workload index (already imported and shifted to t = 0, sorted by submit time). */
export type PreparedTraces = ReadonlyMap<number, JobTable>;

export function buildSources(scenario: Scenario, traces: PreparedTraces, rng: Rng, horizonS: number): JobSource[] {
  return scenario.workload.map((w, i) => {
    const wrng = rng.fork(`workload/${i}`);
    const label = w.name ?? `workload[${i}]`;
    if (w.kind === 'synthetic') return createSyntheticSource(w, wrng, horizonS, label);
    const table = traces.get(i);
    if (!table) throw new Error(`run: trace for workload[${i}] (${w.path}) was not loaded`);
    return createTableSource(table, w.loadScale, wrng, label);
  });
}

export function createSimulation(scenario: Scenario, policyIndex: number, seed: number, traces: PreparedTraces): Simulation {
  const policy = scenario.policies[policyIndex];
  if (!policy) throw new Error(`run: no policy ${policyIndex}`);
  const rng = new Rng(seed);
  const horizonS = scenario.horizon === 'drain' ? Infinity : scenario.horizon;
  const fixed = policy.autoscaler.kind === 'static' ? policy.autoscaler.nodes : undefined;
  const pools = fixed ? scenario.fleet.pools.map((p) => (fixed[p.name] === undefined ? p : { ...p, initial: fixed[p.name]!, max: Math.max(p.max ?? 0, fixed[p.name]!) })) : scenario.fleet.pools;
  return new Simulation({
    pools,
    sources: buildSources(scenario, traces, rng, horizonS),
    scheduler: createScheduler(policy.scheduler ?? scenario.scheduler),
    autoscaler: createAutoscaler(policy.autoscaler),
    horizonS,
    warmupS: scenario.warmup,
    sampleEveryS: scenario.sampleEvery,
    maxQueueWaitS: scenario.slo?.maxQueueWait ?? null,
    policyName: policy.name,
    rng: rng.fork(`policy`),
  });
}

/** Run one policy to the end, synchronously, in slices. */
export function runPolicy(scenario: Scenario, policyIndex: number, seed: number, traces: PreparedTraces, opts: RunOptions = {}): RunResult {
  const sim = createSimulation(scenario, policyIndex, seed, traces);
  const slice = opts.sliceEvents ?? 200_000;
  while (!sim.runFor(slice)) {
    if (opts.shouldCancel?.()) throw new RunCancelled();
    opts.onProgress?.(sim.progress(), sim);
  }
  if (sim.failure) throw new RunFailed(sim.failure);
  return collect(sim, scenario, policyIndex, seed);
}

export function collect(sim: Simulation, scenario: Scenario, policyIndex: number, seed: number): RunResult {
  const { summary, waitsSortedS } = summarize(sim.summaryInput());
  const jobs = sim.jobs();
  const submitEndS = sim.summaryInput().submitEndS;
  const compare = scenario.workload.flatMap((w, index) => (w.kind === 'trace' && w.compareRecorded ? [{ index, label: w.name ?? w.path }] : []));
  return {
    policy: scenario.policies[policyIndex]!.name,
    seed,
    summary,
    byTenant: tenantBreakdown(jobs, summary, scenario.warmup, sim.endS, submitEndS),
    calibration: compare.length ? calibration(jobs, compare, scenario.warmup, sim.endS, submitEndS) : [],
    series: sim.seriesData(),
    decisions: sim.decisions,
    jobs,
    waitsSortedS,
    endS: sim.endS,
    eventsProcessed: sim.events,
  };
}

/** Means and 95% half-widths of summaries over replications (null where any run has null). */
export function aggregateReplications(summaries: Summary[]): { summary: Summary; ci95: Record<SummaryKey, number | null> } {
  const summary = {} as Record<SummaryKey, number | null>;
  const ci95 = {} as Record<SummaryKey, number | null>;
  for (const key of SUMMARY_KEYS) {
    const values = summaries.map((s) => s[key]);
    if (values.some((v) => v === null)) {
      summary[key] = null;
      ci95[key] = null;
      continue;
    }
    const mc = meanCi95(values as number[])!;
    summary[key] = mc.mean;
    ci95[key] = Number.isFinite(mc.halfWidth) ? mc.halfWidth : null;
  }
  return { summary: summary as unknown as Summary, ci95 };
}

export { replicationSeed };
