import { estimateBytes, SizedLru } from './sizedLru';

/** Waits for `promise`, or rejects with an AbortError as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The error a cancelled job rejects with (name `AbortError`, as the host expects). */
export function abortError(): Error {
  return Object.assign(new Error('Cancelled'), { name: 'AbortError' });
}

/**
 * Values derived from a log (its records, its prepared tables), computed once per key and kept
 * in a least-recently-used map bounded by estimated bytes. A request for a key that is being
 * computed waits for that computation instead of starting another; if that one fails or is
 * cancelled by its own caller, the waiter computes the value itself (once).
 */
export class SharedCache<T> {
  private readonly done: SizedLru<T>;
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    budgetBytes: number,
    private readonly estimate: (value: T) => number = estimateBytes,
  ) {
    this.done = new SizedLru<T>(budgetBytes);
  }

  /** The value of `key`: kept, being computed (then shared), or made now by `make`; `signal` stops only this caller's wait. */
  async get(key: string, make: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const hit = this.done.get(key);
    if (hit !== undefined) return hit;
    const running = this.pending.get(key);
    if (running) {
      try {
        return await untilAborted(running, signal);
      } catch (err) {
        if (signal?.aborted) throw err;
        const again = this.done.get(key);
        if (again !== undefined) return again;
      }
    }
    const p = make();
    this.pending.set(key, p);
    try {
      const value = await p;
      this.done.set(key, value, this.estimate(value));
      return value;
    } finally {
      if (this.pending.get(key) === p) this.pending.delete(key);
    }
  }

  /** Estimated bytes held (tests, diagnostics). */
  get bytes(): number {
    return this.done.bytes;
  }

  clear(): void {
    this.done.clear();
  }
}
