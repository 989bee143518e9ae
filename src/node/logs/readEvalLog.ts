import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { readNativeJsonl } from './readNativeJsonl';
import { EvalLogError } from '../../engines/logs/evalLogError';
import { readCsv } from './readCsv';
import { readInspect } from './readInspect';
import { readLmEval } from './readLmEval';
import { readPromptfoo } from './readPromptfoo';
import { readPromptfooCsv } from './readPromptfooCsv';
import { readPromptfooJsonl } from './readPromptfooJsonl';
import { sniffEvalLog } from './sniffEvalLog';
import type { AdapterName, ReadLogResult, ReadOptions } from '../../engines/logs/types';

export { EvalLogError };

/**
 * Reads any supported eval log: picks the adapter from the extension and the content, returns the
 * valid records plus every problem found. Throws EvalLogError only when the file cannot be opened
 * or is empty; a file whose every line is bad still returns (with zero records and the reasons).
 */
export async function readEvalLog(file: string, opts: ReadOptions = {}): Promise<ReadLogResult> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new EvalLogError(file, 'not a file');
    size = st.size;
  } catch (err) {
    if (err instanceof EvalLogError) throw err;
    throw new EvalLogError(
      file,
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : `cannot read file (${(err as Error).message})`,
    );
  }
  if (size === 0) throw new EvalLogError(file, 'file is empty (0 bytes)');
  const adapter = (await sniffEvalLog(file)) ?? adapterForExtension(extname(file).toLowerCase());
  if (adapter === null)
    throw new EvalLogError(
      file,
      'not an eval log this product reads (expected native JSON Lines, CSV with query_id/model/correct columns, an Inspect AI log, lm-evaluation-harness samples or a promptfoo results.json, .jsonl or .csv output)',
    );
  return READERS[adapter](file, opts);
}

const READERS: Record<AdapterName, (file: string, opts: ReadOptions) => Promise<ReadLogResult>> = {
  native: readNativeJsonl,
  csv: readCsv,
  inspect: readInspect,
  'lm-eval': readLmEval,
  promptfoo: readPromptfoo,
  'promptfoo-jsonl': readPromptfooJsonl,
  'promptfoo-csv': readPromptfooCsv,
};

/** When the content does not say: `.csv` is CSV, `.eval` is Inspect, `.json` is unknown, anything else is read as native JSON Lines (so a broken log still gets per-line reasons). */
function adapterForExtension(ext: string): AdapterName | null {
  if (ext === '.csv') return 'csv';
  if (ext === '.eval') return 'inspect';
  if (ext === '.json') return null;
  return 'native';
}

/** Reads several logs and reports, per file, what was read; files that fail entirely are reported too. */
export async function readEvalLogs(
  files: string[],
  opts: ReadOptions = {},
): Promise<{ results: ReadLogResult[]; failures: EvalLogError[] }> {
  const results: ReadLogResult[] = [];
  const failures: EvalLogError[] = [];
  for (const f of files) {
    try {
      results.push(await readEvalLog(f, opts));
    } catch (err) {
      if (err instanceof EvalLogError) failures.push(err);
      else throw err;
    }
  }
  return { results, failures };
}
