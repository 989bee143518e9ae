import { firstSignificantChar, readJsonArrayItems } from './jsonArrayItems';
import { readLineBatches, type LineStreamOptions } from './lineStream';
import { parsePythonJson } from '../../engines/logs/pythonJson';
import { shortJsonError } from './readNativeJsonl';

/** One logged sample as read from the file: where it is (1-based line; `where` names the array element) and its parsed value, or why it could not be read. */
export type LmEvalItem =
  | { line: number | null; where: string | null; value: unknown; error?: undefined }
  | { line: number | null; where: string | null; error: string; value?: undefined };

/** How the samples file is laid out: JSON Lines (lm-eval 0.4.3+), or one JSON array of samples (0.4.0–0.4.2, still named `.jsonl`). */
export type LmEvalLayout = 'jsonl' | 'array';

/** The layout of a samples file, judged by its first character that is not whitespace. */
export async function lmEvalLayout(file: string, opts: LineStreamOptions = {}): Promise<LmEvalLayout> {
  return (await firstSignificantChar(file, opts)) === '[' ? 'array' : 'jsonl';
}

/**
 * Streams the samples of a file in either layout, parsed one at a time (Python's NaN/Infinity
 * accepted). Bad lines or elements are yielded with their reason, never thrown; memory holds one
 * sample (line or array element) at a time.
 */
export async function* readLmEvalItems(
  file: string,
  layout: LmEvalLayout,
  opts: LineStreamOptions = {},
): AsyncGenerator<LmEvalItem> {
  if (layout === 'array') {
    for await (const item of readJsonArrayItems(file, opts)) {
      const where = item.index === null ? null : `element [${item.index}]`;
      if (item.error !== undefined) {
        yield { line: item.line, where: null, error: item.error };
        continue;
      }
      try {
        yield { line: item.line, where, value: parsePythonJson(item.text) };
      } catch (err) {
        yield { line: item.line, where, error: `${where}: not valid JSON (${shortJsonError(err, item.text.trim())})` };
      }
    }
    return;
  }
  for await (const batch of readLineBatches(file, opts)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.firstLine + i;
      const invalid = batch.invalid?.get(i);
      if (invalid !== undefined) {
        yield { line, where: null, error: invalid };
        continue;
      }
      const text = batch.lines[i];
      if (text.trim() === '') continue;
      try {
        yield { line, where: null, value: parsePythonJson(text) };
      } catch (err) {
        yield { line, where: null, error: `not valid JSON (${shortJsonError(err, text)})` };
      }
    }
  }
}
