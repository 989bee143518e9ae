import type { EvalRecord } from '../logs/types';
import { accuracyRejectionCurve, type CurvePoint } from './accuracyRejectionCurve';
import { resolveSignal, type SignalChoice, type SignalName, type SignalSpec } from './certaintySignal';
import { correctnessVsTokens, type TokenCurvePoint } from './correctnessVsTokens';
import { modelAnswers, type ScoredAnswer } from './modelAnswers';

export interface AbstainOptions {
  model: string;
  signal?: SignalChoice;
  /** Largest rejection rate averaged into AUARC (default 0.2). */
  maxRejection?: number;
  step?: number;
  /** Draw the curve up to this rejection rate (default maxRejection). */
  curveMax?: number;
  /** Only records of this split (default: every record). */
  split?: string;
  /** Records the `calibrated` signal's calibrator is fitted on (default: the analysed ones). */
  fitOn?: readonly EvalRecord[];
}

export interface AbstainReport {
  model: string;
  signal: SignalName;
  n: number;
  curve: CurvePoint[];
  auarc: number | null;
  baseAccuracy: number | null;
  /** Correctness vs output tokens (Figure 4.3); empty when the model's token counts do not vary. */
  tokenCurve: TokenCurvePoint[];
  warnings: string[];
}

/** The answers a model's accuracy–rejection curve ranks: its records (of the split), the signal resolved and each answer's certainty. */
export interface SelectiveAnswers {
  /** The model's records the answers come from (first record per query answers it). */
  own: EvalRecord[];
  spec: SignalSpec;
  answers: ScoredAnswer[];
  warnings: string[];
}

/** The model's answers with their certainty, as {@link abstainReport} ranks them (and the drill-down into its curve lists them). */
export function selectiveAnswers(
  records: readonly EvalRecord[],
  opts: Pick<AbstainOptions, 'model' | 'signal' | 'split' | 'fitOn'>,
): SelectiveAnswers {
  const own = records.filter((r) => r.model === opts.model && (opts.split === undefined || r.split === opts.split));
  const fit = opts.fitOn?.filter((r) => r.model === opts.model);
  const { spec, warnings } = resolveSignal(opts.signal ?? 'auto', own, fit && fit.length ? fit : own);
  const { answers, warnings: missing } = modelAnswers(own, opts.model, spec);
  return { own, spec, answers, warnings: [...warnings, ...missing] };
}

/** One model's selective-prediction figures from its records (thesis §4.3 and §4.5). */
export function abstainReport(records: readonly EvalRecord[], opts: AbstainOptions): AbstainReport {
  const { spec, answers, warnings } = selectiveAnswers(records, opts);
  const arc = accuracyRejectionCurve(answers, {
    maxRejection: opts.maxRejection,
    step: opts.step,
    curveMax: opts.curveMax,
  });
  const tokens = correctnessVsTokens(answers);
  return {
    model: opts.model,
    signal: spec.name,
    n: arc.n,
    curve: arc.curve,
    auarc: arc.auarc,
    baseAccuracy: arc.baseAccuracy,
    tokenCurve: tokens.curve,
    warnings: [...warnings, ...arc.warnings, ...(spec.name === 'output_tokens' ? tokens.warnings : [])],
  };
}
