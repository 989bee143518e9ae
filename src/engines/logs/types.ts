import type { RecordTable } from './recordTable';

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
  /** Every input token, cached ones included. */
  inputTokens: number | null;
  /** Every output token billed, reasoning included. */
  outputTokens: number | null;
  /** The part of `outputTokens` spent on reasoning (informational; already in `outputTokens`). */
  reasoningTokens: number | null;
  /** The parts of `inputTokens` read from and written to the provider's prompt cache (priced at their own rates when known). */
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  /** Where `costUsd` came from: the log itself, the user's price table, the bundled price database, or nowhere. */
  costSource: CostSource;
  /** Repeats (epochs) of this query by this model that were reduced into this record by their mean; 1 for a single answer. */
  epochs: number;
  latencyS: number | null;
  /** `train`, `test`, any other label, or '' when the log has none. */
  split: string;
  task: string;
  taskType: TaskType;
  signal: string;
  reasoning: boolean | null;
  question: string;
  /** The reference (gold) answer, when the log carries it (at most MAX_TEXT_CHARS characters; see recordText.ts); absent otherwise. */
  reference?: string;
  /** The model's answer text, when the log carries it (at most MAX_TEXT_CHARS characters); absent otherwise. */
  answer?: string;
  /** Where the record came from (1-based line; for adapters, the sample's position). */
  file: string;
  line: number;
  /** Other numeric or boolean fields of the line (e.g. `"toxicity": 0.02`, `"pii_leak": false`); absent when none. */
  extra?: Record<string, number | boolean>;
  /** Other short text fields of the line (e.g. `"subject": "anatomy"`): categories to slice by; absent when none. */
  labels?: Record<string, string>;
}

export type TaskType = 'multiple_choice' | 'generation';

/** `log`: the record's own cost; `prices`: the user's price table; `database`: the bundled price database; `none`: unknown. */
export type CostSource = 'log' | 'prices' | 'database' | 'none';

export type Severity = 'error' | 'warning';

/** A problem found while reading: `line` is 1-based, or null for a whole-file problem. */
export interface LogProblem {
  file: string;
  line: number | null;
  severity: Severity;
  reason: string;
}

/** `promptfoo` reads results.json; `promptfoo-jsonl` and `promptfoo-csv` read promptfoo's `-o results.jsonl` and `-o results.csv`. */
export type AdapterName = 'native' | 'csv' | 'inspect' | 'lm-eval' | 'promptfoo' | 'promptfoo-jsonl' | 'promptfoo-csv';

export interface ReadLogResult {
  file: string;
  adapter: AdapterName;
  records: EvalRecord[];
  /**
   * The same records held column by column, when the reader built them that way (native JSON
   * Lines): then `records` is built from it only when first read, and code that can read the
   * table (`costrisk summary`) never makes the objects.
   */
  table?: RecordTable;
  /** Lines (or samples) that were skipped, each with file, line and reason. */
  skipped: LogProblem[];
  /** Everything worth telling the user that did not cost a record (missing fields, duplicates kept...). */
  warnings: LogProblem[];
  /** Fields the adapter could not fill for any record (e.g. `confidence`, `cost_usd`). */
  missingFields: string[];
  /** Lines or samples looked at, blank lines excluded. */
  linesRead: number;
}

/** The native reader's parser thread (src/node/logs/lineParserWorker.ts); the defaults suit every file. */
export interface ParserThreadOptions {
  /** Parse files of at least this many bytes on a second thread, when the machine has a second core (default 16 MiB; Infinity: never). */
  aboveBytes?: number;
  /** Characters of lines per batch the thread posts (default 1 Mi). */
  batchChars?: number;
  /** Give the reading thread a batch to parse itself whenever it has taken every batch posted (default true). */
  shareIdle?: boolean;
  /** Milliseconds the thread waits for the next file once it has read this one to the end (default 5000; 0: it ends). */
  waitMs?: number;
}

export interface ReadOptions {
  /** Prices used when a record has tokens but no `cost_usd` (the user's table; it wins over the database). */
  prices?: PriceTable;
  /** Price the remaining token-only records from the bundled price database (default true). */
  priceDatabase?: boolean;
  /** Keep repeats (epochs) of one query as separate queries (`<id>#<epoch>`) instead of reducing them by their mean. */
  keepEpochs?: boolean;
  /** Score at or above which a graded record counts as correct (default 0.5). */
  correctThreshold?: number;
  /** lm-evaluation-harness: the per-sample metric that counts as correctness (default: the first the sample names). */
  lmEvalMetric?: string;
  /** lm-evaluation-harness: the filter whose lines are read (default: the first one in the file). */
  lmEvalFilter?: string;
  /** Inspect AI: the scorer whose value counts as correctness (default: the log's first scorer). */
  inspectScorer?: string;
  /** Inspect AI `.eval` archives: most bytes decompressed over all the entries read (default 2 GiB; zip-bomb protection). */
  maxDecompressedBytes?: number;
  /** Inspect AI: most bytes one archive entry (or a whole-log `.json`) may hold once decompressed (default 512 MiB). */
  maxEntryBytes?: number;
  /** Inspect AI `.eval` archives: most entries the zip directory may list (default 2,000,000). */
  maxArchiveEntries?: number;
  /**
   * promptfoo: which assertions decide correctness. Default: the content assertions (latency, cost
   * and other checks of the call rather than the answer are left out). `'*'`: promptfoo's own
   * pass/fail over every assertion. Any other value: only the assertions whose type or metric name
   * equals it (from the CSV output: the `Metric: <name>` column of that name).
   */
  promptfooAssertion?: string;
  /**
   * Longest JSON Lines line, or CSV record (all its lines), read, in bytes (default 64 MiB,
   * DEFAULT_MAX_LINE_BYTES in lineStream.ts). A longer one is reported for its line and skipped
   * without being held in memory.
   */
  maxRecordBytes?: number;
  /**
   * Keep each record's question text (default true). false: every `question` is '' (the native
   * reader's table then holds no text per query; 10M records of the bundled logs' shape hold about
   * 0.5 GB less), for readers such as the summary that never show a question.
   */
  questions?: boolean;
  /**
   * Most question text the native reader's table keeps, in characters (default
   * DEFAULT_QUESTION_CHARS): past it, the records from the line where it ran out keep no question,
   * and a warning names that line. Bounds the memory of a log of millions of long questions.
   */
  questionChars?: number;
  /** Native JSON Lines: when and how a second thread parses the lines (the result is the same either way). */
  parserThread?: ParserThreadOptions;
  signal?: AbortSignal;
  /** Called now and then with the share of bytes read, in [0,1]. */
  onProgress?: (fraction: number) => void;
}

/** Dollar prices per million tokens. Cache prices default to the input price when unknown. */
export interface TokenPrices {
  inputPerMillion: number;
  outputPerMillion: number;
  cacheReadPerMillion?: number;
  cacheWritePerMillion?: number;
}

/** One model's prices; `tiers` (ascending) replace them for a call whose input exceeds `aboveInputTokens`. */
export interface ModelPrice extends TokenPrices {
  tiers?: (TokenPrices & { aboveInputTokens: number })[];
}

/** Dollar prices per million tokens, per model name (a Map: model names are data, never object keys). */
export type PriceTable = Map<string, ModelPrice>;
