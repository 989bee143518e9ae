import { splitCsvRow } from './csvRow';
import { readLines } from './lineStream';
import { RecordCollector } from './recordCollector';
import { EvalLogError } from './evalLogError';
import type { ReadLogResult, ReadOptions } from './types';

/** Native columns and how a CSV cell becomes that field's JSON value. */
const COLUMN_KINDS: Record<string, 'string' | 'number' | 'bool' | 'score'> = {
  query_id: 'string',
  model: 'string',
  correct: 'score',
  logprob: 'number',
  confidence: 'number',
  cost_usd: 'number',
  input_tokens: 'number',
  output_tokens: 'number',
  latency_s: 'number',
  split: 'string',
  task: 'string',
  task_type: 'string',
  signal: 'string',
  reasoning: 'bool',
  question: 'string',
};
export const CSV_REQUIRED_COLUMNS = ['query_id', 'model', 'correct'];

/** Strict decimal number (what a spreadsheet or pandas writes), plus the infinities and NaN spelled out. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity };

class CellError extends Error {}

function parseCell(kind: 'string' | 'number' | 'bool' | 'score', cell: string, column: string): unknown {
  if (kind === 'string') return cell;
  const t = cell.trim();
  const lower = t.toLowerCase();
  if (kind === 'bool' || kind === 'score') {
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    if (kind === 'bool') throw new CellError(`column "${column}": ${JSON.stringify(cell)} is not true/false/1/0`);
  }
  if (NUMBER.test(t)) return Number(t);
  if (lower in SPECIAL) return SPECIAL[lower];
  throw new CellError(`column "${column}": ${JSON.stringify(cell.length > 40 ? cell.slice(0, 37) + '...' : cell)} is not ${kind === 'score' ? 'true/false/1/0 or a number in [0, 1]' : 'a number'}`);
}

/** A cell of a column the format does not define: a number or true/false (an extra metric), else its trimmed text (a label, when short). */
function extraCell(cell: string): number | boolean | string {
  const t = cell.trim();
  const lower = t.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  return NUMBER.test(t) ? Number(t) : t;
}

/**
 * Reads a CSV eval log with the native columns (see docs/eval-logs.md): RFC 4180 quoting (quoted
 * cells may span lines), UTF-8 with or without BOM, `\n` or `\r\n`, a header row naming the
 * columns. An empty cell means the field is absent. Cells that are not of their column's type are
 * reported with the line and the column name; the row is skipped and the rest is read.
 */
export async function readCsv(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'csv', opts);
  let header: { name: string; kind: (typeof COLUMN_KINDS)[string] | undefined }[] | null = null;
  let pending: { line: number; text: string } | null = null;

  const handleRow = (line: number, text: string): void => {
    const row = splitCsvRow(text);
    if (row.open) {
      pending = { line, text };
      return;
    }
    if (header === null) {
      if (row.error !== undefined) throw new EvalLogError(file, `line ${line}: CSV header is malformed (${row.error})`);
      header = readHeader(file, line, row.cells, out);
      return;
    }
    if (row.error !== undefined) {
      out.linesRead++;
      out.skip(line, row.error);
      return;
    }
    if (row.cells.length !== header.length) {
      out.linesRead++;
      out.skip(line, `row has ${row.cells.length} cell(s) but the header has ${header.length}`);
      return;
    }
    const raw: Record<string, unknown> = {};
    try {
      for (let c = 0; c < header.length; c++) {
        const { name, kind } = header[c];
        const cell = row.cells[c];
        if (cell === '' || name === '') continue;
        if (kind === undefined) {
          raw[name] = extraCell(cell);
        } else raw[name] = parseCell(kind, cell, name);
      }
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      out.linesRead++;
      out.skip(line, err.message);
      return;
    }
    out.add(raw, line);
  };

  for await (const l of readLines(file, opts)) {
    if (l.error !== undefined) {
      if (pending !== null) {
        out.linesRead++;
        out.skip((pending as { line: number }).line, `quoted cell runs into line ${l.line}, which is not valid UTF-8`);
        pending = null;
      } else {
        out.linesRead++;
        out.skip(l.line, l.error);
      }
      continue;
    }
    if (pending !== null) {
      const p: { line: number; text: string } = pending;
      pending = null;
      handleRow(p.line, `${p.text}\n${l.text}`);
      continue;
    }
    if (l.text.trim() === '') continue;
    handleRow(l.line, l.text);
  }
  if (pending !== null) {
    out.linesRead++;
    out.skip((pending as { line: number }).line, 'a quoted cell starting on this line is never closed (missing closing quote)');
  }
  if (header === null) throw new EvalLogError(file, 'CSV file has no header row');
  return out.finish();
}

function readHeader(file: string, line: number, cells: string[], out: RecordCollector): { name: string; kind: (typeof COLUMN_KINDS)[string] | undefined }[] {
  const names = cells.map((c) => c.trim());
  const missing = CSV_REQUIRED_COLUMNS.filter((r) => !names.includes(r));
  if (missing.length) throw new EvalLogError(file, `line ${line}: CSV header lacks required column(s) ${missing.map((m) => `"${m}"`).join(', ')} (found: ${names.slice(0, 12).join(', ')})`);
  const dup = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (dup !== undefined) throw new EvalLogError(file, `line ${line}: CSV header names column "${dup}" twice`);
  const unused = names.filter((n) => !(n in COLUMN_KINDS));
  if (unused.length) out.warn(line, `other column(s) ${unused.join(', ')}: numbers and true/false values are kept as extra metrics, anything else is not used`);
  return names.map((name) => ({ name, kind: COLUMN_KINDS[name] }));
}
