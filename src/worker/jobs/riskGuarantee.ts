import { cascadeGuaranteeReport } from '../../engines/riskGuarantee/cascadeGuaranteeReport';
import { guaranteeReport } from '../../engines/riskGuarantee/guaranteeReport';
import { uniqueModels, uniqueSplits } from '../../engines/logs/joinByQuery';
import type { GuaranteeData, GuaranteeSelection } from '../../protocol/riskGuarantee';
import type { JobContext } from '../workerProtocol';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';

export interface RiskGuaranteeParams extends HitlSourceParams {
  selection: GuaranteeSelection | null;
}

/** The guaranteed-risk threshold (or two-model cascade) for one selection, with its bound curve. */
export async function riskGuarantee(params: RiskGuaranteeParams, ctx: JobContext): Promise<{ selection: GuaranteeSelection; data: GuaranteeData }> {
  const { records, problems } = await hitlRecords(params, ctx);
  const models = uniqueModels(records);
  const splits = uniqueSplits(records);
  const selection: GuaranteeSelection = params.selection ?? {
    model: models[models.length - 1] ?? null,
    strong: null,
    signal: 'auto',
    alpha: 0.1,
    delta: 0.1,
    calSplit: splits.includes('train') ? 'train' : (splits[0] ?? ''),
    testSplit: splits.includes('test') ? 'test' : (splits[splits.length - 1] ?? ''),
  };
  const warnings = problems.length ? [`${problems.length} problem(s) while reading the log (see the Cost-Risk Lab output channel)`] : [];
  if (selection.calSplit === selection.testSplit) warnings.push('calibration and test split are the same: the test risk is then not an independent check');
  ctx.progress(0.8, 'scanning thresholds');
  const ok = (m: string | null): m is string => m !== null && models.includes(m);
  const single = ok(selection.model) && !ok(selection.strong) ? guaranteeReport(records, { model: selection.model, alpha: selection.alpha, delta: selection.delta, signal: selection.signal, calSplit: selection.calSplit, testSplit: selection.testSplit }) : null;
  const cascade =
    ok(selection.model) && ok(selection.strong) && selection.model !== selection.strong
      ? cascadeGuaranteeReport(records, { weak: selection.model, strong: selection.strong, alpha: selection.alpha, delta: selection.delta, weakSignal: selection.signal, strongSignal: selection.signal, calSplit: selection.calSplit, testSplit: selection.testSplit })
      : null;
  ctx.progress(1);
  return { selection, data: { file: params.file, models, splits, single, cascade, warnings } };
}
