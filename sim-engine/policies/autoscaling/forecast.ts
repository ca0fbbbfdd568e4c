/**
 * Forecasting helpers for the predictive autoscaler: a seasonal Holt-Winters model over a
 * series sampled at a fixed step, and a tracker of how wrong its lead-ahead forecasts were.
 * Both preallocate their ring buffers: observing a sample or forecasting allocates nothing.
 *
 * Holt-Winters (Holt 1957, Winters 1960; the error-correction form of Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", §8.3), with season length m:
 *   additive:        ℓ = α(y − s₋ₘ) + (1−α)(ℓ₋₁ + b₋₁)     s = γ(y − ℓ₋₁ − b₋₁) + (1−γ)s₋ₘ
 *                    ŷ(t+h) = ℓ + h·b + s(t+h−m)
 *   multiplicative:  ℓ = α(y / s₋ₘ) + (1−α)(ℓ₋₁ + b₋₁)     s = γ(y / (ℓ₋₁ + b₋₁)) + (1−γ)s₋ₘ
 *                    ŷ(t+h) = (ℓ + h·b) · s(t+h−m)
 *   both:            b = β(ℓ − ℓ₋₁) + (1−β)b₋₁
 * Initialised from the first full season (ℓ = its mean, b = 0, s = each sample's offset from
 * the mean, or its ratio to it); it forecasts nothing before that. Forecasts are clamped at 0
 * (demand is never negative) and horizons must be 1 … m.
 */

export type Seasonality = 'additive' | 'multiplicative';

export interface HoltWintersParams {
  /** Samples per season (m ≥ 2). */
  readonly period: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly seasonality: Seasonality;
}

/** Below this a multiplicative seasonal factor or level is treated as zero (no division by it). */
const TINY = 1e-9;

export class HoltWinters {
  private readonly season: Float64Array;
  private level = 0;
  private trend = 0;
  /** Samples observed so far. */
  private n = 0;

  constructor(readonly p: HoltWintersParams) {
    if (!(Number.isInteger(p.period) && p.period >= 2)) throw new Error(`holt-winters invariant: period must be a whole number ≥ 2 (got ${p.period})`);
    this.season = new Float64Array(p.period);
  }

  /** Samples observed so far. */
  get observed(): number {
    return this.n;
  }

  /** True once a full season was observed (it forecasts from then on). */
  get ready(): boolean {
    return this.n >= this.p.period;
  }

  /** Observe the next sample of the series. */
  observe(y: number): void {
    const { period: m, alpha, beta, gamma, seasonality } = this.p;
    const i = this.n % m;
    if (this.n < m) {
      this.season[i] = y;
      if (this.n === m - 1) this.initialise();
    } else {
      const prevLevel = this.level;
      const base = prevLevel + this.trend;
      const s = this.season[i]!;
      if (seasonality === 'additive') {
        this.level = alpha * (y - s) + (1 - alpha) * base;
        this.season[i] = gamma * (y - base) + (1 - gamma) * s;
      } else {
        this.level = s > TINY ? alpha * (y / s) + (1 - alpha) * base : base;
        if (base > TINY) this.season[i] = gamma * (y / base) + (1 - gamma) * s;
      }
      this.trend = beta * (this.level - prevLevel) + (1 - beta) * this.trend;
    }
    this.n++;
  }

  /** The forecast h samples after the last one observed (1 ≤ h ≤ period); NaN before a full season. */
  forecast(h: number): number {
    if (!this.ready) return NaN;
    const m = this.p.period;
    if (!(h >= 1 && h <= m)) throw new Error(`holt-winters invariant: horizon must be 1 … ${m} samples (got ${h})`);
    // The last sample observed has index n − 1; the one h later sits in slot (n − 1 + h) mod m.
    const s = this.season[(this.n - 1 + h) % m]!;
    const base = this.level + h * this.trend;
    return Math.max(0, this.p.seasonality === 'additive' ? base + s : base * s);
  }

  private initialise(): void {
    const m = this.p.period;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += this.season[i]!;
    const mean = sum / m;
    this.level = mean;
    this.trend = 0;
    for (let i = 0; i < m; i++) this.season[i] = this.p.seasonality === 'additive' ? this.season[i]! - mean : mean > TINY ? this.season[i]! / mean : 1;
  }
}

/**
 * How wrong the forecasts made `lead` samples ahead turned out, over the last `window`
 * samples: Σ|ŷ − y| / Σ y (the weighted mean absolute percentage error, WAPE — unlike the
 * plain MAPE it stays finite when demand is 0). A forecast is recorded for the sample `lead`
 * steps after the current one and scored when that sample is observed.
 */
export class LeadError {
  /** Forecasts waiting for their sample, by sample index mod (lead + 1). */
  private readonly pending: Float64Array;
  private readonly absErr: Float64Array;
  private readonly actual: Float64Array;
  private sumAbsErr = 0;
  private sumActual = 0;
  /** Samples observed; scored samples are a subset (those with a recorded forecast). */
  private n = 0;
  private scored = 0;

  constructor(
    readonly lead: number,
    readonly window: number,
  ) {
    this.pending = new Float64Array(lead + 1).fill(NaN);
    this.absErr = new Float64Array(window);
    this.actual = new Float64Array(window);
  }

  /** Observe the next sample (index n): score the forecast made for it, if any. */
  observe(y: number): void {
    const slot = this.n % this.pending.length;
    const f = this.pending[slot]!;
    this.pending[slot] = NaN;
    const w = this.n % this.window;
    const e = f === f ? Math.abs(f - y) : 0;
    const a = f === f ? y : 0;
    // Each scored sample weighs once in the window; an unscored one counts as nothing.
    this.sumAbsErr += e - this.absErr[w]!;
    this.sumActual += a - this.actual[w]!;
    this.absErr[w] = e;
    this.actual[w] = a;
    if (f === f) this.scored = Math.min(this.window, this.scored + 1);
    this.n++;
  }

  /** Record the forecast for the sample `lead` steps after the last one observed. */
  record(forecast: number): void {
    this.pending[(this.n - 1 + this.lead) % this.pending.length] = forecast;
  }

  /** The error (0 … ∞) over the window, or NaN before a forecast was scored or while demand was 0 throughout. */
  get wape(): number {
    if (this.scored === 0 || !(this.sumActual > 1e-9)) return NaN;
    return Math.max(0, this.sumAbsErr) / this.sumActual;
  }
}
