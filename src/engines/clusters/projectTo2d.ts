import { runSteps, type Steps } from '../cancellation';

/**
 * A 2-D view of p-dimensional data for the preview scatter: the data themselves when p ≤ 2, else the
 * first two principal components (eigenvectors of the sample covariance, by subspace iteration with
 * Gram–Schmidt, 200 sweeps at most; deterministic start). Returns row-major n×2 and the share of
 * variance the two components explain.
 */
export function projectTo2d(X: Float64Array, p: number): { xy: Float64Array; explained: number | null } {
  return runSteps(projectTo2dSteps(X, p));
}

/** projectTo2d as steps: a pause every million or so multiply-adds. */
export function* projectTo2dSteps(X: Float64Array, p: number): Steps<{ xy: Float64Array; explained: number | null }> {
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
  for (let i = 0; i < n; i++) for (let d = 0; d < p; d++) mean[d] += X[i * p + d] / n;
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
  // two vectors, deterministic non-degenerate start
  let v = [
    Float64Array.from({ length: p }, (_, d) => 1 + d / p),
    Float64Array.from({ length: p }, (_, d) => (d % 2 ? 1 : -1) * (1 + d)),
  ];
  const w = [new Float64Array(p), new Float64Array(p)];
  let lambda = [0, 0];
  for (let it = 0; it < 200; it++) {
    yield;
    for (let c = 0; c < 2; c++) {
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let b = 0; b < p; b++) s += cov[a * p + b] * v[c][b];
        w[c][a] = s;
      }
    }
    // Gram–Schmidt
    const n0 = norm(w[0]) || 1;
    for (let a = 0; a < p; a++) w[0][a] /= n0;
    let dot = 0;
    for (let a = 0; a < p; a++) dot += w[1][a] * w[0][a];
    for (let a = 0; a < p; a++) w[1][a] -= dot * w[0][a];
    const n1 = norm(w[1]) || 1;
    for (let a = 0; a < p; a++) w[1][a] /= n1;
    let change = 0;
    for (let a = 0; a < p; a++)
      change = Math.max(
        change,
        Math.abs(Math.abs(w[0][a]) - Math.abs(v[0][a])),
        Math.abs(Math.abs(w[1][a]) - Math.abs(v[1][a])),
      );
    lambda = [n0, n1];
    v = [Float64Array.from(w[0]), Float64Array.from(w[1])];
    if (change < 1e-10) break;
  }
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
  return { xy, explained: trace > 0 ? (lambda[0] + lambda[1]) / trace : null };
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

/** Euclidean length of a vector (a loop: spreading p numbers into Math.hypot fails for large p). */
function norm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
