import { compareRuns, NoCommonQueries } from '../../engines/compare/compareRuns';
import { uniqueModels } from '../../engines/logs/joinByQuery';
import { pairModels } from '../../engines/compare/pairModels';
import type { LogProblem } from '../../engines/logs/types';
import { DEFAULT_REPLICATES } from '../../engines/uncertainty/intervals';
import type { CompareData, ComparedPair, CompareSelection } from '../../protocol/compareLogs';
import type { JobContext } from '../workerProtocol';
import { hitlRecords } from './hitlRecords';
import type { LogSourceParams } from './logSource';

/** Run A is `file`, run B `fileB`, both read with the same settings. */
export interface CompareLogsParams extends LogSourceParams {
  fileB: string;
  selection: CompareSelection | null;
}

/** Reading problems listed at most, per log (the rest are counted). */
const PROBLEMS_LISTED = 20;
/** The bootstrap of `costrisk compare` without --bootstrap and --seed. */
const BOOTSTRAP = { replicates: DEFAULT_REPLICATES, seed: 1 };

function problemLines(problems: readonly LogProblem[]): string[] {
  const lines = problems
    .slice(0, PROBLEMS_LISTED)
    .map((p) => `${p.file}${p.line !== null ? `:${p.line}` : ''}: ${p.reason}`);
  if (problems.length > PROBLEMS_LISTED)
    lines.push(`${problems.length - PROBLEMS_LISTED} more problem(s) in ${problems[0].file} (Show Log Problems)`);
  return lines;
}

/**
 * Compares two runs query by query with the engine of `costrisk compare` (same matching by query
 * id, same McNemar test, same paired bootstrap, resamples and seed): the selected pair of models,
 * or every model the logs share. The logs are read as they are (no split is drawn), like the CLI.
 */
export async function compareLogs(
  params: CompareLogsParams,
  ctx: JobContext,
): Promise<{ selection: CompareSelection; data: CompareData }> {
  const { fileB, selection: asked, ...sourceA } = params;
  const a = await hitlRecords(sourceA, ctx, false, 0.3);
  const offset: JobContext = { ...ctx, progress: (f, m) => ctx.progress(0.3 + f, m) };
  const b = await hitlRecords({ ...sourceA, file: fileB }, offset, false, 0.3);
  const modelsA = uniqueModels(a.records);
  const modelsB = uniqueModels(b.records);
  const valid = asked !== null && modelsA.includes(asked.modelA) && modelsB.includes(asked.modelB);
  const selection: CompareSelection = valid ? asked : { modelA: '', modelB: '' };
  const chosen: [string, string][] = valid ? [[asked.modelA, asked.modelB]] : pairModels(modelsA, modelsB);
  const warnings = [...problemLines(a.problems), ...problemLines(b.problems)];
  const pairs: ComparedPair[] = [];
  for (const [k, [ma, mb]] of chosen.entries()) {
    ctx.progress(0.6 + (0.4 * k) / chosen.length, `comparing ${ma} with ${mb}`);
    try {
      const comparison = compareRuns(
        a.records.filter((r) => r.model === ma),
        b.records.filter((r) => r.model === mb),
        { ...BOOTSTRAP, signal: ctx.signal },
      );
      if (comparison.only_in_a + comparison.only_in_b > 0)
        warnings.push(
          `${ma} against ${mb}: ${comparison.only_in_a} queries only in A and ${comparison.only_in_b} only in B are left out; the comparison uses the ${comparison.matched} queries both answered.`,
        );
      pairs.push({ modelA: ma, modelB: mb, comparison, problem: null });
    } catch (err) {
      if (!(err instanceof NoCommonQueries)) throw err;
      pairs.push({ modelA: ma, modelB: mb, comparison: null, problem: err.message });
    }
  }
  ctx.progress(1);
  return { selection, data: { fileA: params.file, fileB, modelsA, modelsB, pairs, warnings } };
}
