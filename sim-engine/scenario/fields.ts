/**
 * The zod field helpers the scenario schema and the policies' parameter schemas share:
 * durations, counts and numbers with messages that end with the offending value.
 * Depends on nothing but zod and core/, so policy files can use it without import cycles.
 * Messages may start with the field's name ("min must be ≤ max"): the loader drops it when
 * the path already names the field (scenario/messages.ts), so it never reads twice.
 */
import { z } from 'zod';
import { parseDuration } from '../core/duration.js';

/** Weekdays as scenarios write them (t = 0 is `startsOn`, default Monday, 00:00). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Scenario `exactPercentilesUpTo` by default: wait percentiles are exact up to this many jobs (DESIGN §9). */
export const DEFAULT_EXACT_PERCENTILES_UP_TO = 10_000_000;

/** The largest count a scenario may write (node and accelerator counts live in Int32 columns). */
export const MAX_COUNT = 0x7fffffff;

/** A value as a message quotes it: strings in quotes, lists and mappings by their kind. */
export const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
};

const DURATION_HINT = 'expected a duration such as 90, "90s", "15m", "6h" or "7d"';

/**
 * A duration: seconds as a number, or `90s`, `15m`, `6h`, `7d`. The number branch words a
 * wrong type (or `.inf`) as a duration; a missing value is left to the loader ("required").
 */
export const Duration = z.union([z.number({ error: (iss) => (iss.input === undefined ? undefined : `${DURATION_HINT} (got ${show(iss.input)})`) }), z.string()]).transform((v, ctx) => {
  const s = parseDuration(v);
  if (s === null) {
    ctx.addIssue({ code: 'custom', message: `${DURATION_HINT} (got ${show(v)})` });
    return z.NEVER;
  }
  return s;
});

/** `what must be ≥ 0`; without `what`, just `must be ≥ 0` (the path names the field). */
export const nonNegative = (what?: string) => (v: number, ctx: z.RefinementCtx) => {
  if (v < 0) ctx.addIssue({ code: 'custom', message: `${what ? `${what} ` : ''}must be ≥ 0 (got ${v})` });
};
export const positive = (what?: string) => (v: number, ctx: z.RefinementCtx) => {
  if (!(v > 0)) ctx.addIssue({ code: 'custom', message: `${what ? `${what} ` : ''}must be > 0 (got ${v})` });
};

export const NonNegDuration = Duration.superRefine(nonNegative());
export const PosDuration = Duration.superRefine(positive());

/** A finite number; `.inf` (YAML) or 1e400 are refused as not finite, not as "not a number". */
export const num = (what: string) =>
  z.number({ error: (iss) => (iss.input === undefined ? undefined : typeof iss.input === 'number' ? `${what} must be a finite number (got ${show(iss.input)})` : `${what} must be a number (got ${show(iss.input)})`) });
export const nonNegNum = (what: string) => num(what).superRefine(nonNegative(what));
export const posNum = (what: string) => num(what).superRefine(positive(what));
/** A whole number ≥ `min`, at most MAX_COUNT: 1e21 is whole, and refused as too large. */
export const count = (what: string, min = 0) =>
  z.number({ error: (iss) => (iss.input === undefined ? undefined : `${what} must be a whole number (got ${show(iss.input)})`) }).superRefine((v, ctx) => {
    if (!Number.isInteger(v) || v < min) ctx.addIssue({ code: 'custom', message: `${what} must be a whole number ≥ ${min} (got ${v})` });
    // Aborts: a count beyond the limit is not compared with others (no second "must be ≤ max").
    else if (v > MAX_COUNT) ctx.addIssue({ code: 'custom', continue: false, message: `${what} is too large: at most ${MAX_COUNT.toLocaleString('en-US')} (got ${v})` });
  });

/** A mean time between events that may be infinite: a positive duration, or `never` / YAML `.inf` (the feature is inert). */
export const Lifetime = z.union([
  z.literal('never').transform(() => Infinity),
  z.literal(Infinity).transform(() => Infinity),
  PosDuration,
]);
