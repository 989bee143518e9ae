/**
 * Helper threads for a series of generated data sets (writeDatasetSeries.ts). Every thread, the
 * caller's included, takes the next position of the series from a counter they share (an atomic
 * add on shared memory, so no thread waits for a message to get work), generates that data set and
 * writes its files (seriesShare.ts); helpers post back what was written. A thread that is slower
 * to start or busier simply takes fewer positions.
 *
 * Whether helpers pay: a new thread costs ~90 ms of CPU before its first data set (Node starts its
 * own modules again in every thread; see parsedLineBatches.ts) and its code runs unoptimised at first
 * as the caller's did, so they start only for a series whose estimated work is well above that
 * (HELPER_MIN_SECONDS), one fewer than the machine has cores, at most MAX_HELPERS, and only while
 * every thread's data set fits HELPER_BYTES together (each thread keeps its own).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { estimateGeneration } from '../../engines/clusters/estimateGeneration';
import { abortError } from '../../engines/cancellation';
import { writeSeriesShare, type SeriesJob, type WrittenResult } from './seriesShare';

/** The helper's script: beside this module's bundle (dist/datasetSeriesWorker.js) or its compiled copy (the tests); missing under tsx. */
const HELPER_SCRIPT = join(__dirname, 'datasetSeriesWorker.js');
/** Below this estimated work (seconds, for the whole series, as estimateGeneration counts it) the caller's thread works alone. */
export const HELPER_MIN_SECONDS = 1;
export const MAX_HELPERS = 3;
/** The estimated peak memory of all threads' data sets together that helpers may take. */
export const HELPER_BYTES = 512 * 2 ** 20;

/** What a helper thread is given (workerData). */
export interface HelperData {
  job: SeriesJob;
  /** One Int32 on shared memory: the next position of the series. */
  next: Int32Array;
}

/** What a helper thread posts: a written data set, or why it stopped (not sent when it was told to stop). */
export type HelperMessage = { written: WrittenResult } | { failed: string };

/** Whether helper threads can start: the helper's script is there (not when run from the TypeScript sources). */
export function helperThreadsAvailable(): boolean {
  return existsSync(HELPER_SCRIPT);
}

/** How many helper threads help this series: 0 when it is short or the machine has one core. */
export function helpersFor(job: SeriesJob): number {
  if (job.count < 2) return 0;
  const e = estimateGeneration(job.archetype, {
    count: job.count,
    distort: job.distort,
    sphere: job.sphere,
    write: true,
    format: job.output.format,
  });
  if (e.seconds < HELPER_MIN_SECONDS) return 0;
  const byMemory = Math.floor(HELPER_BYTES / e.bytes) - 1;
  return Math.max(0, Math.min(availableParallelism() - 1, job.count - 1, MAX_HELPERS, byMemory));
}

/**
 * Runs the series on this thread and `helpers` others; `done` gets each written data set (in the
 * order they finish). The first failure anywhere, or an abort of `signal`, stops every thread at its
 * next pause; this returns (or throws that failure) once all of them have ended, so no file is
 * written after it.
 */
export async function writeSeriesInThreads(
  job: SeriesJob,
  helpers: number,
  signal: AbortSignal,
  done: (r: WrittenResult) => void,
): Promise<void> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const stop = new AbortController();
  let failure: unknown = null;
  const fail = (err: unknown): void => {
    failure ??= err;
    Atomics.store(next, 0, job.count);
    stop.abort(err);
  };
  // The caller's abort ends the series with the error a one-thread series would throw (its reason, or an AbortError).
  const onAbort = (): void => fail(abortError(signal));
  // A helper's result arrives in a message handler: what its receiver throws fails the series here.
  const receive = (r: WrittenResult): void => {
    try {
      done(r);
    } catch (err) {
      fail(err);
    }
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    // Loaded here, not with the module: `costrisk generate` of a few data sets never needs it (~6 ms a process).
    const { Worker: Thread } = await import('node:worker_threads');
    const threads = Array.from({ length: helpers }, () =>
      runHelper(
        new Thread(HELPER_SCRIPT, { workerData: { job, next } satisfies HelperData }),
        stop.signal,
        receive,
        fail,
      ),
    );
    try {
      await writeSeriesShare(job, () => Atomics.add(next, 0, 1), done, stop.signal);
    } catch (err) {
      fail(err);
    }
    await Promise.all(threads);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
}

/** Follows one helper thread; resolves when it has ended (after its messages are delivered). */
function runHelper(
  worker: Worker,
  signal: AbortSignal,
  done: (r: WrittenResult) => void,
  fail: (err: unknown) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => worker.postMessage('stop');
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: HelperMessage) => ('written' in m ? done(m.written) : fail(new Error(m.failed))));
    worker.on('error', (err) => fail(new Error(`a data set thread stopped: ${err.message}`)));
    // Node delivers a thread's posted messages before its exit event.
    worker.on('exit', () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
