import { calibrateModels, type CalibrationReport } from '../../engines/calibration/calibrateModels';
import {
  cascadeDiagnostics as runDiagnostics,
  type CascadeDiagnostics,
  type DiagnosticsOptions,
} from '../../engines/tuning/cascadeDiagnostics';
import {
  subCascades as runSubCascades,
  type SubCascadeOptions,
  type SubCascadeResult,
} from '../../engines/tuning/subCascades';
import {
  tuneCascade as runTune,
  type TuneCascadeOptions,
  type TuneCascadeResult,
} from '../../engines/tuning/tuneCascade';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';
import { hasNoConfidence, needsConfidence } from '../../engines/logs/confidencePresence';
import type { EvalRecord } from '../../engines/logs/types';

/** Job parameters: the engine options minus records/signal/progress, plus which log to read. */
type Params<O> = HitlSourceParams & Omit<O, 'records' | 'signal' | 'onProgress'>;

const reading = (ctx: JobContext) => ({ ...ctx, progress: (f: number, m?: string) => ctx.progress(0.2 * f, m) });

/**
 * The records of a job that ranks answers by confidence; a log without any confidence score is
 * refused in one sentence (not "only 0 training answers" per model).
 */
async function confidentRecords(params: HitlSourceParams, ctx: JobContext, what: string): Promise<EvalRecord[]> {
  const { records } = await hitlRecords(params, reading(ctx));
  if (hasNoConfidence(records)) throw new Error(needsConfidence(what));
  return records;
}

/** `calibrate`: per-model calibration report of one log (thesis Table 2.2). */
export async function calibrate(
  params: Params<{ models?: string[]; trainSplit?: string; testSplit?: string }>,
  ctx: JobContext,
): Promise<CalibrationReport> {
  const records = await confidentRecords(params, ctx, 'calibration');
  ctx.progress(0.5, 'calibrating');
  const report = calibrateModels({
    records,
    models: params.models,
    trainSplit: params.trainSplit,
    testSplit: params.testSplit,
  });
  ctx.progress(1);
  return report;
}

/** `tuneCascade`: RT / grid / BO frontiers of one ordered cascade, scored on the test split. */
export async function tuneCascade(params: Params<TuneCascadeOptions>, ctx: JobContext): Promise<TuneCascadeResult> {
  const records = await confidentRecords(params, ctx, 'tuning a cascade');
  return runTune({ ...params, records, signal: ctx.signal, onProgress: (f) => ctx.progress(0.2 + 0.8 * f, 'tuning') });
}

/** `subCascades`: every ordered sub-cascade of the chosen models and who dominates where. */
export async function subCascades(params: Params<SubCascadeOptions>, ctx: JobContext): Promise<SubCascadeResult> {
  const records = await confidentRecords(params, ctx, 'tuning sub-cascades');
  return runSubCascades({
    ...params,
    records,
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(0.2 + 0.8 * f, 'sub-cascades'),
  });
}

/** `cascadeDiagnostics`: marginal, copula and Markov diagnostics of the Markov-copula model. */
export async function cascadeDiagnostics(
  params: Params<DiagnosticsOptions>,
  ctx: JobContext,
): Promise<CascadeDiagnostics> {
  const records = await confidentRecords(params, ctx, 'the Markov-copula diagnostics');
  return runDiagnostics({
    ...params,
    records,
    signal: ctx.signal,
    onProgress: (f) => ctx.progress(0.2 + 0.8 * f, 'diagnostics'),
  });
}
