import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { splitCsvRow } from '../../engines/logs/csvRow';
import { isPromptfooCsvHeader } from '../../engines/logs/promptfooCsvLayout';
import type { AdapterName } from '../../engines/logs/types';

/** How many bytes sniffing reads from the start of a file. */
export const SNIFF_BYTES = 16 * 1024;

const ZIP_MAGIC = 0x04034b50;
const hasKey = (text: string, key: string): boolean =>
  text.includes(`"${key}"`) && new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`).test(text);

/**
 * Which adapter reads a file, judged from its name and its first few KB (SNIFF_BYTES), or null
 * when it does not look like an eval log (unrelated JSON, CSV without the native columns...).
 * Cheap enough for a file tree: one read of at most 16 KB, never the whole file.
 */
export async function sniffEvalLog(file: string): Promise<AdapterName | null> {
  let head: Buffer;
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
  return sniffEvalLogHead(head, file);
}

/** The decision of sniffEvalLog on bytes already read (`head`: the file's first bytes). */
export function sniffEvalLogHead(head: Uint8Array, file: string): AdapterName | null {
  const ext = extname(file).toLowerCase();
  if (head.length >= 4 && Buffer.from(head.buffer, head.byteOffset, 4).readUInt32LE(0) === ZIP_MAGIC)
    return ext === '.eval' ? 'inspect' : null;
  let text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  if (start.startsWith('{')) return sniffJson(text);
  if (start.startsWith('[')) return sniffJsonArray(start);
  return sniffCsv(start);
}

function sniffJson(text: string): AdapterName | null {
  // JSON Lines: judge by the first few lines (a line may be cut off at the end of the head).
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 5);
  for (const l of lines) {
    if (!l.startsWith('{')) continue;
    // promptfoo's results.jsonl first: its lines may hold "query_id" and "model" inside test variables.
    if (isPromptfooResultLine(l)) return 'promptfoo-jsonl';
    if (hasKey(l, 'query_id') && hasKey(l, 'model')) return 'native';
    if (
      hasKey(l, 'doc_id') &&
      (hasKey(l, 'resps') || hasKey(l, 'filtered_resps') || hasKey(l, 'doc') || hasKey(l, 'arguments'))
    )
      return 'lm-eval';
  }
  // One JSON document: promptfoo results or an Inspect EvalLog (keys near the top).
  if (hasKey(text, 'evalId') || /"results"\s*:\s*\{\s*"version"\s*:\s*[23]\b/.test(text)) return 'promptfoo';
  if (
    hasKey(text, 'eval') &&
    /"status"\s*:\s*"(success|started|error|cancelled)"/.test(text) &&
    (hasKey(text, 'eval_id') || hasKey(text, 'run_id') || hasKey(text, 'task'))
  )
    return 'inspect';
  return null;
}

/**
 * A JSON array is read only as lm-evaluation-harness samples of 0.4.0–0.4.2 (one pretty-printed array
 * of samples, still named `.jsonl`): its first element must open with `"doc_id"` (the harness's first
 * key) and the head must show another sample key.
 */
function sniffJsonArray(text: string): AdapterName | null {
  if (!/^\[\s*\{\s*"doc_id"\s*:/.test(text)) return null;
  return hasKey(text, 'doc') || hasKey(text, 'arguments') || hasKey(text, 'resps') || hasKey(text, 'filtered_resps')
    ? 'lm-eval'
    : null;
}

/**
 * One line of promptfoo's `-o results.jsonl`: a result object with `testIdx` and `promptIdx` and a
 * grading (`gradingResult`, `success` or `response`) at its top level, and no native `query_id`.
 * A line cut off by the end of the head is judged by its keys: `promptIdx` with `testIdx`, or
 * `gradingResult` with `componentResults`, `latencyMs` or `namedScores` (promptfoo writes keys in
 * alphabetical order, so a long grading or prompt can push `testIdx` past the head).
 */
function isPromptfooResultLine(line: string): boolean {
  let top: unknown;
  try {
    top = JSON.parse(line);
  } catch {
    top = undefined;
  }
  if (typeof top === 'object' && top !== null && !Array.isArray(top)) {
    const o = top as Record<string, unknown>;
    return (
      !('query_id' in o) &&
      typeof o.testIdx === 'number' &&
      typeof o.promptIdx === 'number' &&
      ('gradingResult' in o || 'success' in o || 'response' in o)
    );
  }
  if (top !== undefined || line.startsWith('{"query_id"')) return false;
  return (
    (hasKey(line, 'promptIdx') && hasKey(line, 'testIdx')) ||
    (hasKey(line, 'gradingResult') &&
      (hasKey(line, 'componentResults') || hasKey(line, 'latencyMs') || hasKey(line, 'namedScores')))
  );
}

function sniffCsv(text: string): AdapterName | null {
  const names = firstCsvRecord(text);
  if (names === null) return null;
  if (isPromptfooCsvHeader(names)) return 'promptfoo-csv';
  const trimmed = names.map((c) => c.trim());
  return trimmed.includes('query_id') && trimmed.includes('model') && trimmed.includes('correct') ? 'csv' : null;
}

/** The cells of the head's first CSV record (quoted cells may span lines), or null when it does not end within the head. */
function firstCsvRecord(text: string): string[] | null {
  let end = text.indexOf('\n');
  for (;;) {
    if (end < 0 && text.length >= SNIFF_BYTES - 4) return null;
    const row = splitCsvRow((end < 0 ? text : text.slice(0, end)).replace(/\r$/, ''));
    if (row.cells) return row.cells;
    if (!row.open || end < 0) return null;
    end = text.indexOf('\n', end + 1);
  }
}
