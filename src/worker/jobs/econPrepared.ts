import { stat } from 'node:fs/promises';
import { readEvalLog } from '../../engines/logs/readEvalLog';
import type { LogProblem } from '../../engines/logs/types';
import { prepareEconomics, type PreparedEconomics } from '../../engines/economics/prepareEconomics';
import type { JobContext } from '../workerProtocol';
import { scoringOptions, sourceKey, type LogSourceParams } from './logSource';
import { loadPrices } from './summarizeLog';

/** Which log and which candidate systems an economics job works on (plain JSON). */
export interface EconSourceParams extends LogSourceParams {
  trainSplit?: string;
  testSplit?: string;
  set?: 'models' | 'cascades' | 'all' | 'none';
  /** Add routers with abstention (each model abstains below a tuned confidence threshold). */
  routers?: boolean;
}

export interface PreparedSource {
  prep: PreparedEconomics;
  /** Problems met while reading (skipped lines, price-file issues), for the view's warning list. */
  problems: LogProblem[];
  splits: string[];
}

const cache: { key: string; value: PreparedSource }[] = [];
const CACHE_SIZE = 4;

/**
 * Reads and prepares a log once per (file version, options): the views ask for many price
 * settings of the same data, and the statistics are all they need.
 */
export async function preparedSource(params: EconSourceParams, ctx: JobContext, share = 1): Promise<PreparedSource> {
  const st = await stat(params.file).catch(() => null);
  const { file, prices, priceFile, trainSplit, testSplit, set, routers } = params;
  const key = JSON.stringify([...sourceKey(params), st?.mtimeMs, st?.size, trainSplit, testSplit, set, routers]);
  const hit = cache.find((c) => c.key === key);
  if (hit) return hit.value;
  const problems: LogProblem[] = [];
  const table = await loadPrices({ file, prices, priceFile }, problems);
  ctx.progress(0, 'reading');
  const log = await readEvalLog(file, { ...scoringOptions(params), prices: table, signal: ctx.signal, onProgress: (f) => ctx.progress(0.6 * share * f, 'reading') });
  problems.push(...log.skipped, ...log.warnings);
  ctx.progress(0.6 * share, 'tuning thresholds');
  const prep = prepareEconomics(log.records, { trainSplit, testSplit, set, routers, signal: ctx.signal, onProgress: (f) => ctx.progress(share * (0.6 + 0.4 * f), 'tuning thresholds') });
  const value = { prep, problems, splits: [...new Set(log.records.map((r) => r.split))] };
  cache.unshift({ key, value });
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return value;
}
