import { rewardSegments, type RewardSegment } from './rewardSegments';
import type { Candidate } from './types';

/** A price at which the preference between two candidates flips. */
export interface Crossover {
  price: number;
  /** Candidate preferred just below / just above `price`. */
  below: string;
  above: string;
  /** 'cross': the reward lines intersect; 'jump': a tuned candidate's θ*(λ) switches there and the order flips. */
  kind: 'cross' | 'jump';
}

export interface PairCrossovers {
  a: string;
  b: string;
  /** Preferred candidate at the low end of the range (null: equal rewards throughout). */
  betterAtLow: string | null;
  crossovers: Crossover[];
}

/**
 * Every price on axis `axis` in [lo, hi] at which candidates A and B swap places (section 3.4's
 * critical prices). For two fixed systems with only cost and error priced this is the closed form
 * λ_E* = (C_A − C_B) / (e_B − e_A); tuned systems are handled exactly through their piecewise-linear
 * reward curves (rewardSegments).
 */
export function pairCrossovers(
  A: Candidate,
  B: Candidate,
  weights: Float64Array,
  axis: number,
  lo = 0,
  hi = Infinity,
): PairCrossovers {
  const sa = rewardSegments(A, weights, axis, lo, hi);
  const sb = rewardSegments(B, weights, axis, lo, hi);
  const out: Crossover[] = [];
  let prevSign = 0;
  let firstSign = 0;
  let i = 0;
  let j = 0;
  let l = lo;
  const note = (price: number, sign: number, kind: Crossover['kind']) => {
    if (sign === 0) return;
    if (prevSign !== 0 && sign !== prevSign)
      out.push({ price, below: prevSign > 0 ? A.name : B.name, above: sign > 0 ? A.name : B.name, kind });
    if (firstSign === 0) firstSign = sign;
    prevSign = sign;
  };
  while (i < sa.length && j < sb.length) {
    const r = Math.min(sa[i].to, sb[j].to);
    const { d0, ds, scale } = diffLine(sa[i], sb[j]);
    // Sign just right of l, then a root strictly inside (l, r).
    note(l, signRightOf(d0, ds, l, scale), 'jump');
    if (ds !== 0) {
      const root = -d0 / ds;
      if (root > l && root < r) note(root, signRightOf(d0, ds, root, scale), 'cross');
    }
    l = r;
    if (sa[i].to === r) i++;
    if (sb[j].to === r) j++;
  }
  return {
    a: A.name,
    b: B.name,
    betterAtLow: firstSign === 0 ? null : firstSign > 0 ? A.name : B.name,
    crossovers: out,
  };
}

/** R_A − R_B = d0 + ds·λ on a common piece; `scale` sizes the rounding tolerance. */
function diffLine(a: RewardSegment, b: RewardSegment): { d0: number; ds: number; scale: number } {
  return { d0: b.a - a.a, ds: b.s - a.s, scale: Math.abs(a.a) + Math.abs(b.a) + Math.abs(a.s) + Math.abs(b.s) };
}

/** Sign of d0 + ds·λ just to the right of λ = x, with a relative tolerance for equal rewards. */
function signRightOf(d0: number, ds: number, x: number, scale: number): number {
  const v = d0 + ds * x;
  const tol = 1e-12 * scale * (1 + Math.abs(x));
  if (v > tol) return 1;
  if (v < -tol) return -1;
  if (Math.abs(ds) <= 1e-12 * scale) return 0;
  return ds > 0 ? 1 : -1;
}

/** pairCrossovers for every pair of candidates (i < j). */
export function crossoverTable(
  candidates: readonly Candidate[],
  weights: Float64Array,
  axis: number,
  lo = 0,
  hi = Infinity,
): PairCrossovers[] {
  const rows: PairCrossovers[] = [];
  for (let i = 0; i < candidates.length; i++)
    for (let j = i + 1; j < candidates.length; j++)
      rows.push(pairCrossovers(candidates[i], candidates[j], weights, axis, lo, hi));
  return rows;
}
