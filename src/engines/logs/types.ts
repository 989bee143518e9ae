/** One model's result on one query, after validation (see docs: eval-log format v1). */
export interface EvalRecord {
  queryId: string;
  model: string;
  /** Graded score in [0,1]; a boolean `correct` becomes 0 or 1. */
  score: number;
  /** `score >= correctThreshold` (0.5 unless configured). */
  correct: boolean;
  /** Natural-log probability of the confidence signal (may be -Infinity); null when absent. */
  logprob: number | null;
  /** The signal as a probability in [0,1] (exp(logprob) when only logprob was given); null when absent. */
  confidence: number | null;
  /** Dollar cost: `cost_usd`, else tokens x price-table prices; null when neither is known. */
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyS: number | null;
  /** `train`, `test`, any other label, or '' when the log has none. */
  split: string;
  task: string;
  taskType: TaskType;
  signal: string;
  reasoning: boolean | null;
  question: string;
  /** Where the record came from (1-based line; for adapters, the sample's position). */
  file: string;
  line: number;
  /** Other numeric or boolean fields of the line (e.g. `"toxicity": 0.02`, `"pii_leak": false`); absent when none. */
  extra?: Record<string, number | boolean>;
}

export type TaskType = 'multiple_choice' | 'generation';

export type Severity = 'error' | 'warning';

/** A problem found while reading: `line` is 1-based, or null for a whole-file problem. */
export interface LogProblem {
  file: string;
  line: number | null;
  severity: Severity;
  reason: string;
}

export type AdapterName = 'native' | 'csv' | 'inspect' | 'lm-eval' | 'promptfoo';

export interface ReadLogResult {
  file: string;
  adapter: AdapterName;
  records: EvalRecord[];
  /** Lines (or samples) that were skipped, each with file, line and reason. */
  skipped: LogProblem[];
  /** Everything worth telling the user that did not cost a record (missing fields, duplicates kept...). */
  warnings: LogProblem[];
  /** Fields the adapter could not fill for any record (e.g. `confidence`, `cost_usd`). */
  missingFields: string[];
  /** Lines or samples looked at, blank lines excluded. */
  linesRead: number;
}

export interface ReadOptions {
  /** Prices used when a record has tokens but no `cost_usd`. */
  prices?: PriceTable;
  /** Score at or above which a graded record counts as correct (default 0.5). */
  correctThreshold?: number;
  /** lm-evaluation-harness: the per-sample metric that counts as correctness (default: the first the sample names). */
  lmEvalMetric?: string;
  /** lm-evaluation-harness: the filter whose lines are read (default: the first one in the file). */
  lmEvalFilter?: string;
  /** Inspect AI: the scorer whose value counts as correctness (default: the log's first scorer). */
  inspectScorer?: string;
  signal?: AbortSignal;
  /** Called now and then with the share of bytes read, in [0,1]. */
  onProgress?: (fraction: number) => void;
}

/** Dollar prices per million tokens, per model name. */
export type PriceTable = Record<string, { inputPerMillion: number; outputPerMillion: number }>;
