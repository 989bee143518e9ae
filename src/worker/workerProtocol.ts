/** Messages between the host's engine client and the worker thread (structured-clone payloads). */

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
  | { type: 'clearCache'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; fraction: number; message?: string }
  | { type: 'update'; id: number; data: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; name: string; message: string };

/** What a job gets besides its parameters. */
export interface JobContext {
  /** Aborted when the user cancels; long loops check `signal.aborted` (or pass it to the engine). */
  signal: AbortSignal;
  /** Reports progress in [0, 1], optionally with a short message shown next to it. */
  progress(fraction: number, message?: string): void;
  /** Sends intermediate results to the host (e.g. live figures of a long run); never throttled, so call it every few steps. */
  update?(data: unknown): void;
}

/** A job: plain-JSON parameters in, plain-JSON (structured-clonable) result out. */
export type Job<P, R> = (params: P, ctx: JobContext) => Promise<R> | R;
