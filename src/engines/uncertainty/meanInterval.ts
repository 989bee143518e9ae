import { jStat } from 'jstat';
import { Rng } from '../numeric/rng';
import { CI_LEVEL, DEFAULT_REPLICATES, percentileInterval, type Interval } from './intervals';
import { fillUniformIndices } from './resample';

/** An interval and how it was made. */
export interface MethodInterval extends Interval {
  level: number;
  method: 'wilson' | 'bootstrap' | 'normal';
}

/**
 * Wilson score interval of a proportion (successes of n): closed form, no randomness, and unlike
 * the plain normal interval it stays inside [0, 1] and keeps near-nominal coverage for small n
 * and for proportions near 0 or 1. Null when n = 0.
 */
export function wilsonInterval(successes: number, n: number, level = CI_LEVEL): MethodInterval | null {
  if (!(n > 0)) return null;
  const z = twoSidedZ(level);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { ci_low: Math.max(0, centre - half), ci_high: Math.min(1, centre + half), level, method: 'wilson' };
}

/**
 * z₁₋₍₁₋level₎/₂, the normal quantile of a two-sided interval, by jstat: within 3.4e-14 of the
 * double-precision normalQuantile for levels up to 0.999 and 4e-12 up to 1 − 2e-6
 * (test/engines/numeric/jstatAccuracy.test.ts), far below the interval's own sampling error.
 */
function twoSidedZ(level: number): number {
  return jStat.normal.inv(1 - (1 - level) / 2, 0, 1);
}

/** Above this many resampled values (B × n) a mean's interval uses the normal approximation, which is accurate at that n. */
export const BOOTSTRAP_WORK_LIMIT = 4_000_000;

/**
 * Interval of the mean of `values`: percentile bootstrap (seeded; skewed costs are common and the
 * bootstrap needs no normality), or, when B × n exceeds BOOTSTRAP_WORK_LIMIT or replicates is 0,
 * mean ± z·sd/√n. Null for an empty sample.
 */
export function meanInterval(
  values: Float64Array,
  opts: { replicates?: number; seed?: number; level?: number } = {},
): MethodInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const level = opts.level ?? CI_LEVEL;
  const B = opts.replicates ?? DEFAULT_REPLICATES;
  if (B > 0 && B * n <= BOOTSTRAP_WORK_LIMIT) {
    // One column: summing the drawn values directly is one pass (bootstrapMeans counts first, for many columns).
    const rng = new Rng(opts.seed ?? 1);
    const reps = new Float64Array(B);
    const draws = new Int32Array(n);
    for (let b = 0; b < B; b++) {
      fillUniformIndices(rng, n, draws);
      let s = 0;
      for (let t = 0; t < n; t++) s += values[draws[t]];
      reps[b] = s / n;
    }
    return { ...percentileInterval(reps, level), level, method: 'bootstrap' };
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const half = n > 1 ? twoSidedZ(level) * Math.sqrt(ss / (n - 1) / n) : 0;
  return { ci_low: mean - half, ci_high: mean + half, level, method: 'normal' };
}

/** A 32-bit seed from a name and a base seed (FNV-1a), so each model's resamples do not depend on the others'. */
export function seedFor(name: string, base = 1): number {
  let h = 0x811c9dc5 ^ (base >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
