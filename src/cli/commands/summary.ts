import { hasNoConfidence, NO_CONFIDENCE_MESSAGE } from '../../engines/logs/confidencePresence';
import { summarizeModels, type ModelSummary } from '../../engines/logs/summarizeModels';
import { sliceSummaries, type SliceSummary } from '../../engines/slices/sliceSummaries';
import { SliceError } from '../../engines/slices/whereFilter';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';
import { summarizeExtraFields, type ExtraFieldSummary } from '../../engines/logs/summarizeExtraFields';
import { formatTable } from '../format';
import { DASH, formatFixed, formatUsd } from '../../protocol/format';
import type { CliCommand } from '../command';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE, bootstrapOptions } from '../bootstrapOptions';
import type { MethodInterval } from '../../engines/uncertainty/meanInterval';

/** "[0.829, 0.862]" for an interval shown by `show`, a dash when there is none. */
const range = (ci: MethodInterval | null, show: (x: number) => string): string =>
  ci ? `[${show(ci.ci_low)}, ${show(ci.ci_high)}]` : DASH;
const share = (x: number): string => formatFixed(x, 3);

export const summaryCommand: CliCommand = {
  name: 'summary',
  usage: `summary <log...> [--split S] [--by field] [--where field=value] ${BOOTSTRAP_USAGE} [--prices prices.json] [--json]`,
  help: [
    'Per model: n, accuracy, mean cost, latency and output tokens, share of confidences at 0 and 1; skipped lines with reasons.',
    '      95% intervals: accuracy by the Wilson score interval (right/wrong scores) or a bootstrap of the mean grade; mean cost by a',
    '      percentile bootstrap (--bootstrap B resamples, default 2000; --seed S). --json: accuracy_ci and mean_cost_usd_ci {ci_low, ci_high}.',
    '      --by field: the same figures per value of a text field (task, split, subject...; records without it are left out);',
    '      --json then adds "slices": [{field, value, models}]. The fields and values of a log: `costrisk fields <log...>`.',
  ].join('\n'),
  readsLogs: true,
  options: { split: { type: 'string' }, by: { type: 'string' }, ...BOOTSTRAP_OPTIONS },
  async run({ positionals, values, json, signal, report }) {
    const logs = await loadLogs(positionals, values, report, { signal });
    const split = values.split as string | undefined;
    const { replicates, seed } = bootstrapOptions(values);
    // The view reads a native log's columnar table directly: no record objects are made.
    const models = summarizeModels(logs.view, split, { replicates, seed });
    const extra = summarizeExtraFields(logs.view, split);
    const by = values.by as string | undefined;
    const slices = by === undefined ? null : bySlices(logs.records, by, split, { replicates, seed });
    // "extra_fields" only when the log has other numeric or true/false fields; main adds "warnings" and "skipped".
    if (hasNoConfidence(logs.view)) report.warn(NO_CONFIDENCE_MESSAGE);
    if (json)
      return {
        models,
        adapter: logs.adapter,
        ...(extra.length ? { extra_fields: extra } : {}),
        ...(slices ? { slices } : {}),
      };
    const lines = [
      `${logs.view.length} records from ${positionals.length} file(s), adapter ${logs.adapter}${split !== undefined ? `, split "${split}"` : ''}`,
      modelTable(models),
    ];
    if (models.length === 0) lines.push(`no records in split "${split}"`);
    if (extra.length) lines.push('other fields (mean; share of true for true/false):', extraFieldsTable(extra));
    if (slices && by !== undefined) lines.push(`per ${by}:`, slicesTable(by, slices));
    return lines.join('\n');
  },
};

/** `--by field`: the figures per value of the field (a field the log does not have is the user's error). */
function bySlices(
  records: Parameters<typeof sliceSummaries>[0],
  by: string,
  split: string | undefined,
  bootstrap: { replicates: number; seed: number },
): SliceSummary[] {
  try {
    return sliceSummaries(records, by, split, bootstrap);
  } catch (e) {
    if (e instanceof SliceError) throw new CliError(e.message);
    throw e;
  }
}

/** One row per model: n, accuracy and cost with their intervals, where the cost came from, latency, tokens, confidence shares. */
function modelTable(models: readonly ModelSummary[]): string {
  return formatTable(
    [
      'model',
      'n',
      'accuracy',
      'acc. 95% CI',
      'cost $/query',
      'cost 95% CI',
      'cost from',
      'latency s',
      'out tokens',
      'reasoning',
      'conf=0',
      'conf=1',
    ],
    models.map((m) => [
      m.model,
      ...accuracyCostCells(m),
      m.cost_source,
      formatFixed(m.mean_latency_s, 3),
      formatFixed(m.mean_output_tokens, 1),
      formatFixed(m.mean_reasoning_tokens, 1),
      formatFixed(m.share_conf_0, 3),
      formatFixed(m.share_conf_1, 3),
    ]),
  );
}

/** A model's n, accuracy with its interval and mean cost with its interval, as table cells. */
function accuracyCostCells(
  m: Pick<ModelSummary, 'n' | 'accuracy' | 'accuracy_ci' | 'mean_cost_usd' | 'mean_cost_usd_ci'>,
): string[] {
  return [
    String(m.n),
    formatFixed(m.accuracy, 3),
    range(m.accuracy_ci, share),
    formatUsd(m.mean_cost_usd),
    range(m.mean_cost_usd_ci, formatUsd),
  ];
}

/** The log's other numeric and true/false fields, per model. */
function extraFieldsTable(extra: readonly ExtraFieldSummary[]): string {
  return formatTable(
    ['model', 'field', 'kind', 'mean', 'n'],
    extra.map((e) => [e.model, e.field, e.kind, formatFixed(e.mean, 4), String(e.n)]),
  );
}

/** Accuracy and cost per value of the `--by` field and model. */
function slicesTable(by: string, slices: readonly SliceSummary[]): string {
  return formatTable(
    [by, 'model', 'n', 'accuracy', 'acc. 95% CI', 'cost $/query', 'cost 95% CI'],
    slices.flatMap((sl) => sl.models.map((m) => [sl.value, m.model, ...accuracyCostCells(m)])),
  );
}
