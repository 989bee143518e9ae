/**
 * The "Frontier" tab: RT / grid / BO frontiers (predicted and test) on one chart with the bootstrap
 * band, AUC per method, hover details, and the chosen operating point exported as a deployable
 * config; with the bootstrap comparison, which method and which point to use (`#frontier-advice`
 * above the chart, `#frontier-advice-details` and `#use-suggested` below it) and the 95% intervals of the AUCs and of the chosen point. Ids: `#point-details`,
 * `#operating-point`, `#export-config`, `#export-frontier-json`, `#frontier-problems`; chart
 * `[data-chart="frontier"]`, tables `[data-table="methods"]`, `[data-table="cascade-models"]`.
 */
import {
  cascadeFrontierConfig,
  cascadeFrontierTable,
  describePoint,
  type FrontierChartData,
  type PointRef,
} from '../charts/cascadeFrontierChart';
import {
  METHOD_LABEL,
  TUNE_METHODS,
  type CascadeSelection,
  type TuneCascadeResult,
  type TuneMethod,
} from '../../src/protocol/cascadeFrontier';
import { formatCascade, formatShare, formatUsd, formatUsdPerQuery, plural } from '../../src/protocol/format';
import { methodAdvice } from '../../src/engines/tuning/methodAdvice';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import type { ExportFn } from '../ui/exporter';
import { dropdown } from '../ui/selectControls';
import { adviceBox, frontierExports } from './frontierParts';
import { methodRows, methodsTableCard, modelsTableCard, pointChoices } from './frontierTables';
import { problemsList, showProblems } from './tabProblems';
import type { FrontierPoint } from '../../src/engines/tuning/types';

const refKey = (r: PointRef): string => `${r.method}:${r.index}`;

export interface FrontierTab {
  element: HTMLElement;
  show(result: TuneCascadeResult, selection: CascadeSelection): void;
  clear(): void;
}

/** A frontier point the user chose, for its query table. */
export interface ChosenPoint {
  point: FrontierPoint;
  /** "Rational Tuning #3" */
  label: string;
  selection: CascadeSelection;
}

/** "rt:3" back to the point it names on the test curve (null: not a point of a method). */
const parseRef = (v: string): PointRef | null => {
  const [method, index] = v.split(':');
  return (TUNE_METHODS as string[]).includes(method) && Number.isInteger(Number(index))
    ? { method: method as TuneMethod, index: Number(index), curve: 'test' }
    : null;
};

/** The methods a result tuned, as the chart draws them. */
const frontierMethods = (result: TuneCascadeResult | null): FrontierChartData['methods'] =>
  TUNE_METHODS.flatMap((m) =>
    result?.methods[m] ? [{ method: m, points: result.methods[m]!.points, band: result.methods[m]!.band }] : [],
  );

/** The chart card: error against cost per query of every method's frontier, or why there is none. */
function frontierChart(exportFile: ExportFn, stem: (what: string) => string): ChartCard<FrontierChartData> {
  return new ChartCard<FrontierChartData>(
    {
      id: 'frontier',
      title: 'Error versus cost per query',
      fileStem: () => stem('frontier'),
      describe: (d) =>
        `Error rate against cost per query for ${formatCascade(d.cascade)}: ${d.methods.map((m) => `${METHOD_LABEL[m.method]} (${m.points.length} points)`).join(', ')}; single models as diamonds.`,
      config: cascadeFrontierConfig,
      table: cascadeFrontierTable,
      height: 420,
    },
    exportFile,
    (d) =>
      d.methods.every((m) => m.points.length === 0) ? 'No frontier: nothing was tuned (see the problems above).' : null,
  );
}

/** The details box's content: the point `r` (hovered or chosen) described with its test intervals, or how to pick one. */
function pointDetails(result: TuneCascadeResult | null, r: PointRef | null, hovered: boolean): HTMLElement[] {
  const lines = result && r ? describePoint({ cascade: result.cascade, methods: frontierMethods(result) }, r) : [];
  const ci = r ? result?.comparison?.points[r.method]?.[r.index] : undefined;
  if (lines.length && ci)
    lines.push(
      `95% intervals on the test split: error ${formatShare(ci.error.ci_low)} – ${formatShare(ci.error.ci_high)}, cost ${formatUsd(ci.cost.ci_low)} – ${formatUsdPerQuery(ci.cost.ci_high)}`,
    );
  return lines.length
    ? [h('strong', {}, hovered ? 'Hovered point' : 'Chosen operating point'), ...lines.map((l) => h('div', {}, l))]
    : [
        h(
          'span',
          {},
          'Hover a point for its thresholds and who answers; click it (or pick it below) to choose it as the operating point and list its test queries.',
        ),
      ];
}

/** The headline: what the cascade was fitted and scored on, with the AUC's cost interval; or that it could not be tuned. */
function frontierSummary(r: TuneCascadeResult): string {
  const interval = r.auc.interval
    ? ` AUC over ${formatUsd(r.auc.interval[0])} – ${formatUsdPerQuery(r.auc.interval[1])}.`
    : '';
  return r.problems.length === 0
    ? `${formatCascade(r.cascade)}: fitted on ${plural(r.trainQueries, 'training query', 'training queries')}, scored on ${plural(r.testQueries, 'test query', 'test queries')}.${interval}`
    : `${formatCascade(r.cascade)} could not be tuned: ${plural(r.problems.length, 'problem')} below.`;
}

/**
 * The `#point-details` box: the hovered point, else the chosen one (`picked`), of the current
 * result (both from `current`), described by `pointDetails`.
 */
function pointDetailsBox(current: () => { result: TuneCascadeResult | null; picked: PointRef | null }): {
  element: HTMLElement;
  render(): void;
  hover(r: PointRef | null): void;
  forgetHover(): void;
} {
  let hovered: PointRef | null = null;
  const element = h('div', { id: 'point-details', className: 'point-details', 'aria-live': 'polite' });
  const render = (): void => {
    const { result, picked } = current();
    replaceChildren(element, ...pointDetails(result, hovered ?? picked, hovered !== null));
  };
  return {
    element,
    render,
    hover(r) {
      hovered = r;
      render();
    },
    forgetHover() {
      hovered = null;
    },
  };
}

/** The methods table and the cascade's models table, both filled from one result. */
function resultTables(
  exportFile: ExportFn,
  stem: (what: string) => string,
): { elements: HTMLElement[]; update(r: TuneCascadeResult, methods: TuneMethod[]): void } {
  const methodsTable = methodsTableCard(exportFile, stem);
  const modelsTable = modelsTableCard(exportFile, stem);
  return {
    elements: [methodsTable.element, modelsTable.element],
    update(r, methods) {
      methodsTable.update(methodRows(r, methods));
      modelsTable.update(r.models.map((m, i) => ({ ...m, tauNext: r.adjacent[i]?.tau ?? null })));
    },
  };
}

/**
 * The tab. `onChoose` hears of every operating point chosen (null: none), for the drill-down
 * shown in `below` (placed under the point's details).
 */
export function frontierTab(
  exportFile: ExportFn,
  stem: (what: string) => string,
  logName: () => string,
  onChoose: (choice: ChosenPoint | null) => void,
  below: HTMLElement,
): FrontierTab {
  let result: TuneCascadeResult | null = null;
  let selection: CascadeSelection | null = null;
  let picked: PointRef | null = null;

  const summary = h('p', { id: 'frontier-summary', className: 'headline' });
  const advice = adviceBox(() => {
    const suggested = result?.comparison?.suggested;
    if (suggested) pick({ method: suggested.method, index: suggested.index, curve: 'test' });
  });
  const problems = problemsList('frontier-problems');
  const details = pointDetailsBox(() => ({ result, picked }));
  const pointPick = dropdown('operating-point', 'Operating point', (v) => pick(parseRef(v)));
  const exports = frontierExports(exportFile, stem, logName, () =>
    result && selection ? { result, selection, picked } : null,
  );

  const chartData = (): FrontierChartData => ({
    cascade: result?.cascade ?? [],
    methods: frontierMethods(result),
    singles: (result?.models ?? []).map((m) => ({ model: m.model, cost: m.meanCostTest, error: m.testError })),
    selected: picked,
    onHover: (r) => details.hover(r),
    onPick: (r) => pick(r),
  });
  const chart = frontierChart(exportFile, stem);
  chart.element.querySelector('canvas')?.addEventListener('mouseleave', () => details.hover(null));
  const tables = resultTables(exportFile, stem);

  function pick(r: PointRef | null): void {
    picked = r;
    exports.enable(r !== null);
    if (r) pointPick.select.value = refKey(r);
    chart.update(chartData());
    details.render();
    const point = r && result?.methods[r.method]?.points[r.index];
    onChoose(point && selection ? { point, label: `${METHOD_LABEL[r.method]} #${r.index + 1}`, selection } : null);
  }

  const content = h(
    'div',
    { className: 'frontier-content', hidden: true },
    chart.element,
    details.element,
    h('div', { className: 'controls' }, pointPick.element, ...exports.elements),
    below,
    advice.below,
    ...tables.elements,
  );
  const element = h('div', {}, summary, advice.above, problems, content);

  return {
    element,
    show(r, s) {
      result = r;
      selection = s;
      details.forgetHover();
      showProblems(problems, r);
      const tuned = r.problems.length === 0;
      summary.textContent = frontierSummary(r);
      const methods = TUNE_METHODS.filter((m) => r.methods[m]);
      tables.update(r, methods);
      advice.show(tuned ? methodAdvice(r) : null, r.comparison?.suggested != null);
      pointPick.set(pointChoices(r, methods), '');
      content.hidden = !tuned;
      pick(null);
    },
    clear() {
      result = null;
      onChoose(null);
      summary.textContent = '';
      advice.show(null, false);
      problems.hidden = true;
      content.hidden = true;
    },
  };
}
