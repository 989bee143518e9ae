import { LlmError } from './llmError';

/** What every OpenAI-compatible request takes besides its payload. */
export interface RequestOptions {
  apiKey?: string;
  /** Milliseconds before the request is abandoned (default 30000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Injected for tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

/** `{base}/{path}` for a base URL like https://api.openai.com/v1 (a full …/{path} URL is accepted too). */
export function endpointUrl(endpoint: string, path: string): string {
  const base = endpoint.trim().replace(/\/+$/, '');
  return base.endsWith(`/${path}`) ? base : `${base}/${path}`;
}

/**
 * POSTs a JSON payload to an OpenAI-compatible endpoint with a timeout and caller cancellation and
 * returns the parsed JSON reply. Failures are {@link LlmError}s whose message says what went wrong
 * in one line: the HTTP status with the server's own message (and a hint for 401/403/404), a
 * timeout, a network error, or a reply that is not JSON.
 */
export async function postOpenAi(url: string, payload: unknown, opts: RequestOptions): Promise<unknown> {
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
  try {
    let res: Response;
    try {
      res = await (opts.fetchImpl ?? fetch)(url, { method: 'POST', headers, body: JSON.stringify(payload), signal: controller.signal });
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
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new LlmError(`${url} did not return JSON: ${text.slice(0, 120)}`, 'reply');
    }
  } catch (e) {
    if (e instanceof LlmError) throw e;
    if (timedOut) throw new LlmError(`no answer from ${url} within ${timeoutMs / 1000} s`, 'timeout');
    throw e;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
