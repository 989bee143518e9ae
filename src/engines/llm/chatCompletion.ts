/**
 * Minimal client for OpenAI-compatible chat-completions endpoints (`POST {baseUrl}/chat/completions`),
 * over `fetch`, with a timeout and caller cancellation. Errors are {@link LlmError}s whose message
 * says what went wrong in one line (HTTP status and the server's own message, timeout, network).
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCompletionOptions {
  /** Base URL, e.g. https://api.openai.com/v1 (a full …/chat/completions URL is accepted too). */
  endpoint: string;
  model: string;
  apiKey?: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for the log-probability of every generated token (OpenAI's `logprobs: true`). */
  logprobs?: boolean;
  /** Milliseconds before the request is abandoned (default 30000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Injected for tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

export class LlmError extends Error {
  constructor(
    message: string,
    readonly kind: 'http' | 'timeout' | 'aborted' | 'network' | 'reply',
    readonly status?: number,
  ) {
    super(message);
  }
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
  const base = endpoint.trim().replace(/\/+$/, '');
  return /\/chat\/completions$/.test(base) ? base : `${base}/chat/completions`;
}

/** Sends the conversation and returns the first choice's text. */
export async function chatComplete(opts: ChatCompletionOptions): Promise<string> {
  return (await chatCompleteReply(opts)).content;
}

/** Sends the conversation and returns the first choice's text, token log-probs and token counts. */
export async function chatCompleteReply(opts: ChatCompletionOptions): Promise<ChatReply> {
  const url = chatCompletionsUrl(opts.endpoint);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) controller.abort();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  const body = JSON.stringify({ model: opts.model, messages: opts.messages, temperature: opts.temperature ?? 0, ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}), ...(opts.logprobs ? { logprobs: true } : {}) });
  try {
    let res: Response;
    try {
      res = await (opts.fetchImpl ?? fetch)(url, { method: 'POST', headers, body, signal: controller.signal });
    } catch (e) {
      if (timedOut) throw new LlmError(`no answer from ${url} within ${timeoutMs / 1000} s`, 'timeout');
      if (opts.signal?.aborted) throw new LlmError('request cancelled', 'aborted');
      throw new LlmError(`cannot reach ${url}: ${(e as Error).message}`, 'network');
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try {
        const j = JSON.parse(text) as { error?: { message?: string } | string };
        detail = typeof j.error === 'string' ? j.error : (j.error?.message ?? detail);
      } catch {
        /* not JSON: keep the raw text */
      }
      const hint = res.status === 401 || res.status === 403 ? ' (check the API key)' : res.status === 404 ? ' (check the endpoint URL and model name)' : '';
      throw new LlmError(`${url} answered HTTP ${res.status}${hint}: ${detail.trim() || res.statusText}`, 'http', res.status);
    }
    let json: { choices?: { message?: { content?: unknown }; logprobs?: { content?: unknown } | null }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    try {
      json = JSON.parse(text);
    } catch {
      throw new LlmError(`${url} did not return JSON: ${text.slice(0, 120)}`, 'reply');
    }
    const content = json.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new LlmError(`${url} returned no message content (expected choices[0].message.content)`, 'reply');
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
    return { content, logprobs: readLogprobs(json.choices?.[0]?.logprobs?.content), inputTokens: count(json.usage?.prompt_tokens), outputTokens: count(json.usage?.completion_tokens) };
  } catch (e) {
    if (e instanceof LlmError) throw e;
    if (timedOut) throw new LlmError(`no answer from ${url} within ${timeoutMs / 1000} s`, 'timeout');
    throw e;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
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
