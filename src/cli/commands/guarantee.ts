import { guaranteeReport } from '../../engines/riskGuarantee/guaranteeReport';
import { cascadeGuaranteeReport } from '../../engines/riskGuarantee/cascadeGuaranteeReport';
import {
  DEFAULT_GRID_STEP,
  GUARANTEE_METHODS,
  isGuaranteeMethod,
  type GuaranteeMethod,
} from '../../engines/riskGuarantee/testSequence';
import type { SequenceOptions } from '../../engines/riskGuarantee/guaranteeReport';
import type { RecordView } from '../../engines/logs/recordView';
import { uniqueSplits } from '../../engines/logs/joinByQuery';
import type { CliReport } from '../cliReport';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';

import { numberOption, requireModel } from '../numberOption';
import type { CliCommand } from '../command';
import { signalOption } from './abstain';
import { cascadeGuaranteeJson, cascadeGuaranteeText, guaranteeJson, guaranteeText } from './guaranteeOutput';
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
    const sequence = sequenceOptions(values);
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
    const models = logs.models;
    const model = requireModel(models, values.model, '--model');
    const strong = values.strong === undefined ? null : requireModel(models, values.strong, '--strong');
    const used = strong === null ? [model] : [model, strong];
    const records = logs.recordsOf(used);
    requireConfidence(
      records,
      used.map((m) => ({ model: m, signal })),
      'a risk guarantee on a confidence signal',
      logs.view,
    );
    checkSplits(logs.view, calSplit, testSplit, report);
    const run = { alpha, delta, calSplit, testSplit, ...sequence };
    if (strong !== null) {
      if (strong === model) throw new CliError('--model and --strong must be different models');
      const c = cascadeGuaranteeReport(records, {
        weak: model,
        strong,
        weakSignal: signal,
        strongSignal: signal,
        ...run,
      });
      for (const w of c.warnings) report.warn(w);
      return json ? cascadeGuaranteeJson(c, sequence.method) : cascadeGuaranteeText(c, run);
    }
    const g = guaranteeReport(records, { model, signal, ...run });
    for (const w of g.warnings) report.warn(w);
    return json ? guaranteeJson(g) : guaranteeText(g, run);
  },
};

/** --method, --grid-step and --min-accepted: the sequence of thresholds tested. */
function sequenceOptions(values: Record<string, unknown>): SequenceOptions & { method: GuaranteeMethod } {
  const method = methodOption(values.method);
  const gridStep = numberOption(values['grid-step'], '--grid-step', { min: 0, max: 1, open: 'min' }, DEFAULT_GRID_STEP);
  if (method === 'every-answer' && values['grid-step'] !== undefined)
    throw new CliError('--grid-step applies to the grid methods (fixed-sequence, bonferroni), not to every-answer');
  const minAccepted =
    values['min-accepted'] === undefined
      ? undefined
      : numberOption(values['min-accepted'], '--min-accepted', { min: 1, max: Number.MAX_SAFE_INTEGER });
  return { method, gridStep, minAccepted };
}

/** Both splits must hold records; the same split for both is allowed, with a warning (the test is then no independent check). */
function checkSplits(view: RecordView, calSplit: string, testSplit: string, report: CliReport): void {
  const splits = new Set(uniqueSplits(view));
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
}
