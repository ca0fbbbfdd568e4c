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

/**
 * One policy's entry of results.runs: its summary (with one replication) or the means and
 * `ci95` of its replications' summaries, plus byTenant / calibration of `first` when present.
 */
export function resultRun(first: RunResult, summaries: readonly Summary[] = [first.summary]): ResultRun {
  const extra = { ...(first.byTenant.length ? { byTenant: first.byTenant } : {}), ...(first.calibration.length ? { calibration: first.calibration } : {}) };
  if (summaries.length > 1) {
    const agg = aggregateReplications(summaries);
    return { policy: first.policy, summary: agg.summary, ci95: agg.ci95, replications: summaries.length, ...extra };
  }
  return { policy: first.policy, summary: summaries[0]!, ...extra };
}
