/**
 * A helper thread of a series of generated data sets (dist/datasetSeriesWorker.js; see
 * datasetSeriesThreads.ts): takes positions from the shared counter, generates and writes those data
 * sets, and posts each written one; any message from the caller tells it to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeSeriesShare } from './seriesShare';
import type { HelperData, HelperMessage } from './datasetSeriesThreads';

const port = parentPort!;
const { job, next } = workerData as HelperData;
const stop = new AbortController();
port.on('message', () => stop.abort(new Error('stopped')));
const post = (m: HelperMessage): void => port.postMessage(m);

writeSeriesShare(
  job,
  () => Atomics.add(next, 0, 1),
  (written) => post({ written }),
  stop.signal,
)
  .catch((err: unknown) => {
    if (!stop.signal.aborted) post({ failed: err instanceof Error ? err.message : String(err) });
  })
  // the port no longer keeps the thread: it ends, and Node delivers what it posted before the exit event
  .finally(() => port.unref());
