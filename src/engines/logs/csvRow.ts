import { formatBytes } from './byteSize';

/** Result of splitting one CSV record: its cells, a record whose quoted field runs on, or why it is malformed. */
export type CsvRow =
  | { cells: string[]; open?: undefined; error?: undefined }
  | { open: true; cells?: undefined; error?: undefined }
  | { error: string; cells?: undefined; open?: undefined };

/** A finished CSV record: `line` is where it starts, `lastLine` where it ends. */
export type CsvRecord =
  | { line: number; lastLine: number; cells: string[]; error?: undefined }
  | { line: number; lastLine: number; error: string; cells?: undefined };

/**
 * Splits one CSV record into cells per RFC 4180: comma separators, fields optionally enclosed in
 * double quotes, `""` for a quote inside a quoted field, and line breaks allowed inside quotes
 * (`open` says the text ends inside a quoted field). A quote inside an unquoted field is taken
 * literally (as Python's csv module does); text after a closing quote is an error naming the
 * 1-based column.
 */
export function splitCsvRow(text: string): CsvRow {
  const lines = text.split('\n');
  const reader = new CsvRecordReader(Infinity);
  for (let i = 0; i < lines.length; i++) {
    const r = reader.feed(lines[i], i + 1);
    if (r === null) continue;
    // Only the last line can end a record; an earlier end means the text holds more than one.
    if (i < lines.length - 1) return { error: 'a record ends before the end of the text' };
    return r.error === undefined ? { cells: r.cells } : { error: r.error };
  }
  return { open: true };
}

/**
 * Reads CSV records from physical lines fed one at a time (line ends already removed), keeping the
 * state of a quoted cell that spans lines: each character is looked at once, so a record of many
 * lines (or a quote that is never closed) costs time linear in its length, not quadratic. A record
 * whose lines add up to more than `maxBytes` UTF-8 bytes (line ends included) is given up as an
 * error when it crosses the limit; reading resumes on the next line.
 */
export class CsvRecordReader {
  private cells: string[] = [];
  /** Pieces of the quoted cell that is still open at the end of a line (joined when it closes). */
  private parts: string[] = [];
  private open = false;
  private startLine = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The first line of a record still open (a quoted cell not yet closed), or null. */
  get pendingLine(): number | null {
    return this.open ? this.startLine : null;
  }

  /** Forgets a record still open (e.g. when the next line cannot be read). */
  reset(): void {
    this.open = false;
    this.cells = [];
    this.parts = [];
  }

  /** Feeds the next physical line; returns the record it completes, or null when a quoted cell runs on. */
  feed(text: string, line: number): CsvRecord | null {
    const n = text.length;
    let i = 0;
    let quoted = this.open;
    if (this.open) {
      const tooLong = this.continueCell(text, line);
      if (tooLong) return tooLong;
    } else {
      this.startLine = line;
      this.cells = [];
      this.bytes = 0;
    }
    for (;;) {
      if (!quoted && i < n && text.charCodeAt(i) === 34 /* " */) {
        quoted = true;
        i++;
        this.parts = [];
      }
      if (quoted) {
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            this.parts.push(text.slice(i));
            return this.open ? null : this.openCell(text, line);
          }
          if (text.charCodeAt(q + 1) === 34) {
            this.parts.push(text.slice(i, q + 1));
            i = q + 2;
            continue;
          }
          this.parts.push(text.slice(i, q));
          i = q + 1;
          break;
        }
        quoted = false;
        this.open = false;
        this.cells.push(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
        this.parts = [];
        if (i < n && text.charCodeAt(i) !== 44 /* , */) {
          const column = this.cells.length;
          const start = this.startLine;
          this.cells = [];
          return {
            line: start,
            lastLine: line,
            error: `unexpected text after the closing quote of column ${column}${line !== start ? ` (on line ${line})` : ''}`,
          };
        }
      } else {
        const comma = text.indexOf(',', i);
        const end = comma < 0 ? n : comma;
        this.cells.push(text.slice(i, end));
        i = end;
      }
      if (i >= n) return this.finish(line);
      i++; // skip the comma
      if (i === n) {
        this.cells.push('');
        return this.finish(line);
      }
    }
  }

  /**
   * A quoted cell runs on to this line: its line break kept and its bytes counted; the record's
   * error when it grows past the limit (the record is dropped), else null.
   */
  private continueCell(text: string, line: number): CsvRecord | null {
    this.parts.push('\n');
    this.bytes += Buffer.byteLength(text) + 1;
    if (this.bytes <= this.maxBytes) return null;
    const start = this.startLine;
    this.reset();
    return {
      line: start,
      lastLine: line,
      error: `record is longer than the limit of ${formatBytes(this.maxBytes)}: a quoted cell opened on this line is still open on line ${line} (a missing closing quote?); lines ${start}-${line} skipped, reading resumes on line ${line + 1}`,
    };
  }

  /**
   * A quoted cell is still open at the end of the record's first line: the record stays open (null),
   * unless that line alone is past the limit (the record's error; it is dropped).
   */
  private openCell(text: string, line: number): CsvRecord | null {
    this.open = true;
    this.bytes = Buffer.byteLength(text) + 1;
    if (this.bytes <= this.maxBytes) return null;
    this.reset();
    return { line, lastLine: line, error: `record is longer than the limit of ${formatBytes(this.maxBytes)}` };
  }

  private finish(line: number): CsvRecord {
    const cells = this.cells;
    this.cells = [];
    return { line: this.startLine, lastLine: line, cells };
  }
}
