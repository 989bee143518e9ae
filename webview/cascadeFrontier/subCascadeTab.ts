/**
 * The "Sub-cascades" tab: every ordered sub-cascade of the chosen models, and which one dominates
 * where on the cost axis. Ids: `#subcascade-summary`, chart `[data-chart="subcascades"]`, tables
 * `[data-table="dominance"]` and `[data-table="subcascade-auc"]`.
 */
import { cascadeName, subCascadeConfig, subCascadeTable, type SubCascadeChartData } from '../charts/subCascadeChart';
import { METHOD_LABEL, TUNE_METHODS, type SubCascadeResult, type TuneMethod } from '../../src/protocol/cascadeFrontier';
import { formatFixed, formatSeconds, formatShare, formatUsd, plural } from '../../src/protocol/format';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { TableCard } from '../ui/tableCard';
import { dominanceRows } from './dominanceRows';

type Segment = SubCascadeResult['dominance'][number];
type Entry = SubCascadeResult['cascades'][number];

export interface SubCascadeTab {
  element: HTMLElement;
  show(result: SubCascadeResult, methods: TuneMethod[]): void;
  clear(): void;
}

export function subCascadeTab(exportFile: ExportFn, stem: (what: string) => string): SubCascadeTab {
  const summary = h('p', { id: 'subcascade-summary', className: 'headline' });
  const problems = h('ul', { className: 'problems', role: 'alert', hidden: true });
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
  const dominance = new TableCard<Segment>(
    {
      id: 'dominance',
      title: 'Which sub-cascade dominates where',
      fileStem: () => stem('dominance'),
      columns: [
        {
          id: 'cost_from_usd',
          title: 'From ($/query)',
          numeric: true,
          value: (r) => r.costFrom,
          format: (r) => formatUsd(r.costFrom),
        },
        {
          id: 'cost_to_usd',
          title: 'To ($/query)',
          numeric: true,
          value: (r) => r.costTo,
          format: (r) => formatUsd(r.costTo),
        },
        {
          id: 'cascade',
          title: 'Lowest test error',
          help: 'The sub-cascade (or single model) with the lowest test error at this budget',
          value: (r) => cascadeName(r.cascade),
        },
        {
          id: 'error_from',
          title: 'Error from',
          numeric: true,
          value: (r) => r.errorFrom,
          format: (r) => formatShare(r.errorFrom),
        },
        {
          id: 'error_to',
          title: 'Error to',
          numeric: true,
          value: (r) => r.errorTo,
          format: (r) => formatShare(r.errorTo),
        },
      ],
    },
    exportFile,
  );
  let methods: TuneMethod[] = ['rt'];
  const auc = new TableCard<Entry>(
    {
      id: 'subcascade-auc',
      title: 'Every sub-cascade',
      fileStem: () => stem('subcascade-auc'),
      columns: [
        { id: 'cascade', title: 'Sub-cascade', value: (r) => cascadeName(r.cascade) },
        { id: 'k', title: 'k', numeric: true, value: (r) => r.cascade.length },
        ...TUNE_METHODS.map((m) => ({
          id: `auc_${m}`,
          title: `AUC ${m.toUpperCase()}`,
          help: `${METHOD_LABEL[m]}: mean test error over the cost interval the methods share`,
          numeric: true,
          value: (r: Entry) => r.auc[m] ?? null,
          format: (r: Entry) =>
            methods.includes(m)
              ? r.auc[m] === null || r.auc[m] === undefined
                ? '—'
                : formatFixed(r.auc[m]!, 4)
              : 'not run',
        })),
      ],
    },
    exportFile,
  );
  const folded = h('p', { className: 'empty', 'data-note': 'dominance-folded' });
  const content = h('div', { hidden: true }, chart.element, dominance.element, folded, auc.element);
  return {
    element: h('div', {}, summary, problems, content),
    show(r, ms) {
      methods = ms;
      const issues = [...r.problems.map((p) => `${p.model}: ${p.message}`), ...r.warnings];
      replaceChildren(problems, ...issues.map((t) => h('li', {}, t)));
      problems.hidden = issues.length === 0;
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
