// Hand-written linear algebra against ml-matrix, at the sizes the engines use it (issue 17: a
// hand-written kernel stays only where it is at least 2× faster in a hot path). Each case prints the
// median time per call with the min–max over the repetitions, and the ratio of the medians.
//   - Cholesky factorisation and solve: the cluster generator factorises each cluster's p×p
//     covariance (sampleClusterPoints, separationField) and the exact overlap check factorises
//     ~70 p×p matrices per pair of clusters (exactGaussianOverlap, ldaAxis); p is the data dimension.
//   - Random rotation: each cluster's principal axes are a Haar-random orthogonal matrix, the Q
//     factor of a Gaussian matrix (randomOrthonormal: Gram–Schmidt; ml-matrix: Householder QR).
//   - Covariance: the preview projection accumulates the n×p data's covariance (projectTo2d);
//     its whole run, eigenvectors and projection included, is set against ml-matrix's covariance alone.
//   - Gaussian process (ml-matrix since issue 17): a fit and one acquisition round's predictions.
import { CholeskyDecomposition, Matrix, QrDecomposition, covariance } from 'ml-matrix';
import { randomOrthonormal } from '../src/engines/numeric/randomOrthonormal';
import { fillStandardNormal } from '../src/engines/numeric/distributions';
import { cholesky, choleskySolve } from '../src/engines/numeric/cholesky';
import { projectTo2d } from '../src/engines/clusters/projectTo2d';
import { fitGaussianProcess } from '../src/engines/tuning/gaussianProcess';
import { Rng } from '../src/engines/numeric/rng';

interface Timing {
  median: number;
  min: number;
  max: number;
}

function time(fn: () => void, reps: number): Timing {
  fn(); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { median: ts[Math.floor(reps / 2)], min: ts[0], max: ts[reps - 1] };
}

const ms = (t: Timing): string => `median ${t.median.toFixed(3)} ms (${t.min.toFixed(3)}–${t.max.toFixed(3)})`;

function compare(label: string, hand: Timing, lib: Timing): void {
  console.log(`${label}\n  hand-written ${ms(hand)}\n  ml-matrix    ${ms(lib)}`);
  console.log(`  hand-written ${(lib.median / hand.median).toFixed(1)}× faster (ratio of medians)`);
}

/** A random symmetric positive-definite p×p matrix G·Gᵀ + I, row-major. */
function randomSpd(rng: Rng, p: number): Float64Array {
  const g = Float64Array.from({ length: p * p }, () => rng.normal());
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += g[i * p + k] * g[j * p + k];
      a[i * p + j] = a[j * p + i] = s / p + (i === j ? 1 : 0);
    }
  return a;
}

function toMatrix(a: Float64Array, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, a[i * cols + j]);
  return m;
}

const rng = new Rng(17);
for (const p of [10, 100, 400]) {
  const a = randomSpd(rng, p);
  const reps = p >= 400 ? 9 : p >= 100 ? 51 : 501;
  compare(
    `Cholesky factorisation, p = ${p}`,
    time(() => cholesky(a, p), reps),
    time(() => new CholeskyDecomposition(toMatrix(a, p, p)), reps),
  );
}
{
  const p = 100;
  const a = randomSpd(rng, p);
  const b = Float64Array.from({ length: p }, () => rng.normal());
  const l = cholesky(a, p)!;
  const chol = new CholeskyDecomposition(toMatrix(a, p, p));
  const out = new Float64Array(p);
  compare(
    `Cholesky solve of one right-hand side, p = ${p} (per 100 solves)`,
    time(() => {
      for (let r = 0; r < 100; r++) choleskySolve(l, p, b, out);
    }, 51),
    time(() => {
      for (let r = 0; r < 100; r++) chol.solve(Matrix.columnVector(b));
    }, 51),
  );
}
for (const p of [10, 100]) {
  const g = new Float64Array(p * p);
  compare(
    `Random rotation (Gaussian draws included), p = ${p}`,
    time(() => randomOrthonormal(rng, p), p >= 100 ? 21 : 501),
    time(
      () => {
        fillStandardNormal(rng, g);
        return new QrDecomposition(toMatrix(g, p, p)).orthogonalMatrix;
      },
      p >= 100 ? 21 : 501,
    ),
  );
}
for (const [n, p] of [
  [700, 10],
  [4000, 100],
]) {
  const X = Float64Array.from({ length: n * p }, () => rng.normal());
  compare(
    `Covariance of ${n} × ${p} data (hand-written: the whole projectTo2d; ml-matrix: covariance alone)`,
    time(() => projectTo2d(X, p), 9),
    time(() => covariance(toMatrix(X, n, p)), 9),
  );
}
{
  const n = 60;
  const d = 4;
  const X = Array.from({ length: n }, () => Float64Array.from({ length: d }, () => rng.uniform()));
  const y = X.map((x) => Math.sin(6 * x[0]) + x[1] * x[2] + 0.1 * rng.normal());
  const cands = Array.from({ length: 1900 }, () => Float64Array.from({ length: d }, () => rng.uniform()));
  const t = time(() => {
    const gp = fitGaussianProcess(X, y)!;
    for (const c of cands) gp.predict(c);
  }, 9);
  console.log(`Gaussian process (ml-matrix): fit on ${n} points in ${d}-D and 1900 predictions\n  ${ms(t)}`);
}
