import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { splitCsvRow } from './csvRow';
import type { AdapterName } from './types';

/** How many bytes sniffing reads from the start of a file. */
export const SNIFF_BYTES = 16 * 1024;

const ZIP_MAGIC = 0x04034b50;
const hasKey = (text: string, key: string): boolean => text.includes(`"${key}"`) && new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`).test(text);

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
  if (head.length >= 4 && Buffer.from(head.buffer, head.byteOffset, 4).readUInt32LE(0) === ZIP_MAGIC) return ext === '.eval' ? 'inspect' : null;
  let text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  if (start.startsWith('{')) return sniffJson(text);
  if (start.startsWith('[')) return sniffJsonArray(start);
  return sniffCsv(start);
}

function sniffJson(text: string): AdapterName | null {
  // JSON Lines: judge by the first few lines (a line may be cut off at the end of the head).
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 5);
  for (const l of lines) {
    if (!l.startsWith('{')) continue;
    if (hasKey(l, 'query_id') && hasKey(l, 'model')) return 'native';
    if (hasKey(l, 'doc_id') && (hasKey(l, 'resps') || hasKey(l, 'filtered_resps') || hasKey(l, 'doc') || hasKey(l, 'arguments'))) return 'lm-eval';
  }
  // One JSON document: promptfoo results or an Inspect EvalLog (keys near the top).
  if (hasKey(text, 'evalId') || /"results"\s*:\s*\{\s*"version"\s*:\s*[23]\b/.test(text)) return 'promptfoo';
  if (hasKey(text, 'eval') && /"status"\s*:\s*"(success|started|error|cancelled)"/.test(text) && (hasKey(text, 'eval_id') || hasKey(text, 'run_id') || hasKey(text, 'task'))) return 'inspect';
  return null;
}

/**
 * A JSON array is read only as lm-evaluation-harness samples of 0.4.0–0.4.2 (one pretty-printed array
 * of samples, still named `.jsonl`): its first element must open with `"doc_id"` (the harness's first
 * key) and the head must show another sample key.
 */
function sniffJsonArray(text: string): AdapterName | null {
  if (!/^\[\s*\{\s*"doc_id"\s*:/.test(text)) return null;
  return hasKey(text, 'doc') || hasKey(text, 'arguments') || hasKey(text, 'resps') || hasKey(text, 'filtered_resps') ? 'lm-eval' : null;
}

function sniffCsv(text: string): AdapterName | null {
  const nl = text.indexOf('\n');
  if (nl < 0 && text.length >= SNIFF_BYTES - 4) return null;
  const row = splitCsvRow((nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, ''));
  if (!row.cells) return null;
  const names = row.cells.map((c) => c.trim());
  return names.includes('query_id') && names.includes('model') && names.includes('correct') ? 'csv' : null;
}
