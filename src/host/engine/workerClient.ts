/**
 * Runs worker jobs from the host (no `vscode` here, so it is tested in plain Node). One worker
 * thread, started on first use and restarted after a crash; several jobs may run at once.
 * Cancelling a job rejects its promise at once with an AbortError and tells the worker to stop.
 * The worker keeps the results of its log jobs (src/worker/cache/); where it keeps them on disk is
 * the `cache` setting, sent to every worker this client starts before its first job.
 */
import { Worker } from 'node:worker_threads';
import type { JobName, JobParams, JobResult } from '../../worker/jobs';
import type { CacheSettings, FromWorker, HostCallError, ToWorker } from '../../worker/workerProtocol';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, message?: string) => void;
  /** Intermediate results the job sends with `ctx.update(data)`. */
  onUpdate?: (data: unknown) => void;
  /**
   * The methods the host offers the job (`ctx.callHost`): called with the method's name, its
   * parameters and a signal that fires when the job stops waiting; its result (plain data) or its
   * error goes back to the job. Without it, every host call fails.
   */
  onHostCall?: (method: string, params: unknown, signal: AbortSignal) => Promise<unknown>;
}

/** A job that failed in the worker; `name` is the worker-side error's name (e.g. `EvalLogError`). */
export class JobError extends Error {
  constructor(
    readonly job: string,
    name: string,
    message: string,
  ) {
    super(message);
    this.name = name;
  }
}

export const isAbortError = (err: unknown): boolean => err instanceof Error && err.name === 'AbortError';

interface Pending {
  job: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: RunOptions['onProgress'];
  onUpdate?: RunOptions['onUpdate'];
  onHostCall?: RunOptions['onHostCall'];
  /** The job's host calls in flight, by call id. */
  hostCalls: Map<number, AbortController>;
}

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * `createWorker` starts dist/worker.js (tests start the TypeScript source through tsx); `cache`
   * says where the worker keeps results on disk (default: in memory only).
   */
  constructor(
    private readonly createWorker: () => Worker,
    private readonly log: (line: string) => void = () => undefined,
    private readonly cache: CacheSettings = { dir: null },
  ) {}

  /** Starts the worker now if it is not running, so that the first job does not wait for it. */
  warm(): void {
    try {
      this.ensureWorker();
    } catch (err) {
      this.log(`could not start the engine worker: ${(err as Error).message}`);
    }
  }

  /** Forgets every result the worker keeps, in memory and on disk; resolves once it is done. */
  clearCache(): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { job: 'clearCache', resolve: () => resolve(), reject, hostCalls: new Map() });
      try {
        this.ensureWorker().postMessage({ type: 'clearCache', id } satisfies ToWorker);
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  run<N extends JobName>(job: N, params: JobParams<N>, opts: RunOptions = {}): Promise<JobResult<N>> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortError());
    const id = this.nextId++;
    return new Promise<JobResult<N>>((resolve, reject) => {
      const onAbort = (): void => {
        this.stopHostCalls(this.pending.get(id));
        if (!this.pending.delete(id)) return;
        this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
        reject(abortError());
      };
      this.pending.set(id, {
        job,
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v as JobResult<N>);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onProgress: opts.onProgress,
        onUpdate: opts.onUpdate,
        onHostCall: opts.onHostCall,
        hostCalls: new Map(),
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        this.ensureWorker().postMessage({ type: 'run', id, job, params } satisfies ToWorker);
      } catch (err) {
        // e.g. DataCloneError: parameters must be plain data (no proxies, functions or class instances)
        this.pending
          .get(id)
          ?.reject(
            new JobError(
              job,
              'InvalidParams',
              `cannot send the parameters of job "${job}" to the worker: ${(err as Error).message}`,
            ),
          );
        this.pending.delete(id);
      }
    });
  }

  /** Jobs in flight (for tests and the status bar). */
  get busy(): number {
    return this.pending.size;
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the engine worker was stopped'));
    void w?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.unref();
    w.on('message', (msg: FromWorker) => this.onMessage(msg));
    w.on('error', (err) => {
      this.log(`engine worker crashed: ${err.stack ?? err.message}`);
      if (this.worker === w) this.worker = undefined;
      this.failAll(new Error(`the engine worker crashed: ${err.message}`));
    });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      if (code !== 0) this.log(`engine worker exited with code ${code}`);
      this.failAll(new Error(`the engine worker exited (code ${code})`));
    });
    this.worker = w;
    w.postMessage({ type: 'configure', cache: this.cache } satisfies ToWorker);
    return w;
  }

  private onMessage(msg: FromWorker): void {
    const p = this.pending.get(msg.id);
    if (msg.type === 'hostCall') return this.hostCall(p, msg);
    if (msg.type === 'hostCancel') return p?.hostCalls.get(msg.callId)?.abort();
    if (!p) return; // cancelled already
    if (msg.type === 'progress') {
      p.onProgress?.(msg.fraction, msg.message);
      return;
    }
    if (msg.type === 'update') {
      p.onUpdate?.(msg.data);
      return;
    }
    this.pending.delete(msg.id);
    this.stopHostCalls(p);
    if (msg.type === 'result') p.resolve(msg.result);
    else p.reject(msg.name === 'AbortError' ? abortError() : new JobError(p.job, msg.name, msg.message));
  }

  /** Runs a job's host call and posts its result or error back (a job that is gone gets an error, so it never waits forever). */
  private hostCall(p: Pending | undefined, msg: Extract<FromWorker, { type: 'hostCall' }>): void {
    const reply = (r: { ok: true; result: unknown } | { ok: false; error: HostCallError }): void => {
      p?.hostCalls.delete(msg.callId);
      try {
        this.worker?.postMessage({ type: 'hostReply', id: msg.id, callId: msg.callId, ...r } as ToWorker);
      } catch (e) {
        this.worker?.postMessage({
          type: 'hostReply',
          id: msg.id,
          callId: msg.callId,
          ok: false,
          error: {
            name: 'DataCloneError',
            message: `the result of "${msg.method}" cannot be sent to the worker: ${(e as Error).message}`,
          },
        } satisfies ToWorker);
      }
    };
    if (!p?.onHostCall)
      return reply({
        ok: false,
        error: {
          name: 'NoHostMethod',
          message: p ? `the host offers this job no method "${msg.method}"` : 'the job is no longer running',
        },
      });
    const ac = new AbortController();
    p.hostCalls.set(msg.callId, ac);
    const handler = p.onHostCall;
    void Promise.resolve()
      .then(() => handler(msg.method, msg.params, ac.signal))
      .then(
        (result) => reply({ ok: true, result }),
        (e: unknown) => {
          const err = e instanceof Error ? e : new Error(String(e));
          const { kind, status } = err as { kind?: unknown; status?: unknown };
          reply({
            ok: false,
            error: {
              name: err.name,
              message: err.message,
              ...(typeof kind === 'string' ? { kind } : {}),
              ...(typeof status === 'number' ? { status } : {}),
            },
          });
        },
      );
  }

  /** Tells the host methods still running for a job to stop. */
  private stopHostCalls(p: Pending | undefined): void {
    for (const ac of p?.hostCalls.values() ?? []) ac.abort();
    p?.hostCalls.clear();
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    for (const p of all) this.stopHostCalls(p);
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}

function abortError(): Error {
  return Object.assign(new Error('Cancelled'), { name: 'AbortError' });
}
