/**
 * The hand-written generator and transforms (core/rng, core/distributions) give exactly the
 * numbers pure-rand's xoroshiro128+ with uniformFloat64 and d3-random's transforms gave
 * before them, draw for draw: the streams, and so every output, do not move.
 */
import fc from 'fast-check';
import { randomExponential, randomLogNormal, randomUniform, randomWeibull } from 'd3-random';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, test } from 'vitest';
import { gamma, makeLifetimeSampler, makeSampler } from '../../sim-engine/core/distributions.js';
import { hashSeed, Rng, xoroshiro128plusUniform } from '../../sim-engine/core/rng.js';

/** The old Rng's uniform: pure-rand's generator seeded with the stream's hash, uniformFloat64 per draw. */
function oracleUniform(seed: number, path: string): () => number {
  const gen = xoroshiro128plus(hashSeed(seed, path));
  return () => uniformFloat64(gen);
}

function draws(f: () => number, n: number): number[] {
  return Array.from({ length: n }, f);
}

const seeds = fc.oneof(fc.integer(), fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32, 7, 17));
const names = fc.oneof(fc.constantFrom('', 'arrivals', 'workload/0/duration', 'provisioning/a100'), fc.string({ maxLength: 12 }));

describe('the generator equals pure-rand xoroshiro128+ with uniformFloat64', () => {
  test('for any 32-bit seed, 2,000 draws are identical', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (seed) => {
        const gen = xoroshiro128plus(seed);
        expect(draws(xoroshiro128plusUniform(seed), 2000)).toEqual(draws(() => uniformFloat64(gen), 2000));
      }),
      { numRuns: 200 },
    );
  });

  test('a forked stream of any seed and name equals the old one', () => {
    fc.assert(
      fc.property(seeds, names, names, (seed, a, b) => {
        const r = new Rng(seed).fork(a).fork(b);
        expect(draws(r.uniform, 500)).toEqual(draws(oracleUniform(seed, r.path), 500));
      }),
      { numRuns: 200 },
    );
  });

  test('one stream stays identical over a million draws', () => {
    const mine = new Rng(7).fork('workload/0').fork('arrivals').uniform;
    const old = oracleUniform(7, 'workload/0/arrivals');
    let same = 0;
    for (let i = 0; i < 1_000_000; i++) if (mine() === old()) same++;
    expect(same).toBe(1_000_000);
  });
});

describe('the samplers equal the d3-random transforms over the same stream', () => {
  const N = 3000;
  const positive = fc.double({ min: 1e-3, max: 1e7, noNaN: true });
  test('exponential', () => {
    fc.assert(
      fc.property(seeds, positive, (seed, mean) => {
        const d3 = randomExponential.source(oracleUniform(seed, 'd'))(1 / mean);
        expect(draws(makeSampler({ dist: 'exponential', mean }, new Rng(seed).fork('d')), N)).toEqual(draws(d3, N));
      }),
      { numRuns: 60 },
    );
  });
  test('lognormal (the polar method, its cached second value included)', () => {
    fc.assert(
      fc.property(seeds, positive, fc.double({ min: 0, max: 3, noNaN: true }), (seed, median, sigma) => {
        const d3 = randomLogNormal.source(oracleUniform(seed, 'd'))(Math.log(median), sigma);
        expect(draws(makeSampler({ dist: 'lognormal', median, sigma }, new Rng(seed).fork('d')), N)).toEqual(draws(d3, N));
      }),
      { numRuns: 60 },
    );
  });
  test('uniform', () => {
    fc.assert(
      fc.property(seeds, fc.double({ min: -1e6, max: 1e6, noNaN: true }), positive, (seed, min, width) => {
        const d3 = randomUniform.source(oracleUniform(seed, 'd'))(min, min + width);
        expect(draws(makeSampler({ dist: 'uniform', min, max: min + width }, new Rng(seed).fork('d')), N)).toEqual(draws(d3, N));
      }),
      { numRuns: 60 },
    );
  });
  test('lifetimes: exponential and Weibull', () => {
    fc.assert(
      fc.property(seeds, positive, fc.option(fc.double({ min: 0.2, max: 5, noNaN: true }), { nil: undefined }), (seed, mean, shape) => {
        const src = oracleUniform(seed, 'f');
        const d3 = shape === undefined ? randomExponential.source(src)(1 / mean) : randomWeibull.source(src)(shape, 0, mean / gamma(1 + 1 / shape));
        expect(draws(makeLifetimeSampler(mean, shape, new Rng(seed).fork('f')), N)).toEqual(draws(d3, N));
      }),
      { numRuns: 60 },
    );
  });
});
