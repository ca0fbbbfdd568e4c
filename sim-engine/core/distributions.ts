/**
 * Sampling from the distributions scenario files name (DESIGN.md §5). Samplers are
 * closures over a named RNG substream, built once, so drawing allocates nothing.
 * d3-random provides the transforms; the seeded uniform source comes from core/rng.
 */
import { randomExponential, randomLogNormal, randomUniform } from 'd3-random';
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
      return randomExponential.source(source)(1 / spec.mean);
    case 'lognormal':
      return randomLogNormal.source(source)(Math.log(spec.median), spec.sigma);
    case 'uniform':
      return randomUniform.source(source)(spec.min, spec.max);
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
