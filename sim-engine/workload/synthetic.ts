import { makeSampler } from '../core/distributions.js';
import { MAX_JOB_ACCELERATORS } from '../model/states.js';
import type { Rng } from '../core/rng.js';
import type { SyntheticWorkloadSpec } from '../scenario/schema.js';
import type { JobSource } from './source.js';

const DAY_S = 86400;

/**
 * Synthetic batch jobs: Poisson arrivals (optionally with a diurnal rate profile),
 * accelerators and duration from distributions. The diurnal rate is
 * λ(t) = λ̄ · (1 + a·cos(2π(t − peakHour·3600)/86400)) with a = (r − 1)/(r + 1), so the
 * daily mean is λ̄ (`ratePerHour`) and peak/trough is r (`peakToTrough`); it is sampled
 * exactly by thinning a Poisson process of rate λ̄(1 + a) (Lewis–Shedler).
 * Each purpose draws from its own substream: arrivals, thinning, accelerators, duration.
 */
export function createSyntheticSource(spec: SyntheticWorkloadSpec, rng: Rng, horizonS: number, label: string): JobSource {
  const meanRatePerS = (spec.arrivals.ratePerHour * spec.loadScale) / 3600;
  const diurnal = spec.arrivals.profile === 'diurnal' && spec.arrivals.peakToTrough > 1;
  const r = spec.arrivals.peakToTrough;
  const a = diurnal ? (r - 1) / (r + 1) : 0;
  const peakS = spec.arrivals.peakHour * 3600;
  const maxRate = meanRatePerS * (1 + a);
  const interArrival = rng.fork('arrivals');
  const thin = rng.fork('thinning');
  const accSampler = makeSampler(spec.accelerators, rng.fork('accelerators'));
  const durSampler = makeSampler(spec.duration, rng.fork('duration'));
  const gap = interArrival.uniform;
  // A constant size draws nothing: compute it once (-1: draw per job).
  const fixedAcc = spec.accelerators.dist === 'constant' ? Math.max(1, Math.ceil(spec.accelerators.value - 1e-9)) : -1;
  let t = 0;
  const source: JobSource = {
    label,
    submitS: 0,
    durationS: 0,
    accelerators: 1,
    acceleratorType: spec.acceleratorType === undefined ? -1 : 0,
    acceleratorTypes: spec.acceleratorType === undefined ? [] : [spec.acceleratorType],
    tenant: spec.tenant === undefined ? -1 : 0,
    tenants: spec.tenant === undefined ? [] : [spec.tenant],
    recordedWaitS: NaN,
    requestedS: NaN,
    priority: spec.priority ?? 0,
    sizeHint: Number.isFinite(horizonS) ? Math.ceil(meanRatePerS * horizonS * 1.05) + 16 : 0,
    progress: () => (Number.isFinite(horizonS) ? Math.min(1, t / horizonS) : NaN),
    next(): boolean {
      if (!(maxRate > 0)) return false;
      for (;;) {
        let u = gap(); // uniform in (0, 1), as Rng.uniformOpen
        while (u === 0) u = gap();
        t += -Math.log(u) / maxRate;
        if (t >= horizonS) return false;
        if (!diurnal) break;
        const rate = meanRatePerS * (1 + a * Math.cos((2 * Math.PI * (t - peakS)) / DAY_S));
        if (thin.uniform() * maxRate < rate) break;
      }
      source.submitS = t;
      // A draw beyond the most a job may ask for (a lognormal's tail) asks for that most.
      source.accelerators = fixedAcc > 0 ? fixedAcc : Math.min(MAX_JOB_ACCELERATORS, Math.max(1, Math.ceil(accSampler() - 1e-9)));
      source.durationS = Math.max(0, durSampler());
      return true;
    },
  };
  return source;
}
