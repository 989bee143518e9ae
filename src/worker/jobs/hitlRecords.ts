import type { EvalRecord, LogProblem } from '../../engines/logs/types';
import type { JobContext } from '../workerProtocol';
import { SharedCache } from '../cache/sharedCache';
import { readLogSource, sourceVersionKey, type LogSourceParams } from './logSource';

/** Which log a human-in-the-loop or risk-guarantee job reads (plain JSON). */
export type HitlSourceParams = LogSourceParams;

export interface HitlSource {
  records: EvalRecord[];
  problems: LogProblem[];
  /** The reader that read the log (e.g. `native`, `inspect`). */
  adapter: string;
}

/** Records of the logs read lately: at most this many bytes (estimated; a 5 MB JSONL log is about 10 MB), the newest always kept. */
export const RECORDS_BUDGET_BYTES = 512 * 2 ** 20;
const cache = new SharedCache<HitlSource>(RECORDS_BUDGET_BYTES);

/**
 * The log's records, read once per content of the log and the price file and per setting: the
 * views recompute on every slider or α change, and reading is the slow part; every job that reads
 * the log (economics included) shares them, and two jobs asking at once share one read.
 * `drawSplit` (default true): a log without train/test splits gets a seeded random one, for the
 * analyses that fit on one and score on the other; the human-in-the-loop curves fit nothing with
 * their default signals and read it as it is. Reading reports progress up to `share`.
 */
export async function hitlRecords(
  params: HitlSourceParams,
  ctx: JobContext,
  drawSplit = true,
  share = 0.7,
): Promise<HitlSource> {
  return cache.get(
    await sourceVersionKey(params, drawSplit),
    () => readLogSource(params, ctx, share, drawSplit),
    ctx.signal,
  );
}
