/**
 * The tables of the Diagnostics tab: marginal and copula fits (with the engine's flagging rules),
 * the Kendall's τ heatmap and the Markov-predictor table. Pure builders.
 */
import { tauColour } from '../charts/tuningDiagnosticsCharts';
import type { ChartTheme } from '../charts/chartTheme';
import type { CascadeDiagnostics } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatShare } from '../../src/protocol/format';
import type { CopulaDiagnostic, MarginalDiagnostic } from '../../src/engines/tuning/cascadeDiagnostics';
import { h } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { TableCard } from '../ui/tableCard';

export const pText = (p: number): string => (p < 0.001 ? '< 0.001' : formatFixed(p, 3));
/** The engine's own flagging rules (src/engines/tuning/cascadeDiagnostics.ts). */
export const marginalFlagged = (d: MarginalDiagnostic): boolean => d.pValue < 0.05 && d.sqrtCvm > 0.05;
export const copulaFlagged = (d: CopulaDiagnostic): boolean => d.pValue < 0.05;

/** Per model: its fitted marginal against the data (√CvM, p), flagged by the engine's rule. */
export function marginalsTableCard(
  exportFile: ExportFn,
  stem: (what: string) => string,
): TableCard<MarginalDiagnostic> {
  return new TableCard<MarginalDiagnostic>(
    {
      id: 'marginals',
      title: 'Marginal fit per model (Table 2.5)',
      fileStem: () => stem('marginals'),
      rowClass: (r) => (marginalFlagged(r) ? 'flagged' : undefined),
      columns: [
        {
          id: 'model',
          title: 'Model',
          value: (r) => r.model,
          format: (r) => (marginalFlagged(r) ? `⚠ ${r.model}` : r.model),
        },
        {
          id: 'sqrt_cvm',
          title: '√CvM',
          help: 'Square-rooted Cramér–von Mises distance between the fitted marginal and the evaluated confidences',
          numeric: true,
          value: (r) => r.sqrtCvm,
          format: (r) => formatFixed(r.sqrtCvm, 3),
        },
        {
          id: 'p_value',
          title: 'p',
          help: 'Parametric-bootstrap p-value of √CvM',
          numeric: true,
          value: (r) => r.pValue,
          format: (r) => pText(r.pValue),
        },
        {
          id: 'w_min',
          title: 'Mass at φmin',
          numeric: true,
          value: (r) => r.marginal.wMin,
          format: (r) => formatShare(r.marginal.wMin),
        },
        {
          id: 'w_max',
          title: 'Mass at φmax',
          numeric: true,
          value: (r) => r.marginal.wMax,
          format: (r) => formatShare(r.marginal.wMax),
        },
        {
          id: 'ece10',
          title: 'ECE (10 bins)',
          numeric: true,
          value: (r) => r.ece10,
          format: (r) => formatShare(r.ece10),
        },
      ],
    },
    exportFile,
  );
}

/** Per adjacent pair: the Gumbel copula against the data (√CvM, p) and Kendall's τ. */
export function copulasTableCard(exportFile: ExportFn, stem: (what: string) => string): TableCard<CopulaDiagnostic> {
  return new TableCard<CopulaDiagnostic>(
    {
      id: 'copulas',
      title: 'Gumbel copula fit per adjacent pair (Table 2.4)',
      fileStem: () => stem('copulas'),
      rowClass: (r) => (copulaFlagged(r) ? 'flagged' : undefined),
      columns: [
        {
          id: 'pair',
          title: 'Pair',
          value: (r) => `${r.from} → ${r.to}`,
          format: (r) => `${copulaFlagged(r) ? '⚠ ' : ''}${r.from} → ${r.to}`,
        },
        { id: 'theta', title: 'θ', numeric: true, value: (r) => r.theta, format: (r) => formatFixed(r.theta, 3) },
        {
          id: 'tau_train',
          title: 'τ (train)',
          numeric: true,
          value: (r) => r.tauTrain,
          format: (r) => (r.tauTrain === null ? '—' : formatFixed(r.tauTrain, 3)),
        },
        {
          id: 'tau_eval',
          title: 'τ (evaluated)',
          numeric: true,
          value: (r) => r.tauEval,
          format: (r) => (r.tauEval === null ? '—' : formatFixed(r.tauEval, 3)),
        },
        {
          id: 'sqrt_n_cvm',
          title: '√n·CvM',
          help: 'Kendall-transform Cramér–von Mises statistic of thesis Table 2.4 (Gumbel family, θ re-fitted on the evaluated split); the thesis reports 0.001–0.016',
          numeric: true,
          value: (r) => r.sqrtNCvm,
          format: (r) => formatFixed(r.sqrtNCvm, 4),
        },
        { id: 'p_value', title: 'p', numeric: true, value: (r) => r.pValue, format: (r) => pText(r.pValue) },
      ],
    },
    exportFile,
  );
}

/** Kendall's τ between every pair of models as a coloured table (`#tau-heatmap`). */
export function tauHeatmap(d: CascadeDiagnostics, theme: ChartTheme): HTMLElement {
  const cell = (v: number | null) => {
    const td = h(
      'td',
      { className: 'num heat', title: v === null ? 'not defined' : `τ = ${formatFixed(v, 4)}` },
      v === null ? '—' : formatFixed(v, 2),
    );
    td.style.backgroundColor = tauColour(theme, v);
    return td;
  };
  return h(
    'table',
    { id: 'tau-heatmap', className: 'data heatmap', 'aria-label': "Kendall's τ between every pair of models" },
    h('thead', {}, h('tr', {}, h('th', {}, ''), ...d.models.map((m) => h('th', { scope: 'col' }, m)))),
    h('tbody', {}, ...d.models.map((m, a) => h('tr', {}, h('th', { scope: 'row' }, m), ...d.tau[a].map(cell)))),
  );
}

/** The Markov-predictor check (Table 2.3) as `#markov-table`: log10 p-values, the smallest per row marked. */
export function markovTable(d: CascadeDiagnostics): HTMLElement {
  if (d.markov.length === 0) {
    return h(
      'p',
      { id: 'markov-table', className: 'empty' },
      'The Markov-predictor check needs at least three models in the cascade.',
    );
  }
  const ancestors = d.models.slice(0, -1);
  const logp = (v: number | null, best: boolean) =>
    h(
      'td',
      { className: `num${v !== null && v < Math.log10(0.05) ? ' significant' : ''}${best ? ' best' : ''}` },
      v === null ? '—' : formatFixed(v, 2),
    );
  return h(
    'table',
    {
      id: 'markov-table',
      className: 'data',
      'aria-label': 'log10 p-values of the Markov predictor and of earlier ancestors',
    },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Predicted'),
        ...ancestors.map((m) => h('th', { scope: 'col', className: 'num' }, m)),
      ),
    ),
    h(
      'tbody',
      {},
      ...d.markov.map((row) => {
        const all = [...row.ancestors.map((a) => a.log10P), row.markovLog10P].filter((v): v is number => v !== null);
        const min = all.length ? Math.min(...all) : null;
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, row.predicted),
          ...ancestors.map((m) => {
            if (m === row.markovPredictor)
              return logp(row.markovLog10P, row.markovLog10P !== null && row.markovLog10P === min);
            const a = row.ancestors.find((x) => x.model === m);
            return a ? logp(a.log10P, a.log10P !== null && a.log10P === min) : h('td', { className: 'num' }, '—');
          }),
        );
      }),
    ),
  );
}
