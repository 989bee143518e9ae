import { readLineBatches, type LineStreamOptions } from './lineStream';

/**
 * One top-level element of a JSON array file: its 0-based index, the 1-based line it starts on and
 * its text (not parsed yet), or a problem with the array itself (`index` null) or with one element.
 */
export type ArrayItem =
  | { index: number; line: number; text: string; error?: undefined }
  | { index: number | null; line: number | null; error: string; text?: undefined };

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;

/**
 * Streams the elements of a file holding one JSON array (`[ {...}, {...} ]`, pretty-printed or not)
 * without parsing the whole document: a small scanner finds where each element starts and ends
 * (outside strings, at nesting depth 0) and yields its text, so memory holds one element at a time
 * and time is linear in the file size. Problems are yielded, never thrown: text before the `[`, an
 * element cut off by the end of the file, a line that is not valid UTF-8 inside an element, an empty
 * element (`,,`), text after the closing `]`. A line that ends inside a string (impossible in valid
 * JSON, which escapes newlines) ends the string there, so one broken element does not swallow the rest.
 */
export async function* readJsonArrayItems(path: string, opts: LineStreamOptions = {}): AsyncGenerator<ArrayItem> {
  let state: 'before' | 'open' | 'closed' = 'before';
  let expectElement = true;
  let inElem = false;
  let depth = 0;
  let inString = false;
  let lastLine = 0;
  const elem = new ElementText();

  for await (const batch of readLineBatches(path, opts)) {
    for (let b = 0; b < batch.lines.length; b++) {
      const lineNo = batch.firstLine + b;
      lastLine = lineNo;
      const invalid = batch.invalid?.get(b);
      if (invalid !== undefined) {
        if (state === 'closed') continue;
        const problem = `line ${lineNo} is not valid UTF-8 (${invalid})`;
        if (inElem) elem.bad(problem);
        else yield { index: null, line: lineNo, error: problem };
        continue;
      }
      const text = batch.lines[b];
      let from = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
          const q = stringEnd(text, i);
          if (q < 0) break;
          i = q;
          inString = false;
          continue;
        }
        // Before the "[" or after the "]".
        if (state !== 'open') {
          if (isSpace(c)) continue;
          if (state === 'closed') {
            yield { index: null, line: lineNo, error: `text after the closing "]" on line ${lineNo} is ignored` };
            return;
          }
          if (c !== OPEN_BRACKET) {
            yield notAnArray(lineNo, text.slice(i, i + 20));
            return;
          }
          state = 'open';
          continue;
        }
        if (!inElem) {
          if (isSpace(c)) continue;
          if (c === COMMA) {
            if (expectElement) yield missingElement(elem.index, lineNo);
            expectElement = true;
            continue;
          }
          if (c === CLOSE_BRACKET) {
            state = 'closed';
            continue;
          }
          if (!expectElement) yield missingComma(elem.index, lineNo);
          inElem = true;
          expectElement = false;
          depth = 0;
          elem.startLine = lineNo;
          from = i;
        }
        // Inside an element.
        if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
          yield elem.end(text, from, i);
          inElem = false;
          if (c === COMMA) expectElement = true;
          else state = 'closed';
          continue;
        }
        if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
      }
      // Valid JSON never breaks a line inside a string: this element is broken; resume scanning on the next line.
      if (inElem) elem.endLine(text, from, inString ? `line ${lineNo} ends inside a string` : null);
      inString = false;
    }
  }
  if (state === 'before') yield { index: null, line: null, error: 'the file holds no JSON array (only whitespace)' };
  else if (state === 'open') yield inElem ? cutOffElement(elem.index, elem.startLine) : unclosedArray(lastLine);
}

/**
 * The text of the element being scanned, gathered line by line, with the 1-based line it starts
 * on, its 0-based index and its first problem (an element with a problem yields that, not its text).
 */
class ElementText {
  index = 0;
  startLine = 0;
  private pieces: string[] = [];
  private badLine: string | null = null;

  /** Notes a problem of the element; the first one is the one reported. */
  bad(problem: string): void {
    this.badLine ??= problem;
  }

  /** Keeps the rest of a line, from `from`, and its line break; `problem` when the line broke the element. */
  endLine(text: string, from: number, problem: string | null): void {
    if (problem !== null) this.badLine ??= problem;
    this.pieces.push(text.slice(from), '\n');
  }

  /** Ends the element at `to` on this line (its last piece starts at `from`): its item; the next element is the next index. */
  end(text: string, from: number, to: number): ArrayItem {
    this.pieces.push(text.slice(from, to));
    const { index, startLine, badLine } = this;
    const item: ArrayItem =
      badLine === null
        ? { index, line: startLine, text: this.pieces.join('') }
        : { index, line: startLine, error: `element [${index}]: ${badLine}` };
    this.pieces = [];
    this.badLine = null;
    this.index++;
    return item;
  }
}

/**
 * Where the string running at `i` (just past its opening quote, or a line into it) ends: the index of
 * the next quote not escaped by an odd run of backslashes, or -1 when the line ends first.
 */
function stringEnd(text: string, i: number): number {
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let k = q - 1;
    while (k >= i && text.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    i = q + 1;
  }
}

/** The problem of a file whose first significant text (`start`, up to 20 characters, on line `line`) is not "[". */
function notAnArray(line: number, start: string): ArrayItem {
  return {
    index: null,
    line,
    error: `not a JSON array: line ${line} starts with ${JSON.stringify(start)} where "[" was expected`,
  };
}

/** The problem of an element that follows the one before it without a ",". */
function missingComma(index: number, line: number): ArrayItem {
  return { index, line, error: `a "," is missing before element [${index}] on line ${line}` };
}

/** The problem of a "," with no element before it. */
function missingElement(index: number, line: number): ArrayItem {
  return { index, line, error: `element [${index}] is missing (a "," with nothing before it on line ${line})` };
}

/**
 * The problem of an element still open when the file ends (a complete scalar or object may still end
 * at the end of the file without its "]": let the parser judge it).
 */
function cutOffElement(index: number, startLine: number): ArrayItem {
  return {
    index,
    line: startLine,
    error: `element [${index}] (from line ${startLine}) is cut off: the file ends before the array's closing "]" (truncated?)`,
  };
}

/** The problem of an array whose "]" never comes, the file ending between elements (after line `lastLine`, 0 for none). */
function unclosedArray(lastLine: number): ArrayItem {
  return {
    index: null,
    line: lastLine || null,
    error: 'the array is not closed: the file ends before its closing "]" (truncated?)',
  };
}

/** The first character of a file that is not whitespace or a byte-order mark, or '' for an empty file; reads at most `limit` bytes. */
export async function firstSignificantChar(
  path: string,
  opts: LineStreamOptions = {},
  limit = 1 << 20,
): Promise<string> {
  let seen = 0;
  for await (const batch of readLineBatches(path, { signal: opts.signal, chunkSize: 64 * 1024 })) {
    for (const line of batch.lines) {
      for (let i = 0; i < line.length; i++) if (!isSpace(line.charCodeAt(i))) return line[i];
      seen += line.length + 1;
      if (seen > limit) return '';
    }
  }
  return '';
}
