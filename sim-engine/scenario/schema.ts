/**
 * The scenario file schema (DESIGN.md §5), one zod schema for YAML and JSON alike.
 * Unknown keys are errors (strict objects); the loader adds lines and "did you mean".
 * Messages end with the offending value.
 */
import { z } from 'zod';
import { formatDuration, parseDuration } from '../core/duration.js';
import { acceleratorIds, nodePriceUsdPerHour, PURCHASE_OPTIONS, WORKLOAD_CLASSES } from '../model/catalog.js';
import { MAX_JOB_ACCELERATORS } from '../model/states.js';
import type { PolicyRef } from '../policies/definition.js';
import { DEFAULT_SCHEDULER, policyRegistry, type PolicyRegistry } from '../policies/registry.js';
import { count, DEFAULT_EXACT_PERCENTILES_UP_TO, Lifetime, MAX_COUNT, NonNegDuration, nonNegNum, num, PosDuration, positive, posNum, show, WEEKDAYS } from './fields.js';
import { grouped, LimitsSpec } from './limits.js';
import { autoscalerRef, schedulerRef, validatePolicyRefs } from './policy-refs.js';

/** Accelerators per node at most (a node's job slots are a column of this many entries). */
export const MAX_PER_NODE = 4096;
/** Prices at most: USD per node-hour (and per owned node, per kWh), so that no cost can overflow. */
export const MAX_USD_PER_NODE_HOUR = 1e9;
export const MAX_CAPEX_USD_PER_NODE = 1e12;
export const MAX_USD_PER_KWH = 1e6;
export const MAX_PUE = 100;
/** A run's cost may not reach this (USD): beyond, sums of costs could overflow to Infinity (shown as null). */
export const MAX_COST_USD = 1e300;

/** `what must be ≤ max` (values beyond any sense: they only overflow). */
const atMost = (what: string, max: number, unit = '') => (v: number, ctx: z.RefinementCtx) => {
  if (v > max) ctx.addIssue({ code: 'custom', message: `${what} is too large: at most ${max > 1e6 && max !== MAX_COUNT ? max.toExponential().replace('e+', 'e') : grouped(max)}${unit} (got ${v})` });
};

function distributionOf(value: z.ZodType<number, number | string>) {
  return z.discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('constant'), value }),
    z.strictObject({ dist: z.literal('exponential'), mean: value }),
    z.strictObject({ dist: z.literal('lognormal'), median: value.superRefine(positive()), sigma: nonNegNum('sigma') }),
    z.strictObject({ dist: z.literal('uniform'), min: value, max: value }).superRefine((d: { min: number; max: number }, ctx) => {
      if (d.min > d.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `uniform max must be ≥ min (got min ${d.min}, max ${d.max})` });
    }),
    z.strictObject({ dist: z.literal('choice'), values: z.array(value).min(1, 'choice needs at least one value'), weights: z.array(nonNegNum('weight')).optional() }).superRefine((d: { values: number[]; weights?: number[] | undefined }, ctx) => {
      if (d.weights && d.weights.length !== d.values.length)
        ctx.addIssue({ code: 'custom', path: ['weights'], message: `weights must have one entry per value (${d.values.length}) (got ${d.weights.length})` });
      else if (d.weights && !(d.weights.reduce((a, b) => a + b, 0) > 0))
        ctx.addIssue({ code: 'custom', path: ['weights'], message: `weights must not all be 0 (got ${d.weights.join(', ')})` });
    }),
  ]);
}

/** A duration-valued distribution; a bare duration means a constant. */
export const DurationDist = z.union([NonNegDuration.transform((value) => ({ dist: 'constant' as const, value })), distributionOf(NonNegDuration)]);
/** A count-valued distribution (accelerators); a bare number means a constant. */
const Accelerators = posNum('accelerators').superRefine(atMost('accelerators', MAX_JOB_ACCELERATORS));
export const CountDist = z.union([Accelerators.transform((value) => ({ dist: 'constant' as const, value })), distributionOf(Accelerators)]);

const AcceleratorId = z.string().superRefine((id, ctx) => {
  if (!acceleratorIds().includes(id)) ctx.addIssue({ code: 'custom', params: { didYouMean: acceleratorIds() }, message: `unknown accelerator (got ${show(id)})` });
});

const Arrivals = z.strictObject({
  process: z.literal('poisson').default('poisson'),
  ratePerHour: posNum('ratePerHour'),
  profile: z.enum(['flat', 'diurnal']).default('flat'),
  peakToTrough: num('peakToTrough').superRefine((v, ctx) => {
    if (v < 1) ctx.addIssue({ code: 'custom', message: `peakToTrough must be ≥ 1 (got ${v})` });
  }).default(1),
  peakHour: num('peakHour').superRefine((v, ctx) => {
    if (v < 0 || v >= 24) ctx.addIssue({ code: 'custom', message: `peakHour must be in [0, 24) (got ${v})` });
  }).default(14),
});

const SyntheticWorkload = z.strictObject({
  kind: z.literal('synthetic'),
  name: z.string().optional(),
  arrivals: Arrivals,
  accelerators: CountDist,
  duration: DurationDist,
  acceleratorType: AcceleratorId.optional(),
  tenant: z.string().optional(),
  loadScale: nonNegNum('loadScale').default(1),
  /** Killed jobs resume from their last checkpoint, taken after every this much running (none: from the start). */
  checkpointEvery: PosDuration.optional(),
  /** The pause each checkpoint costs the job (it holds its accelerators meanwhile). */
  checkpointCost: NonNegDuration.optional(),
  /** Scheduling priority of the entry's jobs (higher first; the priority scheduler reads it). */
  priority: num('priority').optional(),
  /** The workload class whose catalog speed sets runtimes (runtime = duration / speed). */
  class: z.enum(WORKLOAD_CLASSES).default('training'),
});

const TraceWorkload = z.strictObject({
  kind: z.literal('trace'),
  name: z.string().optional(),
  path: z.string().min(1, 'path must not be empty'),
  format: z.string().default('auto'),
  columns: z.strictObject({
    submit: z.string().optional(),
    duration: z.string().optional(),
    end: z.string().optional(),
    accelerators: z.string().optional(),
    tenant: z.string().optional(),
    acceleratorType: z.string().optional(),
    /** A column with each job's priority (the priority scheduler; higher first). */
    priority: z.string().optional(),
    /** A column with the runtime each job requested (sjf / easy-backfill with estimate: requested). */
    requested: z.string().optional(),
  }).optional(),
  /** Seconds per unit of the file's time columns (e.g. 0.001 for milliseconds). */
  timeUnit: PosDuration.optional(),
  commentPrefix: z.string().optional(),
  /** gzip input: the most bytes it may inflate to (default 16 GiB) and inflated bytes per compressed byte past 64 MiB (default 100). */
  maxInflatedBytes: posNum('maxInflatedBytes').optional(),
  maxInflateRatio: posNum('maxInflateRatio').optional(),
  strict: z.boolean().default(false),
  from: NonNegDuration.optional(),
  to: NonNegDuration.optional(),
  timeScale: posNum('timeScale').default(1),
  /**
   * Shift the trace so its first kept record arrives at t = 0. Default: only when the times
   * are absolute timestamps (the first record at ≥ 1e8 s, i.e. dates); relative times (seconds
   * from the trace's start, as in the generic csv) are kept as scenario time.
   */
  rebase: z.boolean().optional(),
  loadScale: nonNegNum('loadScale').default(1),
  checkpointEvery: PosDuration.optional(),
  checkpointCost: NonNegDuration.optional(),
  /** Scheduling priority of jobs the trace gives none (a trace's own priority column wins). */
  priority: num('priority').optional(),
  class: z.enum(WORKLOAD_CLASSES).default('training'),
  filter: z.strictObject({ tenant: z.array(z.string()).optional() }).optional(),
  acceleratorMap: z.record(z.string(), AcceleratorId).optional(),
  /** The accelerator the trace's durations were measured on; they are converted to the reference (speed 1.0). */
  measuredOn: AcceleratorId.optional(),
  compareRecorded: z.boolean().default(false),
});

export const WorkloadEntry = z.discriminatedUnion('kind', [SyntheticWorkload, TraceWorkload]);

export const Pool = z.strictObject({
  name: z.string().min(1).superRefine((n, ctx) => {
    if (n !== '' && !/^[A-Za-z0-9_.-]+$/.test(n)) ctx.addIssue({ code: 'custom', message: `pool names use letters, digits, _ . - only (got ${show(n)})` });
  }),
  accelerator: AcceleratorId,
  perNode: count('perNode', 1).superRefine(atMost('perNode', MAX_PER_NODE)),
  purchase: z.enum(PURCHASE_OPTIONS).default('on-demand'),
  /** purchase: owned — bought machines: billed for every owned node all run at capex / amortization + opex per node-hour. */
  owned: z.strictObject({ capexUsdPerNode: nonNegNum('capexUsdPerNode').superRefine(atMost('capexUsdPerNode', MAX_CAPEX_USD_PER_NODE)), amortization: PosDuration.default(3 * 31_536_000), opexUsdPerNodeHour: nonNegNum('opexUsdPerNodeHour').superRefine(atMost('opexUsdPerNodeHour', MAX_USD_PER_NODE_HOUR)).default(0) }).optional(),
  /** On-demand committed-use discount: the first `nodes` are billed at (1 − discount) × price whether used or not. */
  commitment: z.strictObject({ nodes: count('nodes'), term: PosDuration.default(31_536_000), discount: num('discount').superRefine((v, ctx) => {
    if (!(v >= 0 && v < 1)) ctx.addIssue({ code: 'custom', message: `discount must be in [0, 1) (got ${v})` });
  }) }).optional(),
  pricePerNodeHour: nonNegNum('pricePerNodeHour').superRefine(atMost('pricePerNodeHour', MAX_USD_PER_NODE_HOUR)).optional(),
  initial: count('initial').default(0),
  min: count('min').default(0),
  max: count('max').optional(),
  provisioning: DurationDist.default({ dist: 'constant', value: 0 }),
  /** Node failures (DESIGN.md §11): time to failure from ready or repair, exponential with mean mtbf or Weibull with `shape`. */
  failures: z.strictObject({
    mtbf: Lifetime,
    mttr: DurationDist,
    shape: posNum('shape').superRefine((v, ctx) => {
      if (v < 0.1) ctx.addIssue({ code: 'custom', message: `shape must be ≥ 0.1 (got ${v})` });
    }).optional(),
  }).optional(),
  /** Spot preemption (DESIGN.md §11): a Poisson process per ready node; after `notice` the node is released. */
  preemption: z.strictObject({
    ratePerNodeHour: nonNegNum('ratePerNodeHour').superRefine((v, ctx) => {
      if (v > 3600) ctx.addIssue({ code: 'custom', message: `ratePerNodeHour must be ≤ 3600 (one per node-second) (got ${v})` });
    }).optional(),
    /** A recorded spot history (CSV node,start_s,end_s) whose lifetimes are replayed in order, instead of a rate. */
    trace: z.string().min(1, 'trace must not be empty').optional(),
    notice: NonNegDuration.default(0),
  }).superRefine((v, ctx) => {
    if ((v.ratePerNodeHour === undefined) === (v.trace === undefined)) ctx.addIssue({ code: 'custom', message: `preemption needs either ratePerNodeHour or trace (got ${v.trace === undefined ? 'neither' : 'both'})` });
  }).optional(),
  /** Spot only: the probability a node request is fulfilled; otherwise it fails, unbilled, at the end of its provisioning delay. */
  availability: num('availability').superRefine((v, ctx) => {
    if (!(v > 0 && v <= 1)) ctx.addIssue({ code: 'custom', message: `availability must be in (0, 1] (got ${v})` });
  }).optional(),
  /** Non-spot pools: the probability a node request fails for lack of capacity (like an unavailable spot request). */
  stockout: z.strictObject({
    probability: num('probability').superRefine((v, ctx) => {
      if (!(v >= 0 && v < 1)) ctx.addIssue({ code: 'custom', message: `probability must be in [0, 1) (got ${v})` });
    }),
  }).optional(),
  /** Billing (DESIGN.md §11): each node's billed time rounded up to `granularity`, at least `minimum`. */
  billing: z.strictObject({ granularity: PosDuration.default(1), minimum: NonNegDuration.default(0) }).optional(),
  labels: z.record(z.string(), z.string()).optional(),
}).superRefine((p, ctx) => {
  if (p.availability !== undefined && p.purchase !== 'spot') ctx.addIssue({ code: 'custom', path: ['availability'], message: `availability applies to spot pools (for other pools: stockout: { probability }) (got purchase ${JSON.stringify(p.purchase)})` });
  if (p.stockout && p.purchase === 'spot') ctx.addIssue({ code: 'custom', path: ['stockout'], message: `a spot pool's unfulfilled requests are its availability (got stockout on purchase "spot")` });
  if (p.purchase === 'owned' && !p.owned) ctx.addIssue({ code: 'custom', path: ['owned'], message: 'required for an owned pool: owned: { capexUsdPerNode, amortization, opexUsdPerNodeHour }' });
  if (p.owned && p.purchase !== 'owned') ctx.addIssue({ code: 'custom', path: ['owned'], message: `owned applies to purchase: owned (got purchase ${JSON.stringify(p.purchase)})` });
  if (p.purchase === 'owned' && p.max !== undefined && p.max !== p.initial) ctx.addIssue({ code: 'custom', path: ['max'], message: `an owned pool has its initial nodes, no more: max must equal initial (${p.initial}) (got ${p.max})` });
  if (p.commitment && p.commitment.nodes > (p.max ?? Math.max(p.initial, p.min))) ctx.addIssue({ code: 'custom', path: ['commitment', 'nodes'], message: `a commitment of more nodes than the pool's max (${p.max ?? Math.max(p.initial, p.min)}) bills nodes it can never run (got ${p.commitment.nodes})` });
  if (p.commitment && p.purchase !== 'on-demand') ctx.addIssue({ code: 'custom', path: ['commitment'], message: `commitments apply to on-demand pools (got purchase ${JSON.stringify(p.purchase)})` });
  if (p.preemption && p.purchase !== 'spot') ctx.addIssue({ code: 'custom', path: ['preemption'], message: `preemption applies to spot pools: set purchase: spot (got purchase ${JSON.stringify(p.purchase)})` });
  const max = p.max ?? Math.max(p.initial, p.min);
  if (p.min > max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min must be ≤ max (${max}) (got ${p.min})` });
  if (p.initial > max) ctx.addIssue({ code: 'custom', path: ['initial'], message: `initial must be ≤ max (${max}) (got ${p.initial})` });
});

/** Pools per fleet (the engine keeps a job's pool in an Int8 column; eligibility has no bitmask limit). */
export const MAX_POOLS = 127;

/** Weekdays as scenarios write them (defined in fields.ts so policies can use them without an import cycle). */
export { WEEKDAYS };
/** Samples per run and pool at most (horizon / sampleEvery). */
export const MAX_SAMPLES = 1_000_000;

const horizonMessage = (v: unknown) => `horizon must be a positive duration such as "7d", or drain (got ${show(v)})`;

/** Seconds as a duration (`7d`); exact below a second (`1e-9s`, where formatDuration would round to 0s), in powers of ten beyond years. */
const seconds = (s: number): string => (Math.abs(s) >= 1 && Math.abs(s) < 1e8 ? formatDuration(s) : `${Math.abs(s) < 1 ? s : s.toPrecision(3)}s`);

/** Sample counts are written out up to this many; beyond, "more than" it (no 300-digit numbers). */
const SAMPLES_SHOWN_UP_TO = 1e12;

/** sampleEvery too small for the horizon, with the count it would take (a number, never ∞). */
export function tooManySamples(horizonS: number, sampleEveryS: number): string {
  const n = horizonS / sampleEveryS;
  const how = n <= SAMPLES_SHOWN_UP_TO ? `${Math.ceil(n).toLocaleString('en-US')} samples per pool` : `more than ${SAMPLES_SHOWN_UP_TO.toLocaleString('en-US')} samples per pool`;
  return `sampleEvery is too small for the horizon (${seconds(horizonS)}): it would take ${how}, at most ${MAX_SAMPLES.toLocaleString('en-US')} are allowed (got ${seconds(sampleEveryS)})`;
}

/**
 * The scenario schema with the policies of `registry`: `policies[].autoscaler` and the
 * schedulers accept exactly the registered names and parameters (see policy-refs.ts).
 */
export function scenarioSchema(registry: PolicyRegistry) {
  const scheduler = schedulerRef(registry);
  const Policy = z.strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    autoscaler: autoscalerRef(registry),
    scheduler: scheduler.optional(),
  });
  return z.strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    seed: z.number({ error: (iss) => (iss.input === undefined || typeof iss.input === 'number' ? undefined : `seed must be a whole number (got ${show(iss.input)})`) }).int(),
    horizon: z.union([z.number({ error: (iss) => (iss.input === undefined ? undefined : horizonMessage(iss.input)) }), z.string()]).transform((v, ctx): number | 'drain' => {
      if (v === 'drain') return 'drain';
      const s = parseDuration(v);
      if (s === null || !(s > 0)) {
        ctx.addIssue({ code: 'custom', message: horizonMessage(v) });
        return z.NEVER;
      }
      return s;
    }),
    warmup: NonNegDuration.default(0),
    sampleEvery: PosDuration.default(300),
    slo: z.strictObject({
      maxQueueWait: NonNegDuration.optional(),
      /** The availability a policy must reach to count as meeting the SLO (DESIGN §5). */
      availabilityTarget: num('availabilityTarget').superRefine((v, ctx) => {
        if (!(v > 0 && v <= 1)) ctx.addIssue({ code: 'custom', message: `availabilityTarget must be in (0, 1], e.g. 0.95 (got ${v})` });
      }).default(0.95),
    }).optional(),
    workload: z.array(WorkloadEntry).min(1, 'workload needs at least one entry'),
    fleet: z.strictObject({
      pools: z.array(Pool).min(1, 'fleet needs at least one pool'),
      /** Supply limits: at most this many accelerators of a type across all pools (requests beyond are refused and logged). */
      quotas: z.record(z.string(), count('quota')).optional(),
    }),
    scheduler: scheduler.prefault(DEFAULT_SCHEDULER),
    policies: z.array(Policy).min(1, 'policies needs at least one policy'),
    /** The weekday of t = 0 (scheduled autoscaler windows; default Monday). */
    startsOn: z.enum(WEEKDAYS).default('mon'),
    /** Wait percentiles are exact up to this many jobs, from a quantile sketch above (DESIGN §9; default 10,000,000). */
    exactPercentilesUpTo: count('exactPercentilesUpTo').default(DEFAULT_EXACT_PERCENTILES_UP_TO),
    /** What accelerator energy costs: energyCostUsd = energyKwh × pue × usdPerKwh. */
    energy: z.strictObject({
      usdPerKwh: nonNegNum('usdPerKwh').superRefine(atMost('usdPerKwh', MAX_USD_PER_KWH)),
      pue: num('pue').superRefine((v, ctx) => {
        if (v < 1) ctx.addIssue({ code: 'custom', message: `pue must be ≥ 1: it is facility power ÷ IT power (got ${v})` });
        else atMost('pue', MAX_PUE)(v, ctx);
      }).default(1),
    }).optional(),
    /** Work limits (issue 12): the pre-flight estimate must stay within them (limits.ts; `fleetlab run --force` skips the check). */
    limits: LimitsSpec.optional(),
  }).superRefine((s, ctx) => {
    s.workload.forEach((w, i) => {
      if (w.checkpointCost !== undefined && w.checkpointEvery === undefined)
        ctx.addIssue({ code: 'custom', path: ['workload', i, 'checkpointCost'], message: `checkpointCost needs checkpointEvery (how often the checkpoint is taken) (got ${formatDuration(w.checkpointCost)})` });
    });
    uniqueNames(s.fleet.pools, ['fleet', 'pools'], 'pool', ctx);
    if (s.fleet.pools.length > MAX_POOLS)
      ctx.addIssue({ code: 'custom', path: ['fleet', 'pools'], message: `a fleet may have at most ${MAX_POOLS} pools (got ${s.fleet.pools.length})` });
    s.fleet.pools.forEach((p, i) => {
      if (p.commitment && typeof s.horizon === 'number' && p.commitment.term < s.horizon)
        ctx.addIssue({ code: 'custom', path: ['fleet', 'pools', i, 'commitment', 'term'], message: `the commitment ends before the horizon (${formatDuration(s.horizon as number)}): a commitment is billed for the whole run, so its term must cover it (got ${formatDuration(p.commitment.term)})` });
    });
    for (const acc of Object.keys(s.fleet.quotas ?? {})) {
      if (!acceleratorIds().includes(acc)) ctx.addIssue({ code: 'custom', path: ['fleet', 'quotas', acc], params: { didYouMean: acceleratorIds() }, message: `unknown accelerator (got ${show(acc)})` });
    }
    for (const [acc, quota] of Object.entries(s.fleet.quotas ?? {})) {
      const initial = s.fleet.pools.filter((p) => p.accelerator === acc).reduce((a, p) => a + p.initial * p.perNode, 0);
      if (initial > quota) ctx.addIssue({ code: 'custom', path: ['fleet', 'quotas', acc], message: `the pools' initial nodes already hold ${initial} ${acc} accelerators, over the quota (got ${quota})` });
      // A policy may start pools with other node counts (a static fleet's `nodes`).
      s.policies.forEach((pol, i) => {
        let autoscaler;
        try {
          autoscaler = registry.createAutoscaler(pol.autoscaler as PolicyRef);
        } catch {
          return; // an unknown kind is reported by the policy checks
        }
        if (!autoscaler.initialNodes) return;
        const held = s.fleet.pools.filter((p) => p.accelerator === acc).reduce((a, p) => a + (autoscaler.initialNodes!({ name: p.name, initial: p.initial, max: p.max }) ?? p.initial) * p.perNode, 0);
        if (held > quota && held !== initial) ctx.addIssue({ code: 'custom', path: ['policies', i, 'autoscaler'], message: `policy ${JSON.stringify(pol.name)} starts with ${held} ${acc} accelerators, over the quota (got ${quota})` });
      });
    }
    uniqueNames(s.policies, ['policies'], 'policy', ctx);
    validatePolicyRefs(registry, s, { poolNames: s.fleet.pools.map((p) => p.name), pools: s.fleet.pools }, ctx);
    // sampleEvery ≤ 0 is its own problem (PosDuration): no sample count to speak of then.
    if (typeof s.horizon === 'number' && s.sampleEvery > 0 && s.horizon / s.sampleEvery > MAX_SAMPLES)
      ctx.addIssue({ code: 'custom', path: ['sampleEvery'], message: tooManySamples(s.horizon, s.sampleEvery) });
    if (typeof s.horizon === 'number') costBound(s.fleet.pools, s.horizon, ctx);
    if (typeof s.horizon === 'number' && s.warmup >= s.horizon)
      ctx.addIssue({ code: 'custom', path: ['warmup'], message: `warmup must be < horizon (${seconds(s.horizon)}) (got ${seconds(s.warmup)})` });
    if (s.horizon === 'drain' && s.workload.some((w) => w.kind !== 'trace'))
      ctx.addIssue({ code: 'custom', path: ['horizon'], message: `horizon: drain needs trace workloads only (a synthetic generator never ends) (got "drain")` });
  });
}

/** The scenario schema with the built-in policies (`policyRegistry`). */
export const Scenario = scenarioSchema(policyRegistry);

/** The most the fleet could cost over the horizon (every pool at its max all run) must stay a finite number with room. */
function costBound(pools: readonly z.output<typeof Pool>[], horizonS: number, ctx: z.RefinementCtx): void {
  let usdPerHour = 0;
  for (const [i, p] of pools.entries()) {
    const price = nodePriceUsdPerHour(p);
    if (p.owned && !Number.isFinite(price)) {
      ctx.addIssue({ code: 'custom', path: ['fleet', 'pools', i, 'owned', 'amortization'], message: `amortization is too short: a node-hour would cost more than any number holds (got ${p.owned.amortization}s)` });
      return;
    }
    // A price over its own maximum is reported at the price.
    if (p.pricePerNodeHour !== undefined && p.pricePerNodeHour > MAX_USD_PER_NODE_HOUR) return;
    if (Number.isFinite(price)) usdPerHour += price * Math.max(p.max ?? 0, p.initial, p.min);
  }
  const bound = usdPerHour * (horizonS / 3600);
  if (bound >= MAX_COST_USD) ctx.addIssue({ code: 'custom', path: ['horizon'], message: `horizon is too long for the fleet's prices: its cost could reach ${Number.isFinite(bound) ? bound.toPrecision(3) : 'more than 1e308'} USD, beyond what results can hold (at most ${MAX_COST_USD.toExponential().replace('e+', 'e')}) (got ${seconds(horizonS)})` });
}

function uniqueNames(items: { name: string }[], path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) ctx.addIssue({ code: 'custom', path: [...path, i, 'name'], message: `${what} names must be unique (got ${show(item.name)} twice)` });
    seen.add(item.name);
  });
}

export type ScenarioSpec = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type PoolSpec = z.output<typeof Pool>;
export type PolicySpec = Scenario['policies'][number];
/** A parsed policy reference, `{ kind, ...params }` with the defaults applied. */
export type AutoscalerSpec = PolicyRef;
export type WorkloadSpec = z.output<typeof WorkloadEntry>;
export type SyntheticWorkloadSpec = z.output<typeof SyntheticWorkload>;
export type TraceWorkloadSpec = z.output<typeof TraceWorkload>;
