import { kendallTau } from '../copula/kendallTau';
import { gumbelCdf, gumbelThetaFromTau } from '../copula/gumbelCopula';
import { fitMarginal, marginalCdf, type MarginalModel } from '../copula/marginalModel';

/** Grid sizes of the look-up tables (thresholds of the later model × of the earlier one). */
const NT = 257;
const NS = 65;

/**
 * The fitted Markov-copula model of a list of models (thesis §2.3): each model's marginal (eq.
 * 2.7–2.8), a Gumbel copula for every ordered pair i < j (θ = 1/(1 − τ), eq. 2.9–2.10) so that any
 * sub-cascade can be evaluated, each model's mean cost per query, and pre-computed look-up tables
 * for the conditional-correctness integrals of Proposition 2 (appendix 2B).
 */
export interface MarkovCopulaModel {
  models: string[];
  marginals: MarginalModel[];
  /** Kendall's τ on the training data, tau[i][j] for i < j (null: undefined); theta likewise. */
  tau: (number | null)[][];
  theta: number[][];
  /** Mean cost per query ($) of each model. */
  cost: number[];
  /** Internal tables (see buildTables); not meant for display. */
  tables: ModelTables;
}

export interface ModelTables {
  /** Per model: F on its t-grid (node NT−1 holds the left limit 1 − wMax) and ∫_t^{φmax} F. */
  cdf: Float64Array[];
  intCdf: Float64Array[];
  /** Per pair i < j (index i·m + j): H(s, t) = ∫_t^{φmax_j} C(F_i(s), F_j(φ))/F_i(s) dφ on NS × NT. */
  pairIntegral: (Float64Array | null)[];
  /** F_i on the s-grid of model i. */
  sCdf: Float64Array[];
}

export interface FitModelInput {
  models: string[];
  /** phi[m][q]: calibrated training confidence of model m on query q (same queries for all). */
  phi: ArrayLike<number>[];
  cost: number[];
}

/** Fits marginals and all pairwise copulas, then tabulates the integrals. */
export function fitMarkovCopulaModel(input: FitModelInput): MarkovCopulaModel {
  const m = input.models.length;
  const marginals = input.phi.map((p) => fitMarginal(p));
  const tau: (number | null)[][] = [];
  const theta: number[][] = [];
  for (let i = 0; i < m; i++) {
    tau.push(new Array<number | null>(m).fill(null));
    theta.push(new Array<number>(m).fill(1));
    for (let j = i + 1; j < m; j++) {
      tau[i][j] = kendallTau(input.phi[i], input.phi[j]);
      theta[i][j] = gumbelThetaFromTau(tau[i][j]);
    }
  }
  const model: MarkovCopulaModel = {
    models: [...input.models],
    marginals,
    tau,
    theta,
    cost: [...input.cost],
    tables: { cdf: [], intCdf: [], pairIntegral: [], sCdf: [] },
  };
  buildTables(model);
  return model;
}

function buildTables(model: MarkovCopulaModel): void {
  const m = model.models.length;
  const t = model.tables;
  for (let j = 0; j < m; j++) {
    const mg = model.marginals[j];
    const F = new Float64Array(NT);
    const h = (mg.phiMax - mg.phiMin) / (NT - 1);
    for (let a = 0; a < NT - 1; a++) F[a] = marginalCdf(mg, mg.phiMin + a * h);
    F[NT - 1] = 1 - mg.wMax;
    const I = new Float64Array(NT);
    for (let a = NT - 2; a >= 0; a--) I[a] = I[a + 1] + 0.5 * h * (F[a] + F[a + 1]);
    t.cdf.push(F);
    t.intCdf.push(I);
    const S = new Float64Array(NS);
    const hs = (mg.phiMax - mg.phiMin) / (NS - 1);
    for (let a = 0; a < NS; a++) S[a] = a === NS - 1 ? 1 - mg.wMax : marginalCdf(mg, mg.phiMin + a * hs);
    t.sCdf.push(S);
  }
  t.pairIntegral = new Array<Float64Array | null>(m * m).fill(null);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const th = model.theta[i][j];
      const Fj = t.cdf[j];
      const mj = model.marginals[j];
      const h = (mj.phiMax - mj.phiMin) / (NT - 1);
      const H = new Float64Array(NS * NT);
      const g = new Float64Array(NT);
      // Gumbel C(u, v) = exp(−(a + b)^{1/θ}) with a = (−ln u)^θ fixed per row and b = (−ln v)^θ per
      // column: precompute b once per pair (this loop is the model fit's hot spot).
      const bCol = Float64Array.from(Fj, (v) => (v > 0 && v < 1 ? Math.pow(-Math.log(v), th) : v <= 0 ? Infinity : 0));
      const inv = 1 / th;
      for (let s = 0; s < NS; s++) {
        const u = t.sCdf[i][s];
        const row = s * NT;
        if (u <= 0 || u >= 1 || th === 1) {
          for (let a = 0; a < NT; a++) g[a] = u > 0 ? gumbelCdf(u, Fj[a], th) / u : Fj[a];
        } else {
          const aRow = Math.pow(-Math.log(u), th);
          for (let a = 0; a < NT; a++)
            g[a] = bCol[a] === Infinity ? 0 : Math.exp(-Math.exp(inv * Math.log(aRow + bCol[a]))) / u;
        }
        H[row + NT - 1] = 0;
        for (let a = NT - 2; a >= 0; a--) H[row + a] = H[row + a + 1] + 0.5 * h * (g[a] + g[a + 1]);
      }
      t.pairIntegral[i * m + j] = H;
    }
  }
}

/** F_j(φ) from the table (linear interpolation; exact at φ ≥ φmax and below φmin). */
export function modelCdf(model: MarkovCopulaModel, j: number, phi: number): number {
  const mg = model.marginals[j];
  if (phi < mg.phiMin) return 0;
  if (phi >= mg.phiMax) return 1;
  const F = model.tables.cdf[j];
  const x = ((phi - mg.phiMin) / (mg.phiMax - mg.phiMin)) * (NT - 1);
  const a = Math.min(NT - 2, Math.floor(x));
  const w = x - a;
  return F[a] + w * (F[a + 1] - F[a]);
}

/** ∫_{Φ_j > t} φ dF_j(φ): the first model's correctness term of eq. 2.14 (integration by parts). */
export function firstModelIntegral(model: MarkovCopulaModel, j: number, t: number): number {
  const mg = model.marginals[j];
  if (t >= mg.phiMax) return 0;
  const tt = Math.max(t, mg.phiMin);
  const x = ((tt - mg.phiMin) / (mg.phiMax - mg.phiMin)) * (NT - 1);
  const a = Math.min(NT - 2, Math.floor(x));
  const w = x - a;
  const I = model.tables.intCdf[j];
  const intF = I[a] + w * (I[a + 1] - I[a]);
  const Ft = t < mg.phiMin ? 0 : modelCdf(model, j, t);
  return mg.phiMax - (t < mg.phiMin ? 0 : t * Ft) - intF;
}

/** P(Φ_j ≤ t | Φ_i ≤ s) = C_ij(F_i(s), F_j(t)) / F_i(s) (eq. 2.4 and the Markov step of 2.6). */
export function conditionalCdf(model: MarkovCopulaModel, i: number, j: number, s: number, t: number): number {
  const u = modelCdf(model, i, s);
  const v = modelCdf(model, j, t);
  if (u <= 0) return v;
  return Math.min(1, gumbelCdf(u, v, model.theta[i][j]) / u);
}

/**
 * ∫_{Φ_j > t} φ dP(φ | Φ_i ≤ s) (eq. 10 of appendix 2B) = φmax − t·G(t) − ∫_t^{φmax} G, with
 * G = P(Φ_j ≤ · | Φ_i ≤ s); `t` below φmin_j gives the full conditional mean.
 */
export function pairIntegral(model: MarkovCopulaModel, i: number, j: number, s: number, t: number): number {
  const mi = model.marginals[i];
  const mj = model.marginals[j];
  if (t >= mj.phiMax) return 0;
  const H = model.tables.pairIntegral[i * model.models.length + j]!;
  const xs = Math.min(NS - 1, Math.max(0, ((s - mi.phiMin) / (mi.phiMax - mi.phiMin || 1)) * (NS - 1)));
  const tt = Math.max(t, mj.phiMin);
  const xt = ((tt - mj.phiMin) / (mj.phiMax - mj.phiMin || 1)) * (NT - 1);
  const a = Math.min(NS - 2, Math.floor(xs));
  const b = Math.min(NT - 2, Math.floor(xt));
  const ws = xs - a;
  const wt = xt - b;
  const r0 = a * NT + b;
  const r1 = r0 + NT;
  const h = (1 - ws) * ((1 - wt) * H[r0] + wt * H[r0 + 1]) + ws * ((1 - wt) * H[r1] + wt * H[r1 + 1]);
  const G = t < mj.phiMin ? 0 : conditionalCdf(model, i, j, s, t);
  return mj.phiMax - (t < mj.phiMin ? 0 : t * G) - h;
}
