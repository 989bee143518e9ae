import type { RetrievedStrategy } from './strategyRepository';

/** What a model returns for one query (Inter-Cascade §2.2: generation function plus confidence). */
export interface ModelReply {
  answer: string;
  /** The model's confidence in its answer, in [0, 1]; the deferral rule compares it with the threshold (eq. 4). */
  confidence: number;
  /** A reusable strategy, when the model writes one together with its answer (saves a second call). */
  strategy?: string;
  costUsd?: number;
  latencyS?: number;
  inputTokens?: number;
  outputTokens?: number;
}

/**
 * One model of the cascade. `strategies` are the repository entries retrieved for this query (empty
 * when there are none). `strategy` is the strategy generator (§2.2, the map from a query and its
 * answer to a reusable strategy); models without it never write to the repository unless their
 * reply carries a `strategy`.
 */
export interface CascadeModel {
  name: string;
  answer(query: string, strategies: readonly RetrievedStrategy[], signal?: AbortSignal): Promise<ModelReply>;
  strategy?(query: string, answer: string, signal?: AbortSignal): Promise<string>;
}
