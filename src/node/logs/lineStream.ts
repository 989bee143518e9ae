import { open } from 'node:fs/promises';
import { abortError } from '../../engines/cancellation';
import { EvalLogError } from '../../engines/logs/evalLogError';
import { formatBytes } from '../../engines/logs/byteSize';
import type { LineBatch } from '../../engines/logs/lineBatch';

export { abortError };

/** One line of a text file: 1-based number, text without the line end, or why it could not be decoded. */
export type Line =
  { line: number; text: string; error?: undefined } | { line: number; text?: undefined; error: string };

export interface LineStreamOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Bytes per read; the default suits files from bytes to gigabytes. */
  chunkSize?: number;
  /**
   * Longest line kept, in bytes (default DEFAULT_MAX_LINE_BYTES). A longer line is reported as an
   * error for that line and its bytes are skipped as they are read, never held in memory.
   */
  maxLineBytes?: number;
}

/**
 * 64 MiB. Reading a line holds it about four times over at the peak (read buffer, decoded string,
 * parsed copy, record), so a 64 MiB line costs about 300 MB and two seconds; the longest real eval
 * log lines (whole transcripts) are a few MB. V8 cannot hold a string much past 512 Mi characters
 * at all, so some limit is needed in any case.
 */
export const DEFAULT_MAX_LINE_BYTES = 64 * 2 ** 20;

const NEWLINE = 0x0a;
const DEFAULT_CHUNK = 1 << 20;
const DECODE_PIECE = 1 << 16;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Streams a file as batches of lines (one batch per chunk read, so a million lines cost a few
 * hundred awaits, not a million). Handles `\n` and `\r\n`, a UTF-8 byte-order mark, long lines (a
 * 50 MB line is one line), and reports a line that is not valid UTF-8, or longer than
 * `maxLineBytes`, as an error for that line only; memory stays bounded by the limit whatever the
 * file holds. Whole runs of complete lines are decoded at once; only a run that fails is decoded line
 * by line to find the culprit. A file that starts with a UTF-16 byte-order mark is an EvalLogError
 * (it is not UTF-8 at all). The file is opened read-only. Time is linear in the file's size.
 */
export async function* readLineBatches(path: string, opts: LineStreamOptions = {}): AsyncGenerator<LineBatch> {
  const fh = await open(path, 'r');
  const readSize = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  const maxLine = Math.max(1, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
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
    // Bytes of a line over the limit seen so far while skipping it, or -1 when not skipping.
    let skipping = -1;
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
      const chunk = got.subarray(0, bytesRead);
      if (first && filled === 0 && lineNo === 0) checkNotUtf16(path, chunk);
      let from = 0;
      if (skipping >= 0) {
        const nl = chunk.indexOf(NEWLINE);
        if (nl < 0) {
          skipping += bytesRead;
          opts.onProgress?.(size ? Math.min(1, pos / size) : 1);
          continue;
        }
        yield tooLongLine(++lineNo, skipping + nl, maxLine);
        first = false;
        skipping = -1;
        from = nl + 1;
      }
      // The line in progress (work[0, filled)) plus this chunk up to its first line end.
      const firstNl = chunk.indexOf(NEWLINE, from);
      const head = (firstNl < 0 ? bytesRead : firstNl) - from;
      if (filled + head > maxLine) {
        if (firstNl < 0) {
          skipping = filled + head;
          filled = 0;
          opts.onProgress?.(size ? Math.min(1, pos / size) : 1);
          continue;
        }
        yield tooLongLine(++lineNo, filled + head, maxLine);
        first = false;
        filled = 0;
        from = firstNl + 1;
      }
      const fresh = bytesRead - from;
      if (filled + fresh > work.length) work = grown(work, filled, filled + fresh);
      chunk.copy(work, filled, from, bytesRead);
      const end = filled + fresh;
      const lastNl = end > filled ? work.lastIndexOf(NEWLINE, end - 1) : -1;
      if (lastNl < filled) {
        filled = end;
        continue;
      }
      lineNo = yield* completeLines(work, lastNl, lineNo, first, maxLine);
      first = false;
      work.copyWithin(0, lastNl + 1, end);
      filled = end - lastNl - 1;
      opts.onProgress?.(size ? Math.min(1, pos / size) : 1);
    }
    if (skipping >= 0) yield tooLongLine(++lineNo, skipping, maxLine);
    else if (filled > 0) yield splitLines(work.subarray(0, filled), lineNo, first, maxLine);
    opts.onProgress?.(1);
  } finally {
    if (pending) await pending.catch(() => undefined);
    await fh.close();
  }
}

/**
 * The complete lines work[0, lastNl] (at least one; the first is line `lineNo` + 1) as batches,
 * decoded in pieces of about DECODE_PIECE bytes cut at line ends: small strings die young, whereas
 * one big string would wait in large-object space for a full GC. @returns the number of the last line.
 */
function* completeLines(
  work: Buffer,
  lastNl: number,
  lineNo: number,
  first: boolean,
  maxLine: number,
): Generator<LineBatch, number> {
  for (let start = 0; start <= lastNl;) {
    let stop = lastNl + 1;
    if (stop - start > DECODE_PIECE) {
      const nl = work.indexOf(NEWLINE, start + DECODE_PIECE);
      stop = nl < 0 || nl > lastNl ? lastNl + 1 : nl + 1;
    }
    const batch = splitLines(work.subarray(start, stop), lineNo, first, maxLine);
    lineNo += batch.lines.length;
    first = false;
    start = stop;
    yield batch;
  }
  return lineNo;
}

/** @throws EvalLogError when the file's first chunk starts with a UTF-16 byte-order mark (either byte order). */
function checkNotUtf16(path: string, chunk: Buffer): void {
  if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)))
    throw new EvalLogError(path, 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8');
}

/** A buffer of at least `needed` bytes (at least twice `work`'s size) holding `work`'s first `filled` bytes. */
function grown(work: Buffer, filled: number, needed: number): Buffer<ArrayBuffer> {
  const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, needed));
  work.copy(bigger, 0, 0, filled);
  return bigger;
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
function splitLines(buf: Buffer, lineNo: number, stripBom: boolean, maxLine: number): LineBatch {
  let text: string | null = null;
  if (buf.length <= maxLine || !hasLineLongerThan(buf, maxLine)) {
    try {
      text = strictUtf8.decode(buf);
    } catch {
      text = null;
    }
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
  // Slow path: some line in this run is not valid UTF-8 or too long; find which.
  const lines: string[] = [];
  const invalid = new Map<number, string>();
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(NEWLINE, start);
    if (end < 0) end = buf.length;
    const slice = buf.subarray(start, end);
    start = end + 1;
    if (slice.length > maxLine) {
      invalid.set(lines.length, tooLongReason(slice.length, maxLine));
      lines.push('');
      continue;
    }
    try {
      let t = strictUtf8.decode(slice);
      if (stripBom && lines.length === 0 && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      lines.push(t.charCodeAt(t.length - 1) === 13 ? t.slice(0, -1) : t);
    } catch {
      invalid.set(lines.length, `invalid UTF-8 at byte ${firstInvalidByte(slice)} of the line`);
      lines.push('');
    }
  }
  return { firstLine: lineNo + 1, lines, invalid };
}

/** Whether some line of `buf` has more than `max` bytes. */
function hasLineLongerThan(buf: Buffer, max: number): boolean {
  for (let start = 0; start < buf.length;) {
    let end = buf.indexOf(NEWLINE, start);
    if (end < 0) end = buf.length;
    if (end - start > max) return true;
    start = end + 1;
  }
  return false;
}

/** The batch of one line that is over the limit (reported, not read). */
function tooLongLine(line: number, bytes: number, max: number): LineBatch {
  return { firstLine: line, lines: [''], invalid: new Map([[0, tooLongReason(bytes, max)]]) };
}

function tooLongReason(bytes: number, max: number): string {
  return `line is ${formatBytes(bytes)} long, over the limit of ${formatBytes(max)} for one line: skipped without reading it`;
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
