import { LlmError } from './llmError';
import { withRetries, type RetryPolicy } from './retry';

/** The HTTP reply as a request reads it: the part of the Fetch API's `Response` used here. */
export interface HttpReply {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * How an engine reaches the network: a function with the shape of the Fetch API's `fetch` (the
 * global one fits), passed in by the CLI or the host. Engines do no network I/O of their own (the
 * global `fetch` is off limits in src/engines, see eslint.config.mjs).
 */
export type HttpFetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<HttpReply>;

/** What every OpenAI-compatible request takes besides its payload. */
export interface RequestOptions {
  apiKey?: string;
  /** Milliseconds before one request is abandoned (default 30000); each retry gets its own. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sends the request (the caller's `fetch`: engines have none of their own). */
  fetchImpl: HttpFetch;
  /** Retries for 429, 5xx, timeouts and network errors (see retry.ts); absent: a single attempt. */
  retry?: RetryPolicy;
}

/** `{base}/{path}` for a base URL like https://api.openai.com/v1 (a full …/{path} URL is accepted too). */
export function endpointUrl(endpoint: string, path: string): string {
  const base = endpoint.trim().replace(/\/+$/, '');
  return base.endsWith(`/${path}`) ? base : `${base}/${path}`;
}

/**
 * POSTs a JSON payload to an OpenAI-compatible endpoint with a timeout, caller cancellation and,
 * with `opts.retry`, polite retries; returns the parsed JSON reply. Failures are {@link LlmError}s
 * whose message says what went wrong in one line (the HTTP status with the server's own message and
 * a hint for 401/403/404, a timeout, a network error, a reply that is not JSON), with the API key
 * and any credentials blanked out.
 */
export async function postOpenAi(url: string, payload: unknown, opts: RequestOptions): Promise<unknown> {
  const once = () =>
    postOnce(url, payload, opts).catch((e: unknown) => {
      throw e instanceof LlmError ? scrubKey(e, opts.apiKey) : e;
    });
  return opts.retry ? withRetries(once, opts.retry, opts.signal) : once();
}

/** The error with every occurrence of the key itself blanked (a server may echo a key of any shape). */
function scrubKey(e: LlmError, apiKey: string | undefined): LlmError {
  if (!apiKey || apiKey.length < 4 || !e.message.includes(apiKey)) return e;
  return e.withMessage(e.message.split(apiKey).join('***'));
}

async function postOnce(url: string, payload: unknown, opts: RequestOptions): Promise<unknown> {
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
  const lost = (e: unknown, what: string): LlmError => {
    if (timedOut) return new LlmError(`no answer from ${url} within ${timeoutMs / 1000} s`, 'timeout');
    if (opts.signal?.aborted) return new LlmError('request cancelled', 'aborted');
    return new LlmError(`${what} ${url}: ${(e as Error).message}`, 'network');
  };
  try {
    let res: HttpReply;
    try {
      res = await opts.fetchImpl(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: controller.signal,
      });
    } catch (e) {
      throw lost(e, 'cannot reach');
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw lost(e, 'the connection broke while reading the reply from');
    }
    if (!res.ok) throw httpError(url, res, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new LlmError(`${url} did not return JSON: ${text.slice(0, 120)}`, 'reply');
    }
  } catch (e) {
    if (e instanceof LlmError) throw e;
    throw lost(e, 'request failed:');
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

function httpError(url: string, res: HttpReply, text: string): LlmError {
  let detail = text.slice(0, 300);
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown } | string };
    const m = typeof j.error === 'string' ? j.error : j.error?.message;
    if (typeof m === 'string') detail = m.slice(0, 300);
  } catch {
    /* not JSON: keep the raw text */
  }
  const hint =
    res.status === 401 || res.status === 403
      ? ' (check the API key)'
      : res.status === 404
        ? ' (check the endpoint URL and model name)'
        : '';
  const e = new LlmError(
    `${url} answered HTTP ${res.status}${hint}: ${detail.trim() || res.statusText}`,
    'http',
    res.status,
  );
  const retryAfter = res.headers.get('retry-after');
  if (retryAfter !== null) e.retryAfter = retryAfter;
  return e;
}
