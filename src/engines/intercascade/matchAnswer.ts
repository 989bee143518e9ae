/**
 * How a run decides whether an answer is correct: 'exact' (normalised exact match, numbers in any
 * format compared as numbers; answersMatch.ts), 'numeric' (the numbers the answers state, within a
 * relative tolerance; numericMatch.ts), 'choice' (the option letter; choiceMatch.ts) or 'judge'
 * (exact first, then a third model asked whether the answer matches; judgePrompt.ts).
 */
import { answersMatch } from './answersMatch';
import { choiceAnswersMatch } from './choiceMatch';
import { DEFAULT_REL_TOL, numericAnswersMatch } from './numericMatch';

export const MATCH_MODES = ['exact', 'numeric', 'choice', 'judge'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export interface MatchOptions {
  mode: MatchMode;
  /** The relative tolerance of 'numeric' (default 1e-6). */
  relTol?: number;
  /** The judge model of 'judge'. */
  judgeModel?: string | null;
}

/** Compares an answer with the gold answer without any call. */
export type LocalMatcher = (answer: string, gold: string) => boolean;

/** The matcher that needs no call: the mode's own, or for 'judge' the exact match tried before asking the judge. */
export function localMatcher(o: MatchOptions): LocalMatcher {
  switch (o.mode) {
    case 'numeric':
      return (a, g) => numericAnswersMatch(a, g, o.relTol ?? DEFAULT_REL_TOL);
    case 'choice':
      return choiceAnswersMatch;
    default:
      return answersMatch;
  }
}

/** What a journal must agree on about matching (the tolerance only for 'numeric', the judge only for 'judge'). */
export function matchConfig(o: MatchOptions): Record<string, unknown> {
  return {
    mode: o.mode,
    ...(o.mode === 'numeric' ? { rel_tol: o.relTol ?? DEFAULT_REL_TOL } : {}),
    ...(o.mode === 'judge' ? { judge_model: o.judgeModel ?? null } : {}),
  };
}

/** A problem with the match options, or null. */
export function matchProblem(o: MatchOptions): string | null {
  if (!(MATCH_MODES as readonly string[]).includes(o.mode))
    return `the match mode must be one of ${MATCH_MODES.join(', ')}, got "${String(o.mode)}"`;
  if (o.relTol !== undefined && !(Number.isFinite(o.relTol) && o.relTol >= 0 && o.relTol < 1))
    return `the relative tolerance must be a number in [0, 1), got ${o.relTol}`;
  if (o.mode === 'judge' && !o.judgeModel?.trim()) return 'matching by a judge needs the judge model';
  return null;
}
