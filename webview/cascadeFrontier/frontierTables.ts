/** The tables of the Frontier tab (methods compared, the cascade's models) and the rows and choices built from a tuning result. Pure builders. */
import { METHOD_LABEL, type TuneCascadeResult, type TuneMethod } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatSeconds, formatShare, formatUsd, formatUsdPerQuery } from '../../src/protocol/format';
import { formatP } from '../../src/engines/uncertainty/intervals';
import type { ExportFn } from '../ui/exporter';
import { TableCard } from '../ui/tableCard';

export interface MethodRow {
  method: TuneMethod;
  points: number;
  auc: number | null;
  /** 95% interval of the AUC (null: not computed). */
  aucCi: { ci_low: number; ci_high: number } | null;
  /** Against the method with the lowest AUC: '' for that method itself. */
  versus: string;
  seconds: number;
  notes: string;
}
export type ModelRow = TuneCascadeResult['models'][number] & { tauNext: number | null };

/** The methods compared: points, AUC with its interval and its difference to the lowest, search time. */
export function methodsTableCard(exportFile: ExportFn, stem: (what: string) => string): TableCard<MethodRow> {
  return new TableCard<MethodRow>(
    {
      id: 'methods',
      title: 'Methods',
      fileStem: () => stem('methods'),
      columns: [
        { id: 'method', title: 'Method', value: (r) => r.method, format: (r) => METHOD_LABEL[r.method] },
        { id: 'points', title: 'Points', numeric: true, value: (r) => r.points },
        {
          id: 'auc',
          title: 'AUC (test)',
          help: 'Mean test error over the cost interval every method covers (lower is better)',
          numeric: true,
          value: (r) => r.auc,
          format: (r) => (r.auc === null ? '—' : formatFixed(r.auc, 4)),
        },
        {
          id: 'auc_ci',
          title: 'AUC 95% CI',
          help: 'Paired bootstrap over the test queries, thresholds fixed',
          numeric: true,
          value: (r) => r.aucCi?.ci_low ?? null,
          format: (r) => (r.aucCi ? `${formatFixed(r.aucCi.ci_low, 4)} – ${formatFixed(r.aucCi.ci_high, 4)}` : '—'),
          csv: [
            { id: 'auc_ci_low', value: (r) => r.aucCi?.ci_low ?? null },
            { id: 'auc_ci_high', value: (r) => r.aucCi?.ci_high ?? null },
          ],
        },
        {
          id: 'versus_best',
          title: 'Against the lowest AUC',
          help: 'Difference to the method with the lowest AUC: its 95% interval and the two-sided bootstrap p-value',
          value: (r) => r.versus,
        },
        {
          id: 'seconds',
          title: 'Search time',
          help: 'Wall-clock time of the threshold search (scoring excluded)',
          numeric: true,
          value: (r) => r.seconds,
          format: (r) => formatSeconds(r.seconds),
        },
        { id: 'notes', title: 'Notes', wrap: true, value: (r) => r.notes },
      ],
    },
    exportFile,
  );
}
/** The cascade's models alone: test cost and error, calibrator slope, rank correlation with the next model. */
export function modelsTableCard(exportFile: ExportFn, stem: (what: string) => string): TableCard<ModelRow> {
  return new TableCard<ModelRow>(
    {
      id: 'cascade-models',
      title: 'Models of the cascade',
      fileStem: () => stem('cascade-models'),
      columns: [
        { id: 'model', title: 'Model', value: (r) => r.model },
        {
          id: 'mean_cost_test_usd',
          title: 'Cost $/query (test)',
          numeric: true,
          value: (r) => r.meanCostTest,
          format: (r) => formatUsd(r.meanCostTest),
        },
        {
          id: 'test_error',
          title: 'Test error alone',
          numeric: true,
          value: (r) => r.testError,
          format: (r) => formatShare(r.testError),
        },
        {
          id: 'calibrator_slope',
          title: 'Calibrator slope',
          help: 'Logistic calibrator on the transformed confidence (eqs. 2.16–2.18)',
          numeric: true,
          value: (r) => r.calibrator.slope,
          format: (r) => formatFixed(r.calibrator.slope, 3),
        },
        {
          id: 'tau_next',
          title: "Kendall's τ with next",
          help: "Rank correlation of calibrated confidence with the next model (training split); the Gumbel copula's θ = 1/(1 − τ)",
          numeric: true,
          value: (r) => r.tauNext,
          format: (r) => (r.tauNext === null ? '—' : formatFixed(r.tauNext, 3)),
        },
      ],
    },
    exportFile,
  );
}

/** One row per method tuned; "versus" is its AUC difference to the lowest-AUC method with the verdict and p-value. */
export function methodRows(r: TuneCascadeResult, methods: readonly TuneMethod[]): MethodRow[] {
  const cmp = r.comparison;
  const versus = (m: TuneMethod): string => {
    if (!cmp) return '—';
    if (cmp.best === m) return cmp.differences.length ? 'lowest' : '';
    const d = cmp.differences.find((x) => x.method === m);
    return d
      ? `+${formatFixed(d.value, 4)} (${formatFixed(d.ci_low, 4)} – ${formatFixed(d.ci_high, 4)}), ${d.verdict === 'better' ? 'worse' : d.verdict === 'worse' ? 'better' : 'tied'}, ${formatP(d.p_value, cmp.valid_replicates)}`
      : '—';
  };
  return methods.map((m) => ({
    method: m,
    points: r.methods[m]!.points.length,
    auc: r.methods[m]!.auc,
    aucCi: cmp?.auc[m] ?? null,
    versus: versus(m),
    seconds: r.methods[m]!.seconds,
    notes: r.methods[m]!.warnings.join(' '),
  }));
}

/** The operating-point dropdown's choices: none, then every point of every method with its test error and cost. */
export function pointChoices(r: TuneCascadeResult, methods: readonly TuneMethod[]): { value: string; label: string }[] {
  return [
    { value: '', label: '(none)' },
    ...methods.flatMap((m) =>
      r.methods[m]!.points.map((p, i) => ({
        value: `${m}:${i}`,
        label: `${METHOD_LABEL[m]} #${i + 1}: test error ${formatShare(p.testError)} at ${formatUsdPerQuery(p.testCost)}`,
      })),
    ),
  ];
}
