import { gumbelCopulaGofTest } from '../copula/kendallTransformCvm';
import { kendallTau } from '../copula/kendallTau';
import { sampleGumbel } from '../copula/gumbelCopula';
import { marginalCvmTest } from '../copula/marginalCvm';
import { marginalDensity, type MarginalModel } from '../copula/marginalModel';
import { markovPredictorTable, type MarkovPredictorRow } from '../copula/markovPredictors';
import { expectedCalibrationError } from '../calibration/expectedCalibrationError';
import { Rng } from '../numeric/rng';
import { fitCascade, type TuneCascadeOptions } from './tuneCascade';
import { maxOf, minOf } from '../../shared/arrays';

export interface MarginalDiagnostic {
  model: string;
  marginal: MarginalModel;
  /** Histogram of the evaluated split's calibrated confidences: bin edges (length bins + 1) and densities. */
  histogram: { edges: number[]; density: number[]; count: number[] };
  /** Fitted continuous density on a grid over (φmin, φmax) (the point masses are `marginal.wMin/wMax`). */
  density: { x: number[]; y: number[] };
  /** Share of the evaluated split at or below φmin / at or above φmax of the fit. */
  shareAtMin: number;
  shareAtMax: number;
  sqrtCvm: number;
  pValue: number;
  ece10: number | null;
}

export interface CopulaDiagnostic {
  from: string;
  to: string;
  /** The model's θ, fitted on the training split (drawn in `gumbelSample`). */
  theta: number;
  tauTrain: number | null;
  tauEval: number | null;
  /** θ = 1/(1 − τ) fitted to the evaluated split: the null hypothesis of the goodness-of-fit test. */
  thetaEval: number;
  /** Pseudo-observations (ranks / (n + 1)) of the evaluated split and as many Gumbel(θ) draws. */
  pseudo: { u: number[]; v: number[] };
  gumbelSample: { u: number[]; v: number[] };
  /** √n·CvM of thesis Table 2.4 (Kendall-transform statistic; values of order 10⁻³). */
  sqrtNCvm: number;
  /** Its parametric-bootstrap p-value and the number of bootstrap replicates. */
  pValue: number;
  replicates: number;
}

/** Plot data and tests of thesis §2.4 "Practical Guidelines", with the ones that look bad flagged. */
export interface CascadeDiagnostics {
  models: string[];
  split: string;
  n: number;
  marginals: MarginalDiagnostic[];
  copulas: CopulaDiagnostic[];
  /** Kendall's τ between every pair on the evaluated split (the Markov heatmap; diagonal 1). */
  tau: (number | null)[][];
  markov: MarkovPredictorRow[];
  flags: string[];
  problems: { model: string; message: string }[];
  warnings: string[];
}

export interface DiagnosticsOptions extends Omit<TuneCascadeOptions, 'cascade' | 'methods'> {
  models: string[];
  /** Split the diagnostics are evaluated on (default: the test split). */
  split?: 'test' | 'train';
  /** Parametric-bootstrap replicates of the marginal tests (default 100); the copula tests use twice as many (thesis: 1,000). */
  bootstrapTests?: number;
}

const ranks = (x: ArrayLike<number>): number[] => {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(n);
  order.forEach((i, k) => (r[i] = (k + 1) / (n + 1)));
  return r;
};

/** The evaluated split (its name and number of queries), the bootstrap's generator and size, and the flags raised so far. */
interface CheckContext {
  splitName: string;
  n: number;
  rng: Rng;
  B: number;
  flags: string[];
}

/**
 * The diagnostic of one model's marginal on the evaluated split (its confidences `phi` and
 * correctness): 20-bin histogram, fitted density, point-mass shares, √CvM test and ECE; flags a
 * significant misfit and an ECE above 10%.
 */
function marginalDiagnostic(
  name: string,
  mg: MarginalModel,
  phi: Float64Array,
  correct: Uint8Array,
  ctx: CheckContext,
): MarginalDiagnostic {
  const { splitName, n, rng, B, flags } = ctx;
  const lo = Math.min(mg.phiMin, minOf(phi));
  const hi = Math.max(mg.phiMax, maxOf(phi));
  const bins = 20;
  const edges = Array.from({ length: bins + 1 }, (_, b) => lo + ((hi - lo) * b) / bins);
  const count = new Array<number>(bins).fill(0);
  for (const v of phi) count[Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo || 1)) * bins)))]++;
  const width = (hi - lo) / bins || 1;
  const xs = Array.from({ length: 101 }, (_, g) => mg.phiMin + ((mg.phiMax - mg.phiMin) * (g + 0.5)) / 101);
  const t = marginalCvmTest(mg, phi, rng, B);
  if (t.pValue < 0.05 && t.sqrtCvm > 0.05)
    flags.push(
      `${name}: the fitted marginal departs from the ${splitName} confidences (√CvM = ${t.sqrtCvm.toFixed(3)}, p = ${t.pValue.toFixed(3)})`,
    );
  const ece = expectedCalibrationError(phi, correct, 10).ece;
  if (ece !== null && ece > 0.1)
    flags.push(`${name}: ${splitName} ECE ${(100 * ece).toFixed(1)}% is above the 10% guideline`);
  return {
    model: name,
    marginal: mg,
    histogram: { edges, density: count.map((c) => c / (n * width)), count },
    density: { x: xs, y: xs.map((x) => marginalDensity(mg, x)) },
    shareAtMin: phi.filter((v) => v <= mg.phiMin).length / n,
    shareAtMax: phi.filter((v) => v >= mg.phiMax).length / n,
    sqrtCvm: t.sqrtCvm,
    pValue: t.pValue,
    ece10: ece,
  };
}

/**
 * Diagnostics of the Markov-copula model for a chain of models: marginal fit vs histogram with the
 * point masses and √CvM (Table 2.5), copula scatter vs Gumbel samples and the Kendall-transform
 * test (Table 2.4), the τ heatmap (Fig. 2.1) and the Markov-predictor regressions (Table 2.3).
 * Models are fitted on the training split and evaluated on `split`; the copula test, as the
 * thesis' code runs it, tests the Gumbel family on `split` with θ re-fitted there (the training θ
 * and both τ are reported beside it).
 */
export function cascadeDiagnostics(opts: DiagnosticsOptions): CascadeDiagnostics {
  const { data, model } = fitCascade(opts);
  const splitName = opts.split ?? 'test';
  const ev = splitName === 'train' ? data.train : data.test;
  const n = ev.queryIds.length;
  const base = { models: [...opts.models], split: splitName, n, problems: data.problems, warnings: data.warnings };
  if (!model || n < 5)
    return {
      ...base,
      marginals: [],
      copulas: [],
      tau: [],
      markov: [],
      flags: n < 5 ? [`only ${n} ${splitName} queries: too few for diagnostics`] : [],
    };
  const rng = new Rng(opts.seed ?? 1);
  const B = opts.bootstrapTests ?? 100;
  const flags: string[] = [];
  const m = opts.models.length;
  const marginals = opts.models.map((name, i): MarginalDiagnostic => {
    opts.signal?.throwIfAborted();
    return marginalDiagnostic(name, model.marginals[i], ev.phi[i], ev.correct[i], { splitName, n, rng, B, flags });
  });
  const copulas: CopulaDiagnostic[] = [];
  for (let j = 1; j < m; j++) {
    opts.signal?.throwIfAborted();
    const theta = model.theta[j - 1][j];
    const x = ev.phi[j - 1];
    const y = ev.phi[j];
    const t = gumbelCopulaGofTest(x, y, rng, 2 * B, opts.signal);
    const s = sampleGumbel(rng, theta, n);
    if (t.pValue < 0.05)
      flags.push(
        `${opts.models[j - 1]} → ${opts.models[j]}: the Gumbel copula is rejected on the ${splitName} split (√n·CvM = ${t.statistic.toFixed(4)}, p = ${t.pValue.toFixed(3)})`,
      );
    copulas.push({
      from: opts.models[j - 1],
      to: opts.models[j],
      theta,
      tauTrain: model.tau[j - 1][j],
      tauEval: t.tau,
      thetaEval: t.theta,
      pseudo: { u: ranks(x), v: ranks(y) },
      gumbelSample: { u: Array.from(s.u), v: Array.from(s.v) },
      sqrtNCvm: t.statistic,
      pValue: t.pValue,
      replicates: t.replicates,
    });
    opts.onProgress?.(j / m);
  }
  const tau = opts.models.map((_, a) => opts.models.map((__, b) => (a === b ? 1 : kendallTau(ev.phi[a], ev.phi[b]))));
  for (let a = 0; a < m; a++)
    for (let b = a + 2; b < m; b++) {
      const far = tau[a][b];
      const near = tau[b - 1][b];
      if (far !== null && near !== null && far > near + 0.05)
        flags.push(
          `Markov check: τ(${opts.models[a]}, ${opts.models[b]}) = ${far.toFixed(2)} exceeds τ of ${opts.models[b]} with its predecessor (${near.toFixed(2)})`,
        );
    }
  const markov = markovPredictorTable(opts.models, ev.phi, ev.correct);
  for (const row of markov)
    for (const anc of row.ancestors)
      if (
        anc.log10P !== null &&
        row.markovLog10P !== null &&
        anc.log10P < Math.log10(0.05) &&
        anc.log10P < row.markovLog10P
      )
        flags.push(
          `Markov check: ${anc.model} predicts ${row.predicted} better than its predecessor ${row.markovPredictor} does`,
        );
  opts.onProgress?.(1);
  return { ...base, marginals, copulas, tau, markov, flags };
}
