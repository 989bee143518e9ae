import { stat } from 'node:fs/promises';
import { readEvalLog } from '../../engines/logs/readEvalLog';
import type { EvalRecord, LogProblem } from '../../engines/logs/types';
import type { JobContext } from '../workerProtocol';
import { scoringOptions, sourceKey, type LogSourceParams } from './logSource';
import { loadPrices } from './summarizeLog';

/** Which log a human-in-the-loop or risk-guarantee job reads (plain JSON). */
export type HitlSourceParams = LogSourceParams;

export interface HitlSource {
  records: EvalRecord[];
  problems: LogProblem[];
}

const cache: { key: string; value: HitlSource }[] = [];
const CACHE_SIZE = 2;

/**
 * The log's records, read once per file version and price setting: the views recompute on every
 * slider or α change, and reading is the slow part.
 */
export async function hitlRecords(params: HitlSourceParams, ctx: JobContext): Promise<HitlSource> {
  const st = await stat(params.file).catch(() => null);
  const key = JSON.stringify([...sourceKey(params), st?.mtimeMs, st?.size]);
  const hit = cache.find((c) => c.key === key);
  if (hit) return hit.value;
  const problems: LogProblem[] = [];
  const prices = await loadPrices({ file: params.file, prices: params.prices, priceFile: params.priceFile }, problems);
  ctx.progress(0, 'reading');
  const log = await readEvalLog(params.file, { ...scoringOptions(params), prices, signal: ctx.signal, onProgress: (f) => ctx.progress(0.7 * f, 'reading') });
  problems.push(...log.skipped, ...log.warnings);
  const value = { records: log.records, problems };
  cache.unshift({ key, value });
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return value;
}
