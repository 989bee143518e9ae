/** The tuning methods: Rational Tuning (Markov-copula model), grid search, Bayesian optimisation. */
export type TuneMethod = 'rt' | 'grid' | 'bo';

/** The methods' names in prose. */
export const TUNE_METHOD_LABEL: Readonly<Record<TuneMethod, string>> = {
  rt: 'Rational Tuning',
  grid: 'Grid search',
  bo: 'Bayesian optimisation',
};

/** One operating point of a cascade: its thresholds and what they give. JSON-serialisable. */
export interface FrontierPoint {
  /** Calibrated-confidence thresholds, one per model but the last (a model answers when its confidence is above). */
  thresholds: number[];
  /** Estimated on the training data: by the Markov-copula model (rt) or empirically (grid, bo). */
  expectedCost: number;
  expectedError: number;
  /** Estimated share of queries each model answers. */
  expectedShares: number[];
  /** Cost sensitivity λ of problem 2.11 that produced the point (null: infilled or grid). */
  lambda: number | null;
  /** Scored on the test split (null when there is no test data). */
  testCost: number | null;
  testError: number | null;
  testShares: number[] | null;
}

/** Progress and cancellation, as every engine takes them. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Search and scoring settings shared by the cascade tuners. */
export interface TuningSettings {
  seed?: number;
  /** Bootstrap replicates of the test band (default 200; 0 for none). */
  bootstrap?: number;
  /** 'mean' (default, as the thesis): a consulted model costs its mean test cost; 'query': the recorded cost. */
  costMode?: 'mean' | 'query';
  r?: number;
  infillMass?: number;
  gridStep?: number;
  /**
   * Compute the test AUCs (default true). They are taken over the cost range the RT and grid test
   * curves share, so a call that did not ask for both runs the missing ones (a 5-model grid costs
   * about 0.7 s); false skips that and leaves every AUC null.
   */
  auc?: boolean;
}
