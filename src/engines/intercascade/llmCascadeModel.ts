import { LlmError } from '../llm/chatCompletion';
import { endpointChat, type ChatFunction } from '../llm/chatFunction';
import type { HttpFetch } from '../llm/openAiRequest';
import type { RetryPolicy } from '../llm/retry';
import { priceTokens } from '../logs/priceResolver';
import type { ModelPrice } from '../logs/types';
import { answerTokenConfidence } from './answerTokenConfidence';
import { answerPromptMessages, type PromptRole } from './answerPrompt';
import type { CascadeModel, ModelReply } from './cascadeModel';
import { parseAnswerReply } from './parseAnswerReply';

export type ConfidenceSource = 'stated' | 'tokens';

/**
 * How requests reach the model: a chat function (e.g. the editor's language models), or the
 * OpenAI-compatible `endpoint` through the caller's `fetchImpl`.
 */
export type LlmCascadeModelOptions = LlmCascadeModelSettings &
  ({ chat: ChatFunction; fetchImpl?: undefined } | { chat?: undefined; fetchImpl: HttpFetch });

interface LlmCascadeModelSettings {
  /** The OpenAI-compatible endpoint; ignored when `chat` is given. */
  endpoint: string;
  model: string;
  apiKey?: string;
  /** 'teacher' also asks for a reusable strategy with each answer (the strong model of Algorithm 2). */
  role: PromptRole;
  /** Dollars per million tokens; with the endpoint's `usage` they give each call's cost. */
  price?: ModelPrice;
  timeoutMs?: number;
  /** Retries for 429, 5xx, timeouts and network errors (see retry.ts); absent: one attempt. */
  retry?: RetryPolicy;
  /** Largest token count accepted in a reply's usage (default 10 million; see tokenUsage.ts). */
  maxTokensPerCall?: number;
  maxTokens?: number;
  /**
   * Where the deferral confidence comes from: 'stated' (default), the probability the model writes
   * in its reply; 'tokens', the normalised probability of the answer's tokens (the paper's choice;
   * the endpoint must return log-probs).
   */
  confidence?: ConfidenceSource;
}

/**
 * A cascade model backed by a chat function (an OpenAI-compatible endpoint unless `chat` is given),
 * with our own prompt. The confidence is the model's stated probability, or with `confidence:
 * 'tokens'` the normalised probability of the answer's tokens (answerTokenConfidence.ts). Token
 * counts come from the reply's `usage` (checked: implausible counts fail the call, kind 'usage'),
 * latency from the wall clock. A reply that breaks the JSON format, or lacks the log-probs asked
 * for, throws an LlmError of kind 'reply' with the reason and what the call cost in `spent`.
 */
export function llmCascadeModel(opts: LlmCascadeModelOptions): CascadeModel {
  const chat =
    opts.chat ??
    endpointChat({
      endpoint: opts.endpoint,
      apiKey: opts.apiKey,
      timeoutMs: opts.timeoutMs,
      fetchImpl: opts.fetchImpl,
      retry: opts.retry,
      maxTokensPerCall: opts.maxTokensPerCall,
    });
  return {
    name: opts.model,
    async answer(query, strategies, signal): Promise<ModelReply> {
      const tokens = opts.confidence === 'tokens';
      const started = performance.now();
      const cost = (inputTokens: number | undefined, outputTokens: number | undefined) =>
        opts.price && inputTokens !== undefined && outputTokens !== undefined
          ? priceTokens(opts.price, { inputTokens, outputTokens, cacheReadTokens: null, cacheWriteTokens: null })
          : undefined;
      const reply = await chat(
        {
          model: opts.model,
          messages: answerPromptMessages(opts.role, query, strategies),
          maxTokens: opts.maxTokens,
          logprobs: tokens,
        },
        signal,
      ).catch((e: unknown) => {
        if (e instanceof LlmError && e.spent)
          e.spent.costUsd = cost(e.spent.inputTokens ?? undefined, e.spent.outputTokens ?? undefined) ?? null;
        throw e;
      });
      const latencyS = (performance.now() - started) / 1000;
      const { inputTokens, outputTokens } = reply;
      const costUsd = cost(inputTokens, outputTokens);
      const fail = (message: string): LlmError => {
        const e = new LlmError(`${opts.model}: ${message}`, 'reply');
        e.spent = { inputTokens: inputTokens ?? null, outputTokens: outputTokens ?? null, costUsd: costUsd ?? null };
        return e;
      };
      const parsed = parseAnswerReply(reply.content, { requireStrategy: opts.role === 'teacher' });
      if (!parsed.ok) throw fail(parsed.error);
      let { confidence } = parsed.reply;
      if (tokens) {
        if (reply.logprobs === null)
          throw fail(
            'the endpoint returned no token log-probs (does it support "logprobs"? else use the stated confidence)',
          );
        const fromTokens = answerTokenConfidence(reply.logprobs);
        if (fromTokens === null) throw fail('the token log-probs do not spell an "answer" value');
        confidence = fromTokens;
      }
      return { ...parsed.reply, confidence, latencyS, inputTokens, outputTokens, costUsd };
    },
  };
}
