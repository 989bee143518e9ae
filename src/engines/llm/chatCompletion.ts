/**
 * Minimal client for OpenAI-compatible chat-completions endpoints (`POST {baseUrl}/chat/completions`),
 * over `fetch`, with a timeout and caller cancellation. Errors are {@link LlmError}s whose message
 * says what went wrong in one line (HTTP status and the server's own message, timeout, network).
 */
import { LlmError } from './llmError';
import { endpointUrl, postOpenAi, type RequestOptions } from './openAiRequest';

export { LlmError };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCompletionOptions extends RequestOptions {
  /** Base URL, e.g. https://api.openai.com/v1 (a full …/chat/completions URL is accepted too). */
  endpoint: string;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for the log-probability of every generated token (OpenAI's `logprobs: true`). */
  logprobs?: boolean;
}

/** One generated token and its natural-log probability. */
export interface TokenLogprob {
  token: string;
  logprob: number;
}

/** The first choice of a reply, with what the endpoint said about it. */
export interface ChatReply {
  content: string;
  /** `choices[0].logprobs.content` when asked for and returned, else null. */
  logprobs: TokenLogprob[] | null;
  /** `usage.prompt_tokens` / `usage.completion_tokens`, when present and sane. */
  inputTokens?: number;
  outputTokens?: number;
}

export function chatCompletionsUrl(endpoint: string): string {
  return endpointUrl(endpoint, 'chat/completions');
}

/** Sends the conversation and returns the first choice's text. */
export async function chatComplete(opts: ChatCompletionOptions): Promise<string> {
  return (await chatCompleteReply(opts)).content;
}

/** Sends the conversation and returns the first choice's text, token log-probs and token counts. */
export async function chatCompleteReply(opts: ChatCompletionOptions): Promise<ChatReply> {
  const url = chatCompletionsUrl(opts.endpoint);
  const payload = { model: opts.model, messages: opts.messages, temperature: opts.temperature ?? 0, ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}), ...(opts.logprobs ? { logprobs: true } : {}) };
  const json = (await postOpenAi(url, payload, opts)) as { choices?: { message?: { content?: unknown }; logprobs?: { content?: unknown } | null }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null;
  const content = json?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw new LlmError(`${url} returned no message content (expected choices[0].message.content)`, 'reply');
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  return { content, logprobs: readLogprobs(json?.choices?.[0]?.logprobs?.content), inputTokens: count(json?.usage?.prompt_tokens), outputTokens: count(json?.usage?.completion_tokens) };
}

/** `[{token, logprob}, ...]` with finite log-probs ≤ 0, else null (absent or malformed). */
function readLogprobs(v: unknown): TokenLogprob[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const out: TokenLogprob[] = [];
  for (const t of v) {
    const { token, logprob } = (t ?? {}) as { token?: unknown; logprob?: unknown };
    if (typeof token !== 'string' || typeof logprob !== 'number' || !(logprob <= 0)) return null;
    out.push({ token, logprob });
  }
  return out;
}
