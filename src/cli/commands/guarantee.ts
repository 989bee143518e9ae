import { guaranteeReport } from '../../engines/riskGuarantee/guaranteeReport';
import { cascadeGuaranteeReport } from '../../engines/riskGuarantee/cascadeGuaranteeReport';
import { uniqueModels } from '../../engines/logs/joinByQuery';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';
import { fmt } from '../format';
import { numberOption, requireModel } from '../numberOption';
import type { CliCommand } from '../command';
import { signalOption } from './abstain';
import { maxOf } from '../../shared/arrays';

export const guaranteeCommand: CliCommand = {
  name: 'guarantee',
  usage: 'guarantee <log...> --model M --alpha a --delta d [--strong M2] [--signal S] [--cal-split train] [--test-split test] [--min-accepted N] [--json]',
  help: [
    'Guaranteed risk (Inter-Cascade §2.1, App. E): the most permissive threshold at which the one-sided (1 − δ) Clopper–Pearson bound on',
    '      the error among accepted calibration answers stays ≤ α, found by fixed-sequence testing from the most certain answer down; then',
    '      coverage and realised risk on the test split. --strong M2: two-model cascade (M accepts, else M2 accepts, else abstain; δ/2 per stage).',
  ].join('\n'),
  readsLogs: true,
  options: {
    model: { type: 'string' },
    strong: { type: 'string' },
    alpha: { type: 'string' },
    delta: { type: 'string' },
    signal: { type: 'string' },
    'cal-split': { type: 'string' },
    'test-split': { type: 'string' },
    'min-accepted': { type: 'string' },
  },
  async run({ positionals, values, json, signal: abort, report }) {
    const alpha = numberOption(values.alpha, '--alpha', { min: 0, max: 1, open: 'both' });
    const delta = numberOption(values.delta, '--delta', { min: 0, max: 1, open: 'both' });
    const minAccepted = values['min-accepted'] === undefined ? undefined : numberOption(values['min-accepted'], '--min-accepted', { min: 1, max: Number.MAX_SAFE_INTEGER });
    const signal = signalOption(values.signal);
    const calSplit = (values['cal-split'] as string | undefined) ?? 'train';
    const testSplit = (values['test-split'] as string | undefined) ?? 'test';
    const logs = await loadLogs(positionals, values, report, { fit: { trainSplit: values['cal-split'] as string | undefined, testSplit: values['test-split'] as string | undefined }, signal: abort });
    const models = uniqueModels(logs.records);
    const model = requireModel(models, values.model, '--model');
    const splits = new Set(logs.records.map((r) => r.split));
    for (const [flag, s] of [['--cal-split', calSplit], ['--test-split', testSplit]]) {
      if (!splits.has(s)) throw new CliError(`${flag}: no records in split "${s}" (splits in the log: ${[...splits].map((x) => (x === '' ? '(none)' : x)).join(', ')})`);
    }
    if (values.strong !== undefined) {
      const strong = requireModel(models, values.strong, '--strong');
      if (strong === model) throw new CliError('--model and --strong must be different models');
      if (minAccepted !== undefined) throw new CliError('--min-accepted applies to a single model, not to the --strong cascade');
      const c = cascadeGuaranteeReport(logs.records, { weak: model, strong, alpha, delta, weakSignal: signal, strongSignal: signal, calSplit, testSplit });
      const bounds = [c.weak.upperBound, c.strong.upperBound].filter((b): b is number => b !== null);
      const upper = bounds.length ? maxOf(bounds) : null;
      for (const w of c.warnings) report.warn(w);
      if (json) return { threshold: c.weak.threshold, threshold_strong: c.strong.threshold, coverage_cal: c.cal.coverage, coverage_test: c.test.coverage, risk_test: c.test.risk, upper_bound: upper };
      return [
        `cascade ${model} → ${strong} → abstain, α = ${alpha}, δ = ${delta} (δ/2 per stage); calibration "${calSplit}" (${c.nCal} queries), test "${testSplit}" (${c.nTest})`,
        `${model}: ${c.weak.threshold === null ? 'never accepts' : `accepts when ${c.weak.signal} ${c.weak.signal === 'output_tokens' ? '<=' : '>='} ${c.weak.threshold}`} (bound ${fmt(c.weak.upperBound, 4)})`,
        `${strong}: ${c.strong.threshold === null ? 'never accepts' : `accepts when ${c.strong.signal} ${c.strong.signal === 'output_tokens' ? '<=' : '>='} ${c.strong.threshold}`} (bound ${fmt(c.strong.upperBound, 4)})`,
        `coverage: calibration ${fmt(c.cal.coverage, 4)}, test ${fmt(c.test.coverage, 4)} (${model} ${fmt(c.test.weakShare, 4)}, ${strong} ${fmt(c.test.strongShare, 4)})`,
        `risk among accepted test answers: ${fmt(c.test.risk, 4)}  (α = ${alpha}; bound ${fmt(upper, 4)})`,
      ].join('\n');
    }
    const g = guaranteeReport(logs.records, { model, alpha, delta, signal, calSplit, testSplit, minAccepted });
    for (const w of g.warnings) report.warn(w);
    if (json) return { threshold: g.threshold, coverage_cal: g.coverageCal, coverage_test: g.coverageTest, risk_test: g.riskTest, upper_bound: g.upperBound };
    return [
      `${model}, signal ${g.signal}, α = ${alpha}, δ = ${delta}; calibration "${calSplit}" (${g.nCal} answers), test "${testSplit}" (${g.nTest})`,
      `threshold: ${g.threshold === null ? 'none (abstain on every query)' : `${g.threshold} (${g.acceptRule})`}`,
      `upper bound on error among accepted calibration answers: ${fmt(g.upperBound, 4)} (≤ α with probability ≥ ${1 - delta})`,
      `coverage: calibration ${fmt(g.coverageCal, 4)}, test ${fmt(g.coverageTest, 4)} (${g.acceptedTest} of ${g.nTest} answers)`,
      `risk among accepted test answers: ${fmt(g.riskTest, 4)}  (α = ${alpha})${g.riskTest !== null && g.riskTest > alpha ? '  ← above α on this split' : ''}`,
    ].join('\n');
  },
};
