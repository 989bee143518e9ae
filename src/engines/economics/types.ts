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

/**
 * The one-step routing rule of a router over `models` (eqs. 3.8–3.9): each query goes to the
 * cheapest model whose calibrated probability of being right is at least `satisfactory`; when no
 * model reaches it, to the model likeliest to be right, unless that probability is below the
 * config's `abstainThreshold` (then the router abstains). The overhead c₀ (dollars) and l₀
 * (seconds) of taking the decision is paid on every query, abstentions included.
 */
export interface RouteRule {
  satisfactory: number;
  /** c₀, $ per query. */
  overheadCost: number;
  /** l₀, seconds per query. */
  overheadLatency: number;
}

/** The router overhead of eq. 3.9: c₀ in $ per query, l₀ in seconds per query. */
export interface RouterOverhead {
  cost: number;
  latency: number;
}

/** How a system answers a query: a cascade over `models` (length 1 = a single model), or a router over them when `route` is set. */
export interface SystemConfig {
  /** Column indices into the query table, cheapest first. */
  models: number[];
  /** Model i defers to model i+1 when its confidence is below deferThresholds[i] (length models.length − 1; empty for a router). */
  deferThresholds: number[];
  /**
   * The answer is withheld (abstention) when the answering model's confidence is below this (for a
   * router: when the likeliest-right model's calibrated probability is, and no model is satisfactory); null: never abstain.
   */
  abstainThreshold: number | null;
  /** Set for a router (then `deferThresholds` is empty and the confidences are calibrated probabilities). */
  route?: RouteRule;
}

/**
 * 'model': a single model; 'cascade': small → big (eq. 3.6–3.7); 'abstention': a model with abstention
 * (selective answering: one model answers and its answer is withheld below a confidence threshold);
 * 'router': a one-step router over k models, with or without abstention (eqs. 3.8–3.9).
 */
export type CandidateKind = 'model' | 'cascade' | 'abstention' | 'router';

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
  /**
   * Human-readable threshold list per operating point: defer thresholds, then the abstain threshold;
   * for a router, the satisfactory probability, then the abstention probability (router with abstention).
   */
  thresholds: number[][];
  /** Share of queries each point defers past the first model (cascades) or abstains on (models with abstention, routers). */
  deferralRate: Float64Array;
  train: Float64Array;
  test: Float64Array;
  dim: number;
  /**
   * The test table the points were scored on (recalibrated for Rational-Tuning cascades and routers), for the
   * per-query bootstrap; absent on candidates rebuilt from plain data (candidateFromData).
   */
  testTable?: QueryTable;
}

/** Diagnostics shared by engine results (see CONVENTIONS: converged/iterations/warnings). */
export interface Diagnostics {
  warnings: string[];
}
