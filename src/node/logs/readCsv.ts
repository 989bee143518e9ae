import { CsvRecordReader, type CsvRecord } from '../../engines/logs/csvRow';
import { DEFAULT_MAX_LINE_BYTES, readLineBatches } from './lineStream';
import { RecordCollector } from '../../engines/logs/recordCollector';
import { EvalLogError } from '../../engines/logs/evalLogError';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';
import { setOwn } from '../../shared/ownProperties';
import { NATIVE_FIELD_GROUPS, NATIVE_FIELD_KINDS, type NativeFieldKind } from '../../engines/logs/nativeFields';

type CellKind = 'string' | 'number' | 'bool' | 'score';

/** How a CSV cell becomes the JSON value of a native field of each kind (a cell is text: every text field keeps it as it is). */
const CELL_KIND_OF: Readonly<Record<NativeFieldKind, CellKind>> = {
  id: 'string',
  score: 'score',
  number: 'number',
  flag: 'bool',
  text: 'string',
  shownText: 'string',
  textAlias: 'string',
};

/** Native columns and how a cell becomes that field's JSON value (a Map: column names are data). */
const COLUMN_KINDS = new Map<string, CellKind>(
  [...NATIVE_FIELD_KINDS].map(([name, kind]) => [name, CELL_KIND_OF[kind]]),
);
export const CSV_REQUIRED_COLUMNS: readonly string[] = NATIVE_FIELD_GROUPS.required.map(([name]) => name);

/**
 * Strict decimal number (what a spreadsheet or pandas writes), plus the infinities and NaN spelled
 * out. Each digit can match one way only (no `\d+\d*`), so a cell of a million digits is linear.
 */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = new Map<string, number>([
  ['nan', NaN],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

class CellError extends Error {}

function parseCell(kind: CellKind, cell: string, column: string): unknown {
  if (kind === 'string') return cell;
  const t = cell.trim();
  const lower = t.toLowerCase();
  if (kind === 'bool' || kind === 'score') {
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    if (kind === 'bool') throw new CellError(`column "${column}": ${JSON.stringify(cell)} is not true/false/1/0`);
  }
  if (NUMBER.test(t)) return Number(t);
  const special = SPECIAL.get(lower);
  if (special !== undefined) return special;
  throw new CellError(
    `column "${column}": ${JSON.stringify(cell.length > 40 ? cell.slice(0, 37) + '...' : cell)} is not ${kind === 'score' ? 'true/false/1/0 or a number in [0, 1]' : 'a number'}`,
  );
}

/** A cell of a column the format does not define: a number or true/false (an extra metric), else its trimmed text (a label, when short). */
function extraCell(cell: string): number | boolean | string {
  const t = cell.trim();
  const lower = t.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  return NUMBER.test(t) ? Number(t) : t;
}

interface Column {
  name: string;
  kind: CellKind | undefined;
}

/**
 * Reads a CSV eval log with the native columns (see docs/eval-logs.md): RFC 4180 quoting (quoted
 * cells may span lines), UTF-8 with or without BOM, `\n` or `\r\n`, a header row naming the
 * columns. An empty cell means the field is absent. Cells that are not of their column's type are
 * reported with the line and the column name; the row is skipped and the rest is read. Time is
 * linear in the file's size and a record may not exceed `maxRecordBytes` (a quote that is never
 * closed costs one pass, not one pass per line).
 */
export async function readCsv(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'csv', opts);
  const maxBytes = opts.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES;
  const reader = new CsvRecordReader(maxBytes);
  let header: Column[] | null = null;

  const skip = (line: number, reason: string): void => {
    out.linesRead++;
    out.skip(line, reason);
  };
  const handleRecord = (rec: CsvRecord): void => {
    if (header === null) {
      if (rec.error !== undefined)
        throw new EvalLogError(file, `line ${rec.line}: CSV header is malformed (${rec.error})`);
      header = readHeader(file, rec.line, rec.cells, out);
      return;
    }
    if (rec.error !== undefined) return skip(rec.line, rec.error);
    const row = rec.cells;
    if (row.length !== header.length)
      return skip(rec.line, `row has ${row.length} cell(s) but the header has ${header.length}`);
    const raw: Record<string, unknown> = {};
    try {
      for (let c = 0; c < header.length; c++) {
        const { name, kind } = header[c];
        const cell = row[c];
        if (cell === '' || name === '') continue;
        if (kind === undefined) {
          setOwn(raw, name, extraCell(cell));
        } else setOwn(raw, name, parseCell(kind, cell, name));
      }
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      return skip(rec.line, err.message);
    }
    out.add(raw, rec.line);
  };

  let lastLine = 0;
  for await (const batch of readLineBatches(file, {
    signal: opts.signal,
    onProgress: opts.onProgress,
    maxLineBytes: maxBytes,
  })) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.firstLine + i;
      lastLine = line;
      const error = batch.invalid?.get(i);
      const open = reader.pendingLine;
      if (error !== undefined) {
        if (open === null) skip(line, error);
        else {
          reader.reset();
          skip(open, `a quoted cell opened on this line runs into line ${line}, which cannot be read (${error})`);
        }
        continue;
      }
      const text = batch.lines[i];
      if (open === null && isBlank(text)) continue;
      const rec = reader.feed(text, line);
      if (rec !== null) handleRecord(rec);
    }
  }
  const open = reader.pendingLine;
  if (open !== null) {
    if (header === null)
      throw new EvalLogError(
        file,
        `line ${open}: the CSV header has a quoted cell that is never closed (missing closing quote)`,
      );
    skip(
      open,
      `a quoted cell starting on this line is never closed (missing closing quote?): the ${lastLine - open} line(s) after it became part of that cell and were not read as rows`,
    );
  }
  if (header === null) throw new EvalLogError(file, 'CSV file has no header row');
  return out.finish();
}

/** Blank or whitespace-only, without trimming a long line. */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c > 32 && c !== 0xa0 && c !== 0xfeff) return false;
  return text.trim() === '';
}

/** A column name for a message: at most 40 characters. */
const showName = (n: string): string => (n.length > 40 ? `${n.slice(0, 37)}...` : n);

/** The first few names for a message, and how many more there are. */
function listNames(names: readonly string[], max = 12): string {
  return names.slice(0, max).map(showName).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');
}

function readHeader(file: string, line: number, cells: string[], out: RecordCollector): Column[] {
  const names = cells.map((c) => c.trim());
  const missing = CSV_REQUIRED_COLUMNS.filter((r) => !names.includes(r));
  if (missing.length) {
    const separator = names.length === 1 ? [';', '\t', '|'].find((c) => names[0].includes(c)) : undefined;
    const hint =
      separator === undefined
        ? ''
        : `; the header is one column: are the columns separated by ${separator === '\t' ? 'tabs' : `"${separator}"`} instead of commas?`;
    throw new EvalLogError(
      file,
      `line ${line}: CSV header lacks required column(s) ${missing.map((m) => `"${m}"`).join(', ')} (found: ${listNames(names)}${hint})`,
    );
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (n !== '' && seen.has(n))
      throw new EvalLogError(file, `line ${line}: CSV header names column "${showName(n)}" twice`);
    seen.add(n);
  }
  const unused = names.filter((n) => !COLUMN_KINDS.has(n));
  if (unused.length)
    out.warn(
      line,
      `other column(s) ${listNames(unused, 20)}: numbers and true/false values are kept as extra metrics, anything else is not used`,
    );
  return names.map((name) => ({ name, kind: COLUMN_KINDS.get(name) }));
}
