import { expectedRewardUncertain, type UncertainRewardResult } from '../../engines/economics/expectedRewardUncertain';
import { uncertainPriceGrid, type UncertainPrices } from '../../engines/economics/uncertainPriceGrid';
import type { JobContext } from '../workerProtocol';
import { preparedSource, type EconSourceParams } from './econPrepared';

/** Expected reward of every candidate when prices are distributions (eq. 3.15). */
export async function econUncertain(params: EconSourceParams & { distributions: UncertainPrices; maxNodes?: number }, ctx: JobContext): Promise<UncertainRewardResult & { names: string[] }> {
  const { prep } = await preparedSource(params, ctx, 0.5);
  ctx.progress(0.5, 'integrating over prices');
  const grid = uncertainPriceGrid(params.distributions, prep.metrics, params.maxNodes ?? 40_000);
  const r = expectedRewardUncertain(prep.candidates, grid, prep.dim, { signal: ctx.signal });
  ctx.progress(1);
  return { ...r, names: prep.candidates.map((c) => c.name) };
}
