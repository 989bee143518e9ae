import { uniqueModels, uniqueSplits } from '../logs/joinByQuery';
import type { EvalRecord } from '../logs/types';
import { buildCandidates, type CandidateOptions } from './buildCandidates';
import { buildQueryTable, type QueryTable } from './buildQueryTable';
import { pricedMetrics } from './priceWeights';
import { rationalTuningSource } from './rationalTuningSource';
import type { Candidate, ExtraMetric, MetricSpec } from './types';
import { appendAll } from '../../shared/arrays';

export interface PrepareOptions extends CandidateOptions {
  trainSplit?: string;
  testSplit?: string;
  models?: string[];
  extras?: ExtraMetric[];
  /** Tune k-model cascades with Rational Tuning (default true; `thresholdSource` overrides it). */
  tuneLongCascades?: boolean;
}

export interface PreparedEconomics {
  train: QueryTable;
  test: QueryTable;
  candidates: Candidate[];
  costOrder: string[];
  /** Priced metrics after cost (latency, error, abstain, extras): row layout of every candidate. */
  metrics: MetricSpec[];
  dim: number;
  /** True when thresholds were tuned on the same queries they are scored on (no usable train split). */
  inSample: boolean;
  /** The split label the test table was built from; undefined: every record. */
  testSplit: string | undefined;
  warnings: string[];
}

/**
 * From eval records to the precomputed candidate statistics of chapter 3: splits the queries
 * into train (threshold tuning) and test (scoring), builds the candidates and reports anything
 * that was substituted. When the log has no train split the test split is used for both (with a
 * warning, since rewards of tuned systems are then optimistic); when it has neither split label,
 * every record is used for both. Unless told otherwise, the cascade of all models (≥ 3, cheapest
 * first) is added with thresholds from Rational Tuning.
 */
export function prepareEconomics(records: readonly EvalRecord[], opts: PrepareOptions = {}): PreparedEconomics {
  const trainSplit = opts.trainSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const splits = new Set(uniqueSplits(records));
  const models = opts.models ?? uniqueModels(records);
  const warnings: string[] = [];
  let trainLabel: string | undefined = trainSplit;
  let testLabel: string | undefined = testSplit;
  // Single models fit nothing: without splits they are scored on every record, and that is no caveat.
  const fits = opts.set !== 'models' || Boolean(opts.abstention) || Boolean(opts.routers);
  if (!splits.has(testSplit)) {
    if (fits || splits.size > 1 || !splits.has(''))
      warnings.push(`no records in test split "${testSplit}"; scoring on all ${records.length} records.`);
    testLabel = undefined;
  }
  if (!splits.has(trainSplit)) {
    if (fits)
      warnings.push(
        `no records in train split "${trainSplit}"; thresholds are tuned on the queries they are scored on, so the rewards of cascades, routers and models with abstention are optimistic.`,
      );
    trainLabel = testLabel;
  }
  const inSample = trainLabel === testLabel;
  // Single models read no confidence: a missing one is no caveat for them.
  const tableOptions = { models, extras: opts.extras, confidenceUsed: fits };
  const train = buildQueryTable(records, { ...tableOptions, split: trainLabel });
  const test = inSample ? train : buildQueryTable(records, { ...tableOptions, split: testLabel });
  if (test.n === 0)
    throw new Error(
      `no query was answered by every model (${models.join(', ')})${testLabel !== undefined ? ` in split "${testLabel}"` : ''}`,
    );
  if (train.n === 0) throw new Error(`no query was answered by every model in train split "${trainSplit}"`);
  appendAll(
    warnings,
    train.warnings.map((w) => `train: ${w}`),
  );
  if (!inSample)
    appendAll(
      warnings,
      test.warnings.map((w) => `test: ${w}`),
    );
  const thresholdSource =
    opts.thresholdSource ??
    (opts.tuneLongCascades === false
      ? undefined
      : rationalTuningSource(records, { trainSplit: trainLabel, testSplit: testLabel }));
  const built = buildCandidates(train, test, { ...opts, thresholdSource });
  appendAll(warnings, built.warnings);
  const metrics = pricedMetrics(opts.extras ?? []);
  return {
    train,
    test,
    candidates: built.candidates,
    costOrder: built.costOrder,
    metrics,
    dim: 1 + metrics.length,
    inSample,
    testSplit: testLabel,
    warnings,
  };
}
