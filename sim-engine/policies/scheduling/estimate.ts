/**
 * Runtime estimates for schedulers that plan ahead (sjf, easy-backfill), parameter
 * `estimate`:
 * - `exact` (default): the runtime the job would have if started now in the pool
 *   (`jobRuntimeS`: its remaining work at the pool's speed, plus checkpoint pauses);
 * - `requested`: the trace's requested runtime (SWF field 9; reference seconds) divided by
 *   the pool's speed for the job's class; a requeued job is estimated at its full requested
 *   time again (a restart asks for the whole wall time); jobs without one fall back to exact;
 * - `{ error: σ }`: exact × exp(σ·Z), Z standard normal, one draw per job from a
 *   counter-based hash of (the scheduler's substream, job id) through Box–Muller: the same
 *   job always gets the same factor, whatever the scheduling order or the pool.
 * Cost: O(1) per estimate (a job's noise factor is drawn once and kept: 8 bytes per job).
 */
import { z } from 'zod';
import { hashSeed, type Rng } from '../../core/rng.js';
import type { SchedulerView } from '../types.js';

export const estimateParam = z
  .union([
    z.enum(['exact', 'requested']),
    z.strictObject({ error: z.number().min(0).max(10).describe('σ of the lognormal noise: each job’s estimate is its exact runtime × exp(σ·Z), Z standard normal, fixed per job') }),
  ])
  .default('exact')
  .describe('runtime estimates the scheduler plans with: exact (default); requested (the trace’s requested time, e.g. SWF field 9, at the pool’s speed; exact where the trace has none); or { error: σ } (exact × lognormal noise, per job)');

export type EstimateSpec = z.output<typeof estimateParam>;

/** The parameters of a scheduler that plans with estimates (sjf, easy-backfill). */
export const estimatingParams = z.strictObject({ estimate: estimateParam });

const TWO_POW_53 = 9007199254740992;

/** murmur3's 32-bit finalizer. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The i-th 32-bit word of a job's counter-based stream under a key. */
function word(key: number, job: number, i: number): number {
  return fmix((key ^ fmix(Math.imul(job, 4) + i + 0x9e3779b9)) >>> 0);
}

/** The i-th uniform in [0, 1) (53 bits) of a job's stream. */
function uniform(key: number, job: number, i: number): number {
  return ((word(key, job, 2 * i) >>> 5) * 67108864 + (word(key, job, 2 * i + 1) >>> 6)) / TWO_POW_53;
}

/** A standard normal draw for a job, by Box–Muller over its two uniforms (deterministic per key and job). */
export function jobNormal(key: number, job: number): number {
  const u1 = 1 - uniform(key, job, 0); // (0, 1]: safe for the logarithm
  const u2 = uniform(key, job, 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export class RuntimeEstimator {
  private readonly mode: 0 | 1 | 2;
  private readonly sigma: number;
  private readonly key: number;
  private factors = new Float64Array(0);

  constructor(spec: EstimateSpec, rng: Rng | undefined, scheduler: string) {
    if (spec === 'exact') this.mode = 0;
    else if (spec === 'requested') this.mode = 1;
    else this.mode = 2;
    this.sigma = typeof spec === 'object' ? spec.error : 0;
    if (this.mode === 2 && !rng) throw new Error(`scheduler ${scheduler}: estimate { error } needs the run's random substream (there is no default seed)`);
    this.key = rng ? hashSeed(rng.seed, `${rng.path}/estimate`) >>> 0 : 0;
  }

  /** The estimated runtime of the job's next run in the pool (for a running job: its current run), seconds. */
  estimateS(view: SchedulerView, job: number, pool: number): number {
    if (this.mode === 1) {
      const requestedS = view.jobRequestedS(job);
      if (requestedS === requestedS) return requestedS / view.poolSpeed(pool, job);
    }
    const exactS = view.jobRuntimeS(job, pool);
    return this.mode === 2 ? exactS * this.noise(job) : exactS;
  }

  /** The job's noise factor exp(σ·Z), drawn once and kept (by job id; 0 = not drawn yet). */
  private noise(job: number): number {
    if (job >= this.factors.length) {
      const grown = new Float64Array(Math.max(job + 1, this.factors.length * 2));
      grown.set(this.factors);
      this.factors = grown;
    }
    let f = this.factors[job]!;
    if (f === 0) f = this.factors[job] = Math.exp(this.sigma * jobNormal(this.key, job));
    return f;
  }
}
