import { readFile } from 'node:fs/promises';
import { assignSplits } from '../../engines/logs/assignSplits';
import { costSourceNote } from '../../engines/logs/costSourceNote';
import { mergePriceTables, parsePriceTable } from '../../engines/logs/priceTable';
import { readLogOrRuns } from '../../node/logs/readRuns';
import { runLabels } from '../../engines/logs/runs';
import type { EvalRecord, LogProblem, PriceTable, ReadOptions } from '../../engines/logs/types';
import type { JobContext } from '../workerProtocol';
import { appendAll } from '../../shared/arrays';
import { fileFingerprint } from '../cache/fileFingerprint';

/** Which log a worker job reads, and the settings that price and score its records (plain JSON). */
export interface LogSourceParams {
  file: string;
  /**
   * Other logs read with `file` as runs to compare (Model Overview, Economic Evaluation): each
   * log's models are named "model · run" (engines/logs/runs.ts). Absent or empty: `file` alone.
   */
  runs?: string[];
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
  /** `costRiskLab.promptfoo.assertion`: the promptfoo assertion type or metric that is the correctness ('*': every assertion). */
  promptfooAssertion?: string;
  /** `costRiskLab.priceDatabase`: price unpriced token counts from the bundled database (default true). */
  priceDatabase?: boolean;
  /** `costRiskLab.keepEpochs`: read repeats as separate queries instead of averaging them. */
  keepEpochs?: boolean;
  /** `costRiskLab.split.trainFraction` and `.seed`: the random split of logs without train/test splits. */
  trainFraction?: number;
  splitSeed?: number;
}

/** The logs a source reads: `file`, then the runs compared with it. */
export function sourceFiles(p: Pick<LogSourceParams, 'file' | 'runs'>): string[] {
  return [p.file, ...(p.runs ?? [])];
}

/** The names of the runs a source compares (engines/logs/runs.ts), `file`'s first; empty for one log. */
export function sourceRuns(p: Pick<LogSourceParams, 'file' | 'runs'>): string[] {
  const files = sourceFiles(p);
  return files.length > 1 ? runLabels(files) : [];
}

/** The reader options a log source asks for (prices, signal and progress come from the job). */
export function scoringOptions(
  p: LogSourceParams,
): Pick<
  ReadOptions,
  | 'correctThreshold'
  | 'lmEvalMetric'
  | 'lmEvalFilter'
  | 'inspectScorer'
  | 'promptfooAssertion'
  | 'priceDatabase'
  | 'keepEpochs'
> {
  return {
    correctThreshold: p.correctThreshold,
    lmEvalMetric: p.lmEvalMetric,
    lmEvalFilter: p.lmEvalFilter,
    inspectScorer: p.inspectScorer,
    promptfooAssertion: p.promptfooAssertion,
    priceDatabase: p.priceDatabase,
    keepEpochs: p.keepEpochs,
  };
}

/** Everything about a source that changes what its records are: for caches keyed by (file version, source). */
function sourceKey(p: LogSourceParams): unknown[] {
  return [
    p.file,
    p.runs ?? [],
    p.prices,
    p.priceFile,
    p.correctThreshold,
    p.lmEvalMetric,
    p.lmEvalFilter,
    p.inspectScorer,
    p.promptfooAssertion,
    p.priceDatabase,
    p.keepEpochs,
    p.trainFraction,
    p.splitSeed,
  ];
}

/** The price table of the settings and the workspace price file (the file's entries win); problems become warnings. */
export async function loadPrices(
  params: Pick<LogSourceParams, 'prices' | 'priceFile'>,
  problems: LogProblem[],
): Promise<PriceTable | undefined> {
  let table: PriceTable | undefined;
  const fromSetting = params.prices;
  if (
    fromSetting !== undefined &&
    fromSetting !== null &&
    !(typeof fromSetting === 'object' && Object.keys(fromSetting).length === 0)
  ) {
    try {
      table = parsePriceTable(fromSetting, 'setting costRiskLab.prices');
    } catch (err) {
      problems.push({
        file: 'settings',
        line: null,
        severity: 'warning',
        reason: `${(err as Error).message}; prices from the setting are ignored`,
      });
    }
  }
  if (params.priceFile) {
    try {
      const fileTable = parsePriceTable(JSON.parse(await readFile(params.priceFile, 'utf8')), 'price file');
      table = mergePriceTables(table, fileTable);
    } catch (err) {
      problems.push({
        file: params.priceFile,
        line: null,
        severity: 'warning',
        reason: `price file not used: ${(err as Error).message}`,
      });
    }
  }
  return table;
}

/**
 * Reads a log source for the analyses that fit on one split and score on another, with its prices
 * and scoring settings: the records, and every problem met (price-setting and price-file warnings
 * first, then skipped lines and reader warnings). Unless `drawSplit` is false, a log without `train`
 * and `test` splits gets a seeded random split by query (the settings' share and seed), said in a
 * warning. Reading reports progress up to `share`. `adapter`: the reader that read the log.
 */
export async function readLogSource(
  p: LogSourceParams,
  ctx: JobContext,
  share: number,
  drawSplit = true,
): Promise<{ records: EvalRecord[]; problems: LogProblem[]; adapter: string }> {
  const problems: LogProblem[] = [];
  const prices = await loadPrices(p, problems);
  ctx.progress(0, 'reading');
  const log = await readLogOrRuns(sourceFiles(p), {
    ...scoringOptions(p),
    prices,
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(share * f, 'reading'),
  });
  appendAll(appendAll(problems, log.skipped), log.warnings);
  const costs = costSourceNote(log.records);
  if (costs) problems.push({ file: p.file, line: null, severity: 'warning', reason: costs });
  if (!drawSplit) return { records: log.records, problems, adapter: log.adapter };
  const drawn = assignSplits(log.records, { trainFraction: p.trainFraction, seed: p.splitSeed });
  if (drawn.note)
    problems.push({
      file: p.file,
      line: null,
      severity: 'warning',
      reason: `${drawn.note} The share and the seed are the settings costRiskLab.split.trainFraction and costRiskLab.split.seed.`,
    });
  return { records: drawn.records, problems, adapter: log.adapter };
}

/**
 * A cache key for what a job derives from a source: the source's settings, the content of the log
 * and of the price file (not their modification times: a touched file keeps its key, an edited
 * one gets a new one), and `more` options.
 */
export async function sourceVersionKey(p: LogSourceParams, ...more: unknown[]): Promise<string> {
  const [logs, prices] = await Promise.all([
    Promise.all(sourceFiles(p).map((f) => fileFingerprint(f))),
    p.priceFile ? fileFingerprint(p.priceFile) : null,
  ]);
  return JSON.stringify([...sourceKey(p), logs, prices, ...more]);
}
