/** Messages between the host's engine client and the worker thread (structured-clone payloads). */

/** An error a host method threw, as it crosses to the worker (`kind` and `status` when it had them). */
export interface HostCallError {
  name: string;
  message: string;
  kind?: string;
  status?: number;
}

/** Where and how much the worker keeps of its jobs' results (see src/worker/cache/resultCache.ts). */
export interface CacheSettings {
  /** A folder of the extension's storage for results that outlive the window; null: memory only. */
  dir: string | null;
  /** Bytes of results kept in memory (default 128 MiB). */
  memoryBytes?: number;
  /** Bytes of results kept on disk (default 256 MiB). */
  diskBytes?: number;
}

/** `configure` comes first after the worker starts; `clearCache` is answered with a `result` (null) of its id. */
export type ToWorker =
  | { type: 'run'; id: number; job: string; params: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'configure'; cache: CacheSettings }
  | { type: 'clearCache'; id: number }
  /** The host's answer to a job's `hostCall`. */
  | { type: 'hostReply'; id: number; callId: number; ok: true; result: unknown }
  | { type: 'hostReply'; id: number; callId: number; ok: false; error: HostCallError };

export type FromWorker =
  | { type: 'progress'; id: number; fraction: number; message?: string }
  | { type: 'update'; id: number; data: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; name: string; message: string }
  /** A job asks the host to do something only the host can (e.g. a request to VS Code's language models). */
  | { type: 'hostCall'; id: number; callId: number; method: string; params: unknown }
  /** The job no longer waits for that call (cancelled). */
  | { type: 'hostCancel'; id: number; callId: number };

/** What a job gets besides its parameters. */
export interface JobContext {
  /** Aborted when the user cancels; long loops check `signal.aborted` (or pass it to the engine). */
  signal: AbortSignal;
  /** Reports progress in [0, 1], optionally with a short message shown next to it. */
  progress(fraction: number, message?: string): void;
  /** Sends intermediate results to the host (e.g. live figures of a long run); never throttled, so call it every few steps. */
  update?(data: unknown): void;
  /**
   * Asks the host to run one of the methods it offers this job (see `onHostCall` of the host's
   * client) and waits for its result; rejects with the host's error (name, message, kind, status
   * kept) or the signal's reason, and tells the host to stop when the signal fires.
   */
  callHost?(method: string, params: unknown, signal?: AbortSignal): Promise<unknown>;
}

/** A job: plain-JSON parameters in, plain-JSON (structured-clonable) result out. */
export type Job<P, R> = (params: P, ctx: JobContext) => Promise<R> | R;
