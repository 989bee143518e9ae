import { topLevelNumberLiteral } from '../../engines/logs/jsonNumberLiteral';
import { readLineBatches } from './lineStream';
import type { LineBatch } from '../../engines/logs/lineBatch';
import { nestsDeeperThan, parsePythonJson } from '../../engines/logs/pythonJson';
import { RecordCollector } from '../../engines/logs/recordCollector';
import { NeedsRecordReader, TableCollector } from '../../engines/logs/tableCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';
import {
  LINE_INVALID,
  LINE_RECORD,
  LINE_TEXT,
  PARSE_LINES_UP_TO,
  ParsedLinesReader,
  isBlankLine,
} from '../../engines/logs/parsedLines';
import { ParserUnavailable, parsedLineBatches, parserThreadAvailable } from './parsedLineBatches';
import { PARSER_BATCH_CHARS, type ParserTask } from './parserProtocol';
import { stat } from 'node:fs/promises';

/** Lines longer than this are checked for nesting before JSON.parse (shorter ones cannot build much; the parser thread leaves longer ones to this thread). */
const CHECK_NESTING_ABOVE = PARSE_LINES_UP_TO;
/** Deepest nesting of arrays and objects accepted in a long line (Python's json stops near 1,000 too). */
export const MAX_NESTING = 1000;
/**
 * Files at least this large are parsed on a second thread when there is one (ReadOptions.parserThread):
 * starting the thread costs about 30 ms, which parsing 16 MiB on two cores instead of one repays.
 */
const PARSE_THREAD_ABOVE_BYTES = 16 * 2 ** 20;

/**
 * Reads a native-format JSON Lines eval log as a stream (Python's NaN/Infinity tokens accepted).
 * Linear in the file's size; a line longer than `maxRecordBytes` is reported and skipped unread.
 * A numeric query_id that is not a safe integer (above 2^53, a fraction, an exponent form) is kept
 * as the digits written in the line, so ids that JSON.parse would round to one number stay apart.
 * The records are held in a columnar table (`result.table`); a log with repeats under an `epoch`
 * field, or read with `keepEpochs`, is read again into records (the table holds one answer per
 * query and model). A large file is parsed on a second thread while this one keeps the records,
 * with the same result.
 */
export async function readNativeJsonl(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  try {
    if (await worthAParserThread(file, opts)) {
      const table = new TableCollector(file, opts);
      try {
        await readParsedLines(file, opts, table);
        return table.finish();
      } catch (err) {
        if (!(err instanceof ParserUnavailable)) throw err;
      }
    }
    const table = new TableCollector(file, opts);
    await readLines(file, opts, table);
    return table.finish();
  } catch (err) {
    if (!(err instanceof NeedsRecordReader)) throw err;
  }
  return readNativeJsonlRecords(file, opts);
}

async function worthAParserThread(file: string, opts: ReadOptions): Promise<boolean> {
  if (!parserThreadAvailable()) return false;
  const size = await stat(file).then(
    (s) => s.size,
    () => -1,
  );
  return size >= 0 && size >= (opts.parserThread?.aboveBytes ?? PARSE_THREAD_ABOVE_BYTES);
}

/** Keeps the lines the parser thread parsed, in order; the lines it left as text are read here, as readLines reads them. */
async function readParsedLines(file: string, opts: ReadOptions, out: TableCollector): Promise<void> {
  const task: ParserTask = {
    file,
    maxLineBytes: opts.maxRecordBytes,
    correctThreshold: opts.correctThreshold ?? 0.5,
    questions: opts.questions ?? true,
    batchChars: Math.max(1, opts.parserThread?.batchChars ?? PARSER_BATCH_CHARS),
    shareIdle: opts.parserThread?.shareIdle ?? true,
  };
  for await (const output of parsedLineBatches(task, opts.signal, opts.parserThread?.waitMs)) {
    if ('lines' in output) {
      for (const run of output.lines) readRun(run, out);
      opts.onProgress?.(output.progress);
      continue;
    }
    const { batch } = output;
    const { kinds, firstLine, texts } = batch;
    const records = new ParsedLinesReader(batch, task.correctThreshold);
    let r = 0;
    let t = 0;
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i];
      if (kind === LINE_RECORD) out.addParsed(records, r++, firstLine + i);
      else if (kind === LINE_TEXT) readLine(texts[t++], undefined, firstLine + i, out);
      else if (kind === LINE_INVALID) readLine('', texts[t++], firstLine + i, out);
    }
    opts.onProgress?.(batch.progress);
  }
  // The last batch may have been posted before the thread's read reached the end of the file.
  opts.onProgress?.(1);
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
  }))
    readRun(batch, out);
}

/** Parses each line of a run into `out`. */
function readRun({ lines, invalid, firstLine }: LineBatch, out: LineSink): void {
  for (let i = 0; i < lines.length; i++) readLine(lines[i], invalid?.get(i), firstLine + i, out);
}

/** Parses one line (or reports why it could not be decoded: `error`) into `out`. */
function readLine(text: string, error: string | undefined, line: number, out: LineSink): void {
  if (error !== undefined) {
    out.linesRead++;
    out.skip(line, error);
    return;
  }
  if (isBlankLine(text)) return;
  if (text.length > CHECK_NESTING_ABOVE && nestsDeeperThan(text, MAX_NESTING)) {
    out.linesRead++;
    out.skip(line, `JSON nested deeper than ${MAX_NESTING} levels: not a record`);
    return;
  }
  let raw: unknown;
  try {
    raw = parsePythonJson(text);
  } catch (err) {
    out.linesRead++;
    out.skip(line, `not valid JSON (${shortJsonError(err, text)})`);
    return;
  }
  keepQueryIdAsWritten(raw, text);
  out.add(raw, line);
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
