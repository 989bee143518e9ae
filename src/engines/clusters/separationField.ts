/**
 * Fast evaluation of the pairwise separations q_ij (eq. 5.6) and their gradients with respect to the
 * centre difference δ = μ_j − μ_i, for fixed cluster shapes: the inner loop of centre placement.
 *
 * LDA mode (Theorem 6): with S = (Σ_i+Σ_j)/2, P = S⁻¹ and Q = PΣ_iP precomputed per pair,
 *   N = δᵀPδ, s_i² = δᵀQδ, s_j² = 2N − s_i² (because P(Σ_i+Σ_j)P = 2P), q = N/(s_i + s_j),
 * so one evaluation costs two matrix–vector products, and a pair of isotropic clusters is scalar.
 * C2C mode (appendix 4C): a = δ, N = |δ|², s_i² = δᵀΣ_iδ.
 * Gradient: ∇q = (∇N·(s_i+s_j) − N·(∇s_i + ∇s_j)) / (s_i+s_j)², with ∇s = ∇(s²)/(2s).
 */
import { choleskyInverseSteps, choleskySteps } from '../numeric/cholesky';
import { rowDots } from '../numeric/rowDots';
import { pauseDue, runSteps, type Steps } from '../cancellation';
import { clusterCovarianceSteps } from './clusterCovariance';
import { isIsotropic } from './isIsotropic';

export type OverlapMode = 'lda' | 'c2c';

export interface ClusterShape {
  /** Principal axes as rows of a p×p row-major matrix. */
  axes: Float64Array;
  /** Axis lengths σ (standard deviations along the axes for a Gaussian cluster). */
  lengths: Float64Array;
}

/** LDA tables above this many numbers fall back to C2C (memory). */
const MAX_TABLE_NUMBERS = 16_000_000;

export class SeparationField {
  readonly k: number;
  readonly p: number;
  readonly mode: OverlapMode;
  readonly warnings: string[] = [];
  private readonly cov: Float64Array[];
  private readonly shapes: readonly ClusterShape[];
  /** Isotropic variance per cluster, or NaN. */
  private readonly isoVar: Float64Array;
  /** Per pair (index i*k+j, and j*k+i too): scalar P and Q when both clusters are isotropic, else NaN. */
  private readonly pS: Float64Array;
  private readonly qS: Float64Array;
  /** P and Q of every pair that needs matrices, one after the other (2p² numbers per pair): one allocation, read in order. */
  private readonly tables: Float64Array;
  /** Per pair (index i*k+j): where its P starts in `tables` (Q follows), or -1. */
  private readonly tableAt: Int32Array;
  /**
   * In two dimensions (LDA mode), instead of `tables` and `tableAt`: the 2×2 P and Q of every pair
   * that needs matrices at (i·k + j)·8 and again at (j·k + i)·8, so that the separations of one
   * centre to all others (a step of the placement) read one stretch of memory. With the pairs stored
   * once, half of those reads jumped k·8 numbers each: a thousand 2-D clusters took ~8 s to place,
   * now ~3 s (2026-12-05), for 64·k² bytes instead of 36·k².
   */
  private readonly planeTables: Float64Array;
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly w: Float64Array;

  /**
   * With `deferred`, the covariances and per-pair tables (O(p³) per cluster and per pair) are left
   * for `buildSteps`, which the caller runs (e.g. with runStepsAsync, to stay cancellable).
   */
  constructor(
    shapes: readonly ClusterShape[],
    p: number,
    mode: OverlapMode = 'lda',
    opts: { deferred?: boolean } = {},
  ) {
    const k = shapes.length;
    this.k = k;
    this.p = p;
    this.shapes = shapes;
    this.isoVar = new Float64Array(k).fill(NaN);
    shapes.forEach((s, i) => {
      if (isIsotropic(s.lengths)) this.isoVar[i] = s.lengths[0] * s.lengths[0];
    });
    let needFull = 0;
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++) if (Number.isNaN(this.isoVar[i]) || Number.isNaN(this.isoVar[j])) needFull++;
    if (mode === 'lda' && needFull * 2 * p * p > MAX_TABLE_NUMBERS) {
      this.warnings.push(
        `overlap measured centre-to-centre: the LDA tables for ${k} clusters in ${p}D would need ${Math.round((needFull * 16 * p * p) / 1e6)} MB`,
      );
      mode = 'c2c';
    }
    this.mode = mode;
    this.cov = shapes.map(() => new Float64Array(0));
    this.pS = new Float64Array(k * k).fill(NaN);
    this.qS = new Float64Array(k * k).fill(NaN);
    const plane = mode === 'lda' && p === 2;
    this.tables = new Float64Array(mode === 'lda' && !plane ? needFull * 2 * p * p : 0);
    this.tableAt = new Int32Array(mode === 'lda' && !plane ? k * k : 0).fill(-1);
    this.planeTables = new Float64Array(plane && needFull > 0 ? k * k * 8 : 0);
    this.u = new Float64Array(p);
    this.v = new Float64Array(p);
    this.w = new Float64Array(p);
    if (!opts.deferred) runSteps(this.buildSteps());
  }

  /** Computes the covariances and per-pair tables, pausing after a matrix row when a pause is due (see the constructor's `deferred`). */
  *buildSteps(): Steps<void> {
    const { k, p } = this;
    for (let i = 0; i < k; i++) {
      if (Number.isNaN(this.isoVar[i]) || this.mode === 'c2c')
        this.cov[i] = yield* clusterCovarianceSteps(this.shapes[i].axes, this.shapes[i].lengths, p);
    }
    if (this.mode !== 'lda') return;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const idx = i * k + j;
        const vi = this.isoVar[i];
        const vj = this.isoVar[j];
        if (!Number.isNaN(vi) && !Number.isNaN(vj)) {
          const ps = 2 / (vi + vj);
          this.pS[idx] = ps;
          this.qS[idx] = ps * ps * vi;
          this.pS[j * k + i] = ps;
          this.qS[j * k + i] = ps * ps * vi;
        } else {
          yield* this.buildPair(i, j, idx);
        }
      }
    }
  }

  private nextTable = 0;

  /**
   * evaluate in two dimensions in LDA mode, for either order of i and j, without loops or the work
   * vectors: the separation of the pair as (min, max), every sum and product in the order evaluate's
   * loops take them (sums start from 0 as there), and the gradient negated for i > j, so the same
   * doubles. Most generated data sets are 2-D, and placing their centres is nearly all evaluate
   * calls (a thousand clusters: half a million pairs per pass); the pair's numbers are read at
   * index i·k + j, where they are stored for both orders.
   */
  private evaluatePlane(i: number, j: number, centers: Float64Array, grad: Float64Array | null): number {
    const flip = i > j;
    const a = flip ? j : i;
    const b = flip ? i : j;
    const w0 = centers[2 * b] - centers[2 * a];
    const w1 = centers[2 * b + 1] - centers[2 * a + 1];
    const idx = i * this.k + j;
    const ps = this.pS[idx];
    let u0: number;
    let u1: number;
    let v0: number;
    let v1: number;
    let n: number;
    let si2: number;
    if (ps === ps) {
      const qs = this.qS[idx];
      const dd = 0 + w0 * w0 + w1 * w1;
      u0 = ps * w0;
      u1 = ps * w1;
      v0 = qs * w0;
      v1 = qs * w1;
      n = ps * dd;
      si2 = qs * dd;
    } else {
      const m = this.planeTables;
      const at = idx * 8;
      u0 = 0 + m[at] * w0 + m[at + 1] * w1;
      u1 = 0 + m[at + 2] * w0 + m[at + 3] * w1;
      v0 = 0 + m[at + 4] * w0 + m[at + 5] * w1;
      v1 = 0 + m[at + 6] * w0 + m[at + 7] * w1;
      n = 0 + w0 * u0 + w1 * u1;
      si2 = 0 + w0 * v0 + w1 * v1;
    }
    const sj2 = Math.max(2 * n - si2, 0);
    const si = Math.sqrt(si2);
    const sj = Math.sqrt(sj2);
    const den = si + sj;
    if (!(n > 1e-300) || !(den > 0)) {
      if (grad) {
        grad[0] = flip ? -1 : 1;
        grad[1] = flip ? -0 : 0;
      }
      return 0;
    }
    if (grad) {
      const inv = 1 / (den * den);
      const isi = si > 0 ? 1 / si : 0;
      const isj = sj > 0 ? 1 / sj : 0;
      const g0 = (2 * u0 * den - n * (v0 * isi + (2 * u0 - v0) * isj)) * inv;
      const g1 = (2 * u1 * den - n * (v1 * isi + (2 * u1 - v1) * isj)) * inv;
      grad[0] = flip ? -g0 : g0;
      grad[1] = flip ? -g1 : g1;
    }
    return n / den;
  }

  /** Cluster i's covariance (at the scale of the shapes given) when buildSteps computed it (anisotropic clusters, or every cluster in C2C mode), else null. */
  covariance(i: number): Float64Array | null {
    return Number.isNaN(this.isoVar[i]) && this.cov[i].length ? this.cov[i] : null;
  }

  private fullCov(i: number): Float64Array {
    if (this.cov[i].length) return this.cov[i];
    const p = this.p;
    const c = new Float64Array(p * p);
    for (let d = 0; d < p; d++) c[d * p + d] = this.isoVar[i];
    this.cov[i] = c;
    return c;
  }

  private *buildPair(i: number, j: number, idx: number): Steps<void> {
    const p = this.p;
    const ci = this.fullCov(i);
    const cj = this.fullCov(j);
    const s = new Float64Array(p * p);
    for (let t = 0; t < p * p; t++) s[t] = 0.5 * (ci[t] + cj[t]);
    const l = yield* choleskySteps(s, p);
    if (!l) throw new Error(`clusters ${i} and ${j}: average covariance is not positive definite`);
    const pm = yield* choleskyInverseSteps(l, p);
    // Q = P·Σ_i·P (symmetric): W = Σ_i·P, Q = P·W. W is kept transposed (row c of wt is column c
    // of W), so both products are dot products of rows (rowDots): W[t][c] = Σ_s Σ_i[t][s]·P[c][s] as P
    // is symmetric, and Q[r][c] = Σ_t P[r][t]·wt[c][t]; each sum in the order of the plain product.
    const wt = new Float64Array(p * p);
    for (let t = 0; t < p; t++) {
      rowDots(ci, t * p, pm, 0, p, 0, p, 0, wt, t, p);
      if (pauseDue(p * p)) yield;
    }
    const qm = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      rowDots(pm, r * p, wt, 0, p, r, p, 0, qm, r * p, 1);
      for (let c = r + 1; c < p; c++) qm[c * p + r] = qm[r * p + c];
      if (pauseDue(p * p)) yield;
    }
    if (this.planeTables.length) {
      for (const at of [idx * 8, (j * this.k + i) * 8]) {
        this.planeTables.set(pm, at);
        this.planeTables.set(qm, at + 4);
      }
      return;
    }
    this.tables.set(pm, this.nextTable);
    this.tables.set(qm, this.nextTable + p * p);
    this.tableAt[idx] = this.nextTable;
    this.nextTable += 2 * p * p;
  }

  /** About the multiply-adds of one `evaluate` (the pair's two p×p tables times a vector), for `pauseDue`. */
  get evaluateWork(): number {
    return 2 * this.p * this.p + 8 * this.p;
  }

  /**
   * Separation q_ij for centres (row-major k×p); when `grad` is given, writes ∇_δ q there
   * (δ = μ_j − μ_i, so ∂q/∂μ_j = grad and ∂q/∂μ_i = −grad).
   */
  evaluate(i: number, j: number, centers: Float64Array, grad: Float64Array | null): number {
    if (this.p === 2 && this.mode === 'lda') return this.evaluatePlane(i, j, centers, grad);
    if (i > j) {
      const q = this.evaluate(j, i, centers, grad);
      if (grad) for (let d = 0; d < this.p; d++) grad[d] = -grad[d];
      return q;
    }
    const p = this.p;
    const { u, v, w } = this;
    const oi = i * p;
    const oj = j * p;
    for (let d = 0; d < p; d++) w[d] = centers[oj + d] - centers[oi + d];
    let n: number;
    let si2: number;
    let sj2: number;
    if (this.mode === 'lda') {
      const idx = i * this.k + j;
      const ps = this.pS[idx];
      if (!Number.isNaN(ps)) {
        const qs = this.qS[idx];
        let dd = 0;
        for (let d = 0; d < p; d++) {
          dd += w[d] * w[d];
          u[d] = ps * w[d];
          v[d] = qs * w[d];
        }
        n = ps * dd;
        si2 = qs * dd;
      } else {
        const at = this.tableAt[idx];
        rowDots(w, 0, this.tables, at, p, 0, p, 0, u, 0, 1);
        rowDots(w, 0, this.tables, at + p * p, p, 0, p, 0, v, 0, 1);
        n = dot(w, u, p);
        si2 = dot(w, v, p);
      }
      sj2 = Math.max(2 * n - si2, 0);
    } else {
      rowDots(w, 0, this.cov[i], 0, p, 0, p, 0, u, 0, 1);
      rowDots(w, 0, this.cov[j], 0, p, 0, p, 0, v, 0, 1);
      n = dot(w, w, p);
      si2 = dot(w, u, p);
      sj2 = dot(w, v, p);
    }
    const si = Math.sqrt(si2);
    const sj = Math.sqrt(sj2);
    const den = si + sj;
    if (!(n > 1e-300) || !(den > 0)) {
      // coincident centres: zero separation; push apart along the first coordinate
      if (grad) {
        grad.fill(0);
        grad[0] = 1;
      }
      return 0;
    }
    const q = n / den;
    if (grad) {
      const inv = 1 / (den * den);
      const isi = si > 0 ? 1 / si : 0;
      const isj = sj > 0 ? 1 / sj : 0;
      for (let d = 0; d < p; d++) {
        let gn: number;
        let gsi: number;
        let gsj: number;
        if (this.mode === 'lda') {
          gn = 2 * u[d];
          gsi = v[d] * isi;
          gsj = (2 * u[d] - v[d]) * isj;
        } else {
          gn = 2 * w[d];
          gsi = u[d] * isi;
          gsj = v[d] * isj;
        }
        grad[d] = (gn * den - n * (gsi + gsj)) * inv;
      }
    }
    return q;
  }
}

function dot(a: Float64Array, b: Float64Array, p: number): number {
  let s = 0;
  for (let d = 0; d < p; d++) s += a[d] * b[d];
  return s;
}
