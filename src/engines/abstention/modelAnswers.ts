import type { EvalRecord } from '../logs/types';
import { certaintyOf, type SignalSpec } from './certaintySignal';

/** One model's answer with everything the human-in-the-loop analyses use. */
export interface ScoredAnswer {
  queryId: string;
  certainty: number;
  correct: boolean;
  latencyS: number | null;
  costUsd: number | null;
  outputTokens: number | null;
}

/**
 * A model's answers (optionally in one split) with their certainty under `spec`. Records lacking the
 * signal are left out and counted in a warning; the first record per query wins.
 */
export function modelAnswers(
  records: readonly EvalRecord[],
  model: string,
  spec: SignalSpec,
  split?: string,
): { answers: ScoredAnswer[]; warnings: string[] } {
  const answers: ScoredAnswer[] = [];
  const seen = new Set<string>();
  let missing = 0;
  let firstMissing: EvalRecord | null = null;
  for (const r of records) {
    if (r.model !== model || (split !== undefined && r.split !== split) || seen.has(r.queryId)) continue;
    seen.add(r.queryId);
    const certainty = certaintyOf(r, spec);
    if (certainty === null || Number.isNaN(certainty)) {
      missing++;
      firstMissing ??= r;
      continue;
    }
    answers.push({
      queryId: r.queryId,
      certainty,
      correct: r.correct,
      latencyS: r.latencyS,
      costUsd: r.costUsd,
      outputTokens: r.outputTokens,
    });
  }
  const warnings: string[] = [];
  if (missing && firstMissing)
    warnings.push(
      `${model}: ${missing} answer(s) have no ${spec.name} and are left out (first: ${firstMissing.file}:${firstMissing.line})`,
    );
  return { answers, warnings };
}
