/**
 * Work limits (issue 12): what a run may ask for before it starts, checked against the
 * pre-flight estimate (work-estimate.ts), and what a run may grow to while it runs (the
 * memory guard). A scenario raises them with a top-level `limits:` key; `fleetlab run
 * --force` skips the pre-flight refusal (the memory guard still applies). One wording for
 * the CLI and the app's worker: the messages below are the whole text of a refusal.
 */
import { z } from 'zod';
import { formatDuration } from '../core/duration.js';
import { show } from './fields.js';

/** The keys of `limits:`, in the order they are checked (the first exceeded one is reported). */
export const LIMIT_KEYS = ['maxRuns', 'maxNodes', 'maxJobs', 'maxSamples', 'maxEvents', 'maxMemoryMB'] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];
export type Limits = Record<LimitKey, number>;

/**
 * The defaults. maxJobs admits 250M expected jobs per run (a streamed 100M-job run takes
 * 70–90 s); maxEvents 600M per run (2–3 minutes at 4–5M events/s: a reactive autoscaler
 * ticking every 60 s for 1000 years is 526M); maxSamples counts series rows (samples × (pools
 * + 1)); maxMemoryMB bounds the estimate and, while a run goes, its resident memory.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxRuns: 1000,
  maxNodes: 1_000_000,
  maxJobs: 250_000_000,
  maxSamples: 10_000_000,
  maxEvents: 600_000_000,
  maxMemoryMB: 8192,
};

/** What each limit counts, for messages and the README. */
export const LIMIT_WHAT: Readonly<Record<LimitKey, string>> = {
  maxRuns: 'runs (policies × replications)',
  maxNodes: 'nodes at the start of a run',
  maxJobs: 'expected jobs per run',
  maxSamples: 'series rows per run (samples × (pools + 1))',
  maxEvents: 'expected events per run',
  maxMemoryMB: 'MB of memory',
};

const limitValue = (key: LimitKey) =>
  z.number({ error: (iss) => (iss.input === undefined ? undefined : `${key} must be a number (got ${show(iss.input)})`) }).superRefine((v, ctx) => {
    if (!Number.isFinite(v) || !(v >= 1)) ctx.addIssue({ code: 'custom', message: `${key} must be a finite number ≥ 1 (got ${v})` });
  });

/** The scenario's `limits:` key (every field optional; absent ones keep their defaults). */
export const LimitsSpec = z.strictObject(Object.fromEntries(LIMIT_KEYS.map((k) => [k, limitValue(k).optional().describe(`at most this many ${LIMIT_WHAT[k]} (default ${DEFAULT_LIMITS[k]})`)])) as Record<LimitKey, z.ZodOptional<ReturnType<typeof limitValue>>>);
export type LimitsSpec = z.output<typeof LimitsSpec>;

/** The limits in force: the defaults, with what the scenario sets. */
export function limitsOf(spec: Partial<Record<LimitKey, number | undefined>> | undefined): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of LIMIT_KEYS) {
    const v = spec?.[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const UNITS: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];

/** 1234 → "1,234", 1.2e6 → "1.2M", 1.7e11 → "170B", 1e20 → "1.0e+20": estimates as people read them. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? 'more than 1e+308' : String(n);
  if (n >= 1e15) return n.toExponential(1);
  for (const [u, s] of UNITS) {
    if (n >= u * 0.9995 && n >= 1e4) {
      const v = n / u;
      return `${v < 9.95 ? v.toFixed(1) : v.toFixed(0)}${s}`;
    }
  }
  return grouped(Math.round(n));
}

/** A whole number with thousands separators, without ICU (see README: Performance). */
export function grouped(n: number): string {
  const s = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < s.length; i++) out += (i > 0 && (s.length - i) % 3 === 0 ? ',' : '') + s[i];
  return n < 0 ? `-${out}` : out;
}

/** A span as a duration (`7d`), in years beyond a year (`1000y`). */
export function span(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds >= 31_536_000) {
    const y = seconds / 31_536_000;
    return `${y >= 1e6 ? y.toExponential(1) : +y.toPrecision(3)}y`;
  }
  return seconds > 0 && seconds < 1 ? `${+seconds.toPrecision(3)}s` : formatDuration(seconds);
}

/** A limit raised to fit `estimate`: the next value with two significant digits. */
export function raisedTo(estimate: number): string {
  if (!Number.isFinite(estimate) || estimate >= 1e15) return '1e15';
  const digits = Math.max(0, Math.floor(Math.log10(Math.max(1, estimate))) - 1);
  const step = 10 ** digits;
  return String(Math.ceil(estimate / step) * step);
}

/** How to go further, the same words in the CLI and the app. */
export function raiseHint(key: LimitKey, estimate: number): string {
  const v = key === 'maxMemoryMB' ? estimate / 2 ** 20 : estimate;
  return `raise it with limits: { ${key}${v < 1e15 ? `: ${raisedTo(v)}` : ''} } in the scenario, or run fleetlab run --force`;
}

/** Whether `e` is a failed allocation (a typed array or array too large for the memory left). */
export function isAllocationFailure(e: unknown): boolean {
  // A negative length is a bug, not memory: only failed allocations and lengths too large to allocate.
  return e instanceof RangeError && (/allocation failed|out of memory/i.test(e.message) || /invalid (typed array|array buffer) length: \d/i.test(e.message));
}

/** MB with one decimal under 10 GB ("812 MB", "12.3 GB"). */
export function megabytes(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return mb >= 10240 ? `${(mb / 1024).toFixed(1)} GB` : `${grouped(Math.max(0, Math.round(mb)))} MB`;
}

/**
 * The memory guard's message: the run grew past `limitBytes` (what it had reached:
 * `usedBytes`), or an allocation failed (`usedBytes` null). Ends the run with exit 2.
 */
export function memoryStopMessage(policy: string, simTimeS: number, usedBytes: number | null, limitBytes: number | null): string {
  const where = `policy ${JSON.stringify(policy)} at simulated time ${span(simTimeS)}`;
  const what = usedBytes === null || limitBytes === null ? 'memory ran out (an allocation failed)' : `memory reached ${megabytes(usedBytes)}, over the limit of ${megabytes(limitBytes)}`;
  return `the run stopped: ${what} — ${where}; make the run smaller (fewer jobs, pools or samples, a shorter horizon), or, on a machine with the memory, raise limits: { maxMemoryMB } in the scenario (got ${usedBytes === null ? 'a failed allocation' : megabytes(usedBytes)})`;
}
