/**
 * The "Diagnostics" tab (thesis §2.4 "Practical Guidelines"): flagged diagnostics first, then per
 * model the fitted marginal against the histogram (√CvM, p), per adjacent pair the copula scatter
 * against Gumbel draws (√CvM, p), the Kendall's τ heatmap and the Markov-predictor table (Table 2.3).
 * Ids: `#flags`, `#tau-heatmap`, `#markov-table`; tables `[data-table="marginals"]`,
 * `[data-table="copulas"]`; charts `[data-chart="marginal-<i>"]`, `[data-chart="copula-<i>"]`.
 */
import {
  copulaScatterConfig,
  copulaScatterTable,
  marginalFitConfig,
  marginalFitTable,
  tauColour,
} from '../charts/tuningDiagnosticsCharts';
import type { CascadeDiagnostics } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatShare } from '../../src/protocol/format';
import type { CopulaDiagnostic, MarginalDiagnostic } from '../../src/engines/tuning/cascadeDiagnostics';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { TableCard } from '../ui/tableCard';
import { onThemeChange, readChartTheme } from '../ui/theme';

const pText = (p: number): string => (p < 0.001 ? '< 0.001' : formatFixed(p, 3));
/** The engine's own flagging rules (src/engines/tuning/cascadeDiagnostics.ts). */
const marginalFlagged = (d: MarginalDiagnostic): boolean => d.pValue < 0.05 && d.sqrtCvm > 0.05;
const copulaFlagged = (d: CopulaDiagnostic): boolean => d.pValue < 0.05;

export interface DiagnosticsTab {
  element: HTMLElement;
  show(d: CascadeDiagnostics): void;
  clear(): void;
}

export function diagnosticsTab(exportFile: ExportFn, stem: (what: string) => string): DiagnosticsTab {
  const summary = h('p', { id: 'diagnostics-summary', className: 'headline' });
  const flags = h('div', { id: 'flags', role: 'status' });
  const problems = h('ul', { className: 'problems', role: 'alert', hidden: true });
  const marginals = new TableCard<MarginalDiagnostic>(
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
  const copulas = new TableCard<CopulaDiagnostic>(
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
  const marginalCharts = h('div', { className: 'chart-grid' });
  const copulaCharts = h('div', { className: 'chart-grid' });
  const heatmap = h('div', { className: 'table-scroll' });
  const markov = h('div', { className: 'table-scroll' });
  let cards: ChartCard<MarginalDiagnostic | CopulaDiagnostic>[] = [];
  let last: CascadeDiagnostics | null = null;

  const card = <D extends MarginalDiagnostic | CopulaDiagnostic>(
    id: string,
    title: string,
    d: D,
    config: (x: D, t: ReturnType<typeof readChartTheme>) => ReturnType<typeof marginalFitConfig>,
    table: (x: D) => ReturnType<typeof marginalFitTable>,
    describe: string,
  ): HTMLElement => {
    const c = new ChartCard<D>(
      { id, title, fileStem: () => stem(id), describe: () => describe, config, table, height: 300 },
      exportFile,
    );
    c.update(d);
    cards.push(c as unknown as ChartCard<MarginalDiagnostic | CopulaDiagnostic>);
    return c.element;
  };

  const renderHeatmap = (d: CascadeDiagnostics): void => {
    const theme = readChartTheme();
    const cell = (v: number | null) => {
      const td = h(
        'td',
        { className: 'num heat', title: v === null ? 'not defined' : `τ = ${formatFixed(v, 4)}` },
        v === null ? '—' : formatFixed(v, 2),
      );
      td.style.backgroundColor = tauColour(theme, v);
      return td;
    };
    replaceChildren(
      heatmap,
      h(
        'table',
        { id: 'tau-heatmap', className: 'data heatmap', 'aria-label': "Kendall's τ between every pair of models" },
        h('thead', {}, h('tr', {}, h('th', {}, ''), ...d.models.map((m) => h('th', { scope: 'col' }, m)))),
        h('tbody', {}, ...d.models.map((m, a) => h('tr', {}, h('th', { scope: 'row' }, m), ...d.tau[a].map(cell)))),
      ),
    );
  };

  const renderMarkov = (d: CascadeDiagnostics): void => {
    if (d.markov.length === 0) {
      replaceChildren(
        markov,
        h(
          'p',
          { id: 'markov-table', className: 'empty' },
          'The Markov-predictor check needs at least three models in the cascade.',
        ),
      );
      return;
    }
    const ancestors = d.models.slice(0, -1);
    const logp = (v: number | null, best: boolean) =>
      h(
        'td',
        { className: `num${v !== null && v < Math.log10(0.05) ? ' significant' : ''}${best ? ' best' : ''}` },
        v === null ? '—' : formatFixed(v, 2),
      );
    replaceChildren(
      markov,
      h(
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
            const all = [...row.ancestors.map((a) => a.log10P), row.markovLog10P].filter(
              (v): v is number => v !== null,
            );
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
      ),
    );
  };

  const content = h(
    'div',
    { hidden: true },
    marginals.element,
    marginalCharts,
    copulas.element,
    copulaCharts,
    h(
      'section',
      { className: 'card' },
      h('h2', {}, "Kendall's τ between models (Markov check, Fig. 2.1)"),
      h('p', { className: 'empty' }, 'Under the Markov property the largest correlations sit next to the diagonal.'),
      heatmap,
    ),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, 'Markov-predictor regressions (Table 2.3)'),
      h(
        'p',
        { className: 'empty' },
        "log10 p of each confidence predicting the model's correctness: the predecessor (Markov predictor) should be the most significant; underlined p < 0.05, bold the lowest in the row.",
      ),
      markov,
    ),
  );

  const show = (d: CascadeDiagnostics): void => {
    last = d;
    cards.forEach((c) => c.destroy());
    cards = [];
    const issues = [...d.problems.map((p) => `${p.model}: ${p.message}`), ...d.warnings];
    replaceChildren(problems, ...issues.map((t) => h('li', {}, t)));
    problems.hidden = issues.length === 0;
    summary.textContent = `Models fitted on the training split, checked on the ${d.split} split (${d.n.toLocaleString('en-US')} queries).`;
    flags.className = d.flags.length ? 'problems flags' : 'notes';
    replaceChildren(
      flags,
      ...(d.flags.length
        ? [
            h(
              'strong',
              {},
              `${d.flags.length} diagnostic${d.flags.length === 1 ? '' : 's'} look${d.flags.length === 1 ? 's' : ''} bad:`,
            ),
            h('ul', {}, ...d.flags.map((f) => h('li', {}, f))),
          ]
        : [h('span', {}, 'No diagnostic looks bad.')]),
    );
    marginals.update(d.marginals);
    copulas.update(d.copulas);
    replaceChildren(
      marginalCharts,
      ...d.marginals.map((m, i) =>
        card(
          `marginal-${i}`,
          `${marginalFlagged(m) ? '⚠ ' : ''}${m.model}: fitted marginal vs ${d.split} histogram (√CvM ${formatFixed(m.sqrtCvm, 3)}, p ${pText(m.pValue)})`,
          m,
          marginalFitConfig,
          marginalFitTable,
          `Histogram of ${m.model}'s calibrated confidence with the fitted beta mixture and point masses.`,
        ),
      ),
    );
    replaceChildren(
      copulaCharts,
      ...d.copulas.map((c, i) =>
        card(
          `copula-${i}`,
          `${copulaFlagged(c) ? '⚠ ' : ''}${c.from} → ${c.to}: (u, v) vs Gumbel draws (p ${pText(c.pValue)})`,
          c,
          copulaScatterConfig,
          copulaScatterTable,
          `Copula scatter of ${c.from} and ${c.to} on the ${d.split} split against samples of the fitted Gumbel copula.`,
        ),
      ),
    );
    renderHeatmap(d);
    renderMarkov(d);
    content.hidden = d.marginals.length === 0;
  };

  onThemeChange(() => {
    if (last) renderHeatmap(last);
  });
  return {
    element: h('div', {}, summary, flags, problems, content),
    show,
    clear() {
      last = null;
      summary.textContent = '';
      replaceChildren(flags);
      problems.hidden = true;
      content.hidden = true;
    },
  };
}
