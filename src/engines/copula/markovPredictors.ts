import { logisticRegression } from '../calibration/logisticRegression';

/** One row of thesis Table 2.3: log10 p of the Markov predictor and of each earlier ancestor. */
export interface MarkovPredictorRow {
  predicted: string;
  markovPredictor: string;
  /** log10 of the mean p-value of the Markov predictor over the regressions (one per earlier ancestor), as Table 2.3 averages. */
  markovLog10P: number | null;
  ancestors: { model: string; log10P: number | null }[];
}

const log10 = (p: number | null): number | null => (p === null ? null : Math.log10(Math.max(p, 1e-300)));

/**
 * The Markov check of thesis Table 2.3: for each model j ≥ 3 of the chain, regress its correctness
 * on the calibrated confidences of its predecessor j − 1 (the Markov predictor) and of one earlier
 * ancestor a < j − 1, for each a. Under the Markov property the predecessor carries the signal.
 */
export function markovPredictorTable(
  models: string[],
  phi: readonly ArrayLike<number>[],
  correct: readonly ArrayLike<number>[],
): MarkovPredictorRow[] {
  const rows: MarkovPredictorRow[] = [];
  for (let j = 2; j < models.length; j++) {
    const markov: number[] = []; // p-values
    const ancestors: { model: string; log10P: number | null }[] = [];
    for (let a = 0; a < j - 1; a++) {
      const fit = logisticRegression({ columns: [phi[j - 1], phi[a]], y: correct[j] });
      if (fit.pValues[1] !== null) markov.push(fit.pValues[1]);
      ancestors.push({ model: models[a], log10P: log10(fit.pValues[2]) });
    }
    rows.push({
      predicted: models[j],
      markovPredictor: models[j - 1],
      markovLog10P: markov.length ? log10(markov.reduce((s, v) => s + v, 0) / markov.length) : null,
      ancestors,
    });
  }
  return rows;
}
