import type { ParseLinesOptions, ParsedLines } from '../../engines/logs/parsedLines';
import type { LineBatch } from '../../engines/logs/lineBatch';

/** What the native reader gives its parser thread (lineParserWorker.ts) to read: one file. */
export interface ParserTask extends ParseLinesOptions {
  file: string;
  maxLineBytes: number | undefined;
  /** Characters of lines per batch (PARSER_BATCH_CHARS unless a test asks for smaller batches). */
  batchChars: number;
  /** Give the reading thread a batch to parse itself whenever it has taken every batch posted. */
  shareIdle: boolean;
}

/** Batches the parser thread may post before the reader has taken them: at most this many wait in memory. */
export const PARSED_BATCHES_AHEAD = 4;

/** Characters of lines per batch (about a megabyte of the file: a few milliseconds of parsing). */
export const PARSER_BATCH_CHARS = 1 << 20;

/**
 * The parser thread's messages: a parsed batch; runs of lines for the reader to parse itself (see
 * lineParserWorker.ts); the end of the file; or why it stopped (the reader then reads on its own).
 */
export type ParserMessage =
  { batch: ParsedLines } | { lines: LineBatch[]; progress: number } | { done: true } | { failed: string };

/**
 * What the reading thread posts to its parser thread: a file to read (a thread reads one file at a
 * time, and may be given another once it has posted `done`), or room for one more batch of the
 * current file.
 */
export type ParserRequest = { task: ParserTask } | { credit: 1 };
