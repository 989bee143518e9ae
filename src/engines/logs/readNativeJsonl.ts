import { readLineBatches } from './lineStream';
import { parsePythonJson } from './pythonJson';
import { RecordCollector } from './recordCollector';
import type { ReadLogResult, ReadOptions } from './types';

/** Reads a native-format JSON Lines eval log as a stream (Python's NaN/Infinity tokens accepted). */
export async function readNativeJsonl(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'native', opts);
  for await (const batch of readLineBatches(file, opts)) {
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
      let raw: unknown;
      try {
        raw = parsePythonJson(text);
      } catch (err) {
        out.linesRead++;
        out.skip(line, `not valid JSON (${shortJsonError(err, text)})`);
        continue;
      }
      out.add(raw, line);
    }
  }
  return out.finish();
}

/** Blank or whitespace-only, without allocating a trimmed copy of a long line. */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 123 /* { */) return false;
  return text.trim() === '';
}

/** A short JSON syntax message, with a hint when the line looks cut off. */
export function shortJsonError(err: unknown, text: string): string {
  const msg = err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : String(err);
  const truncated = /Unexpected end|Unterminated/.test(msg) || !text.trimEnd().endsWith('}');
  return (truncated && text.trimStart().startsWith('{') ? 'line looks truncated: ' : '') + (msg.length > 120 ? msg.slice(0, 117) + '...' : msg);
}
