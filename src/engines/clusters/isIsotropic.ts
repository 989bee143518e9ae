/**
 * Whether a cluster's axis lengths are all equal (to 1e-12 relative, the rounding of lengths drawn
 * for a round cluster): then it is a ball, its covariance l0²·I, and the generator takes its scalar
 * paths (no rotation, no Cholesky factor, scalar overlap numbers).
 */
export function isIsotropic(lengths: ArrayLike<number>): boolean {
  const l0 = lengths[0];
  for (let d = 0; d < lengths.length; d++) if (!(Math.abs(lengths[d] - l0) <= 1e-12 * l0)) return false;
  return true;
}
