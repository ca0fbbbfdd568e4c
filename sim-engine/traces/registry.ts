/**
 * The format registry: format id → importer factory, plus `sniffFormat` for `format: auto`.
 * Each format declares how to recognise its first lines; sniffing never guesses between two
 * formats — an ambiguous or unknown head is an error listing the candidates.
 */
import { CsvImporter } from './csv.js';
import type { ImportOptions, TraceImporter, TraceKind } from './types.js';

export interface FormatInfo {
  id: string;
  kind: TraceKind;
  description: string;
  /** Header line (lower-cased, trimmed) or first lines; true when the head is this format. */
  sniff?: (head: SniffHead) => boolean;
  /** File-name hint (lower-cased base name, `.gz` removed); true when the name suggests this format. */
  name?: (fileName: string) => boolean;
  create: (options: ImportOptions) => TraceImporter;
}

export interface SniffHead {
  /** First non-blank, non-comment lines (up to 20), raw. */
  lines: string[];
  /** First non-blank line not starting with `#` or `;`, lower-cased, spaces around commas removed. */
  header: string;
  /** Column names of `header` split on `,`. */
  columns: string[];
  /** True when any of the first lines starts with `;` (SWF header comments). */
  semicolonComments: boolean;
}

const formats = new Map<string, FormatInfo>();

/** Adds a format; throws on a duplicate id (a programming error, not bad input). */
export function registerFormat(info: FormatInfo): void {
  if (formats.has(info.id)) throw new Error(`trace format registered twice: ${info.id}`);
  formats.set(info.id, info);
}

/** Formats in registration order. */
export function listFormats(): readonly FormatInfo[] {
  return [...formats.values()];
}

export function formatInfo(id: string): FormatInfo | undefined {
  return formats.get(id);
}

/** Known format ids (plus `auto`, which the host resolves with `sniffFormat`). */
export function knownFormats(): string[] {
  return [...formats.keys()];
}

export function createImporter(format: string, options: ImportOptions = {}): TraceImporter | { error: string } {
  const f = formats.get(format);
  if (!f) {
    return { error: `unknown trace format (got ${JSON.stringify(format)}; known: auto, ${knownFormats().join(', ')})` };
  }
  return f.create(options);
}

/** Whether header `cols` contains every name in `names`. */
export function hasColumns(cols: string[], names: string[]): boolean {
  return names.every((n) => cols.includes(n));
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').toLowerCase().replace(/\.gz$/, '');
}

export function parseHead(head: string): SniffHead {
  const raw = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: string[] = [];
  let semicolonComments = false;
  let header = '';
  for (const l of raw) {
    if (l.trim() === '') continue;
    if (l.startsWith(';')) semicolonComments = true;
    if (header === '' && !l.startsWith('#') && !l.startsWith(';')) header = l.trim().toLowerCase().replace(/\s*,\s*/g, ',');
    if (lines.length < 20) lines.push(l);
  }
  const columns = header.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return { lines, header, columns, semicolonComments };
}

/**
 * Recognises a trace format from the first few KiB of text (and optionally the file name).
 * Content wins over the name; the name breaks ties and identifies header-less files.
 */
export function sniffFormat(head: string, fileName?: string): { format: string } | { error: string; candidates: string[] } {
  const h = parseHead(head);
  const byContent = [...formats.values()].filter((f) => f.sniff?.(h));
  const name = fileName ? baseName(fileName) : '';
  const byName = name ? [...formats.values()].filter((f) => f.name?.(name)) : [];
  if (byContent.length === 1) return { format: byContent[0]!.id };
  if (byContent.length > 1) {
    const both = byContent.filter((f) => byName.includes(f));
    if (both.length === 1) return { format: both[0]!.id };
    return { error: `trace format is ambiguous; pass --format (got candidates ${byContent.map((f) => f.id).join(', ')})`, candidates: byContent.map((f) => f.id) };
  }
  if (byName.length === 1) return { format: byName[0]!.id };
  const first = h.lines[0] ?? '';
  return {
    error: `unrecognized trace format; pass --format with one of ${knownFormats().join(', ')} (got first line ${JSON.stringify(first.length > 80 ? `${first.slice(0, 77)}...` : first)})`,
    candidates: byName.map((f) => f.id),
  };
}

registerFormat({
  id: 'csv',
  kind: 'jobs',
  description: 'Generic batch CSV: submit_time,duration,accelerators in seconds (column mapping, time unit and comment prefix configurable)',
  sniff: (h) => hasColumns(h.columns, ['submit_time', 'duration', 'accelerators']),
  create: (o) => new CsvImporter(o),
});
