import { rejectionQueryTable } from '../../engines/drilldown/rejectionQueryTable';
import { hasFileLines, type QueryTableView } from '../../protocol/queryTable';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';

/** A point of a model's accuracy–rejection curve in the Human in the Loop view. */
export interface CurvePointQueriesParams extends HitlSourceParams {
  model: string;
  /** The view's split ('' = every record). */
  split: string;
  rejection: number;
}

/**
 * `curvePointQueries`: the answers behind a point of a model's accuracy–rejection curve, read and
 * ranked as the humanInTheLoop job ranks them (same records, split and calibration data), so the
 * accepted rows' accuracy is the point's A(r).
 */
export async function curvePointQueries(params: CurvePointQueriesParams, ctx: JobContext): Promise<QueryTableView> {
  const { records } = await hitlRecords(params, ctx, false);
  ctx.progress(0.8, 'drilling down');
  const inSplit = params.split === '' ? records : records.filter((r) => r.split === params.split);
  const table = rejectionQueryTable(inSplit, {
    model: params.model,
    rejection: params.rejection,
    fitOn: records.filter((r) => r.split === 'train'),
  });
  ctx.progress(1);
  return { ...table, split: params.split, fileLines: hasFileLines(params.file) };
}
