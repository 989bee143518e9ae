import type { EvalRecord } from '../../../src/engines/logs/types';

/** A synthetic eval record for closed-form tests (fields not under test get neutral values). */
export function rec(
  model: string,
  queryId: string,
  split: string,
  correct: boolean,
  confidence: number,
  costUsd: number,
  latencyS: number,
): EvalRecord {
  return {
    queryId,
    model,
    score: correct ? 1 : 0,
    correct,
    logprob: Math.log(confidence),
    confidence,
    costUsd,
    inputTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    costSource: 'log',
    epochs: 1,
    latencyS,
    split,
    task: 'synthetic',
    taskType: 'multiple_choice',
    signal: 'answer_logprob',
    reasoning: null,
    question: '',
    file: 'synthetic.jsonl',
    line: 0,
  };
}
