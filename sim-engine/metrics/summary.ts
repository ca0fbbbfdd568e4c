/**
 * The summary of one run, with exactly the definitions of DESIGN.md §4.
 */
import { JobState } from '../model/states.js';
import type { PoolTotals } from './meters.js';
import { waitOf, type RequeueOutcomes } from './outcomes.js';
import { shortfallSeconds } from './shortfall.js';
import { WaitCollector } from './sketch.js';
import { ratio } from './stats.js';
import type { PercentilesMethod, Summary } from './types.js';

/** What a summary reads: the outcome columns, the meters' totals and the window. */
export interface SummaryInput {
  jobs: { n: number; submitS: ArrayLike<number>; startS: ArrayLike<number>; state: ArrayLike<number>; requeues?: RequeueOutcomes | undefined };
  pools: readonly PoolTotals[];
  warmupS: number;
  /** slo.maxQueueWait in seconds, or null. */
  maxQueueWaitS: number | null;
  /** The simulated end (horizon, or the drain time). */
  endS: number;
  /** Submit times at or after this are not counted: the horizon, or +∞ for a drain run (which includes its last instant). */
  submitEndS: number;
  /** What faults and kills did in the window, per pool (none: nothing failed). */
  faults?: readonly RunFaultTotals[];
  /** Wait percentiles are exact up to this many waits, from a sketch above (default: always exact). */
  exactPercentilesUpTo?: number;
  /** The streaming sink's totals: when set, `jobs` is not read (it may be empty). */
  totals?: JobTotals;
  /** Scenario `energy`: the price of accelerator energy (none: energyCostUsd is null). */
  energy?: { usdPerKwh: number; pue: number } | null | undefined;
}

/** Per pool, in the window: spot preemptions, node failures, and the kills they and schedulers made. */
export interface RunFaultTotals {
  preemptions: number;
  nodeFailures: number;
  jobRestarts: number;
  jobsPreempted: number;
  acceleratorSecondsLost: number;
}

export interface SummaryExtras {
  summary: Summary;
  /** The waits, ascending (empty when the percentiles came from a sketch); sorted when first read. */
  readonly waitsSortedS: Float64Array;
  /** Set when the wait percentiles came from a quantile sketch (more jobs than exactPercentilesUpTo). */
  percentiles?: PercentilesMethod;
}

/** The job counts, waits and shortfall of a run, as the streaming outcome sink folds them. */
export interface JobTotals {
  submitted: number;
  completed: number;
  unfinished: number;
  rejected: number;
  queuedAtEnd: number;
  waits: WaitCollector;
  shortfallS: number;
}

export function summarize(input: SummaryInput): SummaryExtras {
  const totals = input.totals ?? jobTotals(input);
  return finishSummary(input, totals);
}

/** The job counts, waits and shortfall from the job columns (the in-memory outcomes). */
function jobTotals(input: SummaryInput): JobTotals {
  const { warmupS, maxQueueWaitS, endS: end, submitEndS: submitEnd } = input;
  // Jobs count when submitted in [warmup, submitEnd).
  const { n, submitS: submit, startS: start, state, requeues } = input.jobs;
  const queuedS = requeues?.queuedS;

  let submitted = 0, completed = 0, unfinished = 0, rejected = 0, queuedAtEnd = 0;
  const waits = new WaitCollector(input.exactPercentilesUpTo ?? Infinity, n);
  for (let j = 0; j < n; j++) {
    const s = submit[j]!;
    if (s < warmupS || s >= submitEnd) continue;
    submitted++;
    const st = state[j]!;
    if (st === JobState.Rejected) {
      rejected++;
      continue;
    }
    if (st === JobState.Completed) completed++;
    else unfinished++;
    if (st === JobState.Queued) queuedAtEnd++;
    const w = queuedS === undefined ? (st === JobState.Queued ? end - s : start[j]! - s) : waitOf(st, s, start[j]!, end, queuedS[j]!);
    waits.add(w);
  }
  const shortfallS = maxQueueWaitS === null ? 0 : shortfallSeconds({ n, submitS: submit, startS: start, state, maxQueueWaitS, warmupS, endS: end, requeues });
  return { submitted, completed, unfinished, rejected, queuedAtEnd, waits, shortfallS };
}

function finishSummary(input: SummaryInput, totals: JobTotals): SummaryExtras {
  const { submitted, completed, unfinished, rejected, queuedAtEnd, waits, shortfallS } = totals;
  // Percentiles by selection: the CLI never needs the sorted waits, so they are sorted only when read (the app's CDF).
  const [p50, p95, p99] = waits.quantiles([0.5, 0.95, 0.99]);
  const nw = waits.count;
  const waitSum = waits.sum;
  const { warmupS, maxQueueWaitS, endS: end } = input;
  let costUsd = 0, billed = 0, busy = 0, energyKwh = 0;
  for (const p of input.pools) {
    costUsd += p.costWinUsd;
    billed += p.billedAccHoursWin;
    busy += p.busyAccHoursWin;
    energyKwh += p.energyKwhWin;
  }
  let preemptions = 0, jobsPreempted = 0, nodeFailures = 0, jobRestarts = 0, lostS = 0;
  for (const f of input.faults ?? []) {
    preemptions += f.preemptions;
    jobsPreempted += f.jobsPreempted;
    nodeFailures += f.nodeFailures;
    jobRestarts += f.jobRestarts;
    lostS += f.acceleratorSecondsLost;
  }
  const windowHours = (end - warmupS) / 3600;
  // DESIGN §4: with no SLO there is no shortfall to measure — null, never a flattering 100%.
  const shortfallHours = maxQueueWaitS === null ? null : shortfallS / 3600;
  const summary: Summary = {
    costUsd,
    acceleratorHoursBilled: billed,
    acceleratorHoursBusy: busy,
    utilization: ratio(busy, billed),
    waitMeanS: nw === 0 ? null : waitSum / nw,
    waitP50S: p50 ?? null,
    waitP95S: p95 ?? null,
    waitP99S: p99 ?? null,
    jobsQueuedAtEnd: queuedAtEnd,
    jobsSubmitted: submitted,
    jobsCompleted: completed,
    jobsUnfinished: unfinished,
    jobsRejected: rejected,
    shortfallHours,
    availability: shortfallHours !== null && windowHours > 0 ? 1 - shortfallHours / windowHours : null,
    costPerBusyAcceleratorHour: ratio(costUsd, busy),
    preemptions,
    jobsPreempted,
    nodeFailures,
    jobRestarts,
    acceleratorHoursLost: lostS / 3600,
    energyKwh,
    energyCostUsd: input.energy ? energyKwh * input.energy.pue * input.energy.usdPerKwh : null,
  };
  let sorted: Float64Array | null = null;
  return {
    summary,
    get waitsSortedS() {
      return (sorted ??= waits.sorted());
    },
    ...(waits.sketch ? { percentiles: { method: 'ddsketch', relativeAccuracy: waits.sketch.relativeAccuracy } as const } : {}),
  };
}
