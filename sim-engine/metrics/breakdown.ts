/**
 * Breakdowns of one run beyond the summary: per tenant (virtual cluster, queue), and
 * recorded-vs-simulated waits for traces that recorded what really happened.
 */
import { JobState } from '../model/states.js';
import { waitOf } from './outcomes.js';
import { QuantileSketch } from './sketch.js';
import { mean, nearestRank } from './stats.js';
import type { PoolTotals } from './meters.js';
import type { Calibration, CommitmentSummary, JobOutcomes, PoolSummary, Summary, TenantSummary } from './types.js';

function jobWait(j: JobOutcomes, i: number, endS: number): number {
  return waitOf(j.state[i]!, j.submitS[i]!, j.startS[i]!, endS, j.requeues ? j.requeues.queuedS[i]! : NaN);
}

/** Per tenant: jobs submitted in the window, wait p50/p95, busy accelerator-hours in the window, cost share. */
export function tenantBreakdown(jobs: JobOutcomes, summary: Summary, warmupS: number, endS: number, submitEndS = endS, sketched = false): TenantSummary[] {
  if (jobs.tenants.length === 0) return [];
  const T = jobs.tenants.length;
  const waits: number[][] = Array.from({ length: T }, () => []);
  const sortedWaits: (Float64Array | undefined)[] = [];
  const submitted = new Float64Array(T);
  const busyS = new Float64Array(T);
  for (let i = 0; i < jobs.length; i++) {
    const t = jobs.tenant[i]!;
    if (t < 0) continue;
    const s = jobs.submitS[i]!;
    const st = jobs.state[i]!;
    if (s >= warmupS && s < submitEndS) {
      submitted[t]!++;
      if (st !== JobState.Rejected) waits[t]!.push(jobWait(jobs, i, endS));
    }
    if (st === JobState.Completed || st === JobState.Running) {
      const a = Math.max(jobs.startS[i]!, warmupS);
      const b = Math.min(st === JobState.Completed ? jobs.endS[i]! : endS, endS);
      if (b > a) busyS[t]! += (b - a) * jobs.accelerators[i]!;
    }
  }
  // Runs cut short by kills were busy too (the job's row shows only its last run).
  const killed = jobs.requeues?.killedRuns;
  if (killed) {
    for (let r = 0; r < killed.job.length; r++) {
      const i = killed.job[r]!;
      const t = jobs.tenant[i]!;
      if (t < 0) continue;
      const a = Math.max(killed.fromS[r]!, warmupS);
      const b = Math.min(killed.toS[r]!, endS);
      if (b > a) busyS[t]! += (b - a) * jobs.accelerators[i]!;
    }
  }
  // Above exactPercentilesUpTo (the summary's percentiles came from a sketch), so do the tenants' — as a streamed run's.
  if (sketched) {
    const sketches = waits.map((w) => sketchOf(w));
    return tenantRows(jobs.tenants, submitted, busyS, (t, p) => sketches[t]!.quantile(p), summary);
  }
  return tenantRows(jobs.tenants, submitted, busyS, (t, p) => nearestRank(sortedWaits[t] ??= Float64Array.from(waits[t]!).sort(), p), summary);
}

/**
 * The byTenant rows from per-tenant sums (shared by the in-memory and the streaming outcomes):
 * `quantile(t, p)` is tenant t's nearest-rank wait percentile.
 */
export function tenantRows(tenants: readonly string[], submitted: ArrayLike<number>, busyS: ArrayLike<number>, quantile: (t: number, p: number) => number | null, summary: Summary): TenantSummary[] {
  const totalBusyH = summary.acceleratorHoursBusy;
  return tenants.map((tenant, t) => {
    const busyH = busyS[t]! / 3600;
    const share = totalBusyH > 0 ? busyH / totalBusyH : null;
    return {
      tenant,
      jobsSubmitted: submitted[t]!,
      waitP50S: quantile(t, 0.5),
      waitP95S: quantile(t, 0.95),
      acceleratorHoursBusy: busyH,
      costShareUsd: share === null ? 0 : share * summary.costUsd,
      costShare: share,
    };
  }).sort((a, b) => b.acceleratorHoursBusy - a.acceleratorHoursBusy || a.tenant.localeCompare(b.tenant));
}

/** Recorded vs simulated wait percentiles over the same jobs (started in reality, submitted in the window). */
export function calibration(jobs: JobOutcomes, workloads: { index: number; label: string }[], warmupS: number, endS: number, submitEndS = endS, sketched = false): Calibration[] {
  return workloads.map(({ index, label }) => {
    const rec: number[] = [];
    const sim: number[] = [];
    for (let i = 0; i < jobs.length; i++) {
      if (jobs.source[i] !== index) continue;
      const r = jobs.recordedWaitS[i]!;
      const s = jobs.submitS[i]!;
      if (!Number.isFinite(r) || s < warmupS || s >= submitEndS || jobs.state[i] === JobState.Rejected) continue;
      rec.push(r);
      sim.push(jobWait(jobs, i, endS));
    }
    const stats = (xs: number[]) => {
      if (sketched) {
        const s = sketchOf(xs);
        return waitStats(new Float64Array(0), (p) => s.quantile(p), { n: xs.length, sum: xs.reduce((a, b) => a + b, 0) });
      }
      const a = Float64Array.from(xs).sort();
      return waitStats(a, (p) => nearestRank(a, p));
    };
    return { workload: label, jobs: rec.length, recorded: stats(rec), simulated: stats(sim) };
  });
}

function sketchOf(xs: readonly number[]): QuantileSketch {
  const s = new QuantileSketch();
  for (const x of xs) s.add(x);
  return s;
}

/** A calibration side's figures: the mean of the sorted waits (the same sum order every time) and its percentiles. */
export function waitStats(sorted: Float64Array, quantile: (p: number) => number | null, sum?: { n: number; sum: number }): Calibration['recorded'] {
  const waitMeanS = sum ? (sum.n === 0 ? null : sum.sum / sum.n) : mean(sorted);
  return { waitMeanS, waitP50S: quantile(0.5), waitP95S: quantile(0.95), waitP99S: quantile(0.99) };
}

/** Per pool over the window: billing, busy time, cost, faults and energy (DESIGN §11 `byPool`). */
export function poolBreakdown(pools: readonly { name: string; purchase: string; accelerator: string; perNode: number }[], totals: readonly PoolTotals[], faults: readonly { preemptions: number; nodeFailures: number }[]): PoolSummary[] {
  return pools.map((p, i) => {
    const t = totals[i]!;
    return {
      pool: p.name,
      purchase: p.purchase,
      accelerator: p.accelerator,
      nodeHoursBilled: t.billedAccHoursWin / p.perNode,
      acceleratorHoursBilled: t.billedAccHoursWin,
      acceleratorHoursBusy: t.busyAccHoursWin,
      costUsd: t.costWinUsd,
      preemptions: faults[i]?.preemptions ?? 0,
      nodeFailures: faults[i]?.nodeFailures ?? 0,
      energyKwh: t.energyKwhWin,
    };
  });
}

/** A pool's constants that commitments are reckoned with. */
export interface CommittedPool {
  name: string;
  purchase: string;
  perNode: number;
  committedUseCap: number;
  committedPriceNodeHourUsd: number;
  onDemandPriceNodeHourUsd: number;
}

/**
 * Committed capacity per pool over the window (hours): a reserved or owned pool's billed
 * nodes, or an on-demand pool's commitment; what it cost, how much of it ran jobs, and what
 * those node-hours would have cost on demand. Every pool that can hold committed capacity has
 * a row under every policy (zeros where the policy bills none of it), so the rows of
 * replications and policies line up.
 */
export function commitmentBreakdown(pools: readonly CommittedPool[], totals: readonly PoolTotals[], windowHours: number): CommitmentSummary[] {
  return pools.flatMap((p, i) => {
    const t = totals[i]!;
    if (!(p.committedUseCap > 0) || windowHours <= 0) return [];
    const whole = !Number.isFinite(p.committedUseCap);
    const committedH = whole ? t.billedAccHoursWin / p.perNode : p.committedUseCap * windowHours;
    const usedH = t.committedUsedNodeHoursWin;
    const costUsd = whole ? t.costWinUsd : committedH * p.committedPriceNodeHourUsd;
    const onDemandCostUsd = usedH * p.onDemandPriceNodeHourUsd;
    return [{ pool: p.name, purchase: p.purchase, nodes: committedH / windowHours, nodeHoursCommitted: committedH, nodeHoursUsed: usedH, utilization: committedH > 0 ? usedH / committedH : null, costUsd, onDemandCostUsd, savingsUsd: onDemandCostUsd - costUsd }];
  });
}
