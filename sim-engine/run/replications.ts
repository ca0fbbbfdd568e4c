/**
 * Replications (DESIGN.md §6 `--replications N`): each policy runs with N seeds derived
 * from the scenario seed; its results.json entry holds the means of the summaries, with
 * 95% confidence half-widths in `ci95`. Per-tenant figures and calibration come from the
 * first replication (the one whose series.csv and jobs.csv are written).
 */
import { replicationSeed } from '../core/rng.js';
import { meanCi95 } from '../metrics/stats.js';
import { SUMMARY_KEYS, type ResultsJson, type RunResult, type Summary, type SummaryKey } from '../metrics/types.js';

export { replicationSeed };

/** Means and 95% half-widths of summaries over replications (null where any run has null). */
export function aggregateReplications(summaries: readonly Summary[]): { summary: Summary; ci95: Record<SummaryKey, number | null> } {
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

export type ResultRun = ResultsJson['runs'][number];

/** Row-wise means of the numeric fields of per-replication tables of the same rows (null where any is null). */
export function meanRows<T extends object>(tables: readonly (readonly T[])[]): T[] {
  const first = tables[0] ?? [];
  if (tables.length <= 1) return first.slice();
  return first.map((row, i) => {
    const out = { ...row } as Record<string, unknown>;
    for (const [k, v] of Object.entries(row)) {
      if (typeof v !== 'number' && v !== null) continue;
      const values = tables.map((t) => (t[i] as Record<string, unknown>)[k] as number | null);
      out[k] = values.some((x) => x === null) ? null : values.reduce((a: number, x) => a + x!, 0) / values.length;
    }
    return out as T;
  });
}

/**
 * One policy's entry of results.runs: its summary (with one replication) or the means and
 * `ci95` of its replications' summaries; byPool and commitments (means over the
 * replications, so their costs add up to the summary's); byTenant / calibration of the first
 * replication when present.
 */
export function resultRun(first: RunResult, replications: readonly Pick<RunResult, 'summary' | 'byPool' | 'commitments' | 'percentiles'>[] = [first]): ResultRun {
  // Percentiles from a sketch in any replication: the entry says so (an additive field, absent when exact).
  const sketched = replications.find((r) => r.percentiles)?.percentiles;
  // A commitment's utilization over replications is the ratio of the mean hours (a replication that billed none of it has no ratio of its own).
  const commitments = meanRows(replications.map((r) => r.commitments)).map((c) => ({ ...c, utilization: c.nodeHoursCommitted > 0 ? c.nodeHoursUsed / c.nodeHoursCommitted : null }));
  const pools = { byPool: meanRows(replications.map((r) => r.byPool)), ...(commitments.length ? { commitments } : {}) };
  const extra = { ...pools, ...(first.byTenant.length ? { byTenant: first.byTenant } : {}), ...(first.calibration.length ? { calibration: first.calibration } : {}), ...(sketched ? { percentiles: sketched } : {}) };
  if (replications.length > 1) {
    const agg = aggregateReplications(replications.map((r) => r.summary));
    return { policy: first.policy, summary: agg.summary, ci95: agg.ci95, replications: replications.length, ...extra };
  }
  return { policy: first.policy, summary: replications[0]!.summary, ...extra };
}
