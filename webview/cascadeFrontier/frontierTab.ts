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
import {
  formatCascade,
  formatFixed,
  formatSeconds,
  formatShare,
  formatUsd,
  formatUsdPerQuery,
  plural,
} from '../../src/protocol/format';
import { methodAdvice } from '../../src/engines/tuning/methodAdvice';
import { formatP } from '../../src/engines/uncertainty/intervals';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { runExport, type ExportFn } from '../ui/exporter';
import { dropdown } from '../ui/selectControls';
import { TableCard } from '../ui/tableCard';
import { deployableConfig, frontierJson } from './deployableConfig';
import * as ui from '../ui/toolkit';
import type { FrontierPoint } from '../../src/engines/tuning/types';

const refKey = (r: PointRef): string => `${r.method}:${r.index}`;

interface MethodRow {
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
type ModelRow = TuneCascadeResult['models'][number] & { tauNext: number | null };

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
  let hovered: PointRef | null = null;

  const summary = h('p', { id: 'frontier-summary', className: 'headline' });
  const adviceHead = h('p', { className: 'headline' });
  const adviceList = h('ul', { className: 'notes' });
  const useSuggested: HTMLElement = ui.button(
    {
      id: 'use-suggested',
      appearance: 'secondary',
      title: 'Choose the suggested operating point',
      onclick: () =>
        result?.comparison?.suggested &&
        pick({ method: result.comparison.suggested.method, index: result.comparison.suggested.index, curve: 'test' }),
    },
    'Use the suggested point',
  );
  // The toolkit's button sets its own display, so the wrapper is what hides.
  const useWrap = h('div', { className: 'controls', hidden: true }, useSuggested);
  // Which method to use sits above the chart; the details (differences, the suggested point) below it.
  const advice = h('div', { id: 'frontier-advice', hidden: true }, adviceHead);
  const adviceMore = h('div', { id: 'frontier-advice-details', hidden: true }, adviceList, useWrap);
  const problems = h('ul', { id: 'frontier-problems', className: 'problems', role: 'alert', hidden: true });
  const details = h('div', { id: 'point-details', className: 'point-details', 'aria-live': 'polite' });
  const exportStatus = h('span', { className: 'export-status', role: 'status' });
  const pointPick = dropdown('operating-point', 'Operating point', (v) => pick(parseRef(v)));
  const exportConfig: HTMLElement = ui.button(
    {
      id: 'export-config',
      disabled: true,
      title: 'Save the chosen operating point as a deployable JSON config {cascade, thresholds, calibrators}',
      onclick: () => void saveConfig(),
    },
    'Export deployable config',
  );
  const exportJson: HTMLElement = ui.button(
    {
      id: 'export-frontier-json',
      appearance: 'secondary',
      title: 'Save every frontier point of every method as JSON',
      onclick: () => void saveFrontierJson(),
    },
    'Export frontier JSON',
  );

  const chartData = (): FrontierChartData => ({
    cascade: result?.cascade ?? [],
    methods: TUNE_METHODS.flatMap((m) =>
      result?.methods[m] ? [{ method: m, points: result.methods[m]!.points, band: result.methods[m]!.band }] : [],
    ),
    singles: (result?.models ?? []).map((m) => ({ model: m.model, cost: m.meanCostTest, error: m.testError })),
    selected: picked,
    onHover: (r) => {
      hovered = r;
      renderDetails();
    },
    onPick: (r) => pick(r),
  });
  const chart = new ChartCard<FrontierChartData>(
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
  chart.element.querySelector('canvas')?.addEventListener('mouseleave', () => {
    hovered = null;
    renderDetails();
  });
  const methodsTable = new TableCard<MethodRow>(
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
  const modelsTable = new TableCard<ModelRow>(
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

  const parseRef = (v: string): PointRef | null => {
    const [method, index] = v.split(':');
    return (TUNE_METHODS as string[]).includes(method) && Number.isInteger(Number(index))
      ? { method: method as TuneMethod, index: Number(index), curve: 'test' }
      : null;
  };

  function pick(r: PointRef | null): void {
    picked = r;
    exportConfig.toggleAttribute('disabled', r === null);
    if (r) pointPick.select.value = refKey(r);
    chart.update(chartData());
    renderDetails();
    const point = r && result?.methods[r.method]?.points[r.index];
    onChoose(point && selection ? { point, label: `${METHOD_LABEL[r.method]} #${r.index + 1}`, selection } : null);
  }

  function renderDetails(): void {
    const r = hovered ?? picked;
    const lines = result && r ? describePoint({ cascade: result.cascade, methods: chartData().methods }, r) : [];
    const ci = r ? result?.comparison?.points[r.method]?.[r.index] : undefined;
    if (lines.length && ci)
      lines.push(
        `95% intervals on the test split: error ${formatShare(ci.error.ci_low)} – ${formatShare(ci.error.ci_high)}, cost ${formatUsd(ci.cost.ci_low)} – ${formatUsdPerQuery(ci.cost.ci_high)}`,
      );
    replaceChildren(
      details,
      ...(lines.length
        ? [h('strong', {}, hovered ? 'Hovered point' : 'Chosen operating point'), ...lines.map((l) => h('div', {}, l))]
        : [
            h(
              'span',
              {},
              'Hover a point for its thresholds and who answers; click it (or pick it below) to choose it as the operating point and list its test queries.',
            ),
          ]),
    );
  }

  async function saveConfig(): Promise<void> {
    if (!result || !selection || !picked) return;
    const cfg = deployableConfig(result, picked, selection, logName());
    if (!cfg) return;
    await runExport(exportConfig, exportStatus, () =>
      exportFile({
        format: 'json',
        suggestedName: `${stem(`cascade-${picked!.method}-${picked!.index + 1}`)}.json`,
        data: JSON.stringify(cfg, null, 2),
      }),
    );
  }

  async function saveFrontierJson(): Promise<void> {
    if (!result || !selection) return;
    await runExport(exportJson, exportStatus, () =>
      exportFile({
        format: 'json',
        suggestedName: `${stem('frontier')}.json`,
        data: frontierJson(result!, selection!, logName()),
      }),
    );
  }

  const content = h(
    'div',
    { className: 'frontier-content', hidden: true },
    chart.element,
    details,
    h('div', { className: 'controls' }, pointPick.element, exportConfig, exportJson, exportStatus),
    below,
    adviceMore,
    methodsTable.element,
    modelsTable.element,
  );
  const element = h('div', {}, summary, advice, problems, content);

  return {
    element,
    show(r, s) {
      result = r;
      selection = s;
      hovered = null;
      const issues = [...r.problems.map((p) => `${p.model}: ${p.message}`), ...r.warnings];
      replaceChildren(problems, ...issues.map((t) => h('li', {}, t)));
      problems.hidden = issues.length === 0;
      const tuned = r.problems.length === 0;
      const interval = r.auc.interval
        ? ` AUC over ${formatUsd(r.auc.interval[0])} – ${formatUsdPerQuery(r.auc.interval[1])}.`
        : '';
      summary.textContent = tuned
        ? `${formatCascade(r.cascade)}: fitted on ${plural(r.trainQueries, 'training query', 'training queries')}, scored on ${plural(r.testQueries, 'test query', 'test queries')}.${interval}`
        : `${formatCascade(r.cascade)} could not be tuned: ${plural(r.problems.length, 'problem')} below.`;
      const methods = TUNE_METHODS.filter((m) => r.methods[m]);
      const cmp = r.comparison;
      const versus = (m: TuneMethod): string => {
        if (!cmp) return '—';
        if (cmp.best === m) return cmp.differences.length ? 'lowest' : '';
        const d = cmp.differences.find((x) => x.method === m);
        return d
          ? `+${formatFixed(d.value, 4)} (${formatFixed(d.ci_low, 4)} – ${formatFixed(d.ci_high, 4)}), ${d.verdict === 'better' ? 'worse' : d.verdict === 'worse' ? 'better' : 'tied'}, ${formatP(d.p_value, cmp.valid_replicates)}`
          : '—';
      };
      methodsTable.update(
        methods.map((m) => ({
          method: m,
          points: r.methods[m]!.points.length,
          auc: r.methods[m]!.auc,
          aucCi: cmp?.auc[m] ?? null,
          versus: versus(m),
          seconds: r.methods[m]!.seconds,
          notes: r.methods[m]!.warnings.join(' '),
        })),
      );
      const said = tuned ? methodAdvice(r) : null;
      advice.hidden = said === null;
      adviceMore.hidden = said === null;
      replaceChildren(adviceHead, said?.headline ?? '');
      replaceChildren(adviceList, ...(said?.details ?? []).map((d) => h('li', {}, d)));
      useWrap.hidden = !cmp?.suggested;
      modelsTable.update(r.models.map((m, i) => ({ ...m, tauNext: r.adjacent[i]?.tau ?? null })));
      pointPick.set(
        [
          { value: '', label: '(none)' },
          ...methods.flatMap((m) =>
            r.methods[m]!.points.map((p, i) => ({
              value: `${m}:${i}`,
              label: `${METHOD_LABEL[m]} #${i + 1}: test error ${formatShare(p.testError)} at ${formatUsdPerQuery(p.testCost)}`,
            })),
          ),
        ],
        '',
      );
      content.hidden = !tuned;
      pick(null);
    },
    clear() {
      result = null;
      onChoose(null);
      summary.textContent = '';
      advice.hidden = true;
      adviceMore.hidden = true;
      problems.hidden = true;
      content.hidden = true;
    },
  };
}
