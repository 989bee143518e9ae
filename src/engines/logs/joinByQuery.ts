import type { EvalRecord } from './types';
import { asView, recordsView, type RecordView } from './recordView';

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
  const cells: (EvalRecord | undefined)[][] = [];
  const walk = walkQueries(recordsView(records), models, opts.split, (q, m, i) => {
    if (q === cells.length) cells.push(new Array<EvalRecord | undefined>(models.length));
    if (cells[q][m] === undefined) cells[q][m] = records[i];
  });
  const { complete, answered } = tally(cells.length, models.length, (q, m) => cells[q][m] !== undefined);
  const notes = joinNotes(models, answered, complete.length, walk, opts.split);
  return { models, queryIds: walk.queryIds, splits: walk.splits, cells, complete, notes };
}

/** How many queries the models answered, how many every model answered, and the notes joinByQuery would give. */
export interface QueryCoverage {
  queries: number;
  completeQueries: number;
  notes: string[];
}

/**
 * The counts and notes of joinByQuery without the query x model table of records: reads a view
 * (a log's columnar table as it is), so a summary of a large log builds no record object.
 */
export function queryCoverage(records: readonly EvalRecord[] | RecordView, opts: JoinOptions = {}): QueryCoverage {
  const view = asView(records);
  const models = opts.models ? [...opts.models] : uniqueModels(view);
  const m = Math.max(1, models.length);
  let answeredBy = new Uint8Array(1024 * m);
  const walk = walkQueries(view, models, opts.split, (q, k) => {
    if ((q + 1) * m > answeredBy.length) {
      const grown = new Uint8Array(2 * answeredBy.length);
      grown.set(answeredBy);
      answeredBy = grown;
    }
    answeredBy[q * m + k] = 1;
  });
  const queries = walk.queryIds.length;
  const { complete, answered } = tally(queries, models.length, (q, k) => answeredBy[q * m + k] === 1);
  return {
    queries,
    completeQueries: complete.length,
    notes: joinNotes(models, answered, complete.length, walk, opts.split),
  };
}

interface QueryWalk {
  queryIds: string[];
  /** The split of each query (from its first record). */
  splits: string[];
  /** Records that put their query in another split than its first record did. */
  splitConflicts: number;
}

/**
 * Numbers the queries of the rows of `models` (in `split`, if given) in order of first appearance
 * and calls `visit(query, model, row)` for each such row.
 */
function walkQueries(
  view: RecordView,
  models: readonly string[],
  split: string | undefined,
  visit: (q: number, m: number, row: number) => void,
): QueryWalk {
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const queryIndex = new Map<string, number>();
  const queryIds: string[] = [];
  const splits: string[] = [];
  let splitConflicts = 0;
  for (let i = 0; i < view.length; i++) {
    const s = view.split(i);
    if (split !== undefined && s !== split) continue;
    const m = modelIndex.get(view.model(i));
    if (m === undefined) continue;
    const id = view.queryId(i);
    let q = queryIndex.get(id);
    if (q === undefined) {
      q = queryIds.length;
      queryIndex.set(id, q);
      queryIds.push(id);
      splits.push(s);
    } else if (splits[q] !== s) splitConflicts++;
    visit(q, m, i);
  }
  return { queryIds, splits, splitConflicts };
}

/** The queries every model answered, and how many queries each model answered. */
function tally(
  queries: number,
  models: number,
  has: (q: number, m: number) => boolean,
): { complete: number[]; answered: number[] } {
  const complete: number[] = [];
  const answered = new Array<number>(models).fill(0);
  for (let q = 0; q < queries; q++) {
    let all = true;
    for (let m = 0; m < models; m++) {
      if (!has(q, m)) all = false;
      else answered[m]++;
    }
    if (all) complete.push(q);
  }
  return { complete, answered };
}

/** Plain-language notes: models that answered different query sets or nothing, split disagreements. */
function joinNotes(
  models: readonly string[],
  answered: readonly number[],
  complete: number,
  walk: QueryWalk,
  split: string | undefined,
): string[] {
  const notes: string[] = [];
  if (models.length > 1 && complete < walk.queryIds.length) {
    const detail = models.map((m, i) => `${m}: ${answered[i]}`).join(', ');
    notes.push(
      `Models answered different sets of queries (${detail}); comparisons use the ${complete} queries all of them answered.`,
    );
  }
  for (let m = 0; m < models.length; m++)
    if (answered[m] === 0)
      notes.push(`Model ${models[m]} has no records${split !== undefined ? ` in split "${split}"` : ''}.`);
  if (walk.splitConflicts)
    notes.push(
      `${walk.splitConflicts} record(s) put a query in a different split than its first record did; the first record's split is used.`,
    );
  return notes;
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
