import { abstainReport } from '../../engines/abstention/abstainReport';
import { hitlTable } from '../../engines/abstention/hitlTable';
import { preparePairs } from '../../engines/abstention/hitlSystem';
import { latencyDrag } from '../../engines/abstention/latencyDrag';
import { uniqueModels, uniqueSplits } from '../../engines/logs/joinByQuery';
import type { EvalRecord } from '../../engines/logs/types';
import type { HitlData, HitlModelInfo, HitlSelection, HitlSystemData } from '../../protocol/humanInTheLoop';
import type { JobContext } from '../workerProtocol';
import { hitlPairs } from './hitlPairs';
import { hitlRecords, type HitlSourceParams } from './hitlRecords';
import { appendAll } from '../../shared/arrays';
import { hasNoConfidence, needsConfidence } from '../../engines/logs/confidencePresence';
import { signalNeedsConfidence } from '../../engines/abstention/signalNeedsConfidence';

export interface HumanInTheLoopParams extends HitlSourceParams {
  selection: HitlSelection | null;
}

/** Utilisations the view's slider moves over (0 = "Ask"), and those of the Table 4.2-style summary. */
const UTILIZATIONS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
const TABLE_UTILIZATIONS = [0.5, 0.6, 0.75];

/** Everything the "Human in the Loop" view draws for one selection (thesis ch. 4). */
export async function humanInTheLoop(
  params: HumanInTheLoopParams,
  ctx: JobContext,
): Promise<{ selection: HitlSelection; data: HitlData }> {
  const { records, problems } = await hitlRecords(params, ctx, false);
  const available = modelInfo(records);
  const splits = uniqueSplits(records);
  const selection = params.selection ?? defaultSelection(records, available, splits);
  const split = selection.split === '' ? undefined : selection.split;
  const inSplit = split === undefined ? records : records.filter((r) => r.split === split);
  // Each model's records of the split, grouped in one pass (a filter per model and use read a
  // million-record log a dozen times), and the training records the curves fit a signal on.
  const ofModel = groupByModel(inSplit);
  const fitOn = records.filter((r) => r.split === 'train');
  const warnings = problems.length
    ? [`${problems.length} problem(s) while reading the log (see the Cost-Risk Lab output channel)`]
    : [];
  ctx.progress(0.75, 'accuracy–rejection curves');
  // A log without any confidence score: only signals that need none (a reasoning model's output tokens) can rank answers.
  const noConfidence = hasNoConfidence(records);
  const rankable = (m: string, choice: HitlSelection['fastSignal']): boolean =>
    !noConfidence || !signalNeedsConfidence(choice, ofModel.get(m) ?? []);
  const shown = selection.models.filter((m) => available.some((a) => a.model === m));
  const curves = shown
    .filter((m) => rankable(m, 'auto'))
    .map((model) =>
      abstainReport(ofModel.get(model) ?? [], {
        model,
        maxRejection: selection.maxRejection,
        curveMax: Math.max(0.5, selection.maxRejection),
        fitOn,
      }),
    );
  ctx.signal.throwIfAborted();
  const pair =
    selection.fast !== null && selection.reasoning !== null && selection.fast !== selection.reasoning
      ? { fast: selection.fast, reasoning: selection.reasoning }
      : null;
  const pairRankable =
    pair !== null && rankable(pair.fast, selection.fastSignal) && rankable(pair.reasoning, selection.reasoningSignal);
  const system = pair && pairRankable ? failFastOrAsk(records, selection, pair, warnings, ctx) : null;
  ctx.progress(1);
  const leftOut = curves.length < shown.length || (pair !== null && !pairRankable);
  return {
    selection,
    data: {
      file: params.file,
      split: selection.split,
      splits,
      available,
      curves,
      system,
      warnings,
      noConfidence: leftOut
        ? needsConfidence(
            'ranking answers by confidence (the curves of models that are not reasoning models, "Fail Fast, or Ask")',
          )
        : null,
    },
  };
}

/**
 * The "Fail Fast, or Ask" system of a fast and a reasoning model: their paired answers, the
 * configurations' table and the latency drag; null when no query has both. Warnings are added to `warnings`.
 */
function failFastOrAsk(
  records: readonly EvalRecord[],
  selection: HitlSelection,
  pair: { fast: string; reasoning: string },
  warnings: string[],
  ctx: JobContext,
): HitlSystemData | null {
  ctx.progress(0.85, 'Fail Fast, or Ask');
  const {
    paired,
    fastSignal,
    reasoningSignal,
    warnings: pairWarnings,
  } = hitlPairs(records, {
    ...selection,
    fast: pair.fast,
    reasoning: pair.reasoning,
  });
  appendAll(warnings, pairWarnings);
  const p = preparePairs(paired);
  if (p.n === 0) return null;
  const configs = hitlTable(p, {
    utilizations: UTILIZATIONS,
    maxRejection: selection.maxRejection,
    signal: ctx.signal,
  });
  const drag = latencyDrag(p, { rejection: selection.dragRejection, utilizations: [0, ...UTILIZATIONS] });
  appendAll(warnings, drag.warnings);
  return {
    fast: pair.fast,
    reasoning: pair.reasoning,
    fastSignal,
    reasoningSignal,
    n: p.n,
    configs,
    utilizations: UTILIZATIONS,
    tableUtilizations: TABLE_UTILIZATIONS,
    drag,
  };
}

/** Records by model, each model's in their order. */
function groupByModel(records: readonly EvalRecord[]): Map<string, EvalRecord[]> {
  const out = new Map<string, EvalRecord[]>();
  for (const r of records) {
    const own = out.get(r.model);
    if (own) own.push(r);
    else out.set(r.model, [r]);
  }
  return out;
}

function modelInfo(records: readonly EvalRecord[]): HitlModelInfo[] {
  const info = new Map<string, HitlModelInfo>();
  for (const m of uniqueModels(records))
    info.set(m, { model: m, answers: 0, reasoning: true, hasConfidence: false, hasOutputTokens: false });
  for (const r of records) {
    const i = info.get(r.model) as HitlModelInfo;
    i.answers++;
    if (r.reasoning !== true) i.reasoning = false;
    if (r.confidence !== null) i.hasConfidence = true;
    if (r.outputTokens !== null) i.hasOutputTokens = true;
  }
  return [...info.values()];
}

/** "test" split when present; every model's curve; reasoning model = the first marked reasoning, else the most accurate; fast = the best other. */
export function defaultSelection(
  records: readonly EvalRecord[],
  available: readonly HitlModelInfo[],
  splits: readonly string[],
): HitlSelection {
  const split = splits.includes('test') ? 'test' : '';
  const ofModel = groupByModel(split === '' ? records : records.filter((r) => r.split === split));
  const accuracy = new Map<string, number>();
  for (const a of available) {
    const rs = ofModel.get(a.model) ?? [];
    accuracy.set(a.model, rs.length ? rs.filter((r) => r.correct).length / rs.length : 0);
  }
  const byAccuracy = [...available].sort(
    (a, b) => (accuracy.get(b.model) as number) - (accuracy.get(a.model) as number),
  );
  const reasoning = available.find((a) => a.reasoning)?.model ?? byAccuracy[0]?.model ?? null;
  const fast =
    byAccuracy.find((a) => a.model !== reasoning && !a.reasoning)?.model ??
    byAccuracy.find((a) => a.model !== reasoning)?.model ??
    null;
  return {
    split,
    models: available.slice(0, 6).map((a) => a.model),
    fast,
    reasoning,
    fastSignal: 'auto',
    reasoningSignal: 'auto',
    maxRejection: 0.2,
    dragRejection: 0.1,
  };
}
