import { expectedRewardUncertain, type UncertainRewardResult } from '../../engines/economics/expectedRewardUncertain';
import { uncertainPriceGrid, type UncertainPrices } from '../../engines/economics/uncertainPriceGrid';
import type { JobContext } from '../workerProtocol';
import type { RouterOverhead } from '../../engines/economics/types';
import { candidatesWithOverhead, preparedSource, type EconSourceParams } from './econPrepared';

/** Expected reward of every candidate when prices are distributions (eq. 3.15). */
export async function econUncertain(
  params: EconSourceParams & { distributions: UncertainPrices; maxNodes?: number; overhead?: RouterOverhead },
  ctx: JobContext,
): Promise<UncertainRewardResult & { names: string[] }> {
  const { prep } = await preparedSource(params, ctx, 0.5);
  ctx.progress(0.5, 'integrating over prices');
  const grid = uncertainPriceGrid(params.distributions, prep.metrics, params.maxNodes ?? 40_000);
  const candidates = candidatesWithOverhead(prep, params.overhead);
  const r = expectedRewardUncertain(candidates, grid, prep.dim, { signal: ctx.signal });
  ctx.progress(1);
  return { ...r, names: candidates.map((c) => c.name) };
}
