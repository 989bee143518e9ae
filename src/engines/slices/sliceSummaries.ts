import { summarizeModels, type ModelSummary, type SummaryIntervalOptions } from '../logs/summarizeModels';
import type { EvalRecord } from '../logs/types';
import { groupBySlice } from './groupBySlice';

/** One value of a field and its models' figures (as `costrisk summary --by field`). */
export interface SliceSummary {
  field: string;
  value: string;
  models: ModelSummary[];
}

/**
 * summarizeModels on the records of each value of `field`, in the order the values first occur;
 * values with no record in `split` are left out. @throws SliceError when the log has no such field.
 */
export function sliceSummaries(
  records: readonly EvalRecord[],
  field: string,
  split: string | undefined,
  intervals: SummaryIntervalOptions,
): SliceSummary[] {
  return groupBySlice(records, field)
    .map((g) => ({ field, value: g.value, models: summarizeModels(g.records, split, intervals) }))
    .filter((g) => g.models.length > 0);
}
