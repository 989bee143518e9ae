import { preparePairs } from '../../engines/abstention/hitlSystem';
import { failFastQueryTable } from '../../engines/drilldown/failFastQueryTable';
import type { HitlSelection } from '../../protocol/humanInTheLoop';
import { hasFileLines, type QueryTableView } from '../../protocol/queryTable';
import type { JobContext } from '../workerProtocol';
import { hitlPairs } from './hitlPairs';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';

/** A point of a "Fail Fast, or Ask" error–rejection curve in the Human in the Loop view. */
export interface FailFastQueriesParams extends HitlSourceParams {
  selection: Pick<HitlSelection, 'split' | 'fastSignal' | 'reasoningSignal'> & { fast: string; reasoning: string };
  /** The non-reasoning model's utilisation u (0 = "Ask": the reasoning model answers everything). */
  utilization: number;
  rejection: number;
}

/**
 * `failFastQueries`: the queries behind a point of a "Fail Fast, or Ask" curve, read, ranked and
 * paired as the humanInTheLoop job pairs them (same records, split and signals), so the accepted
 * rows' accuracy is the point's A(ρ) and the human's share ρ.
 */
export async function failFastQueries(params: FailFastQueriesParams, ctx: JobContext): Promise<QueryTableView> {
  const { records } = await hitlRecords(params, ctx, false);
  ctx.progress(0.8, 'drilling down');
  const { paired, warnings } = hitlPairs(records, params.selection);
  const table = failFastQueryTable(paired, preparePairs(paired), records, {
    fast: params.selection.fast,
    reasoning: params.selection.reasoning,
    split: params.selection.split,
    utilization: params.utilization,
    rejection: params.rejection,
  });
  ctx.progress(1);
  return { ...table, notes: [...table.notes, ...warnings], fileLines: hasFileLines(params.file) };
}
