import type { StageCall } from './callModel';

export interface LoggedQuery {
  queryId: string;
  question: string;
  gold: string | null;
  calls: readonly StageCall[];
  /** Strategies shown to the models for this query. */
  strategiesShown: number;
}

/**
 * A run as an eval log in the native JSON Lines format (docs/eval-logs.md): one record per model
 * call, with the model's correctness, confidence, cost, latency and tokens, under `split`. Calls
 * without a gold answer cannot say `correct` and failed calls are not answers, so both are left
 * out (and counted). Extra fields (`answer`, `gold`, `accepted`, `stage`, `strategies_shown`) are
 * ignored by the log reader but keep the run inspectable.
 */
export function formatCascadeEvalLog(
  queries: readonly LoggedQuery[],
  split: string,
): { text: string; written: number; leftOut: number } {
  const lines: string[] = [];
  let leftOut = 0;
  for (const q of queries) {
    q.calls.forEach((c, stage) => {
      if (q.gold === null || c.error !== null || c.answer === null) {
        leftOut++;
        return;
      }
      const rec: Record<string, unknown> = {
        query_id: q.queryId,
        model: c.model,
        correct: c.correct === true,
        confidence: c.confidence,
      };
      if (c.costUsd !== null) rec.cost_usd = c.costUsd;
      if (c.latencyS !== null) rec.latency_s = c.latencyS;
      if (c.inputTokens !== null) rec.input_tokens = c.inputTokens;
      if (c.outputTokens !== null) rec.output_tokens = c.outputTokens;
      Object.assign(rec, {
        split,
        task: 'intercascade',
        task_type: 'generation',
        signal: 'verbalized confidence',
        question: q.question,
      });
      Object.assign(rec, {
        answer: c.answer,
        gold: q.gold,
        accepted: c.accepted,
        stage,
        strategies_shown: q.strategiesShown,
      });
      lines.push(JSON.stringify(rec));
    });
  }
  return { text: lines.map((l) => l + '\n').join(''), written: lines.length, leftOut };
}
