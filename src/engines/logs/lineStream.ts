import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** One line of a text file: 1-based number, text without the line end, or why it could not be decoded. */
export type Line = { line: number; text: string; error?: undefined } | { line: number; text?: undefined; error: string };

export interface LineStreamOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Bytes per read; the default suits files from bytes to gigabytes. */
  chunkSize?: number;
}

const NEWLINE = 0x0a;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Streams a file as lines. Handles `\n` and `\r\n`, a UTF-8 byte-order mark, lines of any length
 * (a 50 MB line is one line), and reports a line that is not valid UTF-8 as an error for that line
 * only. Whole runs of complete lines are decoded at once; only a run that fails is decoded line by
 * line to find the culprit. The file is opened read-only.
 */
export async function* readLines(path: string, opts: LineStreamOptions = {}): AsyncGenerator<Line> {
  const size = (await stat(path)).size;
  const stream = createReadStream(path, { highWaterMark: opts.chunkSize ?? 1 << 20, flags: 'r' });
  let pending: Buffer[] = [];
  let lineNo = 0;
  let bytes = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw abortError(opts.signal);
      bytes += chunk.length;
      const lastNl = chunk.lastIndexOf(NEWLINE);
      if (lastNl < 0) {
        pending.push(chunk);
        continue;
      }
      const complete = pending.length ? Buffer.concat([...pending, chunk.subarray(0, lastNl + 1)]) : chunk.subarray(0, lastNl + 1);
      pending = lastNl + 1 < chunk.length ? [chunk.subarray(lastNl + 1)] : [];
      for (const l of splitLines(complete, lineNo, first)) yield l;
      lineNo += countNewlines(complete);
      first = false;
      opts.onProgress?.(size ? bytes / size : 1);
    }
    if (pending.length) {
      const rest = Buffer.concat(pending);
      for (const l of splitLines(rest, lineNo, first)) yield l;
    }
    opts.onProgress?.(1);
  } finally {
    stream.destroy();
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE); i >= 0; i = buf.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

function* splitLines(buf: Buffer, firstLineNo: number, stripBom: boolean): Generator<Line> {
  let text: string | null = null;
  try {
    text = strictUtf8.decode(buf);
  } catch {
    text = null;
  }
  if (text !== null) {
    if (stripBom && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      yield { line: firstLineNo + i + 1, text: p.endsWith('\r') ? p.slice(0, -1) : p };
    }
    return;
  }
  // Slow path: some line in this run is not valid UTF-8; find which.
  let start = 0;
  let lineNo = firstLineNo;
  while (start < buf.length) {
    let end = buf.indexOf(NEWLINE, start);
    if (end < 0) end = buf.length;
    lineNo++;
    const slice = buf.subarray(start, end);
    try {
      let t = strictUtf8.decode(slice);
      if (stripBom && lineNo === 1 && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      yield { line: lineNo, text: t.endsWith('\r') ? t.slice(0, -1) : t };
    } catch {
      yield { line: lineNo, error: `invalid UTF-8 at byte ${firstInvalidByte(slice)} of the line` };
    }
    start = end + 1;
  }
}

function firstInvalidByte(slice: Buffer): number {
  // Binary search on the longest prefix that decodes (a truncated multi-byte tail also fails).
  let lo = 0;
  let hi = slice.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(slice.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo + 1;
}

export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('Cancelled'), { name: 'AbortError' });
}
