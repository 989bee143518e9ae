import { systemQueryTable } from '../../engines/drilldown/systemQueryTable';
import type { RouterOverhead } from '../../engines/economics/types';
import { hasFileLines, type QueryTableView } from '../../protocol/queryTable';
import type { JobContext } from '../workerProtocol';
import { candidatesWithOverhead, preparedSource, type EconSourceParams } from './econPrepared';
import { hitlRecords } from './hitlRecords';

/** A cell of the Optimal-Model Map: its winner (by name) and operating point, at the cell's prices. */
export interface MapCellQueriesParams extends EconSourceParams {
  candidate: string;
  /** Index of the winner's operating point θ*(λ) at the cell. */
  point: number;
  /** The cell's prices: $ per error, $ per second, $ per abstention. */
  prices: { error: number; latency: number; abstain: number };
  /** Routers' overhead the map was drawn at (none: c₀ = l₀ = 0). */
  overhead?: RouterOverhead;
}

/**
 * `mapCellQueries`: the test queries behind a map cell, from the same prepared candidates the map
 * was computed from (cached per log and settings), so the rows' mean reward is the cell's reward.
 */
export async function mapCellQueries(params: MapCellQueriesParams, ctx: JobContext): Promise<QueryTableView> {
  const { prep } = await preparedSource(params, ctx, 0.8);
  const candidate = candidatesWithOverhead(prep, params.overhead).find((c) => c.name === params.candidate);
  if (!candidate) throw new Error(`No system called "${params.candidate}" for these settings: compute the map again.`);
  const { records } = await hitlRecords(params, ctx, true);
  ctx.progress(0.8, 'drilling down');
  const table = systemQueryTable({
    candidate,
    point: params.point,
    metrics: prep.metrics,
    prices: params.prices,
    records,
    testSplit: prep.testSplit,
    calibrated: candidate.testTable !== prep.test,
  });
  ctx.progress(1);
  return { ...table, fileLines: hasFileLines(params.file) };
}
