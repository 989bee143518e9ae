import { uniqueModels } from '../../engines/logs/joinByQuery';
import { methodAdvice } from '../../engines/tuning/methodAdvice';
import { tuneCascade } from '../../engines/tuning/tuneCascade';
import { BOOTSTRAP_OPTIONS, BOOTSTRAP_USAGE, bootstrapOptions } from '../bootstrapOptions';
import type { TuneMethod } from '../../engines/tuning/types';
import { CliError } from '../cliError';
import { formatTable } from '../format';
import { loadLogs } from '../loadLogs';
import type { CliCommand } from '../command';
import { appendAll } from '../../shared/arrays';
import { formatCascade, formatFixed, formatShare, formatUsd } from '../../protocol/format';

const METHODS: TuneMethod[] = ['rt', 'grid', 'bo'];

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
    const known = uniqueModels(logs.records);
    const unknown = cascade.filter((m) => !known.includes(m));
    if (unknown.length)
      throw new CliError(
        `${positionals[0]}: no records for model(s) ${unknown.join(', ')} (models in the log: ${known.join(', ')})`,
      );
    if (new Set(cascade).size !== cascade.length) throw new CliError('--cascade lists a model twice');
    const result = tuneCascade({
      records: logs.records,
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
    const cmp = result.comparison;
    const advice = methodAdvice(result);
    if (json) {
      const out: Record<string, unknown> = {};
      for (const m of methods) {
        const r = result.methods[m]!;
        const ci = cmp?.points[m];
        out[m] = {
          frontier: r.points.map((p, i) => ({
            thresholds: p.thresholds,
            expected_cost: p.expectedCost,
            expected_error: p.expectedError,
            test_cost: p.testCost,
            test_error: p.testError,
            ...(ci?.[i]
              ? {
                  test_cost_ci_low: ci[i].cost.ci_low,
                  test_cost_ci_high: ci[i].cost.ci_high,
                  test_error_ci_low: ci[i].error.ci_low,
                  test_error_ci_high: ci[i].error.ci_high,
                }
              : {}),
          })),
          seconds: r.seconds,
          evaluations: r.evaluations,
          lambdas: r.lambdas,
        };
      }
      if (method === 'all')
        out.auc = { rt: result.auc.rt ?? null, grid: result.auc.grid ?? null, bo: result.auc.bo ?? null };
      if (cmp) {
        out.auc_intervals = Object.fromEntries(
          methods.map((m) => [m, cmp.auc[m] ? { ci_low: cmp.auc[m]!.ci_low, ci_high: cmp.auc[m]!.ci_high } : null]),
        );
        // diff = that method's AUC − the best method's; p_better = share of resamples in which the best method's AUC is strictly lower.
        out.auc_differences = cmp.differences.map((d) => ({
          method: d.method,
          versus: d.versus,
          diff: d.value,
          ci_low: d.ci_low,
          ci_high: d.ci_high,
          p_value: d.p_value,
          p_better: d.p_better,
          verdict: d.verdict,
        }));
        out.best_method = cmp.best;
        out.suggested = cmp.suggested
          ? {
              method: cmp.suggested.method,
              index: cmp.suggested.index,
              most_accurate_index: cmp.suggested.lowest,
              p_value_vs_most_accurate: cmp.suggested.vs_lowest.p_value,
            }
          : null;
        out.intervals = {
          method: 'paired percentile bootstrap over the test queries; thresholds fixed',
          replicates: cmp.replicates,
          valid_replicates: cmp.valid_replicates,
          seed: cmp.seed,
          level: cmp.level,
          seconds: cmp.seconds,
        };
        if (advice) out.advice = advice;
      }
      return out;
    }
    const lines = [
      `cascade ${formatCascade(cascade)}: ${result.trainQueries} training and ${result.testQueries} test queries answered by every model`,
    ];
    for (const m of methods) {
      const r = result.methods[m]!;
      const a = cmp?.auc[m];
      const effort =
        m === 'grid' ? `${r.evaluations} candidates` : `${r.evaluations} evaluations over ${r.lambdas} values of λ`;
      lines.push(
        '',
        `${m}: ${r.points.length} frontier points in ${formatFixed(r.seconds, 3)} s (${effort})${result.auc[m] != null ? `, test AUC ${formatFixed(result.auc[m]!, 4)}${a ? ` (95% CI ${formatFixed(a.ci_low, 4)}-${formatFixed(a.ci_high, 4)})` : ''}` : ''}`,
      );
      const step = Math.max(1, Math.ceil(r.points.length / 12));
      const ci = cmp?.points[m];
      const rows = r.points
        .map((p, i) => ({ p, i }))
        .filter(
          ({ i }) =>
            i % step === 0 || i === r.points.length - 1 || (cmp?.suggested?.method === m && i === cmp.suggested.index),
        )
        .map(({ p, i }) => [
          `${i + 1}${cmp?.suggested?.method === m && i === cmp.suggested.index ? ' *' : ''}`,
          p.thresholds.map((t) => formatFixed(t, 3)).join(', '),
          formatUsd(p.expectedCost),
          formatShare(p.expectedError),
          formatUsd(p.testCost),
          ...(ci?.[i] ? [`${formatUsd(ci[i].cost.ci_low)} – ${formatUsd(ci[i].cost.ci_high)}`] : []),
          formatShare(p.testError),
          ...(ci?.[i] ? [`${formatShare(ci[i].error.ci_low)} – ${formatShare(ci[i].error.ci_high)}`] : []),
        ]);
      lines.push(
        formatTable(
          [
            '#',
            'thresholds',
            'exp. $/query',
            'exp. error',
            'test $/query',
            ...(ci ? ['95% CI'] : []),
            'test error',
            ...(ci ? ['95% CI'] : []),
          ],
          rows,
        ),
      );
    }
    if (result.auc.interval)
      lines.push(
        '',
        `AUC = mean test error over ${formatUsd(result.auc.interval[0])} – ${formatUsd(result.auc.interval[1])} per query, the test cost range Rational Tuning and grid search share (the same whichever methods run)`,
      );
    if (advice) appendAll(lines, ['', advice.headline, ...advice.details.map((d) => `  - ${d}`)]);
    return lines.join('\n');
  },
};
