import { readLineBatches } from './lineStream';
import { PromptfooItems } from '../../engines/logs/promptfooItems';
import { promptfooResultToItem } from '../../engines/logs/promptfooResult';
import { parsePythonJson } from '../../engines/logs/pythonJson';
import { asObject } from '../../engines/logs/readJsonDocument';
import { shortJsonError } from './readNativeJsonl';
import { RecordCollector } from '../../engines/logs/recordCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';

/**
 * Reads promptfoo's JSON Lines output (`promptfoo eval -o results.jsonl`): one result per line, the
 * same objects as `results.results[]` of results.json, streamed. Line numbers are the file's.
 */
export async function readPromptfooJsonl(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'promptfoo-jsonl', opts);
  const items = new PromptfooItems(out, opts.promptfooAssertion);
  for await (const batch of readLineBatches(file, opts)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.firstLine + i;
      const where = '';
      const invalid = batch.invalid?.get(i);
      if (invalid !== undefined) {
        items.skip(line, where, invalid);
        continue;
      }
      const text = batch.lines[i];
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = parsePythonJson(text);
      } catch (err) {
        items.skip(line, where, `not valid JSON (${shortJsonError(err, text)})`);
        continue;
      }
      const r = asObject(value);
      if (!r) {
        items.skip(line, where, 'expected a result object');
        continue;
      }
      const mapped = promptfooResultToItem(r, opts.promptfooAssertion);
      if ('error' in mapped) items.skip(line, where, mapped.error, mapped.providerError);
      else items.add({ ...mapped, line, where });
    }
  }
  return items.finish();
}
