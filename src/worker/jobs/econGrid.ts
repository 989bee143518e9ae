import { buildPriceGrid, type PriceAxes } from '../../engines/economics/priceGrid';
import { gridReport, type GridReportRow } from '../../engines/economics/gridReport';
import type { JobContext } from '../workerProtocol';
import { preparedSource, type EconSourceParams } from './econPrepared';

/** Best system and every candidate's expected reward per price combination (the CLI's --json rows). */
export async function econGrid(params: EconSourceParams & { axes: PriceAxes }, ctx: JobContext): Promise<{ grid: GridReportRow[] }> {
  const { prep } = await preparedSource(params, ctx, 0.8);
  const grid = gridReport(prep.candidates, buildPriceGrid(params.axes, prep.metrics), ctx.signal).grid;
  ctx.progress(1);
  return { grid };
}
