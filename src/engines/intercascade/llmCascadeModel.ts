import { chatCompleteReply, LlmError } from '../llm/chatCompletion';
import { answerTokenConfidence } from './answerTokenConfidence';
import { answerPromptMessages, type PromptRole } from './answerPrompt';
import type { CascadeModel, ModelReply } from './cascadeModel';
import { parseAnswerReply } from './parseAnswerReply';

export type ConfidenceSource = 'stated' | 'tokens';

export interface LlmCascadeModelOptions {
  endpoint: string;
  model: string;
  apiKey?: string;
  /** 'teacher' also asks for a reusable strategy with each answer (the strong model of Algorithm 2). */
  role: PromptRole;
  /** Dollars per million tokens; with the endpoint's `usage` they give each call's cost. */
  price?: { inputPerMillion: number; outputPerMillion: number };
  timeoutMs?: number;
  maxTokens?: number;
  /**
   * Where the deferral confidence comes from: 'stated' (default), the probability the model writes
   * in its reply; 'tokens', the normalised probability of the answer's tokens (the paper's choice;
   * the endpoint must return log-probs).
   */
  confidence?: ConfidenceSource;
  fetchImpl?: typeof fetch;
}

/**
 * A cascade model backed by an OpenAI-compatible chat endpoint (through {@link chatCompleteReply}),
 * with our own prompt. The confidence is the model's stated probability, or with `confidence:
 * 'tokens'` the normalised probability of the answer's tokens (answerTokenConfidence.ts). Token
 * counts come from the reply's `usage`, latency from the wall clock. A reply that breaks the JSON
 * format, or lacks the log-probs asked for, throws an LlmError of kind 'reply' with the reason.
 */
export function llmCascadeModel(opts: LlmCascadeModelOptions): CascadeModel {
  return {
    name: opts.model,
    async answer(query, strategies, signal): Promise<ModelReply> {
      const tokens = opts.confidence === 'tokens';
      const started = performance.now();
      const reply = await chatCompleteReply({ endpoint: opts.endpoint, model: opts.model, apiKey: opts.apiKey, messages: answerPromptMessages(opts.role, query, strategies), timeoutMs: opts.timeoutMs, maxTokens: opts.maxTokens, logprobs: tokens, signal, fetchImpl: opts.fetchImpl });
      const latencyS = (performance.now() - started) / 1000;
      const parsed = parseAnswerReply(reply.content, { requireStrategy: opts.role === 'teacher' });
      if (!parsed.ok) throw new LlmError(`${opts.model}: ${parsed.error}`, 'reply');
      let { confidence } = parsed.reply;
      if (tokens) {
        if (reply.logprobs === null) throw new LlmError(`${opts.model}: the endpoint returned no token log-probs (does it support "logprobs"? else use the stated confidence)`, 'reply');
        const fromTokens = answerTokenConfidence(reply.logprobs);
        if (fromTokens === null) throw new LlmError(`${opts.model}: the token log-probs do not spell an "answer" value`, 'reply');
        confidence = fromTokens;
      }
      const { inputTokens, outputTokens } = reply;
      const costUsd = opts.price && inputTokens !== undefined && outputTokens !== undefined ? (inputTokens * opts.price.inputPerMillion + outputTokens * opts.price.outputPerMillion) / 1e6 : undefined;
      return { ...parsed.reply, confidence, latencyS, inputTokens, outputTokens, costUsd };
    },
  };
}
