import { cascadeQueryTable, modelQueryTable } from '../../engines/drilldown/queryTable';
import { hasFileLines, type QuerySystem, type QueryTableView } from '../../protocol/queryTable';
import { filterRecords, whereOne } from '../../engines/slices/whereFilter';
import type { SliceCondition } from '../../protocol/logSummary';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';
import { sourceFiles } from './logSource';
import { runFileOfModel } from '../../engines/logs/runs';

/** Which log, and which system's per-query rows. */
export type QueryTableParams = HitlSourceParams & {
  system: QuerySystem;
  /** A model's rows on this slice only (the Model Overview's "Where"); null or absent: every record. */
  where?: SliceCondition | null;
};

/**
 * `queryTable`: the per-query rows behind a model's figures (the log's own splits, as the Model
 * Overview shows them) or behind a cascade frontier point (the records the tuning read, drawn
 * splits included, so the rows match the point's test figures).
 */
export async function queryTable(params: QueryTableParams, ctx: JobContext): Promise<QueryTableView> {
  const s = params.system;
  const reading = { ...ctx, progress: (f: number, m?: string) => ctx.progress(0.8 * f, m) };
  const read = await hitlRecords(params, reading, s.kind === 'cascade');
  const w = params.where;
  const records = w ? filterRecords(read.records, whereOne(w.field, w.value)) : read.records;
  ctx.progress(0.8, 'drilling down');
  const table =
    s.kind === 'model'
      ? modelQueryTable(records, s.model, s.split)
      : cascadeQueryTable({
          records,
          cascade: s.cascade,
          thresholds: s.thresholds,
          trainSplit: s.trainSplit,
          testSplit: s.testSplit,
          lowSample: s.lowSample ?? undefined,
          seed: s.seed,
        });
  ctx.progress(1);
  // A model of a compared run has its lines in that run's log.
  const file = s.kind === 'model' ? runFileOfModel(s.model, sourceFiles(params)) : params.file;
  return { ...table, fileLines: hasFileLines(file) };
}
