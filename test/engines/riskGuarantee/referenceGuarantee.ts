/**
 * The guaranteed-threshold procedures written out plainly from their definitions in
 * docs/risk-guarantee.md, with jStat's Beta inverse for the Clopper–Pearson bound: independent of
 * the engine (no shared code), so the engine and the views can be compared against it.
 */
import { jStat } from './jstatBeta';

export interface RefItem {
  certainty: number;
  correct: boolean;
}

/** The one-sided Clopper–Pearson upper bound U = Beta⁻¹(1 − δ; k + 1, n − k), 1 when k = n. */
export function referenceBound(k: number, n: number, delta: number): number {
  return k >= n ? 1 : jStat.ibetainv(1 - delta, k + 1, n - k);
}

/** Candidate thresholds: distinct certainties, most certain first, with accepted and wrong counts. */
export function referenceLevels(items: readonly RefItem[]): { threshold: number; accepted: number; errors: number }[] {
  const levels = [...new Set(items.map((i) => i.certainty))].sort((a, b) => b - a);
  return levels.map((threshold) => {
    const acc = items.filter((i) => i.certainty >= threshold);
    return { threshold, accepted: acc.length, errors: acc.filter((i) => !i.correct).length };
  });
}

/** Smallest n with a zero-error bound ≤ α. */
export function referenceMinimum(alpha: number, delta: number): number {
  let n = 1;
  while (referenceBound(0, n, delta) > alpha) n++;
  return n;
}

/** Smallest n whose bound at ⌊nα/2⌋ errors is ≤ α, capped at ⌈total/2⌉, never below the zero-error minimum. */
export function referenceStart(alpha: number, delta: number, total: number): number {
  let half = 1;
  while (referenceBound(Math.floor((half * alpha) / 2), half, delta) > alpha) half++;
  return Math.max(referenceMinimum(alpha, delta), Math.min(half, Math.ceil(total / 2)));
}

export type RefMethod = 'fixed-sequence' | 'bonferroni' | 'every-answer';

/**
 * The certified threshold (null = none) of a method. Grid methods: target counts start, then
 * ⌈i·n/points⌉ for i = 1..points (points = 1/step) above start, and n; each target maps to the first
 * level accepting at least that many answers.
 */
export function referenceThreshold(
  items: readonly RefItem[],
  alpha: number,
  delta: number,
  method: RefMethod,
  points = 20,
  start?: number,
): number | null {
  const n = items.length;
  const levels = referenceLevels(items);
  const first = start ?? (method === 'every-answer' ? referenceMinimum(alpha, delta) : referenceStart(alpha, delta, n));
  let sequence: typeof levels;
  if (method === 'every-answer') sequence = levels.filter((l) => l.accepted >= first);
  else {
    const targets = first > n ? [] : [first];
    for (let i = 1; i <= points; i++) {
      const c = Math.ceil((i * n) / points);
      if (c > targets[targets.length - 1]) targets.push(c);
    }
    sequence = [];
    for (const t of targets) {
      const l = levels.find((x) => x.accepted >= t);
      if (l && !sequence.includes(l)) sequence.push(l);
    }
  }
  if (method === 'bonferroni') {
    const passing = sequence.filter((l) => referenceBound(l.errors, l.accepted, delta / sequence.length) <= alpha);
    return passing.length ? passing[passing.length - 1].threshold : null;
  }
  let last: number | null = null;
  for (const l of sequence) {
    if (referenceBound(l.errors, l.accepted, delta) > alpha) break;
    last = l.threshold;
  }
  return last;
}

/**
 * One model's answers in one split read straight from a native JSONL log (no engine reader): the
 * certainty is `confidence`, else exp(`logprob`); records without either are left out.
 */
export function rawAnswers(jsonl: string, model: string, split: string): RefItem[] {
  const out: RefItem[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as {
      model?: string;
      split?: string;
      correct?: boolean;
      confidence?: number;
      logprob?: number;
    };
    if (r.model !== model || r.split !== split) continue;
    const certainty =
      typeof r.confidence === 'number' ? r.confidence : typeof r.logprob === 'number' ? Math.exp(r.logprob) : null;
    if (certainty !== null) out.push({ certainty, correct: r.correct === true });
  }
  return out;
}
