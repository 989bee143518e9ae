import { EvalLogError } from './evalLogError';
import { promptfooResultToRaw } from './promptfooResult';
import { asObject, readJsonDocument } from './readJsonDocument';
import { RecordCollector } from './recordCollector';
import type { ReadLogResult, ReadOptions } from './types';

/**
 * Reads a promptfoo `results.json` (`promptfoo eval -o results.json`; versions 2 and 3 of its
 * results layout). Each result becomes one record; results whose provider call failed are skipped
 * with the provider's error (they are not wrong answers). Line numbers are result positions, 1-based.
 */
export async function readPromptfoo(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  const out = new RecordCollector(file, 'promptfoo', opts);
  const doc = asObject(await readJsonDocument(file));
  const results = asObject(doc?.results);
  const list = results?.results;
  if (!Array.isArray(list)) throw new EvalLogError(file, 'not a promptfoo results file (no "results.results" array)');
  const version = results?.version;
  if (typeof version === 'number' && version > 3) out.warn(null, `promptfoo results version ${version} is newer than the versions this reader knows (2, 3); fields were read by their version-3 names`);
  const prompts = new Set(list.map((r) => asObject(r)?.promptIdx ?? asObject(asObject(r)?.prompt)?.label));
  list.forEach((item, i) => {
    const r = asObject(item);
    const where = `results.results[${i}]`;
    if (!r) {
      out.linesRead++;
      out.skip(i + 1, `${where}: expected a result object`);
      return;
    }
    const mapped = promptfooResultToRaw(r, prompts.size > 1);
    if ('error' in mapped) {
      out.linesRead++;
      out.skip(i + 1, `${where}: ${mapped.error}`);
    } else out.add(mapped.raw, i + 1, where);
  });
  opts.onProgress?.(1);
  return out.finish();
}
