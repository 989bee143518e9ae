import { pauseDue, runSteps, type Steps } from '../cancellation';

/**
 * Σ = Uᵀ·diag(σ²)·U for a cluster whose principal axes are the rows of U (p×p, row-major) with
 * lengths σ; returned row-major.
 */
export function clusterCovariance(axes: Float64Array, lengths: Float64Array, p: number): Float64Array {
  return runSteps(clusterCovarianceSteps(axes, lengths, p));
}

/** clusterCovariance as steps: a pause after an axis when one is due (O(p²) work each). */
export function* clusterCovarianceSteps(axes: Float64Array, lengths: Float64Array, p: number): Steps<Float64Array> {
  const cov = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    addAxis(cov, axes, lengths[k] * lengths[k], k, p);
    if (pauseDue(p * p)) yield;
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) cov[i * p + j] = cov[j * p + i];
  return cov;
}

/** Adds σ_k²·u_k·u_kᵀ (upper triangle) for axis k. */
function addAxis(cov: Float64Array, axes: Float64Array, s2: number, k: number, p: number): void {
  const rk = k * p;
  for (let i = 0; i < p; i++) {
    const ui = axes[rk + i] * s2;
    if (ui === 0) continue;
    const ri = i * p;
    for (let j = i; j < p; j++) cov[ri + j] += ui * axes[rk + j];
  }
}
