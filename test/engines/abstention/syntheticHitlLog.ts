// Synthetic "Fail Fast, or Ask" logs for tests: the shared real logs have no reasoning model, so
// output-token signals and latency drag are exercised on data generated here with a known structure.
import { writeFileSync } from 'node:fs';
import { Rng } from '../../../src/engines/numeric/rng';
import type { EvalRecord } from '../../../src/engines/logs/types';

/** One native-format log line (eval-log format v1). */
export interface NativeRow {
  query_id: string;
  model: string;
  correct: boolean;
  confidence?: number;
  output_tokens: number;
  latency_s: number;
  cost_usd: number;
  split: string;
  reasoning: boolean;
  signal: string;
}

export const FAST = 'fast-nr';
export const SLOW = 'slow-r';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * n queries with a latent difficulty z ~ N(0, 1). The fast model is right with probability
 * σ(1 − 1.5z) and reports a P(True) confidence σ(1 − 1.5z + 0.7ε); the reasoning model is right with
 * probability σ(3.5 − 1.5z), thinks exp(8 + 0.6z + 0.3ε') tokens and takes tokens/80 + 1 seconds.
 * Long traces and slow answers therefore go with hard queries (the premise of §4.3 and §4.4).
 * With `independentLatency`, the reasoning model's latency is drawn independently of z instead.
 */
export function syntheticHitlRows(opts: {
  n: number;
  seed: number;
  trainShare?: number;
  independentLatency?: boolean;
}): NativeRow[] {
  const rng = new Rng(opts.seed);
  const rows: NativeRow[] = [];
  for (let q = 0; q < opts.n; q++) {
    const z = rng.normal();
    const split = rng.uniform() < (opts.trainShare ?? 0) ? 'train' : 'test';
    const id = `q${q}`;
    const fastTokens = 300 + Math.round(200 * rng.uniform());
    rows.push({
      query_id: id,
      model: FAST,
      correct: rng.uniform() < sigmoid(1 - 1.5 * z),
      confidence: sigmoid(1 - 1.5 * z + 0.7 * rng.normal()),
      output_tokens: fastTokens,
      latency_s: 2 + fastTokens / 400,
      cost_usd: fastTokens * 1e-6,
      split,
      reasoning: false,
      signal: 'p_true',
    });
    const tokens = Math.round(Math.exp(8 + 0.6 * z + 0.3 * rng.normal()));
    const latencyTokens = opts.independentLatency ? Math.round(Math.exp(8 + 0.6 * rng.normal())) : tokens;
    rows.push({
      query_id: id,
      model: SLOW,
      correct: rng.uniform() < sigmoid(3.5 - 1.5 * z),
      output_tokens: tokens,
      latency_s: latencyTokens / 80 + 1,
      cost_usd: tokens * 4e-6,
      split,
      reasoning: true,
      signal: 'output_tokens',
    });
  }
  return rows;
}

/** The rows as validated records (what `readEvalLog` would return for them). */
export function toRecords(rows: readonly NativeRow[], file = 'synthetic.jsonl'): EvalRecord[] {
  return rows.map((r, i) => ({
    queryId: r.query_id,
    model: r.model,
    score: r.correct ? 1 : 0,
    correct: r.correct,
    logprob: r.confidence === undefined ? null : Math.log(r.confidence),
    confidence: r.confidence ?? null,
    costUsd: r.cost_usd,
    inputTokens: null,
    outputTokens: r.output_tokens,
    reasoningTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    costSource: 'log',
    epochs: 1,
    latencyS: r.latency_s,
    split: r.split,
    task: 'synthetic',
    taskType: 'generation',
    signal: r.signal,
    reasoning: r.reasoning,
    question: '',
    file,
    line: i + 1,
  }));
}

/** Writes the rows as a JSONL eval log (for CLI tests). */
export function writeRows(file: string, rows: readonly NativeRow[]): void {
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
