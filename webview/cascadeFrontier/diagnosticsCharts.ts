/**
 * The chart cards of the Diagnostics tab: per model its fitted marginal against the histogram
 * (`[data-chart="marginal-<i>"]`), per adjacent pair its copula scatter against Gumbel draws
 * (`[data-chart="copula-<i>"]`); titles flag what the engine flags. Rebuilt on every result.
 */
import {
  copulaScatterConfig,
  copulaScatterTable,
  marginalFitConfig,
  marginalFitTable,
} from '../charts/tuningDiagnosticsCharts';
import type { CascadeDiagnostics } from '../../src/protocol/cascadeFrontier';
import { formatFixed } from '../../src/protocol/format';
import { ChartCard, type ChartSpec } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { copulaFlagged, marginalFlagged, pText } from './diagnosticsTables';

export interface DiagnosticCharts {
  /** The grid of marginal-fit charts, one per model. */
  marginals: HTMLElement;
  /** The grid of copula scatters, one per adjacent pair. */
  copulas: HTMLElement;
  /** Replaces both grids' charts with those of `d`. */
  show(d: CascadeDiagnostics): void;
}

/** The two chart grids, empty until `show`. */
export function diagnosticCharts(exportFile: ExportFn, stem: (what: string) => string): DiagnosticCharts {
  const marginals = h('div', { className: 'chart-grid' });
  const copulas = h('div', { className: 'chart-grid' });
  let cards: { destroy(): void }[] = [];

  const card = <D>(
    id: string,
    title: string,
    d: D,
    config: ChartSpec<D>['config'],
    table: ChartSpec<D>['table'],
    describe: string,
  ): HTMLElement => {
    const c = new ChartCard<D>(
      { id, title, fileStem: () => stem(id), describe: () => describe, config, table, height: 300 },
      exportFile,
    );
    c.update(d);
    cards.push(c);
    return c.element;
  };

  return {
    marginals,
    copulas,
    show(d) {
      cards.forEach((c) => c.destroy());
      cards = [];
      replaceChildren(
        marginals,
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
        copulas,
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
    },
  };
}
