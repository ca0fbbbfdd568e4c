/**
 * Generic Parquet batch jobs (the same column mapping as `csv`): reads only the mapped columns
 * with hyparquet and normalizes them with `jobsFromColumns`. Platform-neutral: the CLI hands it `asyncBufferFromFile`, the app's worker
 * the file's bytes as an ArrayBuffer. Codecs come from the host: hyparquet decodes SNAPPY itself
 * (pure JS); the CLI adds every codec of hyparquet-compressors, the worker the same codecs
 * without WebAssembly (the app's Content-Security-Policy does not allow compiling it). Issue
 * lines are 1-based row numbers. A file that is not valid Parquet is a fatal `bad-parquet`
 * issue, never a throw.
 */
import type { AsyncBuffer, ColumnData, Compressors } from 'hyparquet';
import { failedResult } from './index.js';
import { jobsFromColumns, requiredRoles, wantedColumns, type ColumnRole } from './columns.js';
import type { ImportOptions, ImportResult } from './types.js';

/** The 4-byte magic at both ends of a Parquet file. */
export function hasParquetMagic(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31;
}

/**
 * Whether a trace is read as Parquet rather than as text: format `parquet`, or `auto` with a
 * `.parquet` name or the magic in `head` (the file's first bytes).
 */
export function isParquetInput(fileName: string, format: string, head: Uint8Array): boolean {
  return format === 'parquet' || (format === 'auto' && (/\.parquet$/i.test(fileName) || hasParquetMagic(head)));
}

export async function readParquet(file: AsyncBuffer, options: ImportOptions, label: string, compressors: Compressors = {}): Promise<ImportResult> {
  const fail = (code: string, message: string): ImportResult => failedResult('parquet', code, message);
  if (file.byteLength === 0) return fail('empty-file', `trace file is empty (got 0 bytes)`);
  const { parquetMetadataAsync, parquetRead } = await import('hyparquet'); // loaded only for Parquet input (CLI start-up)
  try {
    const metadata = await parquetMetadataAsync(file);
    const top = metadata.schema.slice(1).map((e) => e.name);
    const byLower = new Map(top.map((n) => [n.toLowerCase(), n]));
    const wanted = wantedColumns(options);
    const names: Partial<Record<ColumnRole, string>> = {};
    for (const [role, name] of Object.entries(wanted) as [ColumnRole, string][]) {
      const actual = byLower.get(name.trim().toLowerCase());
      if (actual !== undefined) names[role] = actual;
    }
    for (const role of requiredRoles(wanted)) {
      if (names[role] === undefined) return fail('missing-column', `missing required column ${JSON.stringify(wanted[role])} (got columns ${JSON.stringify(top.join(','))})`);
    }
    const n = Number(metadata.num_rows);
    const columns = [...new Set(Object.values(names))];
    const data = new Map<string, unknown[]>(columns.map((c) => [c, new Array<unknown>(n)]));
    await parquetRead({
      file,
      metadata,
      columns,
      compressors,
      onChunk: (c: ColumnData) => {
        const out = data.get(c.columnName);
        if (!out) return;
        const src = c.columnData as ArrayLike<unknown>;
        for (let i = 0; i < src.length && c.rowStart + i < n; i++) out[c.rowStart + i] = src[i];
      },
    });
    const cols: Partial<Record<ColumnRole, ArrayLike<unknown>>> = {};
    for (const [role, name] of Object.entries(names) as [ColumnRole, string][]) cols[role] = data.get(name)!;
    return jobsFromColumns('parquet', cols, n, names, options);
  } catch (e) {
    return fail('bad-parquet', `cannot read Parquet file: ${e instanceof Error ? e.message : String(e)} (got ${label})`);
  }
}
