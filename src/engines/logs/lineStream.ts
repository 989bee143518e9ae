import { open } from 'node:fs/promises';

/** One line of a text file: 1-based number, text without the line end, or why it could not be decoded. */
export type Line = { line: number; text: string; error?: undefined } | { line: number; text?: undefined; error: string };

export interface LineStreamOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Bytes per read; the default suits files from bytes to gigabytes. */
  chunkSize?: number;
}

const NEWLINE = 0x0a;
const DEFAULT_CHUNK = 1 << 20;
const DECODE_PIECE = 1 << 16;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A run of consecutive lines: `lines[i]` is line `firstLine + i` without its line end. A line that
 * is not valid UTF-8 has text '' and its reason in `invalid` (keyed by the index i).
 */
export interface LineBatch {
  firstLine: number;
  lines: string[];
  invalid: Map<number, string> | null;
}

/**
 * Streams a file as batches of lines (one batch per chunk read, so a million lines cost a few
 * hundred awaits, not a million). Handles `\n` and `\r\n`, a UTF-8 byte-order mark, lines of any
 * length (a 50 MB line is one line), and reports a line that is not valid UTF-8 as an error for that
 * line only. Whole runs of complete lines are decoded at once; only a run that fails is decoded line
 * by line to find the culprit. The file is opened read-only.
 */
export async function* readLineBatches(path: string, opts: LineStreamOptions = {}): AsyncGenerator<LineBatch> {
  const fh = await open(path, 'r');
  const readSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  // Two read buffers: the next read is in flight while the previous chunk is parsed.
  let incoming = Buffer.allocUnsafe(readSize);
  let spare = Buffer.allocUnsafe(readSize);
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
    const size = (await fh.stat()).size;
    // `work` holds the start of a line not yet complete, then the bytes just read; it grows only for a
    // line longer than itself.
    let work = Buffer.allocUnsafe(readSize * 2);
    let filled = 0;
    let pos = 0;
    let lineNo = 0;
    let first = true;
    pending = fh.read(incoming, 0, readSize, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = null;
      if (opts.signal?.aborted) throw abortError(opts.signal);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const got = incoming;
      incoming = spare;
      spare = got;
      pending = fh.read(incoming, 0, readSize, pos);
      if (filled + bytesRead > work.length) {
        const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, filled + bytesRead));
        work.copy(bigger, 0, 0, filled);
        work = bigger;
      }
      got.copy(work, filled, 0, bytesRead);
      const end = filled + bytesRead;
      const lastNl = work.lastIndexOf(NEWLINE, end - 1);
      if (lastNl < filled) {
        filled = end;
        continue;
      }
      // Decode the complete lines in pieces of about DECODE_PIECE bytes (cut at line ends): small
      // strings die young, whereas one big string would wait in large-object space for a full GC.
      for (let start = 0; start <= lastNl; ) {
        let stop = lastNl + 1;
        if (stop - start > DECODE_PIECE) {
          const nl = work.indexOf(NEWLINE, start + DECODE_PIECE);
          stop = nl < 0 || nl > lastNl ? lastNl + 1 : nl + 1;
        }
        const batch = splitLines(work.subarray(start, stop), lineNo, first);
        lineNo += batch.lines.length;
        first = false;
        start = stop;
        yield batch;
      }
      work.copyWithin(0, lastNl + 1, end);
      filled = end - lastNl - 1;
      opts.onProgress?.(size ? Math.min(1, pos / size) : 1);
    }
    if (filled > 0) yield splitLines(work.subarray(0, filled), lineNo, first);
    opts.onProgress?.(1);
  } finally {
    if (pending) await pending.catch(() => undefined);
    await fh.close();
  }
}

/** Streams a file line by line (see readLineBatches, which is faster for large files). */
export async function* readLines(path: string, opts: LineStreamOptions = {}): AsyncGenerator<Line> {
  for await (const b of readLineBatches(path, opts)) {
    for (let i = 0; i < b.lines.length; i++) {
      const error = b.invalid?.get(i);
      yield error === undefined ? { line: b.firstLine + i, text: b.lines[i] } : { line: b.firstLine + i, error };
    }
  }
}

/** Splits a buffer of whole lines (the last one may lack its `\n`). */
function splitLines(buf: Buffer, lineNo: number, stripBom: boolean): LineBatch {
  let text: string | null = null;
  try {
    text = strictUtf8.decode(buf);
  } catch {
    text = null;
  }
  if (text !== null) {
    if (stripBom && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const p = lines[i];
      if (p.charCodeAt(p.length - 1) === 13 /* \r */) lines[i] = p.slice(0, -1);
    }
    return { firstLine: lineNo + 1, lines, invalid: null };
  }
  // Slow path: some line in this run is not valid UTF-8; find which.
  const lines: string[] = [];
  const invalid = new Map<number, string>();
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(NEWLINE, start);
    if (end < 0) end = buf.length;
    const slice = buf.subarray(start, end);
    try {
      let t = strictUtf8.decode(slice);
      if (stripBom && lines.length === 0 && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      lines.push(t.charCodeAt(t.length - 1) === 13 ? t.slice(0, -1) : t);
    } catch {
      invalid.set(lines.length, `invalid UTF-8 at byte ${firstInvalidByte(slice)} of the line`);
      lines.push('');
    }
    start = end + 1;
  }
  return { firstLine: lineNo + 1, lines, invalid };
}

/** 1-based offset of the first byte of the first invalid UTF-8 sequence in `slice`. */
function firstInvalidByte(slice: Buffer): number {
  // Binary search on the longest prefix that decodes as a stream (an unfinished sequence at its end is allowed).
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
  // The prefix may end inside the bad sequence (a lead byte and some continuation bytes): point at its lead byte.
  let k = lo;
  while (k > 0 && lo - k < 3 && (slice[k - 1] & 0xc0) === 0x80) k--;
  if (k > 0 && slice[k - 1] >= 0xc0) {
    const lead = slice[k - 1];
    const len = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (len > lo - (k - 1)) return k;
  }
  return lo + 1;
}

export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('Cancelled'), { name: 'AbortError' });
}
