import type { LogProblem } from '../../engines/logs/types';
import { prepareEconomics, type PreparedEconomics } from '../../engines/economics/prepareEconomics';
import { withRouterOverhead } from '../../engines/economics/routerOverhead';
import type { Candidate, RouterOverhead } from '../../engines/economics/types';
import type { JobContext } from '../workerProtocol';
import { hitlRecords } from './hitlRecords';
import { SharedCache } from '../cache/sharedCache';
import { sourceRuns, sourceVersionKey, type LogSourceParams } from './logSource';
import { comparingRunsNote } from '../../engines/logs/runs';
import { hasNoConfidence, NO_CONFIDENCE_MESSAGE } from '../../engines/logs/confidencePresence';

/** Which log and which candidate systems an economics job works on (plain JSON). */
export interface EconSourceParams extends LogSourceParams {
  trainSplit?: string;
  testSplit?: string;
  set?: 'models' | 'cascades' | 'all' | 'none';
  /** Add models with abstention (each model abstains below a tuned confidence threshold). */
  abstention?: boolean;
  /** Add one-step routers with and without abstention (eqs. 3.8–3.9), built with no overhead: jobs apply theirs (withRouterOverhead). */
  routers?: boolean;
}

export interface PreparedSource {
  prep: PreparedEconomics;
  /** Problems met while reading (skipped lines, price-file issues), for the view's warning list. */
  problems: LogProblem[];
  splits: string[];
  /** No record has a confidence score: only single models were prepared (and `prep.warnings` says so once). */
  noConfidence: boolean;
  /** The names of the runs compared (engines/logs/runs.ts), in order; empty for one log. */
  runs: string[];
}

/** Prepared tables of the logs used lately: at most this many bytes (estimated), the newest always kept. */
export const PREPARED_BUDGET_BYTES = 256 * 2 ** 20;
const cache = new SharedCache<PreparedSource>(PREPARED_BUDGET_BYTES);

/**
 * Reads and prepares a log once per (content of the log, options): the views ask for many price
 * settings of the same data, and the statistics are all they need. The records come from the
 * records shared with the other jobs.
 */
export async function preparedSource(params: EconSourceParams, ctx: JobContext, share = 1): Promise<PreparedSource> {
  const { trainSplit, testSplit, set, abstention, routers } = params;
  return cache.get(
    await sourceVersionKey(params, trainSplit, testSplit, set, abstention, routers),
    async () => {
      const { records, problems } = await hitlRecords(params, ctx, true, 0.6 * share);
      ctx.progress(0.6 * share, 'tuning thresholds');
      // Without any confidence only single models can be compared (as in `costrisk econ`): one note, not a warning per system.
      const noConfidence = hasNoConfidence(records);
      // Runs compared: each system is one model of one run (a cascade across runs is not a system one can deploy).
      const runs = sourceRuns(params);
      const modelsOnly = noConfidence || runs.length > 0;
      const prep = prepareEconomics(records, {
        trainSplit,
        testSplit,
        set: modelsOnly && set !== 'none' ? 'models' : set,
        abstention: abstention && !modelsOnly,
        routers: routers && !modelsOnly,
        signal: ctx.signal,
        onProgress: (f) => ctx.progress(share * (0.6 + 0.4 * f), 'tuning thresholds'),
      });
      const warnings = [
        ...(runs.length ? [comparingRunsNote(runs)] : []),
        ...(noConfidence ? [NO_CONFIDENCE_MESSAGE] : []),
        ...prep.warnings,
      ];
      return {
        prep: { ...prep, warnings },
        problems,
        splits: [...new Set(records.map((r) => r.split))],
        noConfidence,
        runs,
      };
    },
    ctx.signal,
  );
}

/** The prepared candidates with the routers' overhead set to `overhead` (none given: as prepared, c₀ = l₀ = 0). */
export function candidatesWithOverhead(prep: PreparedEconomics, overhead: RouterOverhead | undefined): Candidate[] {
  return overhead ? withRouterOverhead(prep.candidates, overhead) : prep.candidates;
}
