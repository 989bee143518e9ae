/** `costrisk tune` output: the JSON document and the text report of one tuning run. */
import type { TuneCascadeResult } from '../../engines/tuning/tuneCascade';
import type { MethodAdvice } from '../../engines/tuning/methodAdvice';
import type { TuneMethod } from '../../engines/tuning/types';
import { formatTable } from '../format';
import { appendAll } from '../../shared/arrays';
import { formatCascade, formatFixed, formatShare, formatUsd } from '../../protocol/format';

/** Every tuning method, in the order the CLI lists them. */
export const METHODS: TuneMethod[] = ['rt', 'grid', 'bo'];

/** `--json`: per method its frontier (with interval fields when computed); with every method, the AUCs; the comparison. */
export function tuneJson(
  result: TuneCascadeResult,
  methods: readonly TuneMethod[],
  advice: MethodAdvice | null,
): Record<string, unknown> {
  const cmp = result.comparison;
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
  if (methods.length === METHODS.length)
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
  return out;
}

/** The text report: per method its frontier (a dozen rows, the suggested point marked), the AUC range, the advice. */
export function tuneText(
  result: TuneCascadeResult,
  cascade: readonly string[],
  methods: readonly TuneMethod[],
  advice: MethodAdvice | null,
): string {
  const cmp = result.comparison;
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
}
