import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { abortError } from '../../engines/cancellation';
import type { ParserMessage, ParserTask } from './parserProtocol';

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

/** How many parser threads this process has started (the tests check that the thread really parsed). */
export function parserThreadsStarted(): number {
  return threadsStarted;
}

/** A second thread can help: the machine has a second core, and the parser thread's script is there. */
export function parserThreadAvailable(): boolean {
  return availableParallelism() > 1 && existsSync(PARSER_SCRIPT);
}

/**
 * The lines of `task.file` in batches, in file order, most of them parsed on a parser thread
 * (lineParserWorker.ts). The thread reads ahead by a few batches only. Cancelling `signal` stops it and throws the abort reason;
 * if the thread fails (it cannot start, the file cannot be read, it crashes) a ParserUnavailable is
 * thrown, and the caller reads the file itself, which reports any problem with the file the usual way.
 */
export async function* parsedLineBatches(task: ParserTask, signal?: AbortSignal): AsyncGenerator<ParserOutput> {
  const worker = new Worker(PARSER_SCRIPT, { workerData: task });
  threadsStarted++;
  const queue: ParserMessage[] = [];
  let stopped: string | null = null;
  let notify: (() => void) | null = null;
  const wake = (): void => {
    notify?.();
    notify = null;
  };
  worker.on('message', (m: ParserMessage) => {
    queue.push(m);
    wake();
  });
  worker.on('error', (err) => {
    stopped ??= err.message;
    wake();
  });
  worker.on('exit', (code) => {
    stopped ??= `the parser thread exited (code ${code})`;
    wake();
  });
  signal?.addEventListener('abort', wake);
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const m = queue.shift();
      if (m === undefined) {
        if (stopped !== null) throw new ParserUnavailable(stopped);
        await new Promise<void>((resolve) => (notify = resolve));
      } else if ('done' in m) return;
      else if ('failed' in m) throw new ParserUnavailable(m.failed);
      else {
        worker.postMessage(0); // room for one more batch
        yield m;
      }
    }
  } finally {
    signal?.removeEventListener('abort', wake);
    void worker.terminate();
  }
}
