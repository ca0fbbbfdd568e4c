/**
 * The summary inputs, byTenant and calibration of a run whose outcomes were streamed
 * (metrics/outcome-stream.ts): the same rows the in-memory breakdowns build, from the sums the
 * stream folded as jobs ended.
 */
import type { StreamingOutcomes } from './outcome-stream.js';
import { tenantRows, waitStats } from './breakdown.js';
import type { RequeueOutcomes } from './outcomes.js';
import { unionSeconds } from './shortfall.js';
import type { JobTotals } from './summary.js';
import type { WaitCollector } from './sketch.js';
import type { Calibration, Summary, TenantSummary } from './types.js';

/**
 * The totals summarize() reads. In a run that killed jobs, shortfall is the union of the sweep's
 * merged intervals (jobs never killed) and every queued episode of the killed ones.
 */
export function streamTotals(out: StreamingOutcomes, requeues: RequeueOutcomes | undefined, maxQueueWaitS: number | null, warmupS: number, endS: number): JobTotals {
  let shortfallS = maxQueueWaitS === null ? 0 : out.shortfallS;
  if (maxQueueWaitS !== null && requeues && requeues.episodes.fromS.length > 0) {
    const from = out.merged.fromS.slice();
    const to = out.merged.toS.slice();
    const ep = requeues.episodes;
    for (let e = 0; e < ep.fromS.length; e++) {
      from.push(ep.fromS[e]! + maxQueueWaitS);
      to.push(ep.toS[e]!);
    }
    shortfallS = unionSeconds(from, to, warmupS, endS);
  }
  return { submitted: out.submitted, completed: out.completedCount, unfinished: out.unfinished, rejected: out.rejectedCount, queuedAtEnd: out.queuedAtEnd, waits: out.waits, shortfallS };
}

/** byTenant; runs cut short by kills add their busy time (they are kept per kill, not per job). */
export function streamTenants(out: StreamingOutcomes, tenants: readonly string[], summary: Summary, killedRuns: { tenant: number; accSeconds: number }[] = []): TenantSummary[] {
  if (tenants.length === 0) return [];
  const T = tenants.length;
  const busyS = Array.from({ length: T }, (_, t) => out.tenantBusyS[t] ?? 0);
  const submitted = Array.from({ length: T }, (_, t) => out.tenantSubmitted[t] ?? 0);
  for (const r of killedRuns) if (r.tenant >= 0) busyS[r.tenant]! += r.accSeconds;
  const sorted = Array.from({ length: T }, (_, t) => out.tenantWaits[t]?.sorted() ?? new Float64Array(0));
  return tenantRows(tenants, submitted, busyS, (t, p) => (out.tenantWaits[t] ? out.tenantWaits[t].quantile(sorted[t]!, p) : null), summary);
}

/** Recorded vs simulated waits of the compared workloads. */
export function streamCalibration(out: StreamingOutcomes, workloads: readonly { index: number; label: string }[]): Calibration[] {
  const side = (w: WaitCollector) => {
    const sorted = w.sorted();
    return waitStats(sorted, (p) => w.quantile(sorted, p), w.sketch ? { n: w.count, sum: w.sum } : undefined);
  };
  return workloads.map(({ index, label }) => {
    const r = out.recorded.get(index)!;
    return { workload: label, jobs: r.rec.count, recorded: side(r.rec), simulated: side(r.sim) };
  });
}
