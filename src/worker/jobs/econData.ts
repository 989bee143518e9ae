import { economicsData } from '../../engines/economics/economicsData';
import type { EconDataResult } from '../../protocol/economicEvaluation';
import type { JobContext } from '../workerProtocol';
import { preparedSource, type EconSourceParams } from './econPrepared';

export type { EconDataResult };

/** Candidate statistics of one log (small enough for a webview to evaluate any price itself). */
export async function econData(params: EconSourceParams, ctx: JobContext): Promise<EconDataResult> {
  const src = await preparedSource(params, ctx);
  ctx.progress(1);
  return {
    file: params.file,
    data: economicsData(src.prep),
    splits: src.splits,
    problems: src.problems.slice(0, 200),
    noConfidence: src.noConfidence,
    runs: src.runs,
  };
}
