import { methodAdvice } from '../../engines/tuning/methodAdvice';
import { tuneCascade } from '../../engines/tuning/tuneCascade';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE, bootstrapOptions } from '../bootstrapOptions';
import type { TuneMethod } from '../../engines/tuning/types';
import { CliError } from '../cliError';
import { loadLogs } from '../loadLogs';
import type { CliCommand } from '../command';
import { METHODS, tuneJson, tuneText } from './tuneOutput';

function intOption(v: unknown, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be an integer ≥ ${min}, got "${String(v)}"`);
  return n;
}

export const tuneCommand: CliCommand = {
  name: 'tune',
  usage: `tune <log> --cascade m1,m2,...,mk [--method rt|grid|bo|all] [--train-split train] [--test-split test] [--low-sample N] ${BOOTSTRAP_USAGE} [--prices prices.json] [--json]`,
  help: [
    'Confidence thresholds of an LLM cascade (thesis ch. 2): Rational Tuning and/or the grid-search and Bayesian-optimisation baselines, each frontier scored on the test split; costs in $ per query.',
    '      95% intervals from a paired bootstrap over the test queries (--bootstrap B resamples, default 2000, 0 for none; thresholds fixed):',
    '      each AUC, each AUC difference to the best method (with "better ... with 95% confidence" or "statistically tied"), and every point\'s',
    '      test error and cost; plus the point to use when accuracy comes first. --json: auc_intervals, auc_differences, suggested, ci fields per point.',
  ].join('\n'),
  readsLogs: true,
  options: {
    cascade: { type: 'string' },
    method: { type: 'string' },
    'train-split': { type: 'string' },
    'test-split': { type: 'string' },
    'low-sample': { type: 'string' },
    ...BOOTSTRAP_OPTIONS,
  },
  async run({ positionals, values, json, signal, report }) {
    if (positionals.length !== 1) throw new CliError('give exactly one log file');
    const cascade = String(values.cascade ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (cascade.length < 2) throw new CliError('--cascade needs at least two comma-separated model names');
    const method = (values.method as string | undefined) ?? 'rt';
    if (method !== 'all' && !METHODS.includes(method as TuneMethod))
      throw new CliError(`--method must be rt, grid, bo or all, got "${method}"`);
    const methods = method === 'all' ? METHODS : [method as TuneMethod];
    const lowSample = intOption(values['low-sample'], 'low-sample', 2);
    const seed = intOption(values.seed, 'seed', 0) ?? 1;
    const { replicates } = bootstrapOptions(values);
    const trainSplit = values['train-split'] as string | undefined;
    const testSplit = values['test-split'] as string | undefined;
    const logs = await loadLogs(positionals, values, report, {
      fit: { trainSplit, testSplit },
      signal,
      needsConfidence: 'tuning a cascade',
    });
    const known = logs.models;
    const unknown = cascade.filter((m) => !known.includes(m));
    if (unknown.length)
      throw new CliError(
        `${positionals[0]}: no records for model(s) ${unknown.join(', ')} (models in the log: ${known.join(', ')})`,
      );
    if (new Set(cascade).size !== cascade.length) throw new CliError('--cascade lists a model twice');
    const result = tuneCascade({
      records: logs.recordsOf(cascade),
      cascade,
      methods,
      trainSplit,
      testSplit,
      lowSample,
      seed,
      bootstrap: 0,
      intervalReplicates: replicates,
      signal,
    });
    if (result.problems.length)
      throw new CliError(`cannot tune: ${result.problems.map((p) => `${p.model}: ${p.message}`).join('; ')}`);
    for (const m of methods) for (const w of result.methods[m]!.warnings) report.warn(`${m}: ${w}`);
    for (const w of result.warnings) report.warn(w);
    const advice = methodAdvice(result);
    if (json) return tuneJson(result, methods, advice);
    return tuneText(result, cascade, methods, advice);
  },
};
