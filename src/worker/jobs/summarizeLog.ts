import { stat } from 'node:fs/promises';
import { queryCoverage, uniqueModels, uniqueSplits } from '../../engines/logs/joinByQuery';
import { EvalLogError } from '../../node/logs/readEvalLog';
import { readLogOrRuns } from '../../node/logs/readRuns';
import { summarizeModels } from '../../engines/logs/summarizeModels';
import { summarizeExtraFields } from '../../engines/logs/summarizeExtraFields';
import type { LogProblem } from '../../engines/logs/types';
import { recordsView, type RecordView } from '../../engines/logs/recordView';
import { paretoFrontier } from '../../engines/numeric/paretoFrontier';
import { sliceFields } from '../../engines/slices/sliceFields';
import { filterRecords, SliceError, whereOne } from '../../engines/slices/whereFilter';
import {
  MAX_PROBLEMS,
  MAX_SLICE_VALUES,
  type LogSummary,
  type SliceCondition,
  type SplitSummary,
} from '../../protocol/logSummary';
import type { JobContext } from '../workerProtocol';
import { loadPrices, scoringOptions, sourceFiles, type LogSourceParams } from './logSource';

export type SummarizeLogParams = LogSourceParams & {
  /** Summarise only the records of this slice (as `costrisk summary --where field=value`); null or absent: all. */
  where?: SliceCondition | null;
};

/**
 * Reads one log and summarises each model per split, with the Pareto frontier, every problem and
 * the fields to slice by; with `where`, the splits summarise that slice only (a slice the log does
 * not have is a warning, and every record is summarised).
 */
export async function summarizeLog(params: SummarizeLogParams, ctx: JobContext): Promise<LogSummary> {
  const { file } = params;
  const priceProblems: LogProblem[] = [];
  const prices = await loadPrices(params, priceProblems);
  const st = await stat(file).catch(() => null);
  const base = { file, mtimeMs: st?.mtimeMs ?? 0, size: st?.size ?? 0 };
  ctx.progress(0, 'reading');
  let result;
  try {
    result = await readLogOrRuns(sourceFiles(params), {
      ...scoringOptions(params),
      prices,
      // A summary shows no question: the reader keeps none (less memory on large logs).
      questions: false,
      signal: ctx.signal,
      onProgress: (f) => ctx.progress(0.9 * f, 'reading'),
    });
  } catch (err) {
    if (!(err instanceof EvalLogError)) throw err;
    // A compared run that cannot be read is named: the summary is of every run or none.
    const reason =
      err.file !== file
        ? err.message
        : err.message.startsWith(`${file}: `)
          ? err.message.slice(file.length + 2)
          : err.message;
    const problems: LogProblem[] = [{ file: err.file, line: null, severity: 'error', reason }, ...priceProblems];
    return {
      ...base,
      adapter: null,
      records: 0,
      linesRead: 0,
      fatal: reason,
      splits: [],
      skippedCount: 1,
      warningCount: priceProblems.length,
      problems,
      problemsOmitted: 0,
      missingFields: [],
      fields: [],
      where: null,
    };
  }
  ctx.progress(0.9, 'summarising');
  // A native log read into a table is summarised from its columns: no record object is made (the
  // record objects of a million-record log took twice the time and memory of reading it).
  const log = result.table ?? recordsView(result.records);
  const fields = sliceFields(log).map((f) => ({ ...f, values: f.values.slice(0, MAX_SLICE_VALUES) }));
  let where = params.where ?? null;
  let view = log;
  if (where) {
    try {
      view = recordsView(filterRecords(result.records, whereOne(where.field, where.value)));
    } catch (err) {
      if (!(err instanceof SliceError)) throw err;
      priceProblems.push({ file, line: null, severity: 'warning', reason: `${err.message}; every record is shown` });
      where = null;
    }
  }
  // The models once for every split (queryCoverage would otherwise find them again per split).
  const models = uniqueModels(view);
  const splits: SplitSummary[] = [splitSummary(view, models, undefined)];
  const labels = uniqueSplits(view).filter((s) => s !== '');
  for (const s of labels) splits.push(splitSummary(view, models, s));
  const all = [...result.skipped, ...priceProblems, ...result.warnings];
  ctx.progress(1);
  return {
    ...base,
    adapter: result.adapter,
    records: log.length,
    linesRead: result.linesRead,
    fatal: null,
    splits,
    skippedCount: result.skipped.length,
    warningCount: result.warnings.length + priceProblems.length,
    problems: all.slice(0, MAX_PROBLEMS),
    problemsOmitted: Math.max(0, all.length - MAX_PROBLEMS),
    missingFields: result.missingFields,
    fields,
    where,
  };
}

function splitSummary(records: RecordView, modelNames: string[], split: string | undefined): SplitSummary {
  const models = summarizeModels(records, split);
  const joined = queryCoverage(records, { split, models: modelNames });
  const priced = models.map((m, i) => ({ i, x: m.mean_cost_usd ?? Number.NaN, y: m.accuracy }));
  const frontier = paretoFrontier(priced).map((k) => models[priced[k].i].model);
  return {
    split: split ?? '',
    label: split === undefined ? 'all records' : split,
    models,
    frontier,
    queries: joined.queries,
    completeQueries: joined.completeQueries,
    notes: joined.notes,
    extraFields: summarizeExtraFields(records, split),
  };
}
