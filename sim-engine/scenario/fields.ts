/**
 * The zod field helpers the scenario schema and the policies' parameter schemas share:
 * durations, counts and numbers with messages that end with the offending value.
 * Depends on nothing but zod and core/, so policy files can use it without import cycles.
 */
import { z } from 'zod';
import { parseDuration } from '../core/duration.js';

/** Weekdays as scenarios write them (t = 0 is `startsOn`, default Monday, 00:00). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** A duration: seconds as a number, or `90s`, `15m`, `6h`, `7d`. */
export const Duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = parseDuration(v);
  if (s === null) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 90, "90s", "15m", "6h" or "7d" (got ${show(v)})` });
    return z.NEVER;
  }
  return s;
});

export const nonNegative = (what: string) => (v: number, ctx: z.RefinementCtx) => {
  if (v < 0) ctx.addIssue({ code: 'custom', message: `${what} must be ≥ 0 (got ${v})` });
};
export const positive = (what: string) => (v: number, ctx: z.RefinementCtx) => {
  if (!(v > 0)) ctx.addIssue({ code: 'custom', message: `${what} must be > 0 (got ${v})` });
};

export const NonNegDuration = Duration.superRefine(nonNegative('duration'));
export const PosDuration = Duration.superRefine(positive('duration'));

export const num = (what: string) => z.number({ error: (iss) => `${what} must be a number (got ${show(iss.input)})` }).refine(Number.isFinite, { message: `${what} must be finite` });
export const nonNegNum = (what: string) => num(what).superRefine(nonNegative(what));
export const posNum = (what: string) => num(what).superRefine(positive(what));
export const count = (what: string) =>
  z.number({ error: (iss) => `${what} must be a whole number (got ${show(iss.input)})` }).superRefine((v, ctx) => {
    if (!Number.isInteger(v) || v < 0) ctx.addIssue({ code: 'custom', message: `${what} must be a whole number ≥ 0 (got ${v})` });
  });

/** A mean time between events that may be infinite: a positive duration, or `never` / YAML `.inf` (the feature is inert). */
export const Lifetime = z.union([
  z.literal('never').transform(() => Infinity),
  z.literal(Infinity).transform(() => Infinity),
  PosDuration,
]);
