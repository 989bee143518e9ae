import type { EvalRecord } from './types';
import { asView, type RecordView } from './recordView';

/**
 * Records joined on `query_id` into a query x model table. `cells[q][m]` is model m's record for
 * query q, or undefined when that model did not answer it. `complete` lists the indices of queries
 * that every model answered: analyses that compare models use those.
 */
export interface JoinedTable {
  models: string[];
  queryIds: string[];
  /** The split of each query (from its first record). */
  splits: string[];
  cells: (EvalRecord | undefined)[][];
  complete: number[];
  /** Plain-language notes: models that answered different query sets, split disagreements. */
  notes: string[];
}

export interface JoinOptions {
  /** Keep only these models, in this order (default: all, in order of first appearance). */
  models?: string[];
  /** Keep only records of this split. */
  split?: string;
}

export function joinByQuery(records: readonly EvalRecord[], opts: JoinOptions = {}): JoinedTable {
  const models = opts.models ? [...opts.models] : uniqueModels(records);
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const queryIndex = new Map<string, number>();
  const queryIds: string[] = [];
  const splits: string[] = [];
  const cells: (EvalRecord | undefined)[][] = [];
  let splitConflicts = 0;
  for (const r of records) {
    if (opts.split !== undefined && r.split !== opts.split) continue;
    const m = modelIndex.get(r.model);
    if (m === undefined) continue;
    let q = queryIndex.get(r.queryId);
    if (q === undefined) {
      q = queryIds.length;
      queryIndex.set(r.queryId, q);
      queryIds.push(r.queryId);
      splits.push(r.split);
      cells.push(new Array<EvalRecord | undefined>(models.length));
    } else if (splits[q] !== r.split) splitConflicts++;
    if (cells[q][m] === undefined) cells[q][m] = r;
  }
  const complete: number[] = [];
  const answered = new Array<number>(models.length).fill(0);
  for (let q = 0; q < cells.length; q++) {
    let all = true;
    for (let m = 0; m < models.length; m++) {
      if (cells[q][m] === undefined) all = false;
      else answered[m]++;
    }
    if (all) complete.push(q);
  }
  const notes: string[] = [];
  if (models.length > 1 && complete.length < queryIds.length) {
    const detail = models.map((m, i) => `${m}: ${answered[i]}`).join(', ');
    notes.push(
      `Models answered different sets of queries (${detail}); comparisons use the ${complete.length} queries all of them answered.`,
    );
  }
  for (let m = 0; m < models.length; m++)
    if (answered[m] === 0)
      notes.push(`Model ${models[m]} has no records${opts.split !== undefined ? ` in split "${opts.split}"` : ''}.`);
  if (splitConflicts)
    notes.push(
      `${splitConflicts} record(s) put a query in a different split than its first record did; the first record's split is used.`,
    );
  return { models, queryIds, splits, cells, complete, notes };
}

/** Model names in order of first appearance (of records, or of a log's table read without building them). */
export function uniqueModels(records: readonly EvalRecord[] | RecordView): string[] {
  const view = asView(records);
  const seen = new Set<string>();
  for (let i = 0; i < view.length; i++) seen.add(view.model(i));
  return [...seen];
}

/** Split labels in order of first appearance ('' stands for records without a split). */
export function uniqueSplits(records: readonly EvalRecord[] | RecordView): string[] {
  const view = asView(records);
  const seen = new Set<string>();
  for (let i = 0; i < view.length; i++) seen.add(view.split(i));
  return [...seen];
}
