import { normalCdf, normalQuantile, normalSf } from '../numeric/normalDistribution';
import type { Rng } from '../numeric/rng';
import { isPrice, MAX_PRICE } from './priceWeights';

/** Widest log-normal accepted (σ = 10 already spans 17 orders of magnitude between its 5% and 95% points). */
const MAX_SIGMA = 10;

/**
 * An uncertain price λ ~ p(λ) (eq. 3.15). `logNormal`: ln λ ~ N(ln median, sigma²).
 * `logUniform`: ln λ uniform on [ln min, ln max]. `discrete`: scenarios with probabilities.
 */
export type PriceDistribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'logUniform'; min: number; max: number }
  | { kind: 'logNormal'; median: number; sigma: number }
  | { kind: 'discrete'; values: number[]; probs: number[] };

/** @throws with a plain message when the parameters do not define a distribution on λ ≥ 0. */
export function validateDistribution(d: PriceDistribution, what = 'price'): void {
  const bad = (msg: string) => {
    throw new Error(`${what}: ${msg}`);
  };
  switch (d.kind) {
    case 'fixed':
      if (!isPrice(d.value)) bad(`fixed value must be a number in [0, ${MAX_PRICE}], got ${d.value}`);
      return;
    case 'logUniform':
      if (!(d.min > 0 && d.max <= MAX_PRICE && d.max > d.min))
        bad(`log-uniform needs 0 < min < max <= ${MAX_PRICE}, got [${d.min}, ${d.max}]`);
      return;
    case 'logNormal':
      if (!(d.median > 0 && d.median <= MAX_PRICE && d.sigma >= 0 && d.sigma <= MAX_SIGMA))
        bad(
          `log-normal needs 0 < median <= ${MAX_PRICE} and 0 <= sigma <= ${MAX_SIGMA}, got median ${d.median}, sigma ${d.sigma}`,
        );
      return;
    case 'discrete': {
      if (d.values.length === 0 || d.values.length !== d.probs.length)
        bad('discrete needs as many probabilities as values (at least one)');
      if (!d.values.every(isPrice)) bad(`discrete values must be in [0, ${MAX_PRICE}]`);
      if (d.probs.some((p) => !(p >= 0))) bad('discrete probabilities must be >= 0');
      const total = d.probs.reduce((s, p) => s + p, 0);
      if (Math.abs(total - 1) > 1e-9) bad(`discrete probabilities must sum to 1, got ${total}`);
      return;
    }
  }
}

/** E[λ]: closed forms (log-uniform (max − min)/ln(max/min); log-normal median·e^{σ²/2}). */
export function distributionMean(d: PriceDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'logUniform':
      return (d.max - d.min) / Math.log(d.max / d.min);
    case 'logNormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'discrete':
      return d.values.reduce((s, v, i) => s + v * d.probs[i], 0);
  }
}

/** One draw by inversion (log-normal through the normal quantile, so one uniform per draw). */
export function sampleDistribution(d: PriceDistribution, rng: Rng): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'logUniform':
      return d.min * Math.pow(d.max / d.min, rng.uniform());
    case 'logNormal':
      return d.median * Math.exp(d.sigma * normalQuantile(rng.uniformOpen()));
    case 'discrete': {
      let u = rng.uniform();
      for (let i = 0; i < d.values.length; i++) {
        u -= d.probs[i];
        if (u < 0) return d.values[i];
      }
      return d.values[d.values.length - 1];
    }
  }
}

/**
 * Quadrature nodes and weights for E[f(λ)]: `n` bins of equal probability, each represented by
 * its conditional mean E[λ | bin], so the rule is exact for every f linear in λ (a fixed system's
 * reward) and errs only on the bins containing a kink of a tuned system's reward. Discrete and
 * fixed prices are returned exactly.
 */
export function quadratureNodes(d: PriceDistribution, n: number): { x: number[]; w: number[] } {
  switch (d.kind) {
    case 'fixed':
      return { x: [d.value], w: [1] };
    case 'discrete':
      return { x: [...d.values], w: [...d.probs] };
    case 'logUniform': {
      const r = Math.log(d.max / d.min);
      const x: number[] = [];
      for (let i = 0; i < n; i++) {
        const u0 = i / n;
        const u1 = (i + 1) / n;
        x.push((d.min * (Math.exp(r * u1) - Math.exp(r * u0))) / (r * (u1 - u0)));
      }
      return { x, w: x.map(() => 1 / n) };
    }
    case 'logNormal': {
      if (d.sigma === 0) return { x: [d.median], w: [1] };
      const mean = distributionMean(d);
      const x: number[] = [];
      for (let i = 0; i < n; i++) {
        const z0 = normalQuantile(i / n);
        const z1 = normalQuantile((i + 1) / n);
        // E[e^{σZ} | z0 < Z < z1] = e^{σ²/2}·(Φ(z1 − σ) − Φ(z0 − σ)) / (Φ(z1) − Φ(z0)), bin mass 1/n.
        // Differences of upper tails above the median avoid cancellation between two CDFs near 1.
        const a = z0 - d.sigma;
        const b = z1 - d.sigma;
        const mass = a > 0 ? sf(a) - sf(b) : cdf(b) - cdf(a);
        x.push(mean * mass * n);
      }
      return { x, w: x.map(() => 1 / n) };
    }
  }
}

/** Φ and 1 − Φ with the infinite ends of the first and last bins made explicit. */
function cdf(x: number): number {
  return x === -Infinity ? 0 : x === Infinity ? 1 : normalCdf(x);
}
function sf(x: number): number {
  return x === Infinity ? 0 : x === -Infinity ? 1 : normalSf(x);
}
