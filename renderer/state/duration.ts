/** Durations as written in scenario files (DESIGN.md §5): seconds, or "90s", "15m", "6h", "7d". */
const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export function parseDuration(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(v);
  if (!m) return null;
  return Number(m[1]) * UNIT[m[2] ?? 's']!;
}

/** Input text → document value: a plain number stays a number, anything else stays text. */
export function durationValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}
