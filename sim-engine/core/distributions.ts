/**
 * Sampling from the distributions scenario files name (DESIGN.md §5). Samplers are
 * closures over a named RNG substream, built once, so drawing allocates nothing.
 * The transforms are d3-random 3's, written out with the same arithmetic in the same
 * order (so every draw is the same number; test/core/rng-identity.test.ts checks them
 * against d3-random), which lets V8 inline the seeded source into each sampler.
 */
import type { Rng } from './rng.js';

export type DistributionSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'lognormal'; median: number; sigma: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'choice'; values: number[]; weights?: number[] | undefined };

export type Sampler = () => number;

/** Build a sampler. Parameters are assumed valid (the scenario schema checks them). */
export function makeSampler(spec: DistributionSpec, rng: Rng): Sampler {
  const source = rng.uniform;
  switch (spec.dist) {
    case 'constant': {
      const v = spec.value;
      return () => v;
    }
    case 'exponential':
      if (spec.mean === 0) return () => 0;
      return exponentialSampler(1 / spec.mean, source);
    case 'lognormal':
      return logNormalSampler(Math.log(spec.median), spec.sigma, source);
    case 'uniform': {
      // d3's randomUniform(min, max): source() * (max − min) + min.
      const min = +spec.min;
      const span = +spec.max - min;
      return () => source() * span + min;
    }
    case 'choice': {
      const values = Float64Array.from(spec.values);
      const cdf = cumulativeWeights(spec.values.length, spec.weights);
      const last = values.length - 1;
      return () => {
        const u = source();
        for (let i = 0; i < last; i++) if (u < cdf[i]!) return values[i]!;
        return values[last]!;
      };
    }
  }
}

/** d3's randomExponential(lambda): −log1p(−u) / λ. */
function exponentialSampler(lambda: number, source: () => number): Sampler {
  return () => -Math.log1p(-source()) / lambda;
}

/**
 * d3's randomLogNormal(mu, sigma): exp of its randomNormal, the polar method — a pair
 * (x, y) in the unit disc, y · √(−2 ln r / r) now and x the next call (with the same r).
 */
function logNormalSampler(mu: number, sigma: number, source: () => number): Sampler {
  let x = 0;
  let r = 0;
  let cached = false;
  return () => {
    let y: number;
    if (cached) {
      y = x;
      cached = false;
    } else {
      do {
        x = source() * 2 - 1;
        y = source() * 2 - 1;
        r = x * x + y * y;
      } while (!r || r > 1);
      cached = true;
    }
    return Math.exp(mu + sigma * y * Math.sqrt((-2 * Math.log(r)) / r));
  };
}

/** d3's randomWeibull(k, a, b): a + b · (−log1p(−u))^(1/k) (−ln for k = 0). */
function weibullSampler(k: number, a: number, b: number, source: () => number): Sampler {
  if (k === 0) return () => a + b * -Math.log(-Math.log1p(-source()));
  const invK = 1 / k;
  return () => a + b * Math.pow(-Math.log1p(-source()), invK);
}

function cumulativeWeights(n: number, weights?: number[]): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i]! : 1;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += weights ? weights[i]! : 1;
    cdf[i] = acc / total;
  }
  return cdf;
}

/** The mean of a distribution (used for sizing hints and documentation). */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.dist) {
    case 'constant': return spec.value;
    case 'exponential': return spec.mean;
    case 'lognormal': return spec.median * Math.exp((spec.sigma * spec.sigma) / 2);
    case 'uniform': return (spec.min + spec.max) / 2;
    case 'choice': {
      let total = 0;
      let acc = 0;
      spec.values.forEach((v, i) => {
        const w = spec.weights ? spec.weights[i]! : 1;
        total += w;
        acc += w * v;
      });
      return acc / total;
    }
  }
}

/**
 * Times to an event with a given mean: exponential (memoryless), or Weibull with shape k and
 * the same mean (scale = mean / Γ(1 + 1/k); k < 1 infant mortality, k > 1 wear-out). An
 * infinite mean never fires.
 */
export function makeLifetimeSampler(meanS: number, shape: number | undefined, rng: Rng): Sampler {
  if (!Number.isFinite(meanS)) return () => Infinity;
  if (shape === undefined) return exponentialSampler(1 / meanS, rng.uniform);
  return weibullSampler(+shape, 0, meanS / gamma(1 + 1 / shape), rng.uniform);
}

/** The gamma function Γ(x) for x > 0: recurrence up to x ≥ 12, then Stirling's series (relative error < 1e-14). */
export function gamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 1;
  let z = x;
  while (z < 12) shift *= z++;
  const z2 = z * z;
  const series = 1 / (12 * z) - 1 / (360 * z * z2) + 1 / (1260 * z * z2 * z2) - 1 / (1680 * z * z2 * z2 * z2) + 1 / (1188 * z * z2 * z2 * z2 * z2);
  return Math.exp((z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series) / shift;
}
