import { EvalLogError } from '../../engines/logs/evalLogError';
import { abortError } from './lineStream';
import { PromptfooItems } from '../../engines/logs/promptfooItems';
import { promptfooResultToItem } from '../../engines/logs/promptfooResult';
import { readFile } from 'node:fs/promises';
import { asObject, parseJsonDocument } from '../../engines/logs/readJsonDocument';
import { RecordCollector } from '../../engines/logs/recordCollector';
import type { ReadLogResult, ReadOptions } from '../../engines/logs/types';

/**
 * Reads a promptfoo `results.json` (`promptfoo eval -o results.json`; versions 2 and 3 of its
 * results layout). Each result is one answer (see promptfooResultToItem for correctness, tokens and
 * provider errors, PromptfooItems for model names, queries and repeats). Line numbers are result
 * positions, 1-based.
 */
export async function readPromptfoo(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'promptfoo', opts);
  const doc = asObject(parseJsonDocument(file, await readFile(file, 'utf8')));
  const results = asObject(doc?.results);
  const list = results?.results;
  if (!Array.isArray(list)) throw new EvalLogError(file, 'not a promptfoo results file (no "results.results" array)');
  const version = results?.version;
  if (typeof version === 'number' && version > 3)
    out.warn(
      null,
      `promptfoo results version ${version} is newer than the versions this reader knows (2, 3); fields were read by their version-3 names`,
    );
  const items = new PromptfooItems(out, opts.promptfooAssertion);
  for (let i = 0; i < list.length; i++) {
    if ((i & 1023) === 0 && opts.signal?.aborted) throw abortError(opts.signal);
    const r = asObject(list[i]);
    const where = `results.results[${i}]`;
    if (!r) {
      items.skip(i + 1, where, 'expected a result object');
      continue;
    }
    const mapped = promptfooResultToItem(r, opts.promptfooAssertion);
    if ('error' in mapped) items.skip(i + 1, where, mapped.error, mapped.providerError);
    else items.add({ ...mapped, line: i + 1, where });
  }
  opts.onProgress?.(1);
  return items.finish();
}
