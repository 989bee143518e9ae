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
 * slider or α change, and reading is the slow part. `drawSplit` (default true): a log without
 * train/test splits gets a seeded random one, for the analyses that fit on one and score on the
 * other; the human-in-the-loop curves fit nothing with their default signals and read it as it is.
 */
export async function hitlRecords(params: HitlSourceParams, ctx: JobContext, drawSplit = true): Promise<HitlSource> {
  return cache.get(await sourceVersionKey(params, drawSplit), () => readLogSource(params, ctx, 0.7, drawSplit));
}
