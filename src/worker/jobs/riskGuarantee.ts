import { cascadeGuaranteeReport } from '../../engines/riskGuarantee/cascadeGuaranteeReport';
import { guaranteeReport } from '../../engines/riskGuarantee/guaranteeReport';
import { isGuaranteeMethod } from '../../engines/riskGuarantee/testSequence';
import { uniqueModels, uniqueSplits } from '../../engines/logs/joinByQuery';
import type { GuaranteeData, GuaranteeSelection } from '../../protocol/riskGuarantee';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';
import { needsConfidence } from '../../engines/logs/confidencePresence';
import { lacksConfidenceFor } from '../../engines/abstention/signalNeedsConfidence';

export interface RiskGuaranteeParams extends HitlSourceParams {
  selection: GuaranteeSelection | null;
}

/** The guaranteed-risk threshold (or two-model cascade) for one selection, with its bound curve and scan. */
export async function riskGuarantee(
  params: RiskGuaranteeParams,
  ctx: JobContext,
): Promise<{ selection: GuaranteeSelection; data: GuaranteeData }> {
  const { records, problems } = await hitlRecords(params, ctx);
  const models = uniqueModels(records);
  const splits = uniqueSplits(records);
  const given = params.selection;
  // A saved selection may predate `method` or carry anything: keep only what the engine accepts.
  const rate = (x: unknown): number => (typeof x === 'number' && x > 0 && x < 1 ? x : 0.1);
  const selection: GuaranteeSelection = given
    ? {
        ...given,
        method: isGuaranteeMethod(given.method) ? given.method : 'fixed-sequence',
        alpha: rate(given.alpha),
        delta: rate(given.delta),
      }
    : {
        model: models[models.length - 1] ?? null,
        strong: null,
        signal: 'auto',
        method: 'fixed-sequence',
        alpha: 0.1,
        delta: 0.1,
        calSplit: splits.includes('train') ? 'train' : (splits[0] ?? ''),
        testSplit: splits.includes('test') ? 'test' : (splits[splits.length - 1] ?? ''),
      };
  const warnings = problems.length
    ? [`${problems.length} problem(s) while reading the log (see the Cost-Risk Lab output channel)`]
    : [];
  if (selection.calSplit === selection.testSplit)
    warnings.push('calibration and test split are the same: the test risk is then not an independent check');
  ctx.progress(0.8, 'testing thresholds');
  const ok = (m: string | null): m is string => m !== null && models.includes(m);
  // A log without any confidence score certifies nothing unless the signal is a reasoning model's output tokens.
  const noConfidence = lacksConfidenceFor(
    records,
    [selection.model, selection.strong].filter(ok).map((model) => ({ model, signal: selection.signal })),
  )
    ? needsConfidence('a risk guarantee on a confidence signal')
    : null;
  if (noConfidence !== null) {
    ctx.progress(1);
    return {
      selection,
      data: { file: params.file, models, splits, single: null, cascade: null, warnings, noConfidence },
    };
  }
  const common = {
    alpha: selection.alpha,
    delta: selection.delta,
    method: selection.method,
    calSplit: selection.calSplit,
    testSplit: selection.testSplit,
  };
  const single =
    ok(selection.model) && !ok(selection.strong)
      ? guaranteeReport(records, { ...common, model: selection.model, signal: selection.signal })
      : null;
  const cascade =
    ok(selection.model) && ok(selection.strong) && selection.model !== selection.strong
      ? cascadeGuaranteeReport(records, {
          ...common,
          weak: selection.model,
          strong: selection.strong,
          weakSignal: selection.signal,
          strongSignal: selection.signal,
        })
      : null;
  ctx.progress(1);
  return { selection, data: { file: params.file, models, splits, single, cascade, warnings, noConfidence: null } };
}
