/**
 * Public API of the trace importers: formats, the registry and sniffing, and `importText`
 * for whole-text imports (tests, the web host with small files).
 */
import { createImporter } from './registry.js';
import type { ImportOptions, ImportResult } from './types.js';

export * from './types.js';
export { BINARY_FORMATS, createImporter, knownFormats, listFormats, formatInfo, sniffFormat, textFormats, type FormatInfo } from './registry.js';
export { jobsFromColumns, requiredRoles, wantedColumns, type ColumnRole } from './columns.js';
export { applyTraceKnobs, type TraceKnobs } from './transform.js';
export { catalogIdFor, mapModelList } from './gpu-models.js';
export { CsvImporter, DEFAULT_CSV_COLUMNS } from './csv.js';
export { parseNumber, parseTimestamp } from './util.js';

/** An empty failed result for a format that cannot even start (unknown format, bad options). */
export function failedResult(format: string, code: string, message: string, line = 0): ImportResult {
  return {
    format,
    table: { kind: 'jobs', length: 0, submitS: new Float64Array(0), durationS: new Float64Array(0), accelerators: new Int32Array(0) },
    records: 0,
    skipped: 0,
    filtered: 0,
    filteredReasons: {},
    issues: [],
    issueCount: 0,
    startS: null,
    endS: null,
    fatal: { line, code, message },
  };
}

/**
 * Imports a whole text in one go. `chunkSize` (optional) feeds it in pieces, which must give
 * the same result as one piece (tests use this to check chunk-boundary independence).
 */
export function importText(format: string, text: string, options: ImportOptions = {}, chunkSize?: number): ImportResult {
  const imp = createImporter(format, options);
  if ('error' in imp) return failedResult(format, 'unknown-format', imp.error);
  if (chunkSize && chunkSize > 0) {
    for (let i = 0; i < text.length; i += chunkSize) imp.push(text.slice(i, i + chunkSize));
  } else {
    imp.push(text);
  }
  return imp.end();
}
