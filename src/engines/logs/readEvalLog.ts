import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { readNativeJsonl } from './readNativeJsonl';
import type { ReadLogResult, ReadOptions } from './types';

/** A whole file that cannot be read at all (missing, empty, not an eval log). */
export class EvalLogError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
  }
}

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
    throw new EvalLogError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file (${(err as Error).message})`);
  }
  if (size === 0) throw new EvalLogError(file, 'file is empty (0 bytes)');
  const ext = extname(file).toLowerCase();
  switch (ext) {
    default:
      return readNativeJsonl(file, opts);
  }
}

/** Reads several logs and reports, per file, what was read; files that fail entirely are reported too. */
export async function readEvalLogs(files: string[], opts: ReadOptions = {}): Promise<{ results: ReadLogResult[]; failures: EvalLogError[] }> {
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
