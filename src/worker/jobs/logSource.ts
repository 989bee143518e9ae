import type { ReadOptions } from '../../engines/logs/types';

/** Which log a worker job reads, and the settings that price and score its records (plain JSON). */
export interface LogSourceParams {
  file: string;
  /** The `costRiskLab.prices` setting as the user typed it (parsed in the worker; errors become warnings). */
  prices?: unknown;
  /** A workspace JSON price file (absolute path); its entries override the setting's. */
  priceFile?: string | null;
  correctThreshold?: number;
  /** `costRiskLab.lmEval.metric`: the lm-evaluation-harness metric that is the correctness. */
  lmEvalMetric?: string;
  /** `costRiskLab.lmEval.filter`: the lm-evaluation-harness filter whose lines are read. */
  lmEvalFilter?: string;
  /** `costRiskLab.inspect.scorer`: the Inspect AI scorer that is the correctness. */
  inspectScorer?: string;
}

/** The reader options a log source asks for (prices, signal and progress come from the job). */
export function scoringOptions(p: LogSourceParams): Pick<ReadOptions, 'correctThreshold' | 'lmEvalMetric' | 'lmEvalFilter' | 'inspectScorer'> {
  return { correctThreshold: p.correctThreshold, lmEvalMetric: p.lmEvalMetric, lmEvalFilter: p.lmEvalFilter, inspectScorer: p.inspectScorer };
}

/** Everything about a source that changes what its records are: for caches keyed by (file version, source). */
export function sourceKey(p: LogSourceParams): unknown[] {
  return [p.file, p.prices, p.priceFile, p.correctThreshold, p.lmEvalMetric, p.lmEvalFilter, p.inspectScorer];
}
