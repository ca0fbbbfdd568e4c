/** Durations in files: a number (seconds) or a string with a unit: `90s`, `15m`, `6h`, `7d`, `2w`, `3y` (365 days), `500ms`. */
const UNIT_S: Record<string, number> = { ms: 1e-3, s: 1, m: 60, min: 60, h: 3600, d: 86400, w: 604800, y: 31_536_000 };
const DURATION_RE = /^\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(ms|s|min|m|h|d|w|y)?\s*$/i;

/** Parse a duration to seconds; returns null when the text is not a duration. */
export function parseDuration(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const m = DURATION_RE.exec(value);
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  const scale = UNIT_S[unit];
  if (scale === undefined) return null;
  const seconds = Number(m[1]) * scale;
  return Number.isFinite(seconds) ? seconds : null;
}

/** A compact human form: 90 → `1m 30s`, 86400 → `1d`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const neg = seconds < 0;
  let s = Math.abs(seconds);
  if (s < 1) return `${neg ? '-' : ''}${+(s.toFixed(3))}s`;
  const parts: string[] = [];
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  for (const [u, span] of units) {
    if (s >= span) {
      const q = Math.floor(s / span);
      s -= q * span;
      parts.push(`${q}${u}`);
    }
    if (parts.length === 2) break;
  }
  return (neg ? '-' : '') + parts.join(' ');
}
