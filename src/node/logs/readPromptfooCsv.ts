import { splitCsvRow } from '../../engines/logs/csvRow';
import { EvalLogError } from '../../engines/logs/evalLogError';
import { readLines } from './lineStream';
import {
  promptfooCsvLayout,
  type PromptfooCsvColumn,
  type PromptfooCsvLayout,
} from '../../engines/logs/promptfooCsvLayout';
import { PromptfooItems } from '../../engines/logs/promptfooItems';
import { compactKey, questionOf } from '../../engines/logs/promptfooResult';
import { promptfooTexts } from '../../engines/logs/promptfooTexts';
import { ALL_ASSERTIONS } from '../../engines/logs/promptfooVerdict';
import { RecordCollector } from '../../engines/logs/recordCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';

/** A Grader Reason written by an operational assertion (latency, cost, perplexity, finish reason) of promptfoo. */
const OPERATIONAL_REASON = /^(Latency \d+ms is|Cost [\d.e-]+ is|Perplexity( score)? [\d.]+ is|Expected finish reason)/;

/** promptfoo prefixes a text cell starting with = + - @ by a quote against spreadsheet formulas; undo it for display. */
const unescapeFormula = (cell: string): string => (/^'[\s\u200B-\u200D]*[=+\-@]/.test(cell) ? cell.slice(1) : cell);

/**
 * Reads promptfoo's CSV output (`promptfoo eval -o results.csv`): one row per test case (each repeat
 * has its own row), the test's variables, then per prompt x provider column group the output, its
 * Status (PASS, FAIL, ERROR), Score, named scores and grader reason. The CSV holds no per-assertion
 * results, tokens, cost or latency: correctness is promptfoo's own Status (latency and cost checks
 * included, said in a warning), or, with `promptfooAssertion` naming one of its `Metric: <name>`
 * columns, that metric's score (graded, in [0, 1]). ERROR cells are failed provider calls and are
 * skipped. A row's repeats are recognised by identical variables (and description).
 */
export async function readPromptfooCsv(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'promptfoo-csv', opts);
  const selection = opts.promptfooAssertion === ALL_ASSERTIONS ? undefined : opts.promptfooAssertion;
  const items = new PromptfooItems(out, selection, false);
  let layout: PromptfooCsvLayout | null = null;
  let rowIndex = 0;
  const tally = { fails: 0, operationalFails: 0 };
  let pending: { line: number; parts: string[] } | null = null;

  const handleRow = (line: number, cells: string[]): void => {
    if (layout === null) {
      layout = headerLayout(file, line, cells, selection);
      return;
    }
    addRow(items, layout, { line, cells, testIdx: rowIndex++ }, selection, tally);
  };

  const handleRecord = (line: number, text: string): void => {
    const row = splitCsvRow(text);
    if (row.error !== undefined || row.open) {
      if (layout === null)
        throw new EvalLogError(file, `line ${line}: CSV header is malformed (${row.error ?? 'unclosed quote'})`);
      items.skip(line, `line ${line}`, row.error ?? 'unclosed quote');
      return;
    }
    handleRow(line, row.cells);
  };

  for await (const l of readLines(file, opts)) {
    if (l.error !== undefined) {
      const at = pending?.line ?? l.line;
      pending = null;
      items.skip(at, `line ${at}`, l.error);
      continue;
    }
    if (pending === null && l.text.trim() === '') continue;
    // Quoted cells may span lines: gather a record's lines until its quotes close (one scan per line).
    if (pending === null) {
      if (opensQuotedCell(l.text, false)) pending = { line: l.line, parts: [l.text] };
      else handleRecord(l.line, l.text);
      continue;
    }
    pending.parts.push(l.text);
    if (opensQuotedCell(l.text, true)) continue;
    const p: { line: number; parts: string[] } = pending;
    pending = null;
    handleRecord(p.line, p.parts.join('\n'));
  }
  if (pending !== null)
    items.skip(
      pending.line,
      `line ${pending.line}`,
      'a quoted cell starting on this line is never closed (missing closing quote)',
    );
  if (layout === null) throw new EvalLogError(file, 'CSV file has no header row');
  out.warn(null, correctnessNote(selection, tally.fails, tally.operationalFails));
  return items.finish();
}

/**
 * One row after the header: each column group's result added as a record of the row's test (or
 * skipped, saying why); failed results counted in `tally`, with those failed for operational reasons.
 */
function addRow(
  items: PromptfooItems,
  lay: PromptfooCsvLayout,
  row: { line: number; cells: string[]; testIdx: number },
  selection: string | undefined,
  tally: { fails: number; operationalFails: number },
): void {
  const { line, cells, testIdx } = row;
  const { testKey, varsObj, question } = rowTest(lay, cells);
  for (const col of lay.columns) {
    const where = `row ${testIdx + 1}, column ${JSON.stringify(col.header.length > 60 ? col.header.slice(0, 57) + '...' : col.header)}`;
    const status = (cells[col.at + 1] ?? '').trim();
    if (status === '') continue;
    if (status === 'ERROR') {
      items.skip(
        line,
        where,
        'promptfoo marked this result ERROR (the provider call failed; the CSV does not say why): not an answer, so not counted as a wrong one',
        true,
      );
      continue;
    }
    const verdict = cellVerdict(cells, col, status, selection);
    if ('skip' in verdict) {
      items.skip(line, where, verdict.skip);
      continue;
    }
    const correct = verdict.correct;
    if (correct === false) {
      tally.fails++;
      if (col.reasonAt !== null && OPERATIONAL_REASON.test(cells[col.reasonAt] ?? '')) tally.operationalFails++;
    }
    const raw: Record<string, unknown> = { correct };
    if (question) raw.question = question;
    Object.assign(raw, promptfooTexts(varsObj, undefined, { output: unescapeFormula(cells[col.at] ?? '') }));
    items.add({
      raw,
      line,
      where,
      provider: col.provider || col.promptLabel,
      promptKey: col.provider ? col.promptLabel : '',
      promptName: col.provider ? col.promptLabel : '',
      column: String(col.at),
      testKey,
      testIdx,
      repeatIndex: null,
    });
  }
}

/** The layout of the header row; an EvalLogError when it is not a promptfoo header, or lacks the column of the chosen metric. */
function headerLayout(file: string, line: number, cells: string[], selection: string | undefined): PromptfooCsvLayout {
  const layout = promptfooCsvLayout(cells);
  if (layout === null)
    throw new EvalLogError(
      file,
      `line ${line}: not a promptfoo CSV header (no output column followed by Status, Score and Named Scores)`,
    );
  if (selection !== undefined && !layout.columns.some((c) => c.metrics.has(selection))) {
    const names = [...new Set(layout.columns.flatMap((c) => [...c.metrics.keys()]))];
    throw new EvalLogError(
      file,
      `the CSV has no per-assertion results, only promptfoo's Status and named metrics: no "Metric: ${selection}" column (${names.length ? `it has ${names.map((n) => `"${n}"`).join(', ')}` : 'it has none'}); read the JSON or JSONL output to choose assertions by type`,
    );
  }
  return layout;
}

/** The test of a row: its key (description and variables), its variables (formula quotes undone) and its question. */
function rowTest(
  lay: PromptfooCsvLayout,
  cells: string[],
): { testKey: string; varsObj: Record<string, unknown>; question: string | undefined } {
  const vars = new Map<string, string>();
  for (const v of lay.vars) vars.set(v.name, cells[v.at] ?? '');
  const description = lay.descriptionAt === null ? '' : (cells[lay.descriptionAt] ?? '');
  const testKey = compactKey(JSON.stringify([description, ...vars.values()]));
  const varsObj: Record<string, unknown> = {};
  for (const [k, v] of vars) varsObj[k] = unescapeFormula(v);
  return { testKey, varsObj, question: questionOf(varsObj, description || undefined) };
}

/**
 * The correctness of one result (a status other than '' and ERROR): the chosen metric's score, or
 * PASS/FAIL without one; or why the result is skipped.
 */
function cellVerdict(
  cells: string[],
  col: PromptfooCsvColumn,
  status: string,
  selection: string | undefined,
): { correct: boolean | number } | { skip: string } {
  if (selection !== undefined) {
    const at = col.metrics.get(selection);
    const value = at === undefined ? '' : (cells[at] ?? '').trim();
    const score = Number(value);
    if (value === '' || !Number.isFinite(score) || score < 0 || score > 1)
      return {
        skip:
          at === undefined
            ? `this column has no "Metric: ${selection}"`
            : `"Metric: ${selection}" is ${value === '' ? 'empty' : JSON.stringify(value.slice(0, 20))}, not a score in [0, 1]`,
      };
    return { correct: score };
  }
  if (status === 'PASS' || status === 'FAIL') return { correct: status === 'PASS' };
  return { skip: `Status ${JSON.stringify(status.slice(0, 20))} is not PASS, FAIL or ERROR` };
}

/** The warning that says where correctness came from (with the share of failures for operational reasons). */
function correctnessNote(selection: string | undefined, fails: number, operationalFails: number): string {
  if (selection !== undefined)
    return `correctness is promptfoo's named score "${selection}" (the CSV's "Metric: ${selection}" column, rounded to 2 decimals), read as a graded score in [0, 1]`;
  return `promptfoo's CSV has no per-assertion results: correctness is promptfoo's own Status, over every assertion, latency and cost checks included${fails ? ` (${operationalFails} of ${fails} failed result(s) give a latency, cost or other operational reason)` : ''}; read the JSON or JSONL output to judge answers by their content checks, and for tokens, cost and latency, which the CSV does not hold`;
}

/**
 * Whether a CSV record is still inside a quoted cell after `text` (one physical line), given whether
 * it was at the line's start. Follows splitCsvRow: a quote opens a cell only at the cell's start, and
 * `""` inside a quoted cell is a literal quote.
 */
function opensQuotedCell(text: string, inside: boolean): boolean {
  let atStart = !inside;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inside) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inside = false;
      }
    } else if (c === 44) atStart = true;
    else {
      if (c === 34 && atStart) inside = true;
      atStart = false;
    }
  }
  return inside;
}
