/**
 * Generic Parquet batch jobs (the same column mapping as `csv`): reads only the mapped columns
 * with hyparquet and normalizes them with `jobsFromColumns`. Platform-neutral: the CLI hands it `asyncBufferFromFile`, the app's worker
 * the file's bytes as an ArrayBuffer. Codecs come from the host: hyparquet decodes SNAPPY itself
 * (pure JS); the CLI adds every codec of hyparquet-compressors, the worker the same codecs
 * without WebAssembly (the app's Content-Security-Policy does not allow compiling it). Issue
 * lines are 1-based row numbers. A file that is not valid Parquet is a fatal `bad-parquet`
 * issue, never a throw — so is one whose footer declares more than the file holds: row counts
 * that do not add up, column chunks outside the file, or rows no page holds (checked before
 * anything is allocated for them).
 */
import type { AsyncBuffer, ColumnData, Compressors, FileMetaData } from 'hyparquet';
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
    const columns = [...new Set(Object.values(names))];
    const lie = metadataProblem(metadata, file.byteLength, columns);
    if (lie) return fail('bad-parquet', `Parquet metadata is corrupt: ${lie} (got ${label}, ${file.byteLength} bytes)`);
    const n = Number(metadata.num_rows);
    // Decoded values are gathered first and counted: rows the footer declares but no page holds
    // make the file corrupt (never n undefined rows to skip one by one).
    const chunks = new Map<string, ColumnData[]>(columns.map((c) => [c, []]));
    const held = new Map<string, number>(columns.map((c) => [c, 0]));
    await parquetRead({
      file,
      metadata,
      columns,
      compressors,
      onChunk: (c: ColumnData) => {
        const list = chunks.get(c.columnName);
        if (!list) return;
        list.push(c);
        held.set(c.columnName, held.get(c.columnName)! + Math.max(0, Math.min(n, c.rowStart + c.columnData.length) - c.rowStart));
      },
    });
    for (const c of columns) {
      if (held.get(c)! < n) return fail('bad-parquet', `Parquet metadata is corrupt: it declares ${n} rows but column ${JSON.stringify(c)} holds ${held.get(c)!} values (got ${label}, ${file.byteLength} bytes)`);
    }
    const data = new Map<string, unknown[]>();
    for (const c of columns) {
      const out = new Array<unknown>(n);
      for (const ch of chunks.get(c)!) {
        const src = ch.columnData as ArrayLike<unknown>;
        for (let i = 0; i < src.length && ch.rowStart + i < n; i++) out[ch.rowStart + i] = src[i];
      }
      data.set(c, out);
    }
    const cols: Partial<Record<ColumnRole, ArrayLike<unknown>>> = {};
    for (const [role, name] of Object.entries(names) as [ColumnRole, string][]) cols[role] = data.get(name)!;
    return jobsFromColumns('parquet', cols, n, names, options);
  } catch (e) {
    return fail('bad-parquet', `cannot read Parquet file: ${e instanceof Error ? e.message : String(e)} (got ${label})`);
  }
}

/**
 * Why a footer cannot describe this file, or null: `num_rows` must be a whole number equal to the
 * sum of the row groups' (each ≥ 0), and every column chunk read (`columns`) must lie inside the
 * data part of the file (after the leading magic, before the footer), non-empty when its row
 * group has rows, with at least as many values as the row group has rows.
 */
export function metadataProblem(m: FileMetaData, fileBytes: number, columns: string[]): string | null {
  const rows = Number(m.num_rows);
  if (!Number.isSafeInteger(rows) || rows < 0) return `num_rows must be a whole number ≥ 0 (got ${String(m.num_rows)})`;
  const dataEnd = fileBytes - 8 - m.metadata_length;
  let sum = 0;
  for (const [g, rg] of m.row_groups.entries()) {
    const r = Number(rg.num_rows);
    if (!Number.isSafeInteger(r) || r < 0) return `row group ${g} num_rows must be a whole number ≥ 0 (got ${String(rg.num_rows)})`;
    sum += r;
    for (const c of rg.columns) {
      const md = c.meta_data;
      if (!md || !columns.includes(md.path_in_schema[0] ?? '')) continue;
      const name = md.path_in_schema.join('.');
      const start = Math.min(Number(md.data_page_offset), md.dictionary_page_offset === undefined ? Infinity : Number(md.dictionary_page_offset));
      const size = Number(md.total_compressed_size);
      if (!(start >= 4 && size >= 0 && start + size <= dataEnd)) return `row group ${g} column ${JSON.stringify(name)} declares bytes ${start} to ${start + size}, outside the file's data (4 to ${dataEnd})`;
      if (r > 0 && size === 0) return `row group ${g} column ${JSON.stringify(name)} declares ${r} rows in 0 bytes`;
      if (Number(md.num_values) < r) return `row group ${g} column ${JSON.stringify(name)} declares ${String(md.num_values)} values for ${r} rows`;
    }
  }
  if (sum !== rows) return `num_rows ${rows} is not the sum of the row groups' (got ${sum})`;
  return null;
}
