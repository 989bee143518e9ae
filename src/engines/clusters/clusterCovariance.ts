/**
 * Σ = Uᵀ·diag(σ²)·U for a cluster whose principal axes are the rows of U (p×p, row-major) with
 * lengths σ; returned row-major.
 */
export function clusterCovariance(axes: Float64Array, lengths: Float64Array, p: number): Float64Array {
  const cov = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const s2 = lengths[k] * lengths[k];
    const rk = k * p;
    for (let i = 0; i < p; i++) {
      const ui = axes[rk + i] * s2;
      if (ui === 0) continue;
      const ri = i * p;
      for (let j = i; j < p; j++) cov[ri + j] += ui * axes[rk + j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) cov[i * p + j] = cov[j * p + i];
  return cov;
}
