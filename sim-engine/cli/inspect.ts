/**
 * `fleetlab inspect TRACE [--format F] [--strict] [--json] [--max-inflated-bytes N] [--max-inflate-ratio R]`
 * (DESIGN.md §6; the two caps are a gzip trace's, see traces/trace-decoder.ts): reads a trace and
 * prints what it holds — format, counts, skipped and filtered rows, time span, arrivals per hour
 * of day, accelerator-demand histogram, duration / token / recorded-wait percentiles, or the
 * pools of a fleet inventory. Exit 2 (with `PATH:LINE[:COL]: message` lines on stderr) when the
 * file cannot be read as a whole, or on any row issue with `--strict`; else 0.
 */
import { inspectSummary, inspectSummaryJson } from '../traces/inspect-summary.js';
import { traceStats, type Distribution } from '../traces/stats.js';
import type { NodeInventory, TraceIssue } from '../traces/types.js';
import { plural } from '../report/plural.js';
import { traceIssueLine } from './issue-line.js';
import { inflateLimits } from '../traces/inflate-limits.js';
import { readTraceFile, type ReadResult } from './trace-io.js';

export interface InspectOptions { format?: string; strict?: boolean; json?: boolean; maxInflatedBytes?: number | undefined; maxInflateRatio?: number | undefined }
export interface InspectIo { stdout: (s: string) => void; stderr: (s: string) => void }
export { traceStats, type Distribution };

const issueLine = (path: string, i: TraceIssue): string => traceIssueLine(path, i, 'cli');

function fmtNum(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1e6 || Number.isInteger(v)) return String(Math.round(v * 1000) / 1000);
  return v.toFixed(digits);
}

function fmtDuration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 120) return `${fmtNum(s)}s`;
  if (s < 7200) return `${(s / 60).toFixed(1)}m`;
  if (s < 172800) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(1)}d`;
}

function fmtTime(s: number | null): string {
  if (s === null) return '—';
  // Large values are wall-clock seconds since the Unix epoch (timestamps in the file).
  if (s > 3e8) return `${new Date(s * 1000).toISOString().replace('T', ' ').replace(/\.000Z$/, '')} (${s}s)`;
  return `${fmtNum(s, 3)}s`;
}

function distLine(label: string, d: Distribution, fmt: (v: number | null) => string): string {
  if (d.count === 0) return `${label}: —`;
  return `${label}: p50 ${fmt(d.p50)}  p90 ${fmt(d.p90)}  p95 ${fmt(d.p95)}  p99 ${fmt(d.p99)}  max ${fmt(d.max)}  mean ${fmt(d.mean)}  (n=${d.count})`;
}

function bar(v: number, max: number, width = 30): string {
  return '█'.repeat(max > 0 ? Math.round((v / max) * width) : 0);
}

function human(path: string, r: ReadResult): string {
  const lines: string[] = [];
  const stats = traceStats(r);
  lines.push(`trace     ${path}`);
  lines.push(`format    ${r.format} (${r.table.kind})`);
  lines.push(`sha256    ${r.sha256}  (${r.bytes} bytes)`);
  lines.push(`records   ${r.records}`);
  lines.push(`skipped   ${r.skipped}${r.skipped ? ` (${r.issueCount} issues)` : ''}`);
  lines.push(`filtered  ${r.filtered}`);
  for (const [why, n] of Object.entries(r.filteredReasons)) lines.push(`          ${n}  ${why}`);
  if (r.meta) lines.push(`header    ${Object.entries(r.meta).map(([k, v]) => `${k}=${v}`).join('  ')}`);
  if (r.table.kind !== 'nodes') {
    lines.push(`span      ${fmtTime(r.startS)} → ${fmtTime(r.endS)}  (${fmtDuration(r.startS !== null && r.endS !== null ? r.endS - r.startS : null)})`);
    const prof = stats.arrivalsByHourOfDay as { counts: number[]; perHour: number[]; days: number };
    const max = Math.max(...prof.perHour);
    lines.push('', `arrivals per hour of day (mean over ${prof.days.toFixed(1)} days; hour of the trace clock)`);
    prof.perHour.forEach((v, h) => lines.push(`  ${String(h).padStart(2, '0')}h ${fmtNum(v).padStart(9)}  ${bar(v, max)}`));
  }
  if (r.table.kind === 'jobs') {
    const hist = stats.acceleratorDemand as { accelerators: string; jobs: number }[];
    const max = Math.max(...hist.map((h) => h.jobs));
    lines.push('', 'accelerators per job');
    for (const h of hist) lines.push(`  ${h.accelerators.padStart(9)} ${String(h.jobs).padStart(9)}  ${bar(h.jobs, max)}`);
    lines.push('', distLine('duration', stats.durationS as Distribution, fmtDuration));
    if (stats.recordedWaitS) lines.push(distLine('recorded wait', stats.recordedWaitS as Distribution, fmtDuration));
    if (stats.acceleratorTypes) lines.push(`accelerator types: ${(stats.acceleratorTypes as string[]).join(', ') || '—'}`);
  } else if (r.table.kind === 'requests') {
    lines.push('', distLine('input tokens', stats.inputTokens as Distribution, (v) => fmtNum(v, 0)));
    lines.push(distLine('output tokens', stats.outputTokens as Distribution, (v) => fmtNum(v, 0)));
    lines.push(distLine('service time', stats.serviceS as Distribution, fmtDuration));
  } else {
    lines.push('', 'pools (model × accelerators per node)');
    for (const p of (r.table as NodeInventory).pools) lines.push(`  ${p.model.padEnd(18)} ${String(p.nodes).padStart(6)} nodes × ${p.acceleratorsPerNode}  → ${p.catalogId ?? '(unknown model: map it with acceleratorMap)'}`);
    lines.push(`accelerators total ${stats.accelerators as number}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function inspectCommand(path: string, opts: InspectOptions, io: InspectIo): Promise<number> {
  const r = await readTraceFile(path, opts.format ?? 'auto', inflateLimits(opts));
  if (r.fatal) {
    io.stderr(`${issueLine(path, r.fatal)}\n`);
    return 2;
  }
  if (r.issueCount > 0) {
    io.stderr(`${path}: ${plural(r.skipped, 'row')} skipped (${plural(r.issueCount, 'issue')}${r.issueCount > r.issues.length ? `, first ${r.issues.length} shown` : ''})\n`);
    for (const i of r.issues) io.stderr(`${issueLine(path, i)}\n`);
    if (opts.strict) return 2;
  }
  if (opts.json) {
    io.stdout(`${inspectSummaryJson(inspectSummary(r, { path, sha256: r.sha256, bytes: r.bytes }), 2)}\n`);
  } else {
    io.stdout(human(path, r));
  }
  return 0;
}
