/**
 * 1 / max_r ‖x_r‖ over the rows of a row-major n×p array (1 when every row is zero): the factor
 * that scales the data so its longest row has norm 1 (thesis §5.3, before distortion or wrapping).
 */
export function inverseMaxRowNorm(X: Float64Array, p: number): number {
  const n = X.length / p;
  let maxNorm = 0;
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let d = 0; d < p; d++) s += X[r * p + d] ** 2;
    maxNorm = Math.max(maxNorm, Math.sqrt(s));
  }
  return maxNorm > 0 ? 1 / maxNorm : 1;
}
