import type { CalibrationResult } from './calibrateThresholds';
import { formatCascadeEvalLog } from './cascadeEvalLog';
import type { CascadeQuery } from './queriesJsonl';
import type { QueryTrace } from './runInterCascade';

/**
 * A whole Inter-Cascade run as one native eval log: the calibration calls (both models, no
 * strategies) in split "train", then the online run in split "test" (see {@link formatCascadeEvalLog}
 * for what is left out). `queries` must hold every query id of `calibration` and `trace`.
 */
export function formatRunEvalLog(
  queries: readonly CascadeQuery[],
  calibration: CalibrationResult['calls'],
  trace: readonly QueryTrace[],
): { text: string; written: number; leftOut: number } {
  const byId = new Map(queries.map((q) => [q.queryId, q]));
  const query = (id: string): CascadeQuery => {
    const q = byId.get(id);
    if (!q) throw new Error(`formatRunEvalLog: query "${id}" is not among the queries`);
    return q;
  };
  const cal = formatCascadeEvalLog(
    calibration.map((c) => ({ ...query(c.queryId), calls: [c.weak, c.strong], strategiesShown: 0 })),
    'train',
  );
  const run = formatCascadeEvalLog(
    trace.map((t) => ({ ...query(t.queryId), calls: t.calls, strategiesShown: t.retrieved.length })),
    'test',
  );
  return { text: cal.text + run.text, written: cal.written + run.written, leftOut: cal.leftOut + run.leftOut };
}
