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
} from '../charts/tuningDiagnosticsCharts';
import type { CascadeDiagnostics } from '../../src/protocol/cascadeFrontier';
import { formatFixed } from '../../src/protocol/format';
import type { CopulaDiagnostic, MarginalDiagnostic } from '../../src/engines/tuning/cascadeDiagnostics';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import {
  copulaFlagged,
  copulasTableCard,
  marginalFlagged,
  marginalsTableCard,
  markovTable,
  pText,
  tauHeatmap,
} from './diagnosticsTables';
import { onThemeChange, readChartTheme } from '../ui/theme';

export interface DiagnosticsTab {
  element: HTMLElement;
  show(d: CascadeDiagnostics): void;
  clear(): void;
}

export function diagnosticsTab(exportFile: ExportFn, stem: (what: string) => string): DiagnosticsTab {
  const summary = h('p', { id: 'diagnostics-summary', className: 'headline' });
  const flags = h('div', { id: 'flags', role: 'status' });
  const problems = h('ul', { className: 'problems', role: 'alert', hidden: true });
  const marginals = marginalsTableCard(exportFile, stem);
  const copulas = copulasTableCard(exportFile, stem);
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

  const renderHeatmap = (d: CascadeDiagnostics): void => replaceChildren(heatmap, tauHeatmap(d, readChartTheme()));
  const renderMarkov = (d: CascadeDiagnostics): void => replaceChildren(markov, markovTable(d));

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
