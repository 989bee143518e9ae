import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { abortError } from '../../engines/cancellation';
import type { ParserMessage, ParserRequest, ParserTask } from './parserProtocol';

/** What the parser thread gives: a parsed batch, or lines for the reading thread to parse itself. */
export type ParserOutput = Extract<ParserMessage, { batch: unknown } | { lines: unknown }>;

/** The parser thread could not start, or stopped: the caller reads the file on its own thread instead. */
export class ParserUnavailable extends Error {}

/**
 * The parser thread's script: beside this module's bundle (dist/lineParserWorker.js) or its compiled
 * copy (the tests). Run from TypeScript sources (tsx) it is missing, and the reader parses on its own thread.
 */
const PARSER_SCRIPT = join(__dirname, 'lineParserWorker.js');

let threadsStarted = 0;
let tasksGiven = 0;

/** How many parser threads this process has started (the tests check that a thread is reused). */
export function parserThreadsStarted(): number {
  return threadsStarted;
}

/** How many files this process has given a parser thread (the tests check that the thread really parsed). */
export function parserThreadTasks(): number {
  return tasksGiven;
}

/**
 * How long a parser thread that has read its file to the end waits for the next file before it ends
 * (ParserThreadOptions.waitMs). A new thread costs ~90 ms of CPU and of wall time (Node compiles its
 * own modules again in every thread; a one-line file read 30 times: 89–94 ms a read with a new thread,
 * 1.6–1.7 ms with the waiting one, 2026-12-06), and the extension's worker and `costrisk compare` read
 * several files in a row. A waiting thread does not keep the process alive.
 */
export const PARSER_THREAD_WAIT_MS = 5000;
/** The thread waiting for the next file, if any (at most one waits; others end with their file). */
let waiting: { worker: Worker; timer: NodeJS.Timeout } | null = null;

/** Whether a thread has ended (Node sets its threadId to -1): a waiting thread that crashed is not given a file. */
const hasEnded = (worker: Worker): boolean => worker.threadId === -1;

function takeThread(): Worker {
  const kept = waiting;
  waiting = null;
  if (kept && !hasEnded(kept.worker)) {
    clearTimeout(kept.timer);
    kept.worker.ref();
    return kept.worker;
  }
  const worker = new Worker(PARSER_SCRIPT);
  threadsStarted++;
  // A thread's problems during a read are reported to that read (parsedLineBatches); between files
  // nobody else listens, and an error event without a listener would throw here.
  worker.on('error', () => undefined);
  return worker;
}

/** A thread that has read its file to the end waits `waitMs` for the next one, unless one already waits. */
function keepThread(worker: Worker, waitMs: number): void {
  if (waiting || hasEnded(worker) || !(waitMs > 0)) {
    void worker.terminate();
    return;
  }
  worker.unref();
  // Taking the thread clears the timer: when it fires, this thread is the one waiting.
  const timer = setTimeout(() => {
    waiting = null;
    void worker.terminate();
  }, waitMs);
  timer.unref();
  waiting = { worker, timer };
}

/** A second thread can help: the machine has a second core, and the parser thread's script is there. */
export function parserThreadAvailable(): boolean {
  return availableParallelism() > 1 && existsSync(PARSER_SCRIPT);
}

/**
 * The lines of `task.file` in batches, in file order, most of them parsed on a parser thread
 * (lineParserWorker.ts): the thread that read the last file if it waits, else a new one. The thread
 * reads ahead by a few batches only. Cancelling `signal` stops it and throws the abort reason;
 * if the thread fails (it cannot start, the file cannot be read, it crashes) a ParserUnavailable is
 * thrown, and the caller reads the file itself, which reports any problem with the file the usual way.
 */
export async function* parsedLineBatches(
  task: ParserTask,
  signal?: AbortSignal,
  waitMs = PARSER_THREAD_WAIT_MS,
): AsyncGenerator<ParserOutput> {
  const worker = takeThread();
  tasksGiven++;
  const queue: ParserMessage[] = [];
  let stopped: string | null = null;
  let notify: (() => void) | null = null;
  let finished = false;
  const wake = (): void => {
    notify?.();
    notify = null;
  };
  const onMessage = (m: ParserMessage): void => {
    queue.push(m);
    wake();
  };
  const onError = (err: Error): void => {
    stopped ??= err.message;
    wake();
  };
  const onExit = (code: number): void => {
    stopped ??= `the parser thread exited (code ${code})`;
    wake();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  signal?.addEventListener('abort', wake);
  try {
    worker.postMessage({ task } satisfies ParserRequest);
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const m = queue.shift();
      if (m === undefined) {
        if (stopped !== null) throw new ParserUnavailable(stopped);
        await new Promise<void>((resolve) => (notify = resolve));
      } else if ('done' in m) {
        finished = true;
        return;
      } else if ('failed' in m) throw new ParserUnavailable(m.failed);
      else {
        worker.postMessage({ credit: 1 } satisfies ParserRequest); // room for one more batch
        yield m;
      }
    }
  } finally {
    signal?.removeEventListener('abort', wake);
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    // A thread that read its file to the end waits for the next one; one stopped halfway (cancelled,
    // failed, or its batches no longer wanted) is ended, with whatever it was still doing.
    if (finished) keepThread(worker, waitMs);
    else void worker.terminate();
  }
}
