import type { RequeueOutcomes } from './outcomes.js';

/** The summary keys of DESIGN.md §4 (normative names). Ratios with a 0 denominator are null. */
export interface Summary {
  costUsd: number;
  acceleratorHoursBilled: number;
  acceleratorHoursBusy: number;
  utilization: number | null;
  waitMeanS: number | null;
  waitP50S: number | null;
  waitP95S: number | null;
  waitP99S: number | null;
  jobsQueuedAtEnd: number;
  jobsSubmitted: number;
  jobsCompleted: number;
  jobsUnfinished: number;
  jobsRejected: number;
  /** null without an SLO (`slo.maxQueueWait`), like availability. */
  shortfallHours: number | null;
  availability: number | null;
  costPerBusyAcceleratorHour: number | null;
  /** Spot nodes preempted (DESIGN.md §11). */
  preemptions: number;
  /** Jobs killed by a scheduler (or a serving replica) and requeued. */
  jobsPreempted: number;
  nodeFailures: number;
  /** Kills of running jobs that requeued them, by any cause. */
  jobRestarts: number;
  /** Σ k × hours run since the last checkpoint, over killed jobs. */
  acceleratorHoursLost: number;
  /** Accelerator energy: busy at the catalog powerW, idle ready ones at idlePowerW. */
  energyKwh: number;
  /** energyKwh × pue × usdPerKwh with scenario `energy`; null when energy is not priced. */
  energyCostUsd: number | null;
}

export type SummaryKey = keyof Summary;

export const SUMMARY_KEYS: readonly SummaryKey[] = [
  'costUsd', 'acceleratorHoursBilled', 'acceleratorHoursBusy', 'utilization',
  'waitMeanS', 'waitP50S', 'waitP95S', 'waitP99S',
  'jobsQueuedAtEnd', 'jobsSubmitted', 'jobsCompleted', 'jobsUnfinished', 'jobsRejected',
  'shortfallHours', 'availability', 'costPerBusyAcceleratorHour',
  'preemptions', 'jobsPreempted', 'nodeFailures', 'jobRestarts', 'acceleratorHoursLost', 'energyKwh', 'energyCostUsd',
];

/**
 * Sampled time series of one run, columnar. Row r of pool p (p = pools.length is the
 * total, written `*` in series.csv) is at index r * (pools.length + 1) + p.
 */
export interface SeriesData {
  pools: string[];
  /** Sample times, seconds (one per row). */
  timeS: Float64Array;
  ready: Float64Array;
  provisioning: Float64Array;
  busy: Float64Array;
  demand: Float64Array;
  queued: Float64Array;
  costUsd: Float64Array;
  /** Accelerators of nodes down for repair (counted in `ready`). */
  failed: Float64Array;
}

/** What a logged decision did (autoscalers add and release nodes; later policies add more actions). */
export type DecisionAction = 'add' | 'release' | 'preempt' | 'unfulfilled' | 'refused';

/** One policy decision that changed the run, as shown in the decision log (decisions.csv). */
export interface DecisionRecord {
  timeS: number;
  /** The policy (scenario `policies[].name`) whose run this is. */
  policy: string;
  /** Which part of the policy decided. */
  component: 'autoscaler' | 'scheduler';
  pool: string;
  action: DecisionAction;
  /** How many nodes (or jobs) the action concerns, ≥ 1. */
  count: number;
  reason: string;
}

/** Per-job outcome columns (jobs.csv). state: 0 completed, 1 running, 2 queued, 3 rejected. */
export interface JobOutcomes {
  length: number;
  submitS: Float64Array;
  startS: Float64Array; // NaN if never started
  endS: Float64Array; // NaN if not finished
  accelerators: Int32Array;
  pool: Int32Array; // -1 if never placed
  state: Uint8Array;
  /** Rejection reasons by job index (only rejected jobs). */
  reasons: Map<number, string>;
  /** Index into `tenants`, or -1. */
  tenant: Int32Array;
  tenants: string[];
  /** Index of the workload entry that submitted the job. */
  source: Int32Array;
  /** The wait the trace recorded for the job (seconds), NaN if none. */
  recordedWaitS: Float64Array;
  /** Jobs that were killed and requeued: total queued times and queued episodes (absent when none was). */
  requeues?: RequeueOutcomes;
}

/** How a run's wait percentiles were computed when not exactly: results.json `runs[].percentiles` (absent when exact). */
export interface PercentilesMethod {
  method: 'ddsketch';
  /** Every reported percentile is within this relative error of the exact one. */
  relativeAccuracy: number;
}

/** Per-tenant figures of one run (results.json `runs[].byTenant`). */
export interface TenantSummary {
  tenant: string;
  jobsSubmitted: number;
  waitP50S: number | null;
  waitP95S: number | null;
  acceleratorHoursBusy: number;
  /** Cost attributed in proportion to busy accelerator-hours. */
  costShareUsd: number;
  costShare: number | null;
}

/** Per pool over the window (DESIGN §11 `runs[].byPool[]`); the pools' costUsd add up to the summary's. */
export interface PoolSummary {
  pool: string;
  purchase: string;
  accelerator: string;
  nodeHoursBilled: number;
  acceleratorHoursBilled: number;
  acceleratorHoursBusy: number;
  costUsd: number;
  preemptions: number;
  nodeFailures: number;
  energyKwh: number;
}

/**
 * What committed capacity (a reservation's min nodes, owned nodes, an on-demand commitment)
 * cost over the window, vs buying the node-hours it was used for (nodes running jobs) on demand.
 */
export interface CommitmentSummary {
  pool: string;
  purchase: string;
  /** Committed nodes (mean over the window: a reserved or owned pool's billed nodes, a commitment's nodes). */
  nodes: number;
  nodeHoursCommitted: number;
  /** Node-hours the committed nodes ran at least one job. */
  nodeHoursUsed: number;
  /** nodeHoursUsed ÷ nodeHoursCommitted. */
  utilization: number | null;
  /** What the committed nodes cost (their share of the pool's costUsd). */
  costUsd: number;
  /** The used node-hours at the on-demand price. */
  onDemandCostUsd: number;
  /** onDemandCostUsd − costUsd: negative when the commitment cost more than it saved. */
  savingsUsd: number;
}

/** Recorded vs simulated waits of the jobs of traces with `compareRecorded: true`. */
export interface Calibration {
  workload: string;
  jobs: number;
  recorded: { waitMeanS: number | null; waitP50S: number | null; waitP95S: number | null; waitP99S: number | null };
  simulated: { waitMeanS: number | null; waitP50S: number | null; waitP95S: number | null; waitP99S: number | null };
}

export const JOB_STATES = ['completed', 'running', 'queued', 'rejected'] as const;

/** Fault events of a run, columnar (kind: 0 spot preemption, 1 node failure). */
export interface FaultEvents {
  timeS: Float64Array;
  pool: Int32Array;
  kind: Int32Array;
}

/** Everything one policy run produces. */
export interface RunResult {
  policy: string;
  seed: number;
  summary: Summary;
  series: SeriesData;
  decisions: DecisionRecord[];
  jobs: JobOutcomes;
  /** Waits (s) of jobs submitted in the window, sorted ascending (for CDFs); empty when the percentiles came from a sketch. */
  waitsSortedS: Float64Array;
  /** Set when the wait percentiles (summary, tenants, calibration) came from a quantile sketch. */
  percentiles?: PercentilesMethod;
  /** Set when the run streamed its outcomes: `jobs` is empty (its jobs.csv rows went to the host as jobs ended). */
  jobsStreamed?: true;
  byTenant: TenantSummary[];
  calibration: Calibration[];
  /** Per pool over the window (results.json `runs[].byPool`). */
  byPool: PoolSummary[];
  /** Every spot preemption (kind 0) and node failure (kind 1), in time order, with its pool index. */
  faultEvents: FaultEvents;
  /** Pools with committed capacity: its cost vs on demand (results.json `runs[].commitments`). */
  commitments: CommitmentSummary[];
  /** Simulated end time (horizon, or the drain time). */
  endS: number;
  /** Start of the measurement window (scenario `warmup`, 0 without one): the summary counts [warmupS, endS). */
  warmupS: number;
  eventsProcessed: number;
}

/** The normative shape of results.json (DESIGN.md §6). */
export interface ResultsJson {
  fleetlab: string;
  scenario: { name: string; sha256: string };
  seed: number;
  traces: { path: string; sha256: string; records: number }[];
  runs: { policy: string; summary: Summary; ci95?: Partial<Record<SummaryKey, number | null>>; replications?: number; byPool?: PoolSummary[]; commitments?: CommitmentSummary[]; byTenant?: TenantSummary[]; calibration?: Calibration[]; percentiles?: PercentilesMethod }[];
}
