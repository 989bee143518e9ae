/**
 * Polite retries for OpenAI-compatible requests: exponential backoff with full jitter (a wait drawn
 * uniformly from [0, min(cap, base · 2^(attempt−1))]), the server's `Retry-After` honoured, every
 * wait cancellable. Only what may succeed on a second try is retried: HTTP 408, 409, 429 and 5xx,
 * timeouts and network errors; never another 4xx, a malformed reply or implausible token counts.
 */
import { LlmError } from './llmError';

export interface RetryPolicy {
  /** Requests per call, the first included (1: no retry). */
  maxAttempts: number;
  /** The first backoff's upper end, in ms; it doubles per attempt. */
  baseDelayMs: number;
  /** The longest single wait, in ms. A `Retry-After` longer than this is not waited for: the call fails. */
  maxDelayMs: number;
  /** Injected for tests; defaults to a timer that the signal cancels. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
  /** The clock for `Retry-After` dates, in ms since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Told before each wait (for progress messages and tests). */
  onRetry?: (info: { attempt: number; delayMs: number; error: LlmError }) => void;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000 };

/** Whether a failed request may succeed when sent again (see the module comment). */
export function isRetryable(e: LlmError): boolean {
  if (e.kind === 'timeout' || e.kind === 'network') return true;
  if (e.kind !== 'http' || e.status === undefined) return false;
  return e.status === 408 || e.status === 409 || e.status === 429 || e.status >= 500;
}

/**
 * A `Retry-After` header in ms: delta-seconds ("120") or an HTTP date (then relative to `nowMs`,
 * never negative); null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/** The full-jitter wait before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(Math.min(1, Math.max(0, random())) * ceiling);
}

/** A timer that rejects with an 'aborted' LlmError as soon as the signal fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmError('request cancelled', 'aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmError('request cancelled', 'aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `request` until it succeeds, fails for a reason a retry cannot fix, or runs out of attempts.
 * The final error says how many attempts were made. A `Retry-After` is waited for exactly (never
 * less); one beyond `maxDelayMs` ends the retries with that reason.
 * @throws the last LlmError; an 'aborted' LlmError when the signal fires during a wait.
 */
export async function withRetries<T>(request: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  const sleep = policy.sleep ?? abortableSleep;
  const random = policy.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (e) {
      if (!(e instanceof LlmError) || e.kind === 'aborted' || signal?.aborted) throw e;
      if (!isRetryable(e) || attempt >= maxAttempts)
        throw gaveUp(e, attempt, attempt > 1 ? ` (gave up after ${attempt} attempts)` : '');
      const delayMs =
        parseRetryAfter(e.retryAfter, (policy.now ?? Date.now)()) ?? backoffDelay(attempt, policy, random);
      if (delayMs > policy.maxDelayMs)
        throw gaveUp(
          e,
          attempt,
          ` (the server asked to wait ${Math.ceil(delayMs / 1000)} s before retrying, more than the ${policy.maxDelayMs / 1000} s allowed)`,
        );
      policy.onRetry?.({ attempt, delayMs, error: e });
      await sleep(delayMs, signal);
      if (signal?.aborted) throw new LlmError('request cancelled', 'aborted');
    }
  }
}

function gaveUp(e: LlmError, attempts: number, note: string): LlmError {
  const out = e.withMessage(e.message + note);
  out.attempts = attempts;
  return out;
}
