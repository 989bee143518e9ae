import { candidateToData } from '../../engines/economics/candidateData';
import { optimalModelMap } from '../../engines/economics/optimalModelMap';
import { defaultMapAxes } from '../../engines/economics/priceGrid';
import { encodeOptimalModelMap } from '../../protocol/compactOptimalModelMap';
import type { EconMapResult } from '../../protocol/optimalModelMap';
import type { JobContext } from '../workerProtocol';
import type { RouterOverhead } from '../../engines/economics/types';
import { candidatesWithOverhead, preparedSource, type EconSourceParams } from './econPrepared';

export type { EconMapResult };

export interface EconMapParams extends EconSourceParams {
  /** Defaults: Figure 3.4's axes, 100 × 100 ($0.0001–$10,000 per error, log; $0–$10 per minute). */
  errorAxis?: number[];
  latencyAxis?: number[];
  abstain?: number;
  /** Routers' overhead c₀ ($ per query) and l₀ (s per query); default none. */
  overhead?: RouterOverhead;
}

/** The optimal-model map (Figure 3.4) with exact boundary lines. */
export async function econMap(params: EconMapParams, ctx: JobContext): Promise<EconMapResult> {
  const { prep, noConfidence, runs } = await preparedSource(params, ctx, 0.7);
  ctx.progress(0.7, 'evaluating the price grid');
  const axes = defaultMapAxes();
  const candidates = candidatesWithOverhead(prep, params.overhead);
  const map = optimalModelMap(candidates, prep.metrics, {
    errorAxis: params.errorAxis ?? axes.error,
    latencyAxis: params.latencyAxis ?? axes.latency,
    abstain: params.abstain,
    signal: ctx.signal,
  });
  ctx.progress(1);
  return {
    file: params.file,
    candidates: candidates.map(candidateToData),
    map: encodeOptimalModelMap(map),
    nTrain: prep.train.n,
    nTest: prep.test.n,
    warnings: prep.warnings,
    noConfidence,
    runs,
  };
}
