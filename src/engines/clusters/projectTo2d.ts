import { runSteps, type Steps } from '../cancellation';
import { Rng } from '../numeric/rng';
import { symmetricTopEigen, type TopEigen } from './symmetricTopEigen';

/** Seed of the block iteration's start vectors (above DENSE_MAX dimensions). */
const PCA_SEED = 20_251_204;

/**
 * A 2-D view of p-dimensional data for the preview scatter: the data themselves when p ≤ 2, else the
 * first two principal components (the leading eigenvectors of the sample covariance, see
 * principalAxes). Returns row-major n×2 and the share of variance the two components explain.
 *
 * The covariance is accumulated by a plain loop over the rows' upper triangles: bench/linearAlgebra.bench.ts
 * measures it at ≥ 2× faster than copying the data into an ml-matrix Matrix and calling its
 * `covariance` (4000 × 100 and 700 × 10 samples), and it pauses between rows for cancellation.
 */
export function projectTo2d(X: Float64Array, p: number): { xy: Float64Array; explained: number | null } {
  return runSteps(projectTo2dSteps(X, p));
}

/** projectTo2d as steps: a pause every million or so multiply-adds; `signal` also stops the eigen iteration above DENSE_MAX dimensions. */
export function* projectTo2dSteps(
  X: Float64Array,
  p: number,
  signal?: AbortSignal,
): Steps<{ xy: Float64Array; explained: number | null }> {
  const n = X.length / p;
  const xy = new Float64Array(n * 2);
  if (p <= 2) {
    for (let i = 0; i < n; i++) {
      xy[2 * i] = X[i * p];
      xy[2 * i + 1] = p === 2 ? X[i * p + 1] : 0;
    }
    return { xy, explained: null };
  }
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let d = 0; d < p; d++) mean[d] += X[i * p + d];
  for (let d = 0; d < p; d++) mean[d] /= n;
  const cov = new Float64Array(p * p);
  const row = new Float64Array(p);
  const rowsPerPause = Math.max(1, Math.floor((1 << 20) / (p * p)));
  for (let i = 0; i < n; i++) {
    addOuterProduct(X, i, mean, row, cov, p);
    if (i % rowsPerPause === 0) yield;
  }
  let trace = 0;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) cov[b * p + a] = cov[a * p + b];
    trace += cov[a * p + a];
  }
  yield;
  const top = principalAxes(cov, p, signal);
  const v = top.vectors;
  for (let i = 0; i < n; i++) {
    if (i % rowsPerPause === 0) yield;
    let s0 = 0;
    let s1 = 0;
    for (let d = 0; d < p; d++) {
      const x = X[i * p + d] - mean[d];
      s0 += x * v[0][d];
      s1 += x * v[1][d];
    }
    xy[2 * i] = s0;
    xy[2 * i + 1] = s1;
  }
  const explained = trace > 0 ? Math.min(1, Math.max(0, (top.values[0] + top.values[1]) / trace)) : null;
  return { xy, explained };
}

/** Adds the outer product of centred row i (upper triangle) to cov. */
function addOuterProduct(
  X: Float64Array,
  i: number,
  mean: Float64Array,
  row: Float64Array,
  cov: Float64Array,
  p: number,
): void {
  for (let d = 0; d < p; d++) row[d] = X[i * p + d] - mean[d];
  for (let a = 0; a < p; a++) {
    const ra = row[a];
    for (let b = a; b < p; b++) cov[a * p + b] += ra * row[b];
  }
}

/**
 * The two leading eigenpairs of the covariance matrix (p ≥ 3) by symmetricTopEigen: ml-matrix's
 * dense symmetric eigen decomposition up to DENSE_MAX dimensions, Chebyshev-filtered block
 * iteration (with a fixed seed, so the preview is reproducible) above. A covariance is positive
 * semi-definite, so its spectrum lies in [0, ∞).
 */
function principalAxes(cov: Float64Array, p: number, signal?: AbortSignal): TopEigen {
  const apply = (x: Float64Array, out: Float64Array): void => {
    for (let a = 0; a < p; a++) {
      let s = 0;
      const ra = a * p;
      for (let b = 0; b < p; b++) s += cov[ra + b] * x[b];
      out[a] = s;
    }
  };
  return symmetricTopEigen(apply, p, 2, new Rng(PCA_SEED), { lowerBound: 0, tol: 1e-8, signal });
}
