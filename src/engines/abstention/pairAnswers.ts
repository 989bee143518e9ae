import type { EvalRecord } from '../logs/types';
import type { SignalSpec } from './certaintySignal';
import { modelAnswers, type ScoredAnswer } from './modelAnswers';

/** The fast (non-reasoning) and the reasoning model's answers to the same queries, index-aligned. */
export interface PairedAnswers {
  fast: ScoredAnswer[];
  reasoning: ScoredAnswer[];
  warnings: string[];
}

/** Joins two models' answers on query id; queries either model lacks (or lacks the signal for) are left out, with a warning. */
export function pairAnswers(
  records: readonly EvalRecord[],
  opts: { fast: string; reasoning: string; fastSignal: SignalSpec; reasoningSignal: SignalSpec; split?: string },
): PairedAnswers {
  const f = modelAnswers(records, opts.fast, opts.fastSignal, opts.split);
  const r = modelAnswers(records, opts.reasoning, opts.reasoningSignal, opts.split);
  const byQuery = new Map(r.answers.map((a) => [a.queryId, a]));
  const fast: ScoredAnswer[] = [];
  const reasoning: ScoredAnswer[] = [];
  for (const a of f.answers) {
    const b = byQuery.get(a.queryId);
    if (!b) continue;
    fast.push(a);
    reasoning.push(b);
  }
  const warnings = [...f.warnings, ...r.warnings];
  const dropped = Math.max(f.answers.length, r.answers.length) - fast.length;
  if (dropped > 0)
    warnings.push(
      `${opts.fast} and ${opts.reasoning} share ${fast.length} queries (${f.answers.length} and ${r.answers.length} answered with a signal); the others are left out`,
    );
  if (fast.length === 0)
    warnings.push(
      `${opts.fast} and ${opts.reasoning} have no query in common${opts.split !== undefined ? ` in split "${opts.split}"` : ''}`,
    );
  return { fast, reasoning, warnings };
}
