import { readLines } from './lineStream';
import { parsePythonJson } from './pythonJson';
import { RecordCollector } from './recordCollector';
import type { ReadLogResult, ReadOptions } from './types';

/** Reads a native-format JSON Lines eval log as a stream (Python's NaN/Infinity tokens accepted). */
export async function readNativeJsonl(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'native', opts);
  for await (const l of readLines(file, opts)) {
    if (l.error !== undefined) {
      out.linesRead++;
      out.skip(l.line, l.error);
      continue;
    }
    if (l.text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = parsePythonJson(l.text);
    } catch (err) {
      out.linesRead++;
      out.skip(l.line, `not valid JSON (${shortJsonError(err, l.text)})`);
      continue;
    }
    out.add(raw, l.line);
  }
  return out.finish();
}

/** A short JSON syntax message, with a hint when the line looks cut off. */
export function shortJsonError(err: unknown, text: string): string {
  const msg = err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : String(err);
  const truncated = /Unexpected end|Unterminated/.test(msg) || !text.trimEnd().endsWith('}');
  return (truncated && text.trimStart().startsWith('{') ? 'line looks truncated: ' : '') + (msg.length > 120 ? msg.slice(0, 117) + '...' : msg);
}
