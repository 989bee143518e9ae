import { rewardUncertainty, type RewardUncertainty } from '../../engines/economics/rewardUncertainty';
import type { Candidate } from '../../engines/economics/types';
import type { CandidateKinds } from '../../protocol/economicEvaluation';
import type { JobContext } from '../workerProtocol';
import { preparedSource, type EconSourceParams } from './econPrepared';

export interface EconBootstrapParams extends EconSourceParams {
  /** Price per metric name: `error`, `abstain` in $ per event, `latency` in $ per second. */
  prices: Record<string, number>;
  /** Compare only these kinds of the prepared candidates (default: all). */
  kinds?: CandidateKinds;
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
  const keep = (c: Candidate): boolean => !kinds || (c.kind === 'model' && kinds.models) || (c.kind === 'cascade' && kinds.cascades) || (c.kind === 'router' && kinds.routers);
  const candidates = prep.candidates.filter(keep);
  if (candidates.length === 0) throw new Error('choose at least one kind of system to compare (single models, cascades or routers)');
  const result = rewardUncertainty({ ...prep, candidates }, params.prices, { replicates: params.replicates, seed: params.seed, signal: ctx.signal });
  ctx.progress(1);
  return result;
}
