/** Number formatting for tables, axes and tooltips (d3-format), one place for the whole app. */
import { format } from 'd3-format';
import { METRIC_ROWS } from '../../sim-engine/report/metric-rows';
import type { SummaryKey } from '../../sim-engine/metrics/types';

const usdSi = format('$.3~s');
const usdSi4 = format('$.4~s');
const usdFixed = format('$,.2f');
const pct1 = format('.1%');
const pct2 = format('.2%');
const int = format(',d');
const num3 = format(',.3~r');
const num4 = format(',.4~r');
const hours1 = format(',.1f');
const si3 = format('.3~s');

export const DASH = '—';

const guard = (f: (v: number) => string) => (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? DASH : f(v);

/** $1.23k, $4.5M; small amounts as $5.07. */
export const fmtUsd = guard((v) => (Math.abs(v) < 1000 ? (Number.isInteger(v) ? `$${v}` : usdFixed(v)) : usdSi(v).replace('G', 'B')));
/** 87.5% — with two decimals when the value is close to, but not, 100%. */
/** Four significant digits for tables where close values must stay distinguishable: $116.8k. */
export const fmtUsdPrecise = guard((v) => (Math.abs(v) < 1000 ? usdFixed(v) : usdSi4(v).replace('G', 'B')));
export const fmtPct = guard((v) => (v < 1 && v >= 0.999 ? pct2(v) : pct1(v)));
export const fmtPct2 = guard((v) => pct2(v));
/** A share: like fmtPct, but a small non-zero share reads "<0.1%" rather than "0.0%". */
export const fmtShare = guard((v) => (v > 0 && v < 0.0005 ? '<0.1%' : pct1(v)));
export const fmtInt = guard((v) => int(Math.round(v)));
export const fmtNum = guard((v) => num3(v));
export const fmtHours = guard((v) => `${hours1(v)} h`);
/** Compact axis numbers: 1.2k, 35, 0.5. */
export const fmtCompact = guard((v) => (Math.abs(v) < 10000 ? num4(v) : si3(v).replace('G', 'B')));

const kpiFormat = (key: SummaryKey) => {
  const row = METRIC_ROWS.find((r) => r.key === key);
  if (!row) throw new Error(`format: no metric row ${key}`);
  return guard((v) => row.format(v));
};
/**
 * Values that are a KPI's own, in the KPI table's (and the CLI's) format, from the one table of
 * formats (sim-engine/report/metric-rows.ts): a tooltip on the cost chart at the horizon reads
 * what the table's Cost cell reads, a CDF tooltip at p95 what its Wait p95 cell reads.
 */
export const fmtCostKpi = kpiFormat('costUsd');
/** A wait as the KPI table writes it: 0s, 12m 5s, 1h 30m. */
export const fmtWait = kpiFormat('waitP95S');

/** A span in seconds: 0s, 45s, 12.5m, 2.1h, 1.5d. */
export const fmtDuration = guard((s) => {
  const a = Math.abs(s);
  if (a === 0) return '0s';
  if (a < 60) return `${+s.toFixed(a < 10 ? 1 : 0)}s`;
  if (a < 3600) return `${+(s / 60).toFixed(1)}m`;
  if (a < 86400 * 2) return `${+(s / 3600).toFixed(1)}h`;
  return `${+(s / 86400).toFixed(1)}d`;
});

const pad = (n: number) => String(n).padStart(2, '0');

/** A point in simulated time (t = 0 is midnight of day 1): "day 3 14:00". */
export function fmtSimTime(t: number): string {
  const day = Math.floor(t / 86400);
  const rem = t - day * 86400;
  const h = Math.floor(rem / 3600);
  const m = Math.floor((rem % 3600) / 60);
  return `day ${day + 1} ${pad(h)}:${pad(m)}`;
}

const STEPS = [60, 300, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 365 * 86400];

/** Tick positions and labels for a simulated-time axis over [t0, t1], about `target` ticks. */
export function timeTicks(t0: number, t1: number, target = 6): { t: number; label: string }[] {
  const span = Math.max(1, t1 - t0);
  const step = STEPS.find((s) => span / s <= target) ?? Math.ceil(span / target / 86400) * 86400;
  const out: { t: number; label: string }[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1 + 1e-9 && out.length < 100; t += step) {
    const day = Math.floor(t / 86400);
    const rem = t - day * 86400;
    let label: string;
    if (step >= 86400) label = `day ${day + 1}`;
    else if (rem === 0) label = `day ${day + 1}`;
    else label = `${pad(Math.floor(rem / 3600))}:${pad(Math.floor((rem % 3600) / 60))}`;
    out.push({ t, label });
  }
  return out;
}
