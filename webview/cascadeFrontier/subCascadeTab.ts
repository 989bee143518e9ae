/**
 * The "Sub-cascades" tab: every ordered sub-cascade of the chosen models, and which one dominates
 * where on the cost axis. Ids: `#subcascade-summary`, chart `[data-chart="subcascades"]`, tables
 * `[data-table="dominance"]` and `[data-table="subcascade-auc"]`.
 */
import { cascadeName, subCascadeConfig, subCascadeTable, type SubCascadeChartData } from '../charts/subCascadeChart';
import { METHOD_LABEL, type SubCascadeResult, type TuneMethod } from '../../src/protocol/cascadeFrontier';
import { formatSeconds, plural } from '../../src/protocol/format';
import { ChartCard } from '../ui/chartCard';
import { h } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { dominanceRows } from './dominanceRows';
import { aucTableCard, dominanceTableCard } from './subCascadeTables';
import { problemsList, showProblems } from './tabProblems';

export interface SubCascadeTab {
  element: HTMLElement;
  show(result: SubCascadeResult, methods: TuneMethod[]): void;
  clear(): void;
}

/** The tab; `show` renders a sub-cascades result for the methods that were run (the first decides dominance). */
export function subCascadeTab(exportFile: ExportFn, stem: (what: string) => string): SubCascadeTab {
  const summary = h('p', { id: 'subcascade-summary', className: 'headline' });
  const problems = problemsList();
  const chart = new ChartCard<SubCascadeChartData>(
    {
      id: 'subcascades',
      title: 'Sub-cascades: test error versus cost',
      fileStem: () => stem('subcascades'),
      describe: (d) =>
        `Test error-cost curves of ${d.result.cascades.length} sub-cascades; the lower envelope passes through ${[...new Set(d.result.dominance.map((s) => cascadeName(s.cascade)))].join('; ')}.`,
      config: subCascadeConfig,
      table: subCascadeTable,
      height: 420,
    },
    exportFile,
    (d) => (d.result.cascades.length === 0 ? 'Nothing to show: no sub-cascade could be tuned.' : null),
  );
  let methods: TuneMethod[] = ['rt'];
  const dominance = dominanceTableCard(exportFile, stem);
  const auc = aucTableCard(exportFile, stem, () => methods);
  const folded = h('p', { className: 'empty', 'data-note': 'dominance-folded' });
  const content = h('div', { hidden: true }, chart.element, dominance.element, folded, auc.element);
  return {
    element: h('div', {}, summary, problems, content),
    show(r, ms) {
      methods = ms;
      showProblems(problems, r);
      const winners = [...new Set(r.dominance.map((s) => cascadeName(s.cascade)))];
      summary.textContent = r.cascades.length
        ? `${plural(r.cascades.length, 'ordered sub-cascade')} of ${r.models.join(', ')} tuned in ${formatSeconds(r.seconds)} (${METHOD_LABEL[ms[0]]} decides dominance); ${plural(winners.length, 'system')} on the lower envelope.`
        : `No sub-cascade of ${r.models.join(', ')} could be tuned.`;
      chart.update({ result: r, method: ms[0] });
      const shown = dominanceRows(r.dominance);
      dominance.update(shown.rows);
      folded.hidden = shown.folded === 0;
      folded.textContent = `${plural(shown.folded, 'single-point range')} left out: a sub-cascade lowest at one point of the 400-point cost grid, between stretches of others (the chart shows every curve).`;
      auc.update(r.cascades);
      content.hidden = r.cascades.length === 0;
    },
    clear() {
      summary.textContent = '';
      problems.hidden = true;
      content.hidden = true;
    },
  };
}
