import { hasNoConfidence, needsConfidence } from '../engines/logs/confidencePresence';
import { assignSplits, DEFAULT_SPLIT_SEED, DEFAULT_TRAIN_FRACTION } from '../engines/logs/assignSplits';
import { combineLogs, type CombinedLogs } from '../engines/logs/combineLogs';
import { asRun, runLabels } from '../engines/logs/runs';
import { costSourceNote } from '../engines/logs/costSourceNote';
import { readEvalLogs } from '../node/logs/readEvalLog';
import type { EvalRecord, ReadLogResult, ReadOptions } from '../engines/logs/types';
import { describeWhere, filterRecords, parseWhere, SliceError, type WhereFilter } from '../engines/slices/whereFilter';
import { CliError } from './cliError';
import type { CliCommand } from './command';
import type { CliReport } from './cliReport';
import { numberOption } from './numberOption';
import { readPriceFile } from './readCliFile';
import { appendAll } from '../shared/arrays';
import { recordsView, type RecordView } from '../engines/logs/recordView';
import { RecordTable } from '../engines/logs/recordTable';
import { uniqueModels, uniqueSplits } from '../engines/logs/joinByQuery';

/** Options every log-reading command takes (merged in by main for commands with `readsLogs`). */
export const LOG_READ_OPTIONS: CliCommand['options'] = {
  prices: { type: 'string' },
  'no-price-database': { type: 'boolean' },
  'correct-threshold': { type: 'string' },
  metric: { type: 'string' },
  filter: { type: 'string' },
  scorer: { type: 'string' },
  assertion: { type: 'string' },
  'keep-epochs': { type: 'boolean' },
  'train-fraction': { type: 'string' },
  'split-seed': { type: 'string' },
  where: { type: 'string', multiple: true },
  runs: { type: 'boolean' },
};

export const LOG_READ_HELP = [
  'Log-reading options (every command that reads logs):',
  '  --prices P.json            $ per million input/output (and cache_read/cache_write) tokens per model, for records without cost_usd',
  '  --no-price-database        do not price the remaining models from the bundled price database (@pydantic/genai-prices)',
  '  --correct-threshold t      a graded score ≥ t counts as correct (default 0.5)',
  '  --metric M                 lm-evaluation-harness: the per-sample metric that is the correctness (default: the first in [0, 1])',
  '  --filter F                 lm-evaluation-harness: the filter whose lines are read (default: the first in the file)',
  "  --scorer S                 Inspect AI: the scorer that is the correctness (default: the log's first)",
  "  --assertion A              promptfoo: the assertion type or metric that is the correctness; * = promptfoo's own pass/fail (default: content assertions, latency/cost checks left out)",
  '  --keep-epochs              read repeats (Inspect epochs, promptfoo --repeat) as separate queries instead of averaging them',
  '  --train-fraction f         logs without a train/test split: share of queries drawn at random to fit on (default 0.5)',
  '  --split-seed S             logs without a train/test split: seed of that draw (default 1)',
  '  --where field=value        analyse only the records where a text field (task, split, task_type, signal, model or a label of the',
  '                             log such as subject) has that value; repeat it: the same field twice = either value, different fields = both',
  '  --runs                     read the logs as runs to compare (before/after a change, two providers): each model is named',
  '                             "model · run" (the run is the file name), so the same model in two logs stays two; every record gets',
  '                             the label run (--where run=..., summary --by run). econ then compares single models only',
].join('\n');

/** The ReadOptions the shared flags ask for (prices are read by loadLogs). */
function readOptionsOf(values: Record<string, unknown>): Omit<ReadOptions, 'prices'> {
  const text = (flag: string): string | undefined => {
    const v = values[flag];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--${flag} needs a name`);
    return v.trim();
  };
  return {
    correctThreshold: numberOption(values['correct-threshold'], '--correct-threshold', { min: 0, max: 1 }, 0.5),
    lmEvalMetric: text('metric'),
    lmEvalFilter: text('filter'),
    inspectScorer: text('scorer'),
    promptfooAssertion: text('assertion'),
    keepEpochs: values['keep-epochs'] === true,
    priceDatabase: values['no-price-database'] !== true,
  };
}

/** The --where conditions, parsed (an empty filter when none was given). */
function whereOf(values: Record<string, unknown>): WhereFilter {
  const raw = values.where;
  try {
    return parseWhere(Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)]);
  } catch (e) {
    if (e instanceof SliceError) throw new CliError(`--where: ${e.message}`);
    throw e;
  }
}

/** The records --where keeps; a CliError when a field or value is not in the log or nothing is left. */
function selectRecords(records: EvalRecord[], where: WhereFilter, files: string[]): EvalRecord[] {
  let kept: EvalRecord[];
  try {
    kept = filterRecords(records, where);
  } catch (e) {
    if (e instanceof SliceError) throw new CliError(e.message);
    throw e;
  }
  if (kept.length === 0)
    throw new CliError(`--where ${describeWhere(where)}: no record of ${files.join(', ')} has all of these`);
  return kept;
}

export interface LoadedLogs {
  /** The records (built from the log's table when first read, if it was read into one). */
  readonly records: EvalRecord[];
  /** The same records as a view (the table itself when one native log was read as it is). */
  view: RecordView;
  /** The models, in order of first appearance (read from the view: no record is built for it). */
  readonly models: string[];
  /**
   * The records of these models only, in order. A command about one or two models of a large log
   * builds only their records: `costrisk abstain` of one model of five in a million-record log made
   * a fifth of the record objects.
   */
  recordsOf(models: readonly string[]): EvalRecord[];
  results: ReadLogResult[];
  adapter: string;
  /** How they were read: the reader's options, the --where filter and the random split's share and seed. */
  options: Omit<ReadOptions, 'prices'>;
  where: WhereFilter;
  trainFraction: number;
  splitSeed: number;
  /** With --runs: the runs' names (engines/logs/runs.ts) in file order; else empty. */
  runs: string[];
}

export interface LoadLogsOptions {
  /**
   * The command fits on one split and scores on another (`train` and `test` unless the user named
   * others): a log without both gets a seeded random split by query (--train-fraction,
   * --split-seed), noted in the report. When the user named a split that the log lacks although it
   * has splits of its own, nothing is drawn: the command says that the split is missing.
   */
  fit?: { trainSplit?: string; testSplit?: string };
  signal?: AbortSignal;
  /**
   * What the command computes, when it cannot run without confidence scores ("calibration", "a
   * cascade"...): a log with none is refused with one sentence saying what is missing (CliError).
   */
  needsConfidence?: string;
}

/**
 * Reads the CLI's log arguments with the shared log-reading options, into one set of records (a
 * (query, model) pair read twice keeps its first record, with a warning). Skipped lines and every
 * reader warning go to `report`. Exits 2 (CliError) when nothing valid was read.
 */
export async function loadLogs(
  files: string[],
  values: Record<string, unknown>,
  report: CliReport,
  opts: LoadLogsOptions = {},
): Promise<LoadedLogs> {
  if (files.length === 0) throw new CliError('no log file given');
  const options = readOptionsOf(values);
  const where = whereOf(values);
  const fraction = numberOption(
    values['train-fraction'],
    '--train-fraction',
    { min: 0, max: 1, open: 'both' },
    DEFAULT_TRAIN_FRACTION,
  );
  const seed = numberOption(values['split-seed'], '--split-seed', { min: 0, max: 2 ** 32 - 1 }, DEFAULT_SPLIT_SEED);
  const prices = await readPriceFile(values.prices as string | undefined);
  if (values.runs === true && files.length < 2)
    throw new CliError('--runs compares two or more logs: give more than one');
  const { results, failures } = await readEvalLogs(files, {
    ...options,
    prices,
    signal: opts.signal,
    // No command prints a question or computes with its text (the views' query tables show them):
    // the reader keeps none (ReadOptions.questions): 64 MB less for a million records like the bundled logs.
    questions: false,
  });
  // As runs: each log's models are renamed "model · run" (the names of the files read, as the views name them).
  const runs = values.runs === true ? runLabels(results.map((r) => r.file)) : [];
  const combined = combineLogs(runs.length ? results.map((r, i) => asRun(r, runs[i])) : results);
  if (combined.view.length === 0) {
    if (failures.length) throw new CliError(failures.map((f) => f.message).join('; '));
    const first = combined.skipped[0];
    const why = first
      ? `no valid record (${combined.skipped.length} skipped; first: line ${first.line ?? '-'}: ${first.reason})`
      : 'no records (only blank lines)';
    throw new CliError(`${files.join(', ')}: ${why}`);
  }
  // The record objects are made only when a filter, a drawn split or the caller needs them.
  let records: EvalRecord[] | null = where.size ? selectRecords(combined.records, where, files) : null;
  let view = records === null ? combined.view : recordsView(records);
  if (opts.needsConfidence !== undefined && hasNoConfidence(view))
    throw new CliError(needsConfidence(opts.needsConfidence));
  appendAll(report.skipped, combined.skipped);
  for (const f of failures)
    report.skipped.push({
      file: f.file,
      line: null,
      severity: 'error',
      reason: f.message.startsWith(`${f.file}: `) ? f.message.slice(f.file.length + 2) : f.message,
    });
  report.addWarnings(combined.warnings);
  const costs = costSourceNote(view);
  if (costs) report.warn(costs);
  if (opts.fit && !keepsOwnSplits(view, opts.fit)) {
    const drawn = assignSplits(records ?? combined.records, { ...opts.fit, trainFraction: fraction, seed });
    if (drawn.note)
      report.warn(
        `${drawn.note} Set the share and the seed with --train-fraction and --split-seed.`,
        files.length === 1 ? files[0] : '',
      );
    records = drawn.records;
    view = recordsView(records);
  }
  const lazy = new LazyRecords(records, combined, view);
  return {
    get records(): EvalRecord[] {
      return lazy.all;
    },
    view,
    get models(): string[] {
      return uniqueModels(view);
    },
    recordsOf: (models) => lazy.of(models),
    results,
    adapter: combined.adapter,
    options,
    where,
    trainFraction: fraction,
    splitSeed: seed,
    runs,
  };
}

/**
 * The records of a read, built when first asked for: all of them, or only some models' (straight
 * from the log's table when nothing has built them yet: a filter, a drawn split or an earlier call).
 */
class LazyRecords {
  constructor(
    private built: EvalRecord[] | null,
    private readonly combined: CombinedLogs,
    private readonly view: RecordView,
  ) {}

  get all(): EvalRecord[] {
    return (this.built ??= this.combined.records);
  }

  of(models: readonly string[]): EvalRecord[] {
    const wanted = new Set(models);
    if (this.built === null && this.view instanceof RecordTable) return this.view.recordsOfModels(wanted);
    return this.all.filter((r) => wanted.has(r.model));
  }
}

/**
 * Whether the log's own splits are used as they are (assignSplits is then not needed, and no record
 * is built for it): the user named a split and the log has splits (a missing one is then reported),
 * or the log has both the train and the test split.
 */
function keepsOwnSplits(view: RecordView, fit: { trainSplit?: string; testSplit?: string }): boolean {
  const labels = new Set(uniqueSplits(view));
  const named = fit.trainSplit !== undefined || fit.testSplit !== undefined;
  if (named && [...labels].some((l) => l !== '')) return true;
  return labels.has(fit.trainSplit ?? 'train') && labels.has(fit.testSplit ?? 'test');
}
