import type { SplitData } from './prepareCascadeData';

export interface TestScore {
  /** Empirical test error rate and mean $ per query of the cascade at these thresholds. */
  error: number;
  cost: number;
  /** Share of test queries answered by each model of the cascade. */
  shares: number[];
}

/**
 * Runs the cascade on the test split (thesis eq. 2.1): model i answers when its calibrated
 * confidence exceeds tᵢ, else the query moves on; the last model always answers. Cost per query is
 * the sum of the mean test costs of the models consulted (`costMode: 'mean'`, as the thesis scores
 * its curves), or of the query's own recorded costs (`'query'`).
 */
export function scoreOnTest(
  test: SplitData,
  cascade: readonly number[],
  t: ArrayLike<number>,
  costMode: 'mean' | 'query' = 'mean',
): TestScore {
  const n = test.queryIds.length;
  const k = cascade.length;
  const counts = new Array<number>(k).fill(0);
  let wrong = 0;
  let cost = 0;
  for (let q = 0; q < n; q++) {
    const i = answeringStep(test, cascade, t, q);
    let c = 0;
    for (let j = 0; j <= i; j++) c += costMode === 'mean' ? test.meanCost[cascade[j]] : test.cost[cascade[j]][q];
    counts[i]++;
    if (!test.correct[cascade[i]][q]) wrong++;
    cost += c;
  }
  return n
    ? { error: wrong / n, cost: cost / n, shares: counts.map((c) => c / n) }
    : { error: 0, cost: 0, shares: counts };
}

/**
 * The position in `cascade` of the model whose answer counts for query `q` (thesis eq. 2.1): the
 * first whose calibrated confidence exceeds its threshold, else the last. Models before it were
 * consulted and deferred.
 */
export function answeringStep(
  split: Pick<SplitData, 'phi'>,
  cascade: readonly number[],
  t: ArrayLike<number>,
  q: number,
): number {
  const last = cascade.length - 1;
  let i = 0;
  while (i < last && !(split.phi[cascade[i]][q] > t[i])) i++;
  return i;
}
