import { runModelName, splitRunModel } from '../logs/runs';
import type { EvalRecord } from '../logs/types';
import { compareRuns, NoCommonQueries, type CompareRunsOptions, type RunComparison } from './compareRuns';
import { pairModels } from './pairModels';

/** One model of a later run against its counterpart in the first run (the baseline). */
export interface RunPair {
  /** The later run. */
  run: string;
  /** The models' own names: `model` in `run`, `baselineModel` in the baseline (the same name unless each run has one model). */
  model: string;
  baselineModel: string;
  /** A is the run, B the baseline: differences are the run's change from the baseline. Null when the two answered no query in common (`problem` says so). */
  comparison: RunComparison | null;
  problem: string | null;
}

/**
 * Compares every later run with the first (the baseline), model by model, with `compareRuns`
 * (the engine of `costrisk compare`, the run as A and the baseline as B, so that differences are
 * the run's change): each model both runs have against itself, or, when each run has one model,
 * those two. Pairs are in run order, then in the baseline's model order. `records` are runs read together (models named "model · run", see
 * engines/logs/runs.ts); `runs` their names in order. Records of models without a run are ignored.
 */
export function compareRunSet(
  records: readonly EvalRecord[],
  runs: readonly string[],
  opts: CompareRunsOptions,
): RunPair[] {
  const byModel = new Map<string, EvalRecord[]>();
  const modelsOf = new Map<string, string[]>(runs.map((r) => [r, []]));
  for (const r of records) {
    let list = byModel.get(r.model);
    if (!list) {
      list = [];
      byModel.set(r.model, list);
      const named = splitRunModel(r.model, runs);
      if (named) modelsOf.get(named.run)?.push(named.model);
    }
    list.push(r);
  }
  const [baseline, ...later] = runs;
  const out: RunPair[] = [];
  for (const run of later) {
    for (const [baselineModel, model] of pairModels(modelsOf.get(baseline) ?? [], modelsOf.get(run) ?? [])) {
      const a = byModel.get(runModelName(model, run)) ?? [];
      const b = byModel.get(runModelName(baselineModel, baseline)) ?? [];
      const pair = { run, model, baselineModel };
      try {
        out.push({ ...pair, comparison: compareRuns(a, b, opts), problem: null });
      } catch (err) {
        if (!(err instanceof NoCommonQueries)) throw err;
        out.push({ ...pair, comparison: null, problem: err.message });
      }
    }
  }
  return out;
}
