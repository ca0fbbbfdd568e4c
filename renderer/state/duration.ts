/** Durations are parsed by the engine (sim-engine/core/duration.ts); this is only the editor's input mapping. */

/** Input text → document value: a plain number stays a number, anything else stays text (the engine parses it). */
export function durationValue(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}
