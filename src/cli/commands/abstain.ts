import { abstainReport } from '../../engines/abstention/abstainReport';
import type { SignalChoice } from '../../engines/abstention/certaintySignal';
import type { EvalRecord } from '../../engines/logs/types';
import type { RecordView } from '../../engines/logs/recordView';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';
import { formatTable } from '../format';
import { numberOption, requireModel } from '../numberOption';
import type { CliCommand } from '../command';
import { formatFixed } from '../../protocol/format';
import { requireConfidence } from '../confidenceCheck';

export const SIGNALS: readonly SignalChoice[] = ['auto', 'confidence', 'calibrated', 'p_true', 'output_tokens'];

/**
 * Reads the logs of a selective-prediction command, keeping the records of the models `pick`
 * chooses from the log's models (it checks the command's model options against them). A
 * `calibrated` signal is fitted on the "train" split and the curves are scored on "test" (unless
 * --split says otherwise); a log without those splits gets a seeded random one (noted in the
 * report). Other signals fit nothing: every record of those models is used.
 */
export async function loadForSignals(
  args: Pick<Parameters<CliCommand['run']>[0], 'positionals' | 'values' | 'report' | 'signal'>,
  calibrated: boolean,
  pick: (models: string[]) => string[],
): Promise<{ records: EvalRecord[]; fitOn: readonly EvalRecord[]; split: string | undefined; log: RecordView }> {
  const given = args.values.split as string | undefined;
  const logs = await loadLogs(
    args.positionals,
    args.values,
    args.report,
    calibrated ? { fit: { testSplit: given }, signal: args.signal } : { signal: args.signal },
  );
  const records = logs.recordsOf(pick(logs.models));
  const log = logs.view;
  if (!calibrated) return { records, fitOn: records, split: given, log };
  return { records, fitOn: records.filter((r) => r.split === 'train'), split: given ?? 'test', log };
}

/** Parses --signal (default auto). */
export function signalOption(raw: unknown, flag = '--signal'): SignalChoice {
  const s = (raw as string | undefined) ?? 'auto';
  if (!(SIGNALS as readonly string[]).includes(s))
    throw new CliError(`${flag} must be one of ${SIGNALS.join(', ')}, got "${s}"`);
  return s as SignalChoice;
}

export const abstainCommand: CliCommand = {
  name: 'abstain',
  usage:
    'abstain <log...> --model M [--signal auto|confidence|calibrated|p_true|output_tokens] [--max-rejection 0.2] [--split S] [--json]',
  help: [
    'Selective prediction (thesis §4.3): accuracy A(r) on the (1 − r) share of answers with the most certain signal, for r = 0, 0.01, ...,',
    '      max-rejection, and AUARC, the mean of A(r). Signal auto = output tokens for reasoning models (longer = less certain), else confidence;',
    '      calibrated = confidence through a logistic calibrator fitted on the "train" split.',
    '      Tied signals count with their mean correctness (the expectation under random tie-breaking).',
  ].join('\n'),
  readsLogs: true,
  options: {
    model: { type: 'string' },
    signal: { type: 'string' },
    'max-rejection': { type: 'string' },
    split: { type: 'string' },
  },
  async run({ positionals, values, json, signal: abort, report }) {
    const signal = signalOption(values.signal);
    const maxRejection = numberOption(values['max-rejection'], '--max-rejection', { min: 0, max: 1, open: 'max' }, 0.2);
    let model = '';
    const { records, fitOn, split, log } = await loadForSignals(
      { positionals, values, report, signal: abort },
      signal === 'calibrated',
      (models) => [(model = requireModel(models, values.model, '--model'))],
    );
    requireConfidence(records, [{ model, signal }], 'an accuracy–rejection curve on a confidence signal', log);
    const rep = abstainReport(records, { model, signal, maxRejection, split, fitOn });
    for (const w of rep.warnings) report.warn(w);
    if (rep.n === 0)
      throw new CliError(
        `${model} has no answers with a ${rep.signal} signal${split !== undefined ? ` in split "${split}"` : ''}${rep.warnings.length ? ` (${rep.warnings[0]})` : ''}`,
      );
    if (json)
      return {
        model,
        curve: rep.curve.map((p) => ({ rejection: p.rejection, accuracy: p.accuracy })),
        auarc: rep.auarc,
      };
    const rows = rep.curve.map((p) => [
      formatFixed(p.rejection, 2),
      formatFixed(p.accuracy, 4),
      formatFixed(p.accuracy === null ? null : 1 - p.accuracy, 4),
    ]);
    return [
      `${model}: ${rep.n} answers${split !== undefined ? ` in split "${split}"` : ''}, signal ${rep.signal}`,
      formatTable(['rejection', 'accuracy', 'error'], rows),
      `AUARC (mean accuracy over r = 0..${maxRejection}): ${formatFixed(rep.auarc, 4)}  (no rejection: ${formatFixed(rep.baseAccuracy, 4)})`,
    ].join('\n');
  },
};
