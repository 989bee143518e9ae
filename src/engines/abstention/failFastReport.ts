import type { EvalRecord } from '../logs/types';
import { resolveSignal, type SignalChoice, type SignalName } from './certaintySignal';
import { failFastRates, type FailFastRates } from './failFastRates';
import { evaluateAsk, evaluateFailFast, preparePairs, type SystemPoint } from './hitlSystem';
import { pctChange } from './hitlTable';
import { pairAnswers } from './pairAnswers';

export interface FailFastOptions {
  fast: string;
  reasoning: string;
  utilization: number;
  rejection: number;
  /** Signals (default `auto`: output tokens for reasoning models, else confidence). */
  fastSignal?: SignalChoice;
  reasoningSignal?: SignalChoice;
  split?: string;
  /** Records `calibrated` signals are fitted on (default: the analysed ones). */
  fitOn?: readonly EvalRecord[];
}

export interface FailFastReport {
  fast: string;
  reasoning: string;
  fastSignal: SignalName;
  reasoningSignal: SignalName;
  /** Queries both models answered with a signal. */
  n: number;
  rates: FailFastRates;
  ask: SystemPoint;
  failFast: SystemPoint;
  /** "Fail Fast, or Ask" minus "Ask": accuracy in points, latency and cost in percent. */
  deltaAccuracy: number | null;
  deltaLatencyPct: number | null;
  deltaCostPct: number | null;
  warnings: string[];
}

/** "Fail Fast, or Ask" at one utilisation and rejection rate, against "Ask" on the same queries (thesis §4.3). */
export function failFastReport(records: readonly EvalRecord[], opts: FailFastOptions): FailFastReport {
  const inSplit = (m: string) =>
    records.filter((r) => r.model === m && (opts.split === undefined || r.split === opts.split));
  const fitOn = (m: string) => (opts.fitOn ? opts.fitOn.filter((r) => r.model === m) : inSplit(m));
  const fs = resolveSignal(opts.fastSignal ?? 'auto', inSplit(opts.fast), fitOn(opts.fast));
  const rs = resolveSignal(opts.reasoningSignal ?? 'auto', inSplit(opts.reasoning), fitOn(opts.reasoning));
  const paired = pairAnswers(records, {
    fast: opts.fast,
    reasoning: opts.reasoning,
    fastSignal: fs.spec,
    reasoningSignal: rs.spec,
    split: opts.split,
  });
  const p = preparePairs(paired);
  const rates = failFastRates(opts.utilization, opts.rejection);
  const ask = evaluateAsk(p, opts.rejection);
  const failFast = evaluateFailFast(p, opts.utilization, opts.rejection);
  const warnings = [...fs.warnings, ...rs.warnings, ...paired.warnings];
  if (p.n > 0 && failFast.meanLatencyS === null)
    warnings.push('latency_s is missing on some answers: mean latency is not reported');
  if (p.n > 0 && failFast.meanCostUsd === null)
    warnings.push(
      'cost is missing on some answers (no cost_usd and no price for the tokens): mean cost is not reported',
    );
  return {
    fast: opts.fast,
    reasoning: opts.reasoning,
    fastSignal: fs.spec.name,
    reasoningSignal: rs.spec.name,
    n: p.n,
    rates,
    ask,
    failFast,
    deltaAccuracy: ask.accuracy !== null && failFast.accuracy !== null ? failFast.accuracy - ask.accuracy : null,
    deltaLatencyPct: pctChange(failFast.meanLatencyS, ask.meanLatencyS),
    deltaCostPct: pctChange(failFast.meanCostUsd, ask.meanCostUsd),
    warnings,
  };
}
