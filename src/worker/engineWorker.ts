/**
 * The engine worker thread (dist/worker.js): runs the jobs of `jobs.ts` off the extension host's
 * thread, several at a time, each cancellable. Errors go back as messages; nothing here throws
 * out of a handler. The results of the log jobs (`CACHED_JOBS`) are kept by the content of the
 * log and the parameters (src/worker/cache/resultCache.ts), in memory and, once the host says
 * where, on disk.
 */
import { parentPort } from 'node:worker_threads';
import { CACHED_JOBS, jobs } from './jobs';
import { workerCache } from './cache/workerCache';
import type { CacheSettings, FromWorker, Job, JobContext, ToWorker } from './workerProtocol';

const running = new Map<number, AbortController>();
const PROGRESS_INTERVAL_MS = 100;
/** Host calls in flight, by `${job id}:${call id}`. */
const hostWaits = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
let nextCallId = 1;
let results = workerCache({ dir: null });

function post(msg: FromWorker): void {
  parentPort?.postMessage(msg);
}

/** `ctx.callHost` of job `id`: posts the call, settles on the host's reply, the signal, or the job's end. */
function hostCaller(id: number) {
  return (method: string, params: unknown, signal?: AbortSignal): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new Error('cancelled'));
      const callId = nextCallId++;
      const key = `${id}:${callId}`;
      const onAbort = (): void => {
        if (!hostWaits.delete(key)) return;
        post({ type: 'hostCancel', id, callId });
        reject(signal?.reason ?? new Error('cancelled'));
      };
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      hostWaits.set(key, { resolve: (v) => (done(), resolve(v)), reject: (e) => (done(), reject(e)) });
      signal?.addEventListener('abort', onAbort, { once: true });
      post({ type: 'hostCall', id, callId, method, params });
    });
}

/** Rejects the host calls job `id` still waits for (it ended). */
function dropHostWaits(id: number): void {
  for (const [key, w] of hostWaits) {
    if (!key.startsWith(`${id}:`)) continue;
    hostWaits.delete(key);
    w.reject(new Error('the job ended'));
  }
}

async function run(id: number, name: string, params: unknown): Promise<void> {
  const job = Object.hasOwn(jobs, name) ? (jobs as Record<string, Job<unknown, unknown>>)[name] : undefined;
  if (!job) {
    post({
      type: 'error',
      id,
      name: 'UnknownJob',
      message: `unknown job "${name}" (known: ${Object.keys(jobs).join(', ')})`,
    });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  let lastProgress = 0;
  const progress = (fraction: number, message?: string): void => {
    const now = Date.now();
    if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction < 1) return;
    lastProgress = now;
    post({ type: 'progress', id, fraction: Math.min(1, Math.max(0, fraction)), message });
  };
  try {
    const update = (data: unknown): void => post({ type: 'update', id, data });
    const ctx: JobContext = { signal: controller.signal, progress, update, callHost: hostCaller(id) };
    const compute = async (c: JobContext): Promise<unknown> => job(params, c);
    const result = (CACHED_JOBS as ReadonlySet<string>).has(name)
      ? await results.run(name, params, ctx, compute)
      : await compute(ctx);
    if (controller.signal.aborted) post({ type: 'error', id, name: 'AbortError', message: 'Cancelled' });
    else post({ type: 'result', id, result });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', id, name: controller.signal.aborted ? 'AbortError' : e.name, message: e.message });
  } finally {
    running.delete(id);
    dropHostWaits(id);
  }
}

function configure(settings: CacheSettings): void {
  results = workerCache(settings);
}

async function clearCache(id: number): Promise<void> {
  try {
    await results.clear();
    post({ type: 'result', id, result: null });
  } catch (err) {
    post({
      type: 'error',
      id,
      name: 'CacheError',
      message: `could not clear the cached results: ${(err as Error).message}`,
    });
  }
}

parentPort?.on('message', (msg: ToWorker) => {
  if (msg.type === 'run') void run(msg.id, msg.job, msg.params);
  else if (msg.type === 'cancel') running.get(msg.id)?.abort();
  else if (msg.type === 'hostReply') {
    const key = `${msg.id}:${msg.callId}`;
    const w = hostWaits.get(key);
    if (!w) return;
    hostWaits.delete(key);
    if (msg.ok) w.resolve(msg.result);
    else w.reject(Object.assign(new Error(msg.error.message), msg.error));
  } else if (msg.type === 'configure') configure(msg.cache);
  else if (msg.type === 'clearCache') void clearCache(msg.id);
});
