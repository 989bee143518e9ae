import { rewardUncertainty, type RewardUncertainty } from '../../engines/economics/rewardUncertainty';
import type { Candidate, RouterOverhead } from '../../engines/economics/types';
import { isKindChosen, NO_KIND_CHOSEN, type CandidateKinds } from '../../protocol/economicEvaluation';
import type { JobContext } from '../workerProtocol';
import { candidatesWithOverhead, preparedSource, type EconSourceParams } from './econPrepared';

export interface EconBootstrapParams extends EconSourceParams {
  /** Price per metric name: `error`, `abstain` in $ per event, `latency` in $ per second. */
  prices: Record<string, number>;
  /** Compare only these kinds of the prepared candidates (default: all). */
  kinds?: CandidateKinds;
  /** Routers' overhead c₀ ($ per query) and l₀ (s per query); default none. */
  overhead?: RouterOverhead;
  replicates?: number;
  seed?: number;
}

/**
 * Paired-bootstrap intervals of every candidate's expected reward at one price vector, and of its
 * difference to the best (item 1 of "Decisions a team can trust and defend"). The log is prepared
 * once per version (cached with econData), so a price change only re-runs the bootstrap.
 */
export async function econBootstrap(params: EconBootstrapParams, ctx: JobContext): Promise<RewardUncertainty> {
  const { prep } = await preparedSource(params, ctx, 0.5);
  ctx.progress(0.5, 'bootstrapping the test queries');
  const kinds = params.kinds;
  const keep = (c: Candidate): boolean => !kinds || isKindChosen(c.kind, kinds);
  const candidates = candidatesWithOverhead(prep, params.overhead).filter(keep);
  if (candidates.length === 0) throw new Error(NO_KIND_CHOSEN);
  const result = rewardUncertainty({ ...prep, candidates }, params.prices, {
    replicates: params.replicates,
    seed: params.seed,
    signal: ctx.signal,
  });
  ctx.progress(1);
  return result;
}
