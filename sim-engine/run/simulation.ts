/**
 * One policy run of a scenario: `createSimulation` builds it (workload sources, fleet,
 * policies, seeded substreams), `collect` reads its results. Driving it in slices,
 * replications, trace loading and results.json are the run layer's (`run/`).
 */
import { Rng } from '../core/rng.js';
import { WORKLOAD_CLASSES } from '../model/catalog.js';
import { summarize } from '../metrics/summary.js';
import { calibration, commitmentBreakdown, poolBreakdown, tenantBreakdown } from '../metrics/breakdown.js';
import { streamCalibration, streamTenants, streamTotals } from '../metrics/stream-results.js';
import type { JobOutcomes, RunResult } from '../metrics/types.js';
import { policyRegistry } from '../policies/registry.js';
import type { Autoscaler } from '../policies/types.js';
import { WEEKDAYS, type Scenario } from '../scenario/schema.js';
import { Simulation } from '../sim/simulation.js';
import type { StreamedTrace } from '../traces/trace-stream.js';
import type { JobTable } from '../traces/types.js';
import { createSyntheticSource } from '../workload/synthetic.js';
import { createStreamedSource, createTableSource } from '../workload/table-source.js';
import type { JobSource } from '../workload/source.js';

/**
 * Trace tables by workload index (already imported and shifted to t = 0, sorted by submit time),
 * or a trace replayed from its file as the run goes (`traces/trace-stream.ts`).
 */
export type PreparedTraces = ReadonlyMap<number, JobTable | StreamedTrace>;

export function buildSources(scenario: Scenario, traces: PreparedTraces, rng: Rng, horizonS: number): JobSource[] {
  return scenario.workload.map((w, i) => {
    const wrng = rng.fork(`workload/${i}`);
    const label = w.name ?? `workload[${i}]`;
    if (w.kind === 'synthetic') return createSyntheticSource(w, wrng, horizonS, label);
    const table = traces.get(i);
    if (!table) throw new Error(`run: trace for workload[${i}] (${w.path}) was not loaded`);
    if (table.kind === 'streamed') return createStreamedSource(table, w.loadScale, wrng, label, w.priority ?? 0);
    return createTableSource(table, w.loadScale, wrng, label, w.priority ?? 0);
  });
}

/** How a run keeps its per-job outcomes (DESIGN.md §9). */
export interface OutcomeChoice {
  /** Stream outcomes: true / false, or 'auto' (default) — stream when the workload expects more jobs than `exactPercentilesUpTo`. */
  stream?: boolean | 'auto';
  /** jobs.csv rows of a streamed run (no header), in chunks; none: the rows are not kept. */
  jobRows?: ((chunk: string) => void) | null;
  /** Overrides the scenario's `exactPercentilesUpTo` (the CLI's `--exact-percentiles-up-to`). */
  exactPercentilesUpTo?: number;
  /** Rows a streamed run's job ring starts with (tests: tiny, to exercise reuse and growth). */
  ringSlots?: number;
}

/** The workload indexes whose recorded waits are compared (`compareRecorded`), with their labels. */
function comparedWorkloads(scenario: Scenario): { index: number; label: string }[] {
  return scenario.workload.flatMap((w, index) => (w.kind === 'trace' && w.compareRecorded ? [{ index, label: w.name ?? w.path }] : []));
}

export function createSimulation(scenario: Scenario, policyIndex: number, seed: number, traces: PreparedTraces, outcomes: OutcomeChoice = {}): Simulation {
  const policy = scenario.policies[policyIndex];
  if (!policy) throw new Error(`run: no policy ${policyIndex}`);
  const rng = new Rng(seed);
  const horizonS = scenario.horizon === 'drain' ? Infinity : scenario.horizon;
  const autoscaler = policyRegistry.createAutoscaler(policy.autoscaler);
  const sources = buildSources(scenario, traces, rng, horizonS);
  const exactUpTo = outcomes.exactPercentilesUpTo ?? scenario.exactPercentilesUpTo;
  const choice = outcomes.stream ?? 'auto';
  const stream = choice === 'auto' ? sources.reduce((a, s) => a + s.sizeHint, 0) > exactUpTo : choice;
  return new Simulation({
    outcomes: { stream, exactPercentilesUpTo: exactUpTo, jobRows: outcomes.jobRows ?? null, compareSources: comparedWorkloads(scenario).map((w) => w.index), ...(outcomes.ringSlots ? { ringSlots: outcomes.ringSlots } : {}) },
    pools: policyPools(scenario.fleet.pools, autoscaler),
    sources,
    scheduler: policyRegistry.createScheduler(policy.scheduler ?? scenario.scheduler, rng.fork('scheduler')),
    autoscaler,
    horizonS,
    warmupS: scenario.warmup,
    sampleEveryS: scenario.sampleEvery,
    maxQueueWaitS: scenario.slo?.maxQueueWait ?? null,
    policyName: policy.name,
    checkpoints: scenario.workload.map((w) => (w.checkpointEvery === undefined ? null : { everyS: w.checkpointEvery, costS: w.checkpointCost ?? 0 })),
    classBySource: scenario.workload.map((w) => WORKLOAD_CLASSES.indexOf(w.class)),
    ...(scenario.fleet.quotas ? { quotas: scenario.fleet.quotas } : {}),
    ...(scenario.energy ? { energy: scenario.energy } : {}),
    startsOn: WEEKDAYS.indexOf(scenario.startsOn),
    rng: rng.fork(`policy`),
  });
}

/** The pools as a policy starts them: its `initialNodes` hook (if any) sets `initial`, raising `max` to fit. */
function policyPools(pools: Scenario['fleet']['pools'], autoscaler: Autoscaler): Scenario['fleet']['pools'] {
  if (!autoscaler.initialNodes) return pools;
  return pools.map((p) => {
    const n = autoscaler.initialNodes!({ name: p.name, initial: p.initial, max: p.max });
    return n === undefined ? p : { ...p, initial: n, max: Math.max(p.max ?? 0, n) };
  });
}

export function collect(sim: Simulation, scenario: Scenario, policyIndex: number, seed: number): RunResult {
  const input = sim.summaryInput();
  const stream = sim.stream;
  if (stream) input.totals = streamTotals(stream, sim.requeues(), input.maxQueueWaitS, input.warmupS, input.endS);
  input.exactPercentilesUpTo = sim.cfg.outcomes?.exactPercentilesUpTo ?? scenario.exactPercentilesUpTo;
  const extras = summarize(input);
  const { summary, percentiles } = extras;
  // The per-job outcomes are copied out only when read (jobs.csv, tenants, calibration, the app):
  // a CLI run without --out never pays for them.
  let jobsRead: JobOutcomes | null = null;
  const jobs = (): JobOutcomes => (jobsRead ??= sim.jobs());
  const submitEndS = input.submitEndS;
  const compare = comparedWorkloads(scenario);
  return {
    policy: scenario.policies[policyIndex]!.name,
    seed,
    summary,
    ...(percentiles ? { percentiles } : {}),
    ...(stream ? { jobsStreamed: true as const } : {}),
    byTenant: stream ? streamTenants(stream, sim.tenants, summary, sim.killedRunsByTenant()) : sim.tenants.length === 0 ? [] : tenantBreakdown(jobs(), summary, scenario.warmup, sim.endS, submitEndS, !!percentiles),
    calibration: compare.length ? (stream ? streamCalibration(stream, compare) : calibration(jobs(), compare, scenario.warmup, sim.endS, submitEndS, !!percentiles)) : [],
    byPool: poolBreakdown(scenario.fleet.pools, input.pools, sim.faultTotals()),
    commitments: commitmentBreakdown(sim.pools.map((p, i) => ({ ...p, purchase: scenario.fleet.pools[i]!.purchase })), input.pools, (sim.endS - scenario.warmup) / 3600),
    faultEvents: sim.faultEvents(),
    series: sim.seriesData(),
    decisions: sim.decisions,
    get jobs() {
      return jobs();
    },
    get waitsSortedS() {
      return extras.waitsSortedS;
    },
    endS: sim.endS,
    warmupS: scenario.warmup,
    eventsProcessed: sim.events,
  };
}
