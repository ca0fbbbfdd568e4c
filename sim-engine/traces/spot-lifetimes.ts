/**
 * A recorded spot history (DESIGN.md §11, `preemption: { trace: PATH }`): a CSV with the
 * columns `node,start_s,end_s`, one spot node lifetime per row. The n-th spot node of the pool
 * to become ready is preempted after the n-th lifetime (end_s − start_s), in file order; past
 * the last row the list starts over. Pure: the host hands over the text.
 */
import { plural } from '../report/plural.js';

export interface SpotLifetimes {
  /** Lifetimes in seconds, in file order. */
  lifetimesS: Float64Array;
  /** Rows skipped, with their line numbers (at most MAX_ISSUES listed). */
  issues: { line: number; message: string }[];
  skipped: number;
}

const MAX_ISSUES = 20;

export type SpotLifetimesResult = ({ ok: true } & SpotLifetimes) | { ok: false; line: number; message: string };

export function parseSpotLifetimes(text: string): SpotLifetimesResult {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const [iStart, iEnd] = [col('start_s'), col('end_s')];
  if (col('node') < 0 || iStart < 0 || iEnd < 0) return { ok: false, line: 1, message: `a spot history needs the columns node,start_s,end_s (got ${JSON.stringify(lines[0] ?? '')})` };
  const out: number[] = [];
  const issues: SpotLifetimes['issues'] = [];
  let skipped = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const f = raw.split(',');
    const start = Number(f[iStart]);
    const end = Number(f[iEnd]);
    const bad = !Number.isFinite(start) || !Number.isFinite(end) ? `start_s and end_s must be numbers (got ${JSON.stringify(raw)})` : end <= start ? `end_s must be after start_s (got ${start}, ${end})` : null;
    if (bad) {
      skipped++;
      if (issues.length < MAX_ISSUES) issues.push({ line: i + 1, message: bad });
      continue;
    }
    out.push(end - start);
  }
  if (out.length === 0) return { ok: false, line: Math.max(1, lines.length - 1), message: `no usable lifetime rows in the spot history${skipped ? ` (${plural(skipped, 'bad row')})` : ''}` };
  return { ok: true, lifetimesS: Float64Array.from(out), issues, skipped };
}
