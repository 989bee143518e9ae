import { guaranteeReport } from '../../engines/riskGuarantee/guaranteeReport';
import { cascadeGuaranteeReport } from '../../engines/riskGuarantee/cascadeGuaranteeReport';
import {
  DEFAULT_GRID_STEP,
  GUARANTEE_METHODS,
  isGuaranteeMethod,
  type GuaranteeMethod,
} from '../../engines/riskGuarantee/testSequence';
import { uniqueModels } from '../../engines/logs/joinByQuery';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';

import { numberOption, requireModel } from '../numberOption';
import type { CliCommand } from '../command';
import { signalOption } from './abstain';
import { maxOf } from '../../shared/arrays';
import { exchangeabilityJson, exchangeabilityLine, methodLine, scanJson } from './guaranteeOutput';
import { formatFixed } from '../../protocol/format';
import { requireConfidence } from '../confidenceCheck';

function methodOption(raw: unknown): GuaranteeMethod {
  const m = raw ?? 'fixed-sequence';
  if (!isGuaranteeMethod(m))
    throw new CliError(`--method must be one of ${GUARANTEE_METHODS.join(', ')}, got "${String(m)}"`);
  return m;
}

export const guaranteeCommand: CliCommand = {
  name: 'guarantee',
  usage:
    'guarantee <log...> --model M --alpha a --delta d [--strong M2] [--signal S] [--method fixed-sequence|bonferroni|every-answer] [--grid-step 0.05] [--min-accepted N] [--cal-split train] [--test-split test] [--json]',
  help: [
    'Guaranteed risk (Inter-Cascade §2.1, App. E): a threshold at which the one-sided (1 − δ) Clopper–Pearson bound on the error among',
    '      accepted calibration answers is ≤ α, so that P(error | accepted) ≤ α with probability ≥ 1 − δ; then coverage and realised risk',
    '      on the test split, and a check that the two splits look exchangeable. --method: fixed-sequence (default; a coverage grid every',
    '      --grid-step, from --min-accepted answers, stopping at the first failure), bonferroni (the same grid, each point at δ/m) or',
    '      every-answer (every distinct certainty). --strong M2: two-model cascade (M accepts, else M2 accepts, else abstain; δ/2 per stage).',
  ].join('\n'),
  readsLogs: true,
  options: {
    model: { type: 'string' },
    strong: { type: 'string' },
    alpha: { type: 'string' },
    delta: { type: 'string' },
    signal: { type: 'string' },
    method: { type: 'string' },
    'grid-step': { type: 'string' },
    'cal-split': { type: 'string' },
    'test-split': { type: 'string' },
    'min-accepted': { type: 'string' },
  },
  async run({ positionals, values, json, signal: abort, report }) {
    const alpha = numberOption(values.alpha, '--alpha', { min: 0, max: 1, open: 'both' });
    const delta = numberOption(values.delta, '--delta', { min: 0, max: 1, open: 'both' });
    const method = methodOption(values.method);
    const gridStep = numberOption(
      values['grid-step'],
      '--grid-step',
      { min: 0, max: 1, open: 'min' },
      DEFAULT_GRID_STEP,
    );
    if (method === 'every-answer' && values['grid-step'] !== undefined)
      throw new CliError('--grid-step applies to the grid methods (fixed-sequence, bonferroni), not to every-answer');
    const minAccepted =
      values['min-accepted'] === undefined
        ? undefined
        : numberOption(values['min-accepted'], '--min-accepted', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const signal = signalOption(values.signal);
    const calSplit = (values['cal-split'] as string | undefined) ?? 'train';
    const testSplit = (values['test-split'] as string | undefined) ?? 'test';
    const logs = await loadLogs(positionals, values, report, {
      fit: {
        trainSplit: values['cal-split'] as string | undefined,
        testSplit: values['test-split'] as string | undefined,
      },
      signal: abort,
    });
    const models = uniqueModels(logs.records);
    const model = requireModel(models, values.model, '--model');
    const strongModel = values.strong === undefined ? [] : [requireModel(models, values.strong, '--strong')];
    requireConfidence(
      logs.records,
      [model, ...strongModel].map((m) => ({ model: m, signal })),
      'a risk guarantee on a confidence signal',
    );
    const splits = new Set(logs.records.map((r) => r.split));
    for (const [flag, s] of [
      ['--cal-split', calSplit],
      ['--test-split', testSplit],
    ]) {
      if (!splits.has(s))
        throw new CliError(
          `${flag}: no records in split "${s}" (splits in the log: ${[...splits].map((x) => (x === '' ? '(none)' : x)).join(', ')})`,
        );
    }
    if (calSplit === testSplit)
      report.warn(`calibration and test split are both "${calSplit}": the test risk is then not an independent check`);
    const sequence = { method, gridStep, minAccepted };
    if (values.strong !== undefined) {
      const strong = requireModel(models, values.strong, '--strong');
      if (strong === model) throw new CliError('--model and --strong must be different models');
      const c = cascadeGuaranteeReport(logs.records, {
        weak: model,
        strong,
        alpha,
        delta,
        weakSignal: signal,
        strongSignal: signal,
        calSplit,
        testSplit,
        ...sequence,
      });
      const bounds = [c.weak.upperBound, c.strong.upperBound].filter((b): b is number => b !== null);
      const upper = bounds.length ? maxOf(bounds) : null;
      for (const w of c.warnings) report.warn(w);
      const stageJson = (s: typeof c.weak) => ({
        model: s.model,
        signal: s.signal,
        threshold: s.threshold,
        upper_bound: s.upperBound,
        n_cal: s.nCal,
        scan: scanJson(s.scan),
        exchangeability: exchangeabilityJson(s.exchangeability),
      });
      if (json)
        return {
          threshold: c.weak.threshold,
          threshold_strong: c.strong.threshold,
          coverage_cal: c.cal.coverage,
          coverage_test: c.test.coverage,
          risk_test: c.test.risk,
          upper_bound: upper,
          method,
          stages: [stageJson(c.weak), stageJson(c.strong)],
        };
      const accepts = (s: typeof c.weak) =>
        s.threshold === null
          ? 'never accepts'
          : `accepts when ${s.signal} ${s.signal === 'output_tokens' ? '<=' : '>='} ${s.threshold}`;
      return [
        `cascade ${model} → ${strong} → abstain, α = ${alpha}, δ = ${delta} (δ/2 per stage); calibration "${calSplit}" (${c.nCal} queries), test "${testSplit}" (${c.nTest})`,
        methodLine(c.weak.scan),
        `${model}: ${accepts(c.weak)} (bound ${formatFixed(c.weak.upperBound, 4)})`,
        `  scan: ${c.weak.scan.note}`,
        `${strong}: ${accepts(c.strong)} (bound ${formatFixed(c.strong.upperBound, 4)}; calibrated on the ${c.strong.nCal} queries ${model} passes on)`,
        `  scan: ${c.strong.scan.note}`,
        `coverage: calibration ${formatFixed(c.cal.coverage, 4)}, test ${formatFixed(c.test.coverage, 4)} (${model} ${formatFixed(c.test.weakShare, 4)}, ${strong} ${formatFixed(c.test.strongShare, 4)})`,
        `risk among accepted test answers: ${formatFixed(c.test.risk, 4)}  (α = ${alpha}; bound ${formatFixed(upper, 4)})`,
        ...exchangeabilityLine(c.weak.exchangeability, `${model} `),
        ...exchangeabilityLine(c.strong.exchangeability, `${strong} `),
      ].join('\n');
    }
    const g = guaranteeReport(logs.records, { model, alpha, delta, signal, calSplit, testSplit, ...sequence });
    for (const w of g.warnings) report.warn(w);
    if (json)
      return {
        threshold: g.threshold,
        coverage_cal: g.coverageCal,
        coverage_test: g.coverageTest,
        risk_test: g.riskTest,
        upper_bound: g.upperBound,
        accepted_cal: g.acceptedCal,
        errors_cal: g.errorsCal,
        accepted_test: g.acceptedTest,
        errors_test: g.errorsTest,
        scan: scanJson(g.scan),
        exchangeability: exchangeabilityJson(g.exchangeability),
      };
    return [
      `${model}, signal ${g.signal}, α = ${alpha}, δ = ${delta}; calibration "${calSplit}" (${g.nCal} answers), test "${testSplit}" (${g.nTest})`,
      methodLine(g.scan),
      `threshold: ${g.threshold === null ? 'none (abstain on every query)' : `${g.threshold} (${g.acceptRule})`}`,
      `upper bound on error among accepted calibration answers: ${formatFixed(g.upperBound, 4)} (≤ α with probability ≥ ${1 - delta})`,
      `coverage: calibration ${formatFixed(g.coverageCal, 4)} (${g.acceptedCal} of ${g.nCal}, ${g.errorsCal} wrong), test ${formatFixed(g.coverageTest, 4)} (${g.acceptedTest} of ${g.nTest} answers)`,
      `risk among accepted test answers: ${formatFixed(g.riskTest, 4)}  (α = ${alpha})${g.riskTest !== null && g.riskTest > alpha ? '  ← above α on this split' : ''}`,
      `scan: ${g.scan.note}`,
      ...exchangeabilityLine(g.exchangeability),
    ].join('\n');
  },
};
