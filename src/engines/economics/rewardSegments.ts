import { lowerEnvelope } from './lowerEnvelope';
import type { Candidate } from './types';

/**
 * One piece of a candidate's reward curve along one price axis: on [from, to] the train-optimal
 * operating point is `point` and the test reward is −(a + s·λ), λ being the price on the axis.
 */
export interface RewardSegment {
  from: number;
  to: number;
  point: number;
  a: number;
  s: number;
}

/**
 * The exact reward curve R(λ) = R(λ; θ*(λ)) (eq. 3.14) of a candidate as the price at metric index
 * `axis` (1 = latency, 2 = error, 3 = abstain, ...) runs over [lo, hi] and the other prices stay at
 * `weights`. θ*(λ) is the train-optimal point, which changes only where the lower envelope of the
 * train loss lines switches; between those breakpoints the test reward is linear in λ.
 */
export function rewardSegments(
  c: Candidate,
  weights: Float64Array,
  axis: number,
  lo: number,
  hi: number,
): RewardSegment[] {
  const { dim } = c;
  if (!(axis >= 1 && axis < dim)) throw new Error(`price axis must be in 1..${dim - 1}, got ${axis}`);
  const nPts = c.train.length / dim;
  const line = (m: Float64Array, j: number) => {
    let a = 0;
    for (let d = 0; d < dim; d++) if (d !== axis) a += weights[d] * m[j * dim + d];
    return { a, s: m[j * dim + axis] };
  };
  const trainLines = Array.from({ length: nPts }, (_, j) => line(c.train, j));
  return lowerEnvelope(trainLines, lo, hi).map((p) => ({
    from: p.from,
    to: p.to,
    point: p.index,
    ...line(c.test, p.index),
  }));
}

/** Reward of a segment list at λ (the segment containing λ; the last one beyond its end). */
export function rewardOnSegments(segments: readonly RewardSegment[], lambda: number): number {
  const seg = segments.find((s) => lambda <= s.to) ?? segments[segments.length - 1];
  return -(seg.a + seg.s * lambda);
}
