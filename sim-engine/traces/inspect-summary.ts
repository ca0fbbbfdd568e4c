/**
 * The `fleetlab inspect --json` object of an imported trace, built in one place for both
 * hosts: the CLI (sim-engine/cli/inspect.ts, which hashes the file as it streams it) and the
 * app's worker (sim-engine/worker/run-bundle.ts, which hashes the bytes it was given). Pure:
 * the host passes the file's name, SHA-256 and size in.
 */
import { summarizeTrace, type TraceStats } from './stats.js';
import type { ImportResult, TraceKind } from './types.js';

/**
 * What `fleetlab inspect --json` prints for a trace (and the app's trace preview shows): the
 * import's counts, capped issues and time span (as ImportResult documents them), plus the file,
 * the table's kind, its header facts and its statistics.
 */
export interface TraceSummary
  extends Pick<ImportResult, 'format' | 'records' | 'skipped' | 'filtered' | 'filteredReasons' | 'issues' | 'issueCount' | 'startS' | 'endS'> {
  path: string;
  kind: TraceKind;
  sha256: string;
  bytes: number;
  meta: Record<string, string | number>;
  stats: TraceStats;
}

/** The file an import came from, as the host knows it. */
export interface InspectedFile {
  path: string;
  /** Hex SHA-256 of the file's raw bytes (before any decompression). */
  sha256: string;
  bytes: number;
}

/** The summary of a trace read as a whole (`r.fatal` unset); key order is the JSON's. */
export function inspectSummary(r: ImportResult, file: InspectedFile): TraceSummary {
  return {
    path: file.path,
    format: r.format,
    kind: r.table.kind,
    sha256: file.sha256,
    bytes: file.bytes,
    records: r.records,
    skipped: r.skipped,
    filtered: r.filtered,
    filteredReasons: r.filteredReasons,
    issues: r.issues,
    issueCount: r.issueCount,
    startS: r.startS,
    endS: r.endS,
    meta: r.meta ?? {},
    stats: summarizeTrace(r),
  };
}

/** The summary as JSON text, non-finite numbers as null: exactly what `fleetlab inspect --json` prints (with `space` 2). */
export function inspectSummaryJson(summary: TraceSummary, space?: number): string {
  return JSON.stringify(summary, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), space);
}
