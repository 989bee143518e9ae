/**
 * The engine worker thread (dist/worker.js): runs the jobs of `jobs.ts` off the extension host's
 * thread, several at a time, each cancellable. Errors go back as messages; nothing here throws
 * out of a handler.
 */
import { parentPort } from 'node:worker_threads';
import { jobs } from './jobs';
import type { FromWorker, Job, ToWorker } from './workerProtocol';

const running = new Map<number, AbortController>();
const PROGRESS_INTERVAL_MS = 100;

function post(msg: FromWorker): void {
  parentPort?.postMessage(msg);
}

async function run(id: number, name: string, params: unknown): Promise<void> {
  const job = Object.hasOwn(jobs, name) ? (jobs as Record<string, Job<unknown, unknown>>)[name] : undefined;
  if (!job) {
    post({ type: 'error', id, name: 'UnknownJob', message: `unknown job "${name}" (known: ${Object.keys(jobs).join(', ')})` });
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
    const result = await job(params, { signal: controller.signal, progress, update });
    if (controller.signal.aborted) post({ type: 'error', id, name: 'AbortError', message: 'Cancelled' });
    else post({ type: 'result', id, result });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', id, name: controller.signal.aborted ? 'AbortError' : e.name, message: e.message });
  } finally {
    running.delete(id);
  }
}

parentPort?.on('message', (msg: ToWorker) => {
  if (msg.type === 'run') void run(msg.id, msg.job, msg.params);
  else if (msg.type === 'cancel') running.get(msg.id)?.abort();
});
