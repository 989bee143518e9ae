import type { EvalRecord, LogProblem } from '../../engines/logs/types';
import type { JobContext } from '../workerProtocol';
import { readLogSource, RecentCache, sourceVersionKey, type LogSourceParams } from './logSource';

/** Which log a human-in-the-loop or risk-guarantee job reads (plain JSON). */
export type HitlSourceParams = LogSourceParams;

export interface HitlSource {
  records: EvalRecord[];
  problems: LogProblem[];
}

const cache = new RecentCache<HitlSource>(2);

/**
 * The log's records, read once per file version and price setting: the views recompute on every
 * slider or α change, and reading is the slow part.
 */
export async function hitlRecords(params: HitlSourceParams, ctx: JobContext): Promise<HitlSource> {
  return cache.get(await sourceVersionKey(params), () => readLogSource(params, ctx, 0.7));
}
