import { chatComplete, LlmError } from '../llm/chatCompletion';
import { answerPromptMessages, type PromptRole } from './answerPrompt';
import type { CascadeModel, ModelReply } from './cascadeModel';
import { parseAnswerReply } from './parseAnswerReply';

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
  fetchImpl?: typeof fetch;
}

interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

/** `usage.prompt_tokens` / `usage.completion_tokens` of an OpenAI-style reply, when present and sane. */
function readUsage(json: unknown): Usage {
  const u = (json as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  return { inputTokens: count(u?.prompt_tokens), outputTokens: count(u?.completion_tokens) };
}

/**
 * A cascade model backed by an OpenAI-compatible chat endpoint (through {@link chatComplete}), with
 * our own prompt. The confidence is the model's self-reported probability (verbalised confidence);
 * the paper uses normalised token probabilities, which this client does not request. Token counts
 * come from the reply's `usage` (read from a copy of the response), latency from the wall clock.
 * A reply that breaks the JSON format throws an LlmError of kind 'reply' with the reason.
 */
export function llmCascadeModel(opts: LlmCascadeModelOptions): CascadeModel {
  return {
    name: opts.model,
    async answer(query, strategies, signal): Promise<ModelReply> {
      let usage: Usage = {};
      const baseFetch = opts.fetchImpl ?? fetch;
      const fetchImpl: typeof fetch = async (input, init) => {
        const res = await baseFetch(input, init);
        if (res.ok) usage = readUsage(await res.clone().json().catch(() => null));
        return res;
      };
      const started = performance.now();
      const text = await chatComplete({ endpoint: opts.endpoint, model: opts.model, apiKey: opts.apiKey, messages: answerPromptMessages(opts.role, query, strategies), timeoutMs: opts.timeoutMs, maxTokens: opts.maxTokens, signal, fetchImpl });
      const latencyS = (performance.now() - started) / 1000;
      const parsed = parseAnswerReply(text, { requireStrategy: opts.role === 'teacher' });
      if (!parsed.ok) throw new LlmError(`${opts.model}: ${parsed.error}`, 'reply');
      const { inputTokens, outputTokens } = usage;
      const costUsd = opts.price && inputTokens !== undefined && outputTokens !== undefined ? (inputTokens * opts.price.inputPerMillion + outputTokens * opts.price.outputPerMillion) / 1e6 : undefined;
      return { ...parsed.reply, latencyS, inputTokens, outputTokens, costUsd };
    },
  };
}
