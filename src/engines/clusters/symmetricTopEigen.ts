/**
 * The k largest eigenvalues (algebraically) and their eigenvectors of a symmetric n×n operator given
 * only as a product `apply(x, out)`, whose spectrum lies in [lowerBound, ∞): Chebyshev-filtered
 * subspace iteration (Zhou & Saad, "A Chebyshev–Davidson algorithm for large symmetric
 * eigenproblems", SIAM J. Matrix Anal. Appl. 29, 2007; Saad, "Numerical Methods for Large Eigenvalue
 * Problems", 2nd ed. 2011, §7.4). A block of b = k + 8 vectors is passed through the degree-d
 * Chebyshev polynomial that is bounded by 1 on [lowerBound, c] (c = the smallest Ritz value of the
 * block, an estimate of the unwanted part of the spectrum) and grows fast above it; the block is then
 * orthonormalised (Gram–Schmidt, twice) and rotated by Rayleigh–Ritz, whose small b×b eigenproblem
 * ml-matrix's symmetric eigen decomposition solves; until the top k Ritz pairs have residuals
 * ‖Ay − θy‖ ≤ tol·max(1, |θ|).
 *
 * A block (unlike single-vector Lanczos) finds repeated eigenvalues too, which spectral clustering
 * needs: a graph with c connected components has eigenvalue 1 c times. The filter matters because
 * those eigenvalues crowd near 1 (12 clusters: the top 12 within 0.02 of 1): an unfiltered restarted
 * block Krylov run took 6 s on 1200 points where this takes a fraction of a second. ml-matrix's dense
 * decomposition of the whole matrix takes 10 s at n = 700 and a minute at 1200 (measured), so it is
 * used for the whole matrix only when n ≤ DENSE_MAX.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Rng } from '../numeric/rng';
import { standardNormal } from '../numeric/distributions';

/** Below this size the operator is written out and diagonalised densely. */
export const DENSE_MAX = 160;

export interface TopEigen {
  /** The k largest eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvector i is vectors[i] (unit length). */
  vectors: Float64Array[];
  /** True when every returned pair met the residual tolerance (always true for the dense path). */
  converged: boolean;
}

export interface TopEigenOptions {
  /** Residual tolerance ‖Ay − θy‖ ≤ tol·max(1, |θ|) (default 1e-6). */
  tol?: number;
  /** A lower bound of the spectrum (default −1, right for a normalised affinity D^{-1/2}WD^{-1/2}). */
  lowerBound?: number;
  /** Degree of the Chebyshev filter (default 16). */
  degree?: number;
  /** Filter–Rayleigh–Ritz rounds before giving up (default 300; the result then says converged: false). */
  maxIterations?: number;
  signal?: AbortSignal;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Symmetric eigen decomposition of a small dense matrix, eigenpairs sorted by decreasing value. */
function denseEigen(T: Matrix): { values: number[]; vectors: Matrix } {
  const e = new EigenvalueDecomposition(T, { assumeSymmetric: true });
  const order = e.realEigenvalues.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]);
  const V = e.eigenvectorMatrix;
  const sorted = new Matrix(T.rows, T.rows);
  order.forEach(([, j], c) => {
    for (let r = 0; r < T.rows; r++) sorted.set(r, c, V.get(r, j));
  });
  return { values: order.map(([v]) => v), vectors: sorted };
}

export function symmetricTopEigen(
  apply: (x: Float64Array, out: Float64Array) => void,
  n: number,
  k: number,
  rng: Rng,
  opts: TopEigenOptions = {},
): TopEigen {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`symmetricTopEigen: k = ${k} must be in 1..${n}`);
  const tol = opts.tol ?? 1e-6;
  if (n <= DENSE_MAX) return denseTop(apply, n, k);
  const b = Math.min(n, k + 8);
  const degree = opts.degree ?? 16;
  const lower = opts.lowerBound ?? -1;
  const maxIter = opts.maxIterations ?? 300;
  let X = orthonormal(
    Array.from({ length: b }, () => Float64Array.from({ length: n }, () => standardNormal(rng))),
    n,
  );
  let best: TopEigen | null = null;
  for (let it = 0; it < maxIter; it++) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
    const rr = rayleighRitz(X, apply, k, tol);
    best = rr.top;
    if (best.converged) return best;
    X = orthonormal(chebyshevFilter(rr.block, apply, degree, lower, rr.smallest), n);
    if (X.length < k)
      X = orthonormal(
        [
          ...X,
          ...Array.from({ length: b - X.length }, () => Float64Array.from({ length: n }, () => standardNormal(rng))),
        ],
        n,
      );
  }
  return best!;
}

/** The whole operator written out and diagonalised by ml-matrix. */
function denseTop(apply: (x: Float64Array, out: Float64Array) => void, n: number, k: number): TopEigen {
  const A = new Matrix(n, n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    apply(e, col);
    for (let i = 0; i < n; i++) A.set(i, j, col[i]);
  }
  const { values, vectors } = denseEigen(A.add(A.transpose()).mul(0.5));
  return {
    values: Float64Array.from(values.slice(0, k)),
    vectors: Array.from({ length: k }, (_, c) => Float64Array.from(vectors.getColumn(c))),
    converged: true,
  };
}

/** Gram–Schmidt (twice) of a list of vectors; vectors that fall into the span of earlier ones are dropped. */
function orthonormal(vs: Float64Array[], n: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of vs) {
    const before = Math.sqrt(dot(v, v));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of out) {
        const c = dot(q, v);
        for (let i = 0; i < n; i++) v[i] -= c * q[i];
      }
    }
    const norm = Math.sqrt(dot(v, v));
    if (!(norm > 1e-10 * Math.max(before, 1e-300))) continue;
    for (let i = 0; i < n; i++) v[i] /= norm;
    out.push(v);
  }
  return out;
}

/** Rayleigh–Ritz on the orthonormal block X: the rotated block (largest Ritz value first), its top k pairs, and its smallest Ritz value. */
function rayleighRitz(
  X: Float64Array[],
  apply: (x: Float64Array, out: Float64Array) => void,
  k: number,
  tol: number,
): { block: Float64Array[]; top: TopEigen; smallest: number } {
  const m = X.length;
  const n = X[0].length;
  const AX = X.map((x) => {
    const out = new Float64Array(n);
    apply(x, out);
    return out;
  });
  const T = new Matrix(m, m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const t = 0.5 * (dot(X[i], AX[j]) + dot(X[j], AX[i]));
      T.set(i, j, t);
      T.set(j, i, t);
    }
  }
  const { values, vectors: Y } = denseEigen(T);
  const block: Float64Array[] = [];
  const top: Float64Array[] = [];
  let converged = m >= k;
  for (let c = 0; c < m; c++) {
    const y = new Float64Array(n);
    const ay = new Float64Array(n);
    for (let j = 0; j < m; j++) {
      const w = Y.get(j, c);
      if (w === 0) continue;
      for (let i = 0; i < n; i++) {
        y[i] += w * X[j][i];
        ay[i] += w * AX[j][i];
      }
    }
    block.push(y);
    if (c < k) {
      let r = 0;
      for (let i = 0; i < n; i++) r += (ay[i] - values[c] * y[i]) ** 2;
      if (Math.sqrt(r) > tol * Math.max(1, Math.abs(values[c]))) converged = false;
      top.push(y);
    }
  }
  return {
    block,
    top: { values: Float64Array.from(values.slice(0, k)), vectors: top, converged },
    smallest: values[m - 1],
  };
}

/**
 * T_d(L(A))·x for every x of the block, L mapping [lower, upper] onto [−1, 1] (three-term recurrence,
 * rescaled at each step so the largest Ritz direction keeps unit size and nothing overflows).
 */
function chebyshevFilter(
  block: Float64Array[],
  apply: (x: Float64Array, out: Float64Array) => void,
  d: number,
  lower: number,
  upper: number,
): Float64Array[] {
  const n = block[0].length;
  if (!(upper > lower + 1e-12))
    return block.map((x) => {
      const out = new Float64Array(n);
      apply(x, out);
      return out;
    });
  const e = (upper - lower) / 2;
  const c = (upper + lower) / 2;
  const tmp = new Float64Array(n);
  return block.map((x) => {
    let prev = Float64Array.from(x);
    apply(prev, tmp);
    let cur = new Float64Array(n);
    for (let i = 0; i < n; i++) cur[i] = (tmp[i] - c * prev[i]) / e;
    for (let j = 2; j <= d; j++) {
      apply(cur, tmp);
      const next = new Float64Array(n);
      let norm = 0;
      for (let i = 0; i < n; i++) {
        next[i] = (2 * (tmp[i] - c * cur[i])) / e - prev[i];
        norm += next[i] * next[i];
      }
      // a common rescaling of the last two terms keeps the recurrence exact and bounded
      const s = norm > 1e100 ? 1 / Math.sqrt(norm) : 1;
      if (s !== 1)
        for (let i = 0; i < n; i++) {
          next[i] *= s;
          cur[i] *= s;
        }
      prev = cur;
      cur = next;
    }
    return cur;
  });
}
