import { sliceSummaries, type SliceSummary } from '../../engines/slices/sliceSummaries';
import { filterRecords, whereOne } from '../../engines/slices/whereFilter';
import type { SliceCondition } from '../../protocol/logSummary';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';

export interface SummarizeByParams extends HitlSourceParams {
  /** The text field whose values are put side by side (task, subject, split...). */
  field: string;
  /** The split summarised ('' = every record), as in the Model Overview. */
  split: string;
  /** The slice shown (the view's "Where"); null: every record. */
  where: SliceCondition | null;
}

/**
 * Each model's accuracy and cost per value of a field, side by side: the figures of `costrisk
 * summary --by field` (same intervals), on the split and slice the Model Overview shows.
 */
export async function summarizeBy(params: SummarizeByParams, ctx: JobContext): Promise<SliceSummary[]> {
  const { records } = await hitlRecords(params, ctx, false);
  const { where } = params;
  const shown = where ? filterRecords(records, whereOne(where.field, where.value)) : records;
  ctx.progress(0.8, `summarising by ${params.field}`);
  const slices = sliceSummaries(shown, params.field, params.split === '' ? undefined : params.split, {});
  ctx.progress(1);
  return slices;
}
