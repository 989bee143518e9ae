/**
 * Minimal client for OpenAI-compatible chat-completions endpoints (`POST {baseUrl}/chat/completions`),
 * over `fetch`, with a timeout and caller cancellation. Errors are {@link LlmError}s whose message
 * says what went wrong in one line (HTTP status and the server's own message, timeout, network).
 */
import { LlmError } from './llmError';
import { endpointUrl, postOpenAi, type RequestOptions } from './openAiRequest';
import { checkUsage, utf8Bytes } from './tokenUsage';

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
  /** Largest token count accepted in `usage` (default 10 million; see tokenUsage.ts). */
  maxTokensPerCall?: number;
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
  /** `usage.prompt_tokens` / `usage.completion_tokens`, when reported (always sane: see tokenUsage.ts). */
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

/**
 * Sends the conversation and returns the first choice's text, token log-probs and token counts.
 * Implausible token counts fail the call (LlmError kind 'usage'); a reply without content fails it
 * too (kind 'reply'), carrying its sane token counts in `spent` since it was paid for.
 */
export async function chatCompleteReply(opts: ChatCompletionOptions): Promise<ChatReply> {
  const url = chatCompletionsUrl(opts.endpoint);
  const payload = {
    model: opts.model,
    messages: opts.messages,
    temperature: opts.temperature ?? 0,
    ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}),
    ...(opts.logprobs ? { logprobs: true } : {}),
  };
  const json = (await postOpenAi(url, payload, opts)) as {
    choices?: { message?: { content?: unknown }; logprobs?: { content?: unknown } | null }[];
    usage?: unknown;
  } | null;
  const bounds = {
    promptBytes: opts.messages.reduce((n, m) => n + utf8Bytes(m.content), 0),
    promptParts: opts.messages.length,
    maxOutput: opts.maxTokens,
    maxPerCall: opts.maxTokensPerCall,
  };
  const usage = checkUsage(typeof json === 'object' && json !== null ? json.usage : undefined, bounds, `${opts.model}`);
  const content = json?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') {
    const e = new LlmError(`${url} returned no message content (expected choices[0].message.content)`, 'reply');
    e.spent = { inputTokens: usage.inputTokens ?? null, outputTokens: usage.outputTokens ?? null, costUsd: null };
    throw e;
  }
  return { content, logprobs: readLogprobs(json?.choices?.[0]?.logprobs?.content), ...usage };
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
