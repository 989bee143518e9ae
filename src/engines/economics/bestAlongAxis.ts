import { lowerEnvelope } from './lowerEnvelope';
import { rewardSegments } from './rewardSegments';
import type { Candidate } from './types';

/** On [from, to] of the price axis, candidate `best` has the highest test reward. */
export interface Regime {
  from: number;
  to: number;
  best: number;
}

/**
 * The optimal system θ*(λ) (eq. 3.13) as one price runs over [lo, hi] with the others fixed: the
 * intervals on which each candidate is best. Interval ends are the exact critical prices (section
 * 3.4), found from the piecewise-linear reward curves, not from a grid.
 */
export function bestAlongAxis(
  candidates: readonly Candidate[],
  weights: Float64Array,
  axis: number,
  lo = 0,
  hi = Infinity,
): Regime[] {
  if (candidates.length === 0) return [];
  const segs = candidates.map((c) => rewardSegments(c, weights, axis, lo, hi));
  const cuts = [...new Set(segs.flatMap((s) => s.map((g) => g.to)).concat(lo))].sort((a, b) => a - b);
  const regimes: Regime[] = [];
  const pos = new Array<number>(candidates.length).fill(0);
  for (let c = 1; c < cuts.length; c++) {
    const l = cuts[c - 1];
    const r = cuts[c];
    const lines = segs.map((s, k) => {
      while (s[pos[k]].to < r) pos[k]++;
      return { a: s[pos[k]].a, s: s[pos[k]].s };
    });
    // Highest reward = lowest loss; prefer the earlier candidate at exact ties (stable order).
    for (const piece of lowerEnvelope(lines, l, r)) {
      const last = regimes[regimes.length - 1];
      if (last && last.best === piece.index) last.to = piece.to;
      else regimes.push({ from: piece.from, to: piece.to, best: piece.index });
    }
  }
  return regimes;
}
