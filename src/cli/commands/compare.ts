import {
  compareRuns,
  NoCommonQueries,
  type PairedDifference,
  type RunComparison,
} from '../../engines/compare/compareRuns';
import { uniqueModels } from '../../engines/logs/joinByQuery';
import type { EvalRecord } from '../../engines/logs/types';
import { formatP } from '../../engines/uncertainty/intervals';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE, bootstrapOptions } from '../bootstrapOptions';
import { CliError } from '../cliError';
import type { CliCommand } from '../command';
import { formatTable } from '../format';
import { formatExactP, formatFixed, formatSignedUsd, formatUsd } from '../../protocol/format';
import { loadLogs } from '../loadLogs';

/** One side of the comparison: a model's records from a file (or the one log). */
interface Side {
  file: string;
  model: string;
  records: EvalRecord[];
}

/** The model a side uses: the one named, else the log's only model; a CliError listing the models otherwise. */
function pickModel(records: readonly EvalRecord[], named: string | undefined, file: string, flag: string): string {
  const models = uniqueModels(records);
  if (named !== undefined) {
    if (!models.includes(named))
      throw new CliError(`${flag}: ${file} has no model "${named}"; its models: ${models.join(', ')}`);
    return named;
  }
  if (models.length === 1) return models[0];
  throw new CliError(`${file} holds ${models.length} models; name one with ${flag} (models: ${models.join(', ')})`);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: `compare <A.jsonl> [<B.jsonl>] [--model M] [--model-a MA] [--model-b MB] ${BOOTSTRAP_USAGE} [--json]`,
  help: [
    'Compares two runs query by query: two logs (one model each, or --model / --model-a / --model-b), or two models of one log',
    '      (--model-a, --model-b; a log of exactly two models needs neither). Queries are matched by query_id. Prints the agreement',
    "      table (both right, only A, only B, both wrong), McNemar's test of the accuracy difference (exact binomial below 25",
    '      discordant queries, else χ² with continuity correction), and A − B of accuracy, cost and latency with 95% paired',
    '      bootstrap intervals (--bootstrap B resamples, default 2000, 0 for none; --seed S).',
  ].join('\n'),
  readsLogs: true,
  options: {
    model: { type: 'string' },
    'model-a': { type: 'string' },
    'model-b': { type: 'string' },
    ...BOOTSTRAP_OPTIONS,
  },
  async run({ positionals, values, json, signal, report }) {
    if (positionals.length < 1 || positionals.length > 2)
      throw new CliError('give two logs (A and B), or one log and two models');
    const boot = bootstrapOptions(values);
    const namedA = text(values['model-a']) ?? text(values.model);
    const namedB = text(values['model-b']) ?? text(values.model);
    let a: Side;
    let b: Side;
    if (positionals.length === 2) {
      const [fa, fb] = positionals;
      const la = (await loadLogs([fa], values, report, { signal })).records;
      const lb = (await loadLogs([fb], values, report, { signal })).records;
      const ma = pickModel(la, namedA, fa, values['model-a'] !== undefined ? '--model-a' : '--model');
      const mb = pickModel(lb, namedB, fb, values['model-b'] !== undefined ? '--model-b' : '--model');
      a = { file: fa, model: ma, records: la.filter((r) => r.model === ma) };
      b = { file: fb, model: mb, records: lb.filter((r) => r.model === mb) };
    } else {
      const [f] = positionals;
      const records = (await loadLogs([f], values, report, { signal })).records;
      const models = uniqueModels(records);
      const ma = text(values['model-a']) ?? (models.length === 2 ? models[0] : undefined);
      const mb = text(values['model-b']) ?? (models.length === 2 ? models[1] : undefined);
      if (ma === undefined || mb === undefined)
        throw new CliError(
          `with one log, name the two models with --model-a and --model-b (models: ${models.join(', ')})`,
        );
      pickModel(records, ma, f, '--model-a');
      pickModel(records, mb, f, '--model-b');
      if (ma === mb) throw new CliError(`--model-a and --model-b are both "${ma}": nothing to compare`);
      a = { file: f, model: ma, records: records.filter((r) => r.model === ma) };
      b = { file: f, model: mb, records: records.filter((r) => r.model === mb) };
    }
    let result: RunComparison;
    try {
      result = compareRuns(a.records, b.records, { replicates: boot.replicates, seed: boot.seed, signal });
    } catch (e) {
      if (e instanceof NoCommonQueries)
        throw new CliError(`${a.model} (${a.file}) and ${b.model} (${b.file}): ${e.message}`);
      throw e;
    }
    if (result.only_in_a + result.only_in_b > 0)
      report.warn(
        `${result.only_in_a} queries only in A and ${result.only_in_b} only in B are left out; the comparison uses the ${result.matched} queries both answered.`,
      );
    if (json) return { a: { file: a.file, model: a.model }, b: { file: b.file, model: b.model }, ...result };
    return formatComparison(a, b, result);
  },
};

/** "−0.169 (95% CI −0.190 to −0.148, bootstrap p = 0.002)" for a difference shown by `show`. */
function differenceText(d: PairedDifference, show: (x: number | null) => string, replicates: number): string {
  const ci =
    d.ci_low !== null && d.ci_high !== null
      ? ` (95% CI ${show(d.ci_low)} to ${show(d.ci_high)}${d.p_value !== null ? `, bootstrap ${formatP(d.p_value, replicates)}` : ''})`
      : '';
  return `${show(d.difference)}${ci}`;
}

const fixed4 = (x: number | null): string => formatFixed(x, 4);

function formatComparison(a: Side, b: Side, r: RunComparison): string {
  const g = r.agreement;
  const m = r.mcnemar;
  const test =
    m.method === 'exact'
      ? `exact binomial test on ${m.only_a + m.only_b} discordant queries`
      : `χ² = ${formatFixed(m.statistic, 3)} with continuity correction, 1 df`;
  const rows: string[][] = [
    [
      'accuracy',
      String(r.accuracy.n),
      formatFixed(r.accuracy.mean_a, 4),
      formatFixed(r.accuracy.mean_b, 4),
      differenceText(r.accuracy, fixed4, r.replicates),
    ],
  ];
  if (r.cost_usd)
    rows.push([
      'cost $/query',
      String(r.cost_usd.n),
      formatUsd(r.cost_usd.mean_a),
      formatUsd(r.cost_usd.mean_b),
      differenceText(r.cost_usd, formatSignedUsd, r.replicates),
    ]);
  if (r.latency_s)
    rows.push([
      'latency s',
      String(r.latency_s.n),
      formatFixed(r.latency_s.mean_a, 4),
      formatFixed(r.latency_s.mean_b, 4),
      differenceText(r.latency_s, fixed4, r.replicates),
    ]);
  return [
    `A: ${a.model} (${a.file})`,
    `B: ${b.model} (${b.file})`,
    `${r.matched} queries answered by both.`,
    '',
    formatTable(
      ['', 'B right', 'B wrong'],
      [
        ['A right', String(g.both_right), String(g.only_a_right)],
        ['A wrong', String(g.only_b_right), String(g.both_wrong)],
      ],
    ),
    '',
    `McNemar's test of equal accuracy: p = ${formatExactP(m.p_value)} (${test}).`,
    '',
    formatTable(['measure', 'n', 'A', 'B', 'A − B'], rows),
  ].join('\n');
}
