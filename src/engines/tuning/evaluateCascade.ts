import {
  conditionalCdf,
  firstModelIntegral,
  modelCdf,
  pairIntegral,
  type MarkovCopulaModel,
} from './markovCopulaModel';

export interface CascadeEvaluation {
  /** Model-predicted P(correct) (eq. 2.14) and E[cost] in $ per query (eq. 2.15). */
  pCorrect: number;
  expectedCost: number;
}

/**
 * P(correct) and E[cost] of the cascade `cascade` (indices into model.models, in cascade order)
 * with thresholds t (length k − 1; a query leaves model i when its calibrated confidence exceeds
 * tᵢ) in O(k) (Proposition 2, Algorithm 1 of appendix 2B). `shares`, when given, receives each
 * model's predicted share of answered queries.
 */
export function evaluateCascade(
  model: MarkovCopulaModel,
  cascade: readonly number[],
  t: ArrayLike<number>,
  shares?: Float64Array,
): CascadeEvaluation {
  const k = cascade.length;
  const first = cascade[0];
  if (k === 1) {
    if (shares) shares[0] = 1;
    return { pCorrect: firstModelIntegral(model, first, -Infinity), expectedCost: model.cost[first] };
  }
  let cum = model.cost[first];
  const F1 = modelCdf(model, first, t[0]);
  let pCorrect = firstModelIntegral(model, first, t[0]);
  let cost = (1 - F1) * cum;
  if (shares) shares[0] = 1 - F1;
  let trans = F1;
  for (let i = 1; i < k; i++) {
    const prev = cascade[i - 1];
    const cur = cascade[i];
    cum += model.cost[cur];
    const last = i === k - 1;
    const q = last ? 0 : conditionalCdf(model, prev, cur, t[i - 1], t[i]);
    const integral = pairIntegral(model, prev, cur, t[i - 1], last ? -Infinity : t[i]);
    pCorrect += trans * integral;
    cost += trans * (1 - q) * cum;
    if (shares) shares[i] = trans * (1 - q);
    trans *= q;
  }
  return { pCorrect, expectedCost: cost };
}
