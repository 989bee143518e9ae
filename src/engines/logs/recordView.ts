import type { CostSource, EvalRecord, TaskType } from './types';

/**
 * Read access to a log's records by row, whether they are held as EvalRecord objects or in a
 * columnar RecordTable: the summaries read through this, so one implementation serves both.
 * Every accessor returns exactly what the EvalRecord field of that row holds.
 */
export interface RecordView {
  readonly length: number;
  queryId(i: number): string;
  model(i: number): string;
  split(i: number): string;
  task(i: number): string;
  taskType(i: number): TaskType;
  signal(i: number): string;
  score(i: number): number;
  logprob(i: number): number | null;
  confidence(i: number): number | null;
  costUsd(i: number): number | null;
  costSource(i: number): CostSource;
  latencyS(i: number): number | null;
  inputTokens(i: number): number | null;
  outputTokens(i: number): number | null;
  reasoningTokens(i: number): number | null;
  extra(i: number): Record<string, number | boolean> | undefined;
  labels(i: number): Record<string, string> | undefined;
}

/** The view of an array of records (row i is records[i]). */
export function recordsView(records: readonly EvalRecord[]): RecordView {
  return {
    length: records.length,
    queryId: (i) => records[i].queryId,
    model: (i) => records[i].model,
    split: (i) => records[i].split,
    task: (i) => records[i].task,
    taskType: (i) => records[i].taskType,
    signal: (i) => records[i].signal,
    score: (i) => records[i].score,
    logprob: (i) => records[i].logprob,
    confidence: (i) => records[i].confidence,
    costUsd: (i) => records[i].costUsd,
    costSource: (i) => records[i].costSource,
    latencyS: (i) => records[i].latencyS,
    inputTokens: (i) => records[i].inputTokens,
    outputTokens: (i) => records[i].outputTokens,
    reasoningTokens: (i) => records[i].reasoningTokens,
    extra: (i) => records[i].extra,
    labels: (i) => records[i].labels,
  };
}

/** A view of `source`: the source itself when it is one already, else the view of the record array. */
export function asView(source: readonly EvalRecord[] | RecordView): RecordView {
  return Array.isArray(source) ? recordsView(source as readonly EvalRecord[]) : (source as RecordView);
}
