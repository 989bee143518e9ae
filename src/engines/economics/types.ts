/**
 * Shared types of the economic-evaluation engine (thesis chapter 3).
 *
 * Every system is summarised by the mean of a small metric vector per operating point:
 * index 0 is the dollar cost per query, the rest are the priced metrics of eq. 3.11 (latency,
 * error, abstention, then any extra numeric or binary metric). The expected reward at a price
 * vector λ is then the linear form R(λ; θ) = −(cost + Σ λ_μ·mean_μ) (eq. 3.12).
 */

import type { EvalRecord } from '../logs/types';
import type { QueryTable } from './buildQueryTable';

/** A priced per-query metric of eq. 3.11: numeric (summed over the models a query visits) or binary (an event). */
export interface MetricSpec {
  name: string;
  kind: 'numeric' | 'binary';
  /** Unit of the price, for display (e.g. "$/s", "$ per error"). */
  priceUnit: string;
}

/** Built-in metrics, in the order they appear after cost in every metric vector. */
export const BASE_METRICS: readonly MetricSpec[] = [
  { name: 'latency', kind: 'numeric', priceUnit: '$/s' },
  { name: 'error', kind: 'binary', priceUnit: '$ per error' },
  { name: 'abstain', kind: 'binary', priceUnit: '$ per abstention' },
];

/** Index of each built-in quantity in a metric vector. */
export const COST = 0;
export const LATENCY = 1;
export const ERROR = 2;
export const ABSTAIN = 3;

/** An additional metric read from each record (eq. 3.11), e.g. a privacy flag or a token count. */
export interface ExtraMetric extends MetricSpec {
  /** The metric's value on one record; null when unknown (counted as 0 with a warning). */
  value: (record: EvalRecord) => number | null;
}

/** Prices keyed by metric name (`latency` in $/s, `error` and `abstain` in $ per event). Missing = 0. */
export type Prices = Readonly<Record<string, number>>;

/** How a system answers a query: a cascade over `models` (length 1 = a single model). */
export interface SystemConfig {
  /** Column indices into the query table, cheapest first. */
  models: number[];
  /** Model i defers to model i+1 when its confidence is below deferThresholds[i] (length models.length − 1). */
  deferThresholds: number[];
  /** The last model's answer is withheld (abstention) when its confidence is below this; null: never abstain. */
  abstainThreshold: number | null;
}

export type CandidateKind = 'model' | 'cascade' | 'router';

/**
 * One candidate system and its operating points θ (threshold settings). `train` and `test` hold,
 * row by row, the mean metric vector of each operating point on the train and test split
 * (row length `dim`). θ*(λ) is picked on train (appendix 3D) and scored on test.
 */
export interface Candidate {
  name: string;
  kind: CandidateKind;
  models: string[];
  /** The threshold setting of each operating point (empty arrays for a single model). */
  configs: SystemConfig[];
  /** Human-readable threshold list per operating point (defer thresholds, then abstain threshold). */
  thresholds: number[][];
  /** Share of queries each point defers past the first model (cascades) or abstains on (routers). */
  deferralRate: Float64Array;
  train: Float64Array;
  test: Float64Array;
  dim: number;
  /**
   * The test table the points were scored on (recalibrated for Rational-Tuning cascades), for the
   * per-query bootstrap; absent on candidates rebuilt from plain data (candidateFromData).
   */
  testTable?: QueryTable;
}

/** Diagnostics shared by engine results (see CONVENTIONS: converged/iterations/warnings). */
export interface Diagnostics {
  warnings: string[];
}
