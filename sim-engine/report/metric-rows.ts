/**
 * How each summary metric is labelled, formatted and compared — shared by the CLI
 * table and the app's KPI table so both read the same.
 */
import { formatDuration } from '../core/duration.js';
import type { SummaryKey } from '../metrics/types.js';
import { METRIC_DEFINITIONS } from './metric-definitions.js';

export interface MetricRow {
  key: SummaryKey;
  label: string;
  /** What the metric is (METRIC_DEFINITIONS: the README's metric table says the same; the app's ⓘ popover). */
  definition: string;
  /** Which direction is better, for highlighting the best policy; null = no ranking. */
  better: 'lower' | 'higher' | null;
  format(v: number): string;
  /** Left out of a table where every policy has 0 or null (faults a fleet does not have, unpriced energy). */
  optional?: boolean;
}

const usd = (v: number): string => {
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  return a >= 1e6 ? `${sign}$${(a / 1e6).toFixed(2)}M` : a >= 1e4 ? `${sign}$${(a / 1e3).toFixed(1)}k` : `${sign}$${a.toFixed(2)}`;
};
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const hours = (v: number): string => `${v.toFixed(v >= 100 ? 0 : 2)} h`;
/** `v.toLocaleString('en-US')` for an integer, without the ~10 ms first use of ICU costs every `fleetlab run`. */
const grouped = (v: number): string => (Math.abs(v) < 1e21 && !Object.is(v, -0) ? String(v).replace(/\B(?=(\d{3})+$)/g, ',') : v.toLocaleString('en-US'));
const int = (v: number): string => (Number.isInteger(v) ? grouped(v) : v.toFixed(1));
const energy = (v: number): string => (v >= 1e3 ? `${(v / 1e3).toFixed(v >= 1e4 ? 1 : 2)} MWh` : `${v.toFixed(v >= 100 ? 0 : 1)} kWh`);
const wait = (v: number): string => (v === 0 ? '0s' : v < 1 ? `${v.toFixed(2)}s` : formatDuration(v));

const ROWS: readonly Omit<MetricRow, 'definition'>[] = [
  { key: 'costUsd', label: 'Cost', better: 'lower', format: usd },
  { key: 'utilization', label: 'Utilization', better: 'higher', format: pct },
  { key: 'availability', label: 'Availability', better: 'higher', format: (v) => `${(v * 100).toFixed(2)}%` },
  { key: 'shortfallHours', label: 'Shortfall hours', better: 'lower', format: hours },
  { key: 'waitMeanS', label: 'Wait mean', better: 'lower', format: wait },
  { key: 'waitP50S', label: 'Wait p50', better: 'lower', format: wait },
  { key: 'waitP95S', label: 'Wait p95', better: 'lower', format: wait },
  { key: 'waitP99S', label: 'Wait p99', better: 'lower', format: wait },
  { key: 'costPerBusyAcceleratorHour', label: 'Cost per busy accel-hour', better: 'lower', format: (v) => `$${v.toFixed(2)}` },
  { key: 'acceleratorHoursBilled', label: 'Accel-hours billed', better: null, format: (v) => int(Math.round(v)) },
  { key: 'acceleratorHoursBusy', label: 'Accel-hours busy', better: null, format: (v) => int(Math.round(v)) },
  { key: 'jobsSubmitted', label: 'Jobs submitted', better: null, format: int },
  { key: 'jobsCompleted', label: 'Jobs completed', better: 'higher', format: int },
  { key: 'jobsUnfinished', label: 'Jobs unfinished', better: null, format: int },
  { key: 'jobsQueuedAtEnd', label: 'Jobs queued at end', better: 'lower', format: int },
  { key: 'jobsRejected', label: 'Jobs rejected', better: 'lower', format: int },
  { key: 'preemptions', label: 'Spot preemptions', better: 'lower', format: int, optional: true },
  { key: 'nodeFailures', label: 'Node failures', better: 'lower', format: int, optional: true },
  { key: 'jobRestarts', label: 'Job restarts', better: 'lower', format: int, optional: true },
  { key: 'jobsPreempted', label: 'Jobs preempted', better: 'lower', format: int, optional: true },
  { key: 'acceleratorHoursLost', label: 'Accel-hours lost', better: 'lower', format: (v) => (v >= 100 ? int(Math.round(v)) : v.toFixed(2)), optional: true },
  { key: 'energyKwh', label: 'Energy', better: 'lower', format: energy },
  { key: 'energyCostUsd', label: 'Energy cost', better: 'lower', format: usd, optional: true },
];

export const METRIC_ROWS: readonly MetricRow[] = ROWS.map((r) => ({ ...r, definition: METRIC_DEFINITIONS[r.key] }));

/** The rows a table of these summaries shows: every row but the optional ones no summary has a non-zero value for. */
export function shownRows(summaries: readonly Partial<Record<SummaryKey, number | null>>[]): MetricRow[] {
  return METRIC_ROWS.filter((row) => !row.optional || summaries.some((s) => {
    const v = s[row.key];
    return typeof v === 'number' && Number.isFinite(v) && v !== 0;
  }));
}

/** `—` for null, as DESIGN.md §4 asks of tables. */
export function formatMetric(row: MetricRow, v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : row.format(v);
}

/** A table cell: the value, then ` ± ci` when the run has a 95% half-width for it (replications). */
export function formatMetricCell(row: MetricRow, v: number | null | undefined, ci95?: number | null): string {
  const cell = formatMetric(row, v);
  return ci95 === undefined || ci95 === null || cell === '—' ? cell : `${cell} ± ${formatMetric(row, ci95)}`;
}

/** Indexes of the best values in a row (ties all count), or [] if the row is not ranked or has < 2 values. */
export function bestIndexes(row: Pick<MetricRow, 'better'>, values: readonly (number | null)[]): number[] {
  if (!row.better) return [];
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length < 2) return [];
  const best = row.better === 'lower' ? Math.min(...finite) : Math.max(...finite);
  // Equal up to float noise (sums in another order) is a tie, not a winner.
  const tol = 1e-9 * Math.max(1, Math.abs(best));
  const isBest = (v: number | null) => v !== null && Math.abs(v - best) <= tol;
  if (finite.every(isBest)) return [];
  return values.flatMap((v, i) => (isBest(v) ? [i] : []));
}

/** The row of a metric (every summary key that a table shows has one). */
export function metricRow(key: SummaryKey): MetricRow {
  const row = METRIC_ROWS.find((r) => r.key === key);
  if (!row) throw new Error(`metric-rows: no row for the summary key ${key}`);
  return row;
}

/** A metric's value as the tables print it (`—` for null): the one number format of the CLI and the app. */
export function formatValue(key: SummaryKey, v: number | null | undefined): string {
  return formatMetric(metricRow(key), v);
}
