import { topLevelNumberLiteral } from '../../engines/logs/jsonNumberLiteral';
import { readLineBatches } from './lineStream';
import { nestsDeeperThan, parsePythonJson } from '../../engines/logs/pythonJson';
import { RecordCollector } from '../../engines/logs/recordCollector';
import { NeedsRecordReader, TableCollector } from '../../engines/logs/tableCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';

/** Lines longer than this are checked for nesting before JSON.parse (shorter ones cannot build much). */
const CHECK_NESTING_ABOVE = 64 * 1024;
/** Deepest nesting of arrays and objects accepted in a long line (Python's json stops near 1,000 too). */
export const MAX_NESTING = 1000;

/**
 * Reads a native-format JSON Lines eval log as a stream (Python's NaN/Infinity tokens accepted).
 * Linear in the file's size; a line longer than `maxRecordBytes` is reported and skipped unread.
 * A numeric query_id that is not a safe integer (above 2^53, a fraction, an exponent form) is kept
 * as the digits written in the line, so ids that JSON.parse would round to one number stay apart.
 * The records are held in a columnar table (`result.table`); a log with repeats under an `epoch`
 * field, or read with `keepEpochs`, is read again into records (the table holds one answer per
 * query and model).
 */
export async function readNativeJsonl(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  try {
    const table = new TableCollector(file, opts);
    await readLines(file, opts, table);
    return table.finish();
  } catch (err) {
    if (!(err instanceof NeedsRecordReader)) throw err;
  }
  return readNativeJsonlRecords(file, opts);
}

/** readNativeJsonl without the table: every record an EvalRecord object, as read before issue 18 (and for logs with epochs). */
export async function readNativeJsonlRecords(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const records = new RecordCollector(file, 'native', opts);
  await readLines(file, opts, records);
  return records.finish();
}

/** What readLines feeds: a RecordCollector, or a TableCollector (which may give up for a RecordCollector). */
interface LineSink {
  linesRead: number;
  add(raw: unknown, line: number): unknown;
  skip(line: number, reason: string): void;
}

/** Parses every line of `file` into `out`. */
async function readLines(file: string, opts: ReadOptions, out: LineSink): Promise<void> {
  for await (const batch of readLineBatches(file, {
    signal: opts.signal,
    onProgress: opts.onProgress,
    maxLineBytes: opts.maxRecordBytes,
  })) {
    const { lines, invalid, firstLine } = batch;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i];
      const line = firstLine + i;
      const error = invalid?.get(i);
      if (error !== undefined) {
        out.linesRead++;
        out.skip(line, error);
        continue;
      }
      if (isBlank(text)) continue;
      if (text.length > CHECK_NESTING_ABOVE && nestsDeeperThan(text, MAX_NESTING)) {
        out.linesRead++;
        out.skip(line, `JSON nested deeper than ${MAX_NESTING} levels: not a record`);
        continue;
      }
      let raw: unknown;
      try {
        raw = parsePythonJson(text);
      } catch (err) {
        out.linesRead++;
        out.skip(line, `not valid JSON (${shortJsonError(err, text)})`);
        continue;
      }
      keepQueryIdAsWritten(raw, text);
      out.add(raw, line);
    }
  }
}

/** Replaces a numeric query_id that JSON.parse may have rounded (or that has no exact decimal form) by its literal text. */
function keepQueryIdAsWritten(raw: unknown, text: string): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const o = raw as { query_id?: unknown };
  const id = o.query_id;
  if (typeof id !== 'number' || (Number.isSafeInteger(id) && !Object.is(id, -0))) return;
  const literal = topLevelNumberLiteral(text, 'query_id');
  if (literal !== null) o.query_id = literal;
}

/** Blank or whitespace-only, without allocating a trimmed copy of a long line. */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 123 /* { */) return false;
  return text.trim() === '';
}

/**
 * A short JSON syntax message, with a hint when the line looks cut off. Control characters and
 * byte-order marks that V8 quotes from the line are shown as \uXXXX escapes, so the message stays
 * one readable line.
 */
export function shortJsonError(err: unknown, text: string): string {
  const msg = (err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : String(err)).replace(
    /[\u0000-\u001f\u007f-\u009f\ufeff\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  // "after JSON": a whole value followed by more text, not a cut-off line.
  const truncated =
    /Unexpected end|Unterminated/.test(msg) || (!text.trimEnd().endsWith('}') && !/after JSON/.test(msg));
  return (
    (truncated && text.trimStart().startsWith('{') ? 'line looks truncated: ' : '') +
    (msg.length > 120 ? msg.slice(0, 117) + '...' : msg)
  );
}
