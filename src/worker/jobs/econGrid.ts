import { buildPriceGrid, type PriceAxes } from '../../engines/economics/priceGrid';
import { gridReport, type GridReportRow } from '../../engines/economics/gridReport';
import type { JobContext } from '../workerProtocol';
import type { RouterOverhead } from '../../engines/economics/types';
import { candidatesWithOverhead, preparedSource, type EconSourceParams } from './econPrepared';

/** Best system and every candidate's expected reward per price combination (the CLI's --json rows). */
export async function econGrid(
  params: EconSourceParams & { axes: PriceAxes; overhead?: RouterOverhead },
  ctx: JobContext,
): Promise<{ grid: GridReportRow[] }> {
  const { prep } = await preparedSource(params, ctx, 0.8);
  const grid = gridReport(
    candidatesWithOverhead(prep, params.overhead),
    buildPriceGrid(params.axes, prep.metrics),
    ctx.signal,
  ).grid;
  ctx.progress(1);
  return { grid };
}
