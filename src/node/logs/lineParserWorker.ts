/**
 * The parser thread of the native reader (dist/lineParserWorker.js; see parsedLineBatches.ts): reads
 * each file it is given, one at a time, and posts its lines in batches of about `task.batchChars`
 * characters, parsed (parseLines), never more than PARSED_BATCHES_AHEAD batches ahead of what the
 * reading thread has taken, so memory stays bounded however large the file. When the reading thread
 * has taken every batch posted (it is waiting), the next batch goes to it unparsed, and it parses that
 * one itself: both cores parse, in whatever shares keep both busy.
 */
import { parentPort } from 'node:worker_threads';
import { parseLines, parsedLinesBuffers } from '../../engines/logs/parsedLines';
import type { LineBatch } from '../../engines/logs/lineBatch';
import { readLineBatches } from './lineStream';
import { PARSED_BATCHES_AHEAD, type ParserMessage, type ParserRequest, type ParserTask } from './parserProtocol';

const port = parentPort!;
let credit = PARSED_BATCHES_AHEAD;
let wake: (() => void) | null = null;

port.on('message', (m: ParserRequest) => {
  if ('task' in m) {
    // Credit the reader posted for the last file arrives before the next file: start afresh.
    credit = PARSED_BATCHES_AHEAD;
    run(m.task).catch((err: unknown) =>
      port.postMessage({ failed: err instanceof Error ? err.message : String(err) } satisfies ParserMessage),
    );
    return;
  }
  credit++;
  wake?.();
  wake = null;
});

async function post(task: ParserTask, runs: LineBatch[], progress: number): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  const idle = task.shareIdle && credit === PARSED_BATCHES_AHEAD;
  credit--;
  if (idle) {
    port.postMessage({ lines: runs, progress } satisfies ParserMessage);
    return;
  }
  const batch = parseLines(runs, task, progress);
  port.postMessage({ batch } satisfies ParserMessage, parsedLinesBuffers(batch));
}

async function run(task: ParserTask): Promise<void> {
  let progress = 0;
  let runs: LineBatch[] = [];
  let chars = 0;
  for await (const lines of readLineBatches(task.file, {
    maxLineBytes: task.maxLineBytes,
    onProgress: (f) => (progress = f),
  })) {
    runs.push(lines);
    for (const line of lines.lines) chars += line.length;
    if (chars < task.batchChars) continue;
    await post(task, runs, progress);
    runs = [];
    chars = 0;
  }
  if (runs.length > 0) await post(task, runs, progress);
  port.postMessage({ done: true } satisfies ParserMessage);
}
