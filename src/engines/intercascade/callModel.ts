import { LlmError } from '../llm/llmError';
import { answersMatch } from './answersMatch';
import type { CascadeModel, ModelReply } from './cascadeModel';
import type { LocalMatcher } from './matchAnswer';
import type { RetrievedStrategy } from './strategyRepository';

/** One model call as the run records it. */
export interface StageCall {
  model: string;
  /** Null when the call failed (see `error`). */
  answer: string | null;
  /** 0 when the call failed, so a failed call never clears a threshold. */
  confidence: number;
  /** Whether the deferral rule kept this answer: confidence ≥ threshold (a null threshold never accepts). */
  accepted: boolean;
  /** Against the gold answer (a failed call is not correct); null without gold. */
  correct: boolean | null;
  costUsd: number | null;
  latencyS: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** The strategy the reply carried, if any. */
  strategy: string | null;
  /** Why the call failed (HTTP error, malformed reply...), else null. */
  error: string | null;
  /**
   * What kind of failure: 'transport' (HTTP error, timeout, network, after any retries), 'malformed'
   * (a reply that breaks the answer format), 'usage' (implausible token counts); null when the call
   * succeeded. A malformed reply keeps its tokens and cost: it was paid for.
   */
  errorKind?: CallFailure | null;
}

export type CallFailure = 'transport' | 'malformed' | 'usage';

/** The failure kind of an error thrown by a model. */
export function failureKind(e: unknown): CallFailure {
  if (e instanceof LlmError && e.kind === 'reply') return 'malformed';
  if (e instanceof LlmError && e.kind === 'usage') return 'usage';
  return 'transport';
}

/**
 * Calls one model and applies its deferral rule (Inter-Cascade eq. 4: keep the answer when the
 * confidence reaches the threshold). A failing call is recorded, not thrown, unless the run was
 * cancelled: a model that cannot answer defers the query like an unsure one. `match` compares the
 * answer with the gold answer (default: normalised exact match).
 */
export async function callModel(
  model: CascadeModel,
  query: string,
  strategies: readonly RetrievedStrategy[],
  gold: string | null,
  threshold: number | null,
  signal?: AbortSignal,
  match: LocalMatcher = answersMatch,
): Promise<StageCall> {
  let reply: ModelReply;
  try {
    reply = await model.answer(query, strategies, signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason ?? e;
    const spent = e instanceof LlmError ? e.spent : undefined;
    return {
      model: model.name,
      answer: null,
      confidence: 0,
      accepted: false,
      correct: gold === null ? null : false,
      costUsd: spent?.costUsd ?? null,
      latencyS: null,
      inputTokens: spent?.inputTokens ?? null,
      outputTokens: spent?.outputTokens ?? null,
      strategy: null,
      error: (e as Error).message,
      errorKind: failureKind(e),
    };
  }
  const confidence = Number.isFinite(reply.confidence) ? Math.min(1, Math.max(0, reply.confidence)) : 0;
  return {
    model: model.name,
    answer: reply.answer,
    confidence,
    accepted: threshold !== null && confidence >= threshold,
    correct: gold === null ? null : match(reply.answer, gold),
    costUsd: reply.costUsd ?? null,
    latencyS: reply.latencyS ?? null,
    inputTokens: reply.inputTokens ?? null,
    outputTokens: reply.outputTokens ?? null,
    strategy: reply.strategy?.trim() ? reply.strategy.trim() : null,
    error: null,
    errorKind: null,
  };
}
