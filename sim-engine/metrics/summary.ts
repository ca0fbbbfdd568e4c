/**
 * The summary of one run, with exactly the definitions of DESIGN.md §4.
 */
import type { Simulation } from '../sim/simulation.js';
import { JobState } from '../sim/simulation.js';
import { nearestRank, ratio } from './stats.js';
import type { Summary } from './types.js';

export interface SummaryExtras {
  summary: Summary;
  waitsSortedS: Float64Array;
}

export function summarize(sim: Simulation): SummaryExtras {
  const { warmupS, maxQueueWaitS } = sim.cfg;
  const end = sim.endS;
  // Jobs count when submitted in [warmup, horizon); a drain run includes its last instant.
  const submitEnd = submissionEnd(sim);
  const { n, submit, start, state } = sim.jobColumns();

  let submitted = 0, completed = 0, unfinished = 0, rejected = 0, queuedAtEnd = 0;
  const waits = new Float64Array(n);
  let nw = 0;
  let waitSum = 0;
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
    const w = st === JobState.Queued ? end - s : start[j]! - s;
    waits[nw++] = w;
    waitSum += w;
  }
  const sorted = waits.slice(0, nw).sort();

  // shortfallHours: exact measure of the union over jobs of [submit + maxQueueWait, start or end),
  // clipped to the window. With one constant threshold the intervals start in submit order,
  // which is job-id order, so one sweep merges them.
  let shortfallS = 0;
  if (maxQueueWaitS !== null) {
    let curA = -Infinity;
    let curB = -Infinity;
    const flush = () => {
      const a = Math.max(curA, warmupS);
      const b = Math.min(curB, end);
      if (b > a) shortfallS += b - a;
    };
    for (let j = 0; j < n; j++) {
      const st = state[j]!;
      if (st === JobState.Rejected) continue;
      const a = submit[j]! + maxQueueWaitS;
      const b = st === JobState.Queued ? end : start[j]!;
      if (!(b > a)) continue;
      if (a > curB) {
        flush();
        curA = a;
        curB = b;
      } else if (b > curB) curB = b;
    }
    flush();
  }

  let costUsd = 0, billed = 0, busy = 0;
  for (const p of sim.poolTotals()) {
    costUsd += p.costWinUsd;
    billed += p.billedAccHoursWin;
    busy += p.busyAccHoursWin;
  }
  const windowHours = (end - warmupS) / 3600;
  const shortfallHours = shortfallS / 3600;
  const summary: Summary = {
    costUsd,
    acceleratorHoursBilled: billed,
    acceleratorHoursBusy: busy,
    utilization: ratio(busy, billed),
    waitMeanS: nw === 0 ? null : waitSum / nw,
    waitP50S: nearestRank(sorted, 0.5),
    waitP95S: nearestRank(sorted, 0.95),
    waitP99S: nearestRank(sorted, 0.99),
    jobsQueuedAtEnd: queuedAtEnd,
    jobsSubmitted: submitted,
    jobsCompleted: completed,
    jobsUnfinished: unfinished,
    jobsRejected: rejected,
    shortfallHours,
    availability: windowHours > 0 ? 1 - shortfallHours / windowHours : null,
    costPerBusyAcceleratorHour: ratio(costUsd, busy),
  };
  return { summary, waitsSortedS: sorted };
}

/** Upper bound (exclusive) of submit times counted in the window: the horizon, or +∞ for drain. */
export function submissionEnd(sim: Simulation): number {
  return Number.isFinite(sim.cfg.horizonS) ? sim.endS : Infinity;
}
