/**
 * The paper's comparison figures (Inter-Cascade §3.3, Table 2) for each pipeline run on the same
 * query stream: the Inter-Cascade (retrieval), the plain cascade without strategies (the paper's
 * Jung et al. baseline) and the random-strategy control. With N the queries, N_g those with a gold
 * answer, M_s the queries passed to the strong model, C_w and C_s the gold queries the weak and the
 * strong model answered right and kept, C_w' those the weak model answered right (kept or not) and
 * N_u the queries abstained on:
 *
 *   pipeline accuracy      = (C_w + C_s) / N_g      strong-call rate = M_s / N
 *   weak accuracy          = C_w' / N_g              coverage         = (N − N_u) / N
 *   weak correct accepted  = C_w / N_g
 *   token reduction        = (T_plain − T) / T_plain  cost reduction   = (F_plain − F) / F_plain
 *
 * where T and F are the tokens and dollars the pipeline consumed: its chat calls (input + output;
 * a call it shared with another arm counts in full for each: each pipeline run alone would have paid
 * it) plus, for the Inter-Cascade, its embedding requests (their dollars only when the embedding
 * model has a price: the session warns otherwise). The reductions need the plain cascade in
 * the comparison; they are null for the plain cascade itself and whenever a figure is unknown.
 */
import type { StageCall } from './callModel';
import type { ArmName } from './journalRecords';
import { summarizeTrace, type QueryTrace } from './runInterCascade';

export interface ArmFigures {
  arm: ArmName;
  n: number;
  nGold: number;
  pipelineAccuracy: number | null;
  weakAccuracy: number | null;
  weakCorrectAccepted: number | null;
  strongCallRate: number;
  coverage: number;
  /** Null when a call that was answered reported no token counts. */
  tokens: number | null;
  /** Null when a call that was answered has no cost (no price, or no usage); an unpriced embedding model adds nothing. */
  costUsd: number | null;
  tokenReduction: number | null;
  costReduction: number | null;
  strategiesAdded: number;
  /** Calls answered by an identical call another arm had paid (so not paid again). */
  sharedCalls: number;
  failedCalls: number;
}

/** What an arm consumed besides its chat calls (the Inter-Cascade's embeddings), and its bookkeeping. */
export interface ArmExtras {
  tokens: number;
  usd: number | null;
  sharedCalls: number;
}

/** A transport failure was never answered: it took nothing. */
const tookNothing = (c: StageCall) => c.error !== null && (c.errorKind ?? 'transport') === 'transport';

function consumed(calls: readonly StageCall[]): { tokens: number | null; usd: number | null } {
  let tokens: number | null = 0;
  let usd: number | null = 0;
  for (const c of calls) {
    if (tookNothing(c)) continue;
    tokens =
      tokens === null || c.inputTokens === null || c.outputTokens === null
        ? null
        : tokens + c.inputTokens + c.outputTokens;
    usd = usd === null || c.costUsd === null ? null : usd + c.costUsd;
  }
  return { tokens, usd };
}

const reduction = (base: number | null, x: number | null): number | null =>
  base === null || x === null || base <= 0 ? null : (base - x) / base;

/** One arm's figures over its trace (reductions left null: see {@link compareArms}). */
export function armFigures(arm: ArmName, trace: readonly QueryTrace[], extras: ArmExtras): ArmFigures {
  const s = summarizeTrace(trace, 2);
  const calls = trace.flatMap((t) => t.calls);
  const { tokens, usd } = consumed(calls);
  return {
    arm,
    n: s.n,
    nGold: s.nGold,
    pipelineAccuracy: s.overallAccuracy,
    weakAccuracy: s.weakAccuracy,
    weakCorrectAccepted: s.weakCorrectAccepted,
    strongCallRate: s.strongCallRate,
    coverage: s.coverage,
    tokens: tokens === null ? null : tokens + extras.tokens,
    costUsd: usd === null ? null : usd + (extras.usd ?? 0),
    tokenReduction: null,
    costReduction: null,
    strategiesAdded: trace.filter((t) => t.strategyAdded).length,
    sharedCalls: extras.sharedCalls,
    failedCalls: calls.filter((c) => c.error !== null).length,
  };
}

/** The arms' figures with the token and cost reductions relative to the plain cascade (when it is among them). */
export function compareArms(rows: readonly ArmFigures[]): ArmFigures[] {
  const plain = rows.find((r) => r.arm === 'plain');
  return rows.map((r) =>
    plain && r !== plain
      ? { ...r, tokenReduction: reduction(plain.tokens, r.tokens), costReduction: reduction(plain.costUsd, r.costUsd) }
      : { ...r },
  );
}
