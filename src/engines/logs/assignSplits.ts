import { Rng } from '../numeric/rng';
import type { EvalRecord } from './types';

export interface SplitOptions {
  /** Share of queries used for fitting (the `train` split), in (0, 1); default 0.5. */
  trainFraction?: number;
  /** Seed of the random split (default 1): the same seed gives the same split on every machine. */
  seed?: number;
  /** The split names the analysis fits on and scores on (default `train` and `test`). */
  trainSplit?: string;
  testSplit?: string;
}

export interface SplitAssignment {
  /** The records, relabelled when a split was drawn (new objects; the input records are not changed). */
  records: EvalRecord[];
  /** What was done, in plain words, or null when the log's own split was used. */
  note: string | null;
  trainQueries: number;
  testQueries: number;
}

export const DEFAULT_TRAIN_FRACTION = 0.5;
export const DEFAULT_SPLIT_SEED = 1;

/**
 * The records with a train/test split an analysis can fit on and score on. A log that has both
 * splits (`trainSplit` and `testSplit`) is returned as it is. Otherwise (no split field, as in
 * Inspect, lm-evaluation-harness and promptfoo logs, or only one of the two labels) queries are
 * split at random with a seeded generator: every record of a query lands in the same split, and
 * the draw is stratified by how many models answered the query correctly, so both halves hold the
 * same mix of easy and hard queries (within one query per stratum). The note says what was done;
 * callers show it with the results.
 */
export function assignSplits(records: readonly EvalRecord[], opts: SplitOptions = {}): SplitAssignment {
  const trainSplit = opts.trainSplit ?? 'train';
  const testSplit = opts.testSplit ?? 'test';
  const labels = new Set<string>();
  for (const r of records) labels.add(r.split);
  if (labels.has(trainSplit) && labels.has(testSplit)) {
    const queries = (split: string): number =>
      new Set(records.filter((r) => r.split === split).map((r) => r.queryId)).size;
    return {
      records: records as EvalRecord[],
      note: null,
      trainQueries: queries(trainSplit),
      testQueries: queries(testSplit),
    };
  }
  const fraction = opts.trainFraction ?? DEFAULT_TRAIN_FRACTION;
  if (!(fraction > 0 && fraction < 1))
    throw new RangeError(`the training share must be between 0 and 1 (exclusive), got ${fraction}`);
  const seed = opts.seed ?? DEFAULT_SPLIT_SEED;

  // Per query: how many models got it right (the stratum) and a random key for the order within it.
  const correctCount = new Map<string, number>();
  for (const r of records) correctCount.set(r.queryId, (correctCount.get(r.queryId) ?? 0) + (r.correct ? 1 : 0));
  const rng = new Rng(seed);
  const order = [...correctCount.keys()].map((id) => ({ id, stratum: correctCount.get(id) ?? 0, key: rng.uniform() }));
  order.sort((a, b) => a.stratum - b.stratum || a.key - b.key);
  // Systematic allocation down the sorted list: each stratum gets its share of train queries, within one.
  const inTrain = new Set<string>();
  for (let i = 0; i < order.length; i++)
    if (Math.floor((i + 1) * fraction) > Math.floor(i * fraction)) inTrain.add(order[i].id);
  const out = records.map((r) => ({ ...r, split: inTrain.has(r.queryId) ? trainSplit : testSplit }));
  const trainQueries = inTrain.size;
  const testQueries = order.length - trainQueries;
  const had = [...labels].filter((l) => l !== '');
  const why =
    had.length === 0
      ? 'the log has no split'
      : `the log's split${had.length > 1 ? 's' : ''} (${had.map((l) => `"${l}"`).join(', ')}) lack${had.length > 1 ? '' : 's'} ${labels.has(trainSplit) ? `"${testSplit}"` : labels.has(testSplit) ? `"${trainSplit}"` : `"${trainSplit}" and "${testSplit}"`}`;
  const note = `${why}: queries were split at random (seed ${seed}, stratified by how many models answered each correctly): ${trainQueries} (${Math.round(100 * fraction)}%) to fit on as "${trainSplit}", ${testQueries} to score on as "${testSplit}".`;
  return { records: out, note, trainQueries, testQueries };
}
