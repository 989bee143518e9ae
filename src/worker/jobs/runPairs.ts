import { compareRunSet, type RunPair } from '../../engines/compare/compareRunSet';
import { filterRecords, whereOne } from '../../engines/slices/whereFilter';
import { DEFAULT_REPLICATES } from '../../engines/uncertainty/intervals';
import type { SliceCondition } from '../../protocol/logSummary';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';
import { sourceFiles, sourceRuns } from './logSource';

export interface RunPairsParams extends HitlSourceParams {
  /** The split compared ('' = every record), as in the Model Overview. */
  split: string;
  /** The slice shown (the view's "Where"); null: every record. */
  where: SliceCondition | null;
}

export interface RunPairsResult {
  /** The runs' names, the baseline first, and their files. */
  runs: string[];
  files: string[];
  pairs: RunPair[];
  replicates: number;
  seed: number;
}

/** The bootstrap of `costrisk compare` without --bootstrap and --seed. */
const BOOTSTRAP = { replicates: DEFAULT_REPLICATES, seed: 1 };

/**
 * Every run compared with the first, model by model, query by query (agreement table, McNemar's
 * test, paired bootstrap of the accuracy, cost and latency differences, as `costrisk compare`),
 * on the split and slice the Model Overview shows. The log alone (no runs) has no pair.
 */
export async function runPairs(params: RunPairsParams, ctx: JobContext): Promise<RunPairsResult> {
  const files = sourceFiles(params);
  const runs = sourceRuns(params);
  const { records } = await hitlRecords(params, ctx, false);
  const { where, split } = params;
  const sliced = where ? filterRecords(records, whereOne(where.field, where.value)) : records;
  const shown = split === '' ? sliced : sliced.filter((r) => r.split === split);
  ctx.progress(0.8, 'comparing runs');
  const pairs = runs.length ? compareRunSet(shown, runs, { ...BOOTSTRAP, signal: ctx.signal }) : [];
  ctx.progress(1);
  return { runs, files, pairs, ...BOOTSTRAP };
}
