import type { QueryTable } from './buildQueryTable';
import { metricDim, systemMeans, type SystemMeans } from './systemMeans';
import { ABSTAIN, type Candidate, type CandidateKind, type SystemConfig } from './types';

/**
 * Precomputes the sufficient statistics of a candidate: the mean metric vector of every operating
 * point on train and on test. After this, evaluating the candidate at any price vector is
 * O(#points · dim), independent of the number of queries. `means` computes a point's means on a
 * table (systemMeans, or the same numbers faster, e.g. a router's RouterMeans).
 */
export function makeCandidate(
  name: string,
  kind: CandidateKind,
  configs: SystemConfig[],
  train: QueryTable,
  test: QueryTable,
  means: (table: QueryTable, config: SystemConfig) => SystemMeans = systemMeans,
): Candidate {
  if (configs.length === 0) throw new Error(`candidate ${name} has no operating point`);
  const dim = metricDim(test);
  const trainM = new Float64Array(configs.length * dim);
  const testM = new Float64Array(configs.length * dim);
  const deferralRate = new Float64Array(configs.length);
  configs.forEach((cfg, p) => {
    trainM.set(means(train, cfg).means, p * dim);
    const t = means(test, cfg);
    testM.set(t.means, p * dim);
    deferralRate[p] = kind === 'abstention' ? t.means[ABSTAIN] : t.deferralRate;
  });
  return {
    name,
    kind,
    models: configs[0].models.map((m) => test.models[m]),
    configs,
    thresholds: configs.map((c) => [
      ...(c.route ? [c.route.satisfactory] : c.deferThresholds),
      ...(c.abstainThreshold === null ? [] : [c.abstainThreshold]),
    ]),
    deferralRate,
    train: trainM,
    test: testM,
    dim,
    testTable: test,
  };
}

/** Cascade name as the CLI prints it: `m1>m2>...`; a model with abstention is `model+abstain`. */
export function candidateName(models: readonly string[], abstain: boolean): string {
  return models.join('>') + (abstain ? '+abstain' : '');
}

/** Router name as the CLI prints it: `router(m1|m2|...)`, cheapest first; a router with abstention ends in `+abstain`. */
export function routerName(models: readonly string[], abstain: boolean): string {
  return `router(${models.join('|')})${abstain ? '+abstain' : ''}`;
}
