/**
 * The "Diagnostics" tab (thesis §2.4 "Practical Guidelines"): flagged diagnostics first, then per
 * model the fitted marginal against the histogram (√CvM, p), per adjacent pair the copula scatter
 * against Gumbel draws (√CvM, p), the Kendall's τ heatmap and the Markov-predictor table (Table 2.3).
 * Ids: `#flags`, `#tau-heatmap`, `#markov-table`; tables `[data-table="marginals"]`,
 * `[data-table="copulas"]`; charts `[data-chart="marginal-<i>"]`, `[data-chart="copula-<i>"]`.
 */
import type { CascadeDiagnostics } from '../../src/protocol/cascadeFrontier';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { diagnosticCharts } from './diagnosticsCharts';
import { copulasTableCard, marginalsTableCard, markovTable, tauHeatmap } from './diagnosticsTables';
import { problemsList, showProblems } from './tabProblems';
import { onThemeChange, readChartTheme } from '../ui/theme';

export interface DiagnosticsTab {
  element: HTMLElement;
  show(d: CascadeDiagnostics): void;
  clear(): void;
}

/** The τ heatmap's card around `heatmap`, and the Markov-predictor table's around `markov`. */
function markovCards(heatmap: HTMLElement, markov: HTMLElement): HTMLElement[] {
  return [
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
  ];
}

/** The flags box: how many diagnostics look bad and which, or that none does. */
function showFlags(flags: HTMLElement, d: CascadeDiagnostics): void {
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
}

/** The tab; `show` renders a diagnostics result, `clear` empties it. The heatmap follows theme changes. */
export function diagnosticsTab(exportFile: ExportFn, stem: (what: string) => string): DiagnosticsTab {
  const summary = h('p', { id: 'diagnostics-summary', className: 'headline' });
  const flags = h('div', { id: 'flags', role: 'status' });
  const problems = problemsList();
  const marginals = marginalsTableCard(exportFile, stem);
  const copulas = copulasTableCard(exportFile, stem);
  const charts = diagnosticCharts(exportFile, stem);
  const heatmap = h('div', { className: 'table-scroll' });
  const markov = h('div', { className: 'table-scroll' });
  let last: CascadeDiagnostics | null = null;

  const renderHeatmap = (d: CascadeDiagnostics): void => replaceChildren(heatmap, tauHeatmap(d, readChartTheme()));

  const content = h(
    'div',
    { hidden: true },
    marginals.element,
    charts.marginals,
    copulas.element,
    charts.copulas,
    ...markovCards(heatmap, markov),
  );

  const show = (d: CascadeDiagnostics): void => {
    last = d;
    showProblems(problems, d);
    summary.textContent = `Models fitted on the training split, checked on the ${d.split} split (${d.n.toLocaleString('en-US')} queries).`;
    showFlags(flags, d);
    marginals.update(d.marginals);
    copulas.update(d.copulas);
    charts.show(d);
    renderHeatmap(d);
    replaceChildren(markov, markovTable(d));
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
