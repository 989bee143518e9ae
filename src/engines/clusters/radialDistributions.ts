/**
 * The twelve radial distributions a cluster can have (thesis §5.3, "Defining Clusters"). A point is
 * drawn as centre + axes·diag(lengths)·(direction × radius), with a uniform direction; the radius
 * comes from one univariate distribution X, rescaled so that P(|X| ≤ 1) = Φ(1) − Φ(−1) ≈ 0.6827,
 * the share of a standard normal within one standard deviation (the thesis's "68.2% quantile").
 * Every distribution is then on the scale of the normal, and cluster spread depends only on the
 * axis lengths.
 *
 * Shape parameters are NumPy's, with repliclust 1.0's defaults: t(df 5), Beta(2.5, 8.5), χ²(5),
 * Weibull(1.5), Gamma(3), Pareto/Lomax(10), F(7, 10), lognormal(σ 0.75); Gumbel(0, 1), Exp(1), U(0, 1).
 */
import type { Rng } from '../numeric/rng';
import {
  beta,
  chiSquare,
  standardExponential,
  fillStandardExponential,
  fillStandardNormal,
  fisherF,
  gamma,
  gumbel,
  lognormal,
  lomax,
  standardNormal,
  studentT,
  weibull,
} from '../numeric/distributions';

export const DISTRIBUTION_NAMES = [
  'normal',
  'standard_t',
  'exponential',
  'beta',
  'uniform',
  'chisquare',
  'gumbel',
  'weibull',
  'gamma',
  'pareto',
  'f',
  'lognormal',
] as const;
export type DistributionName = (typeof DISTRIBUTION_NAMES)[number];

export function isDistributionName(s: unknown): s is DistributionName {
  return typeof s === 'string' && (DISTRIBUTION_NAMES as readonly string[]).includes(s);
}

/** P(|Z| ≤ 1) for a standard normal Z: the coverage every radial distribution is pegged to. */
export const RADIAL_COVERAGE = 0.6826894921370859;

/**
 * q with P(|X| ≤ q) = RADIAL_COVERAGE for the unscaled X. Computed with SciPy 1.17 (`brentq` on
 * `dist.cdf(q) - dist.cdf(-q) - erf(1/sqrt(2))`, xtol 1e-15); re-checked in the tests against jstat.
 */
export const ABS_QUANTILE: Readonly<Record<DistributionName, number>> = {
  normal: 1.0,
  standard_t: 1.1105065783609558,
  exponential: 1.1478744644493182,
  beta: 0.27367415323399424,
  uniform: 0.6826894921370859,
  chisquare: 5.8875954459152,
  gumbel: 1.1407266884516842,
  weibull: 1.0963004603332076,
  gamma: 3.51920046186832,
  pareto: 0.12163500472521811,
  f: 1.3622249377511952,
  lognormal: 1.4282138918868064,
};

/** A sampler of X (unscaled) for each distribution, looked up once per point rather than per draw. */
const RAW_SAMPLERS: Readonly<Record<DistributionName, (rng: Rng) => number>> = {
  normal: standardNormal,
  standard_t: (rng) => studentT(rng, 5),
  exponential: standardExponential,
  beta: (rng) => beta(rng, 2.5, 8.5),
  uniform: (rng) => rng.uniform(),
  chisquare: (rng) => chiSquare(rng, 5),
  gumbel: gumbel,
  weibull: (rng) => weibull(rng, 1.5),
  gamma: (rng) => gamma(rng, 3),
  pareto: (rng) => lomax(rng, 10),
  f: (rng) => fisherF(rng, 7, 10),
  lognormal: (rng) => lognormal(rng, 0, 0.75),
};

/** Samplers that fill an array with the same draws as RAW_SAMPLERS' in a loop, faster (see fillStandardNormal). */
const BULK_SAMPLERS: Partial<Record<DistributionName, typeof fillStandardNormal>> = {
  normal: fillStandardNormal,
  exponential: fillStandardExponential,
};

/** One draw of |X|/q: the normalised univariate variable, with P(value ≤ 1) ≈ 0.6827. */
export function sampleRadial(rng: Rng, name: DistributionName): number {
  return Math.abs(RAW_SAMPLERS[name](rng)) / ABS_QUANTILE[name];
}

/**
 * The distance from the centre of one point of a p-dimensional cluster, before the axes stretch it:
 * the Euclidean norm of p independent normalised draws, √(Σ_d (|X_d|/q)²). This is what repliclust
 * 1.0 samples (`DistributionFromNumPy._sample_1d`); for the normal it is a χ_p variable, so a normal
 * cluster is exactly multivariate normal. A single draw scaled by √p (repliclust before its January
 * 2023 rewrite) has the same mean square but a far wider spread in p ≥ 2: in 10-D an exponential
 * cluster's median radius is then 0.62√p instead of ≈ 1.2√p, which makes its core denser and the
 * clusters easier to separate than the thesis's (see docs/synthetic-clusters.md, "Benchmark").
 * `scratch` (p numbers or more) lets the normal and exponential draws come in bulk (same numbers).
 */
export function sampleRadialNorm(rng: Rng, name: DistributionName, p: number, scratch?: Float64Array): number {
  // sampleRadial with the sampler and quantile looked up once: the same numbers, without keyed lookups per draw.
  const q = ABS_QUANTILE[name];
  const fill = BULK_SAMPLERS[name];
  let s = 0;
  if (fill && scratch && scratch.length >= p) {
    fill(rng, scratch, 0, p);
    for (let d = 0; d < p; d++) {
      const r = Math.abs(scratch[d]) / q;
      s += r * r;
    }
    return Math.sqrt(s);
  }
  const draw = RAW_SAMPLERS[name];
  for (let d = 0; d < p; d++) {
    const r = Math.abs(draw(rng)) / q;
    s += r * r;
  }
  return Math.sqrt(s);
}
