/**
 * Human in the Loop webview (thesis ch. 4): accuracy–rejection curves of chosen models, "Ask"
 * versus "Fail Fast, or Ask" at every utilisation (slider), log-scale error curves (Figure 4.5),
 * latency drag (Figure 4.2, eq. 4.2) and a Table 4.2-style summary. The worker computes every
 * utilisation at once, so the slider only re-draws.
 */
import {
  accuracyRejectionConfig,
  accuracyRejectionTable,
  type AccuracyRejectionData,
} from '../charts/accuracyRejectionChart';
import { errorRejectionConfig, errorRejectionTable, type ErrorRejectionData } from '../charts/errorRejectionLogChart';
import {
  latencyByUtilizationConfig,
  latencyByUtilizationTable,
  type LatencyByUtilizationData,
} from '../charts/latencyByUtilizationChart';
import { latencyDragConfig, latencyDragTable, type LatencyDragData } from '../charts/latencyDragChart';
import { formatPercent } from '../charts/lineChartBase';
import {
  tokenCorrectnessConfig,
  tokenCorrectnessTable,
  type TokenCorrectnessData,
} from '../charts/tokenCorrectnessChart';
import { formatSeconds, formatShare, formatSignedPercent, formatUsd } from '../../src/protocol/format';
import type {
  HitlConfig,
  HitlSelection,
  HumanInTheLoopProtocol,
  HumanInTheLoopWebviewState,
  SignalChoice,
} from '../../src/protocol/humanInTheLoop';
import { logViewFile, savedSelection } from '../../src/protocol/logView';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { exportStem } from '../ui/fileNames';
import { filePath, showViewTitle } from '../ui/viewTitle';
import { createHostClient } from '../ui/hostClient';
import { selectionSession } from '../ui/selectionSession';
import { checkboxes, dropdown } from '../ui/selectControls';
import { SIGNAL_CHOICES } from '../ui/signalChoices';
import { statusLine } from '../ui/statusLine';
import { TableCard } from '../ui/tableCard';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';
import { QueryTableCard } from '../ui/queryTableCard';
import { SystemDrill } from './systemDrill';
import { rejectionGrid } from '../../src/engines/abstention/rejectionGrid';

const client = createHostClient<HumanInTheLoopProtocol>();
const state = createViewState<HumanInTheLoopWebviewState>((saved, initial) => {
  const o = (saved ?? {}) as Partial<HumanInTheLoopWebviewState>;
  const u = typeof o.utilization === 'number' && o.utilization >= 0 && o.utilization <= 0.95 ? o.utilization : 0.5;
  return { file: logViewFile(saved, initial), selection: savedSelection<HitlSelection>(saved), utilization: u };
});
const exportFile = client.exportFile;
const stem = (what: string): string => exportStem(state.get().file, what);
/** A change given in percent (+3.1 for +3.1%), signed. */
const pct = (x: number | null): string => formatSignedPercent(x === null ? null : x / 100);

// ---- controls ----
const change = (patch: Partial<HitlSelection>): void => session.change(patch);
const splitPick = dropdown('split', 'Split', (v) => change({ split: v }));
const curvePick = checkboxes('curve-models', 'Accuracy–rejection curves', (v) => change({ models: v }));
const fastPick = dropdown('fast', 'Non-reasoning model', (v) => change({ fast: v }));
const fastSignalPick = dropdown('fast-signal', 'its signal', (v) => change({ fastSignal: v as SignalChoice }));
const reasoningPick = dropdown('reasoning', 'Reasoning model', (v) => change({ reasoning: v }));
const reasoningSignalPick = dropdown('reasoning-signal', 'its signal', (v) =>
  change({ reasoningSignal: v as SignalChoice }),
);
const slider = h('input', {
  type: 'range',
  id: 'utilization',
  min: 0,
  max: 0.95,
  step: 0.05,
  value: state.get().utilization,
  'aria-label': 'Utilisation of the non-reasoning model',
}) as HTMLInputElement;
const sliderValue = h('output', { for: 'utilization' });
slider.addEventListener('input', () => {
  state.update({ utilization: Number(slider.value) });
  renderSystem();
});

// ---- cards ----
const curvesChart = new ChartCard<AccuracyRejectionData>(
  {
    id: 'accuracy-rejection',
    title: 'Accuracy–rejection curves',
    fileStem: () => stem('accuracy-rejection'),
    describe: (d) =>
      `Accuracy on accepted queries against rejection rate for ${d.series.map((s) => s.label).join(', ')}.`,
    config: accuracyRejectionConfig,
    table: accuracyRejectionTable,
  },
  exportFile,
  (d) => (d.series.length === 0 ? 'Choose at least one model above.' : null),
);
const tokensChart = new ChartCard<TokenCorrectnessData>(
  {
    id: 'tokens',
    title: 'Correctness versus output tokens (local linear fit, ±1σ)',
    fileStem: () => stem('correctness-tokens'),
    describe: (d) =>
      `Estimated probability of a correct answer against the number of output tokens for ${d.series.map((s) => s.label).join(', ')}.`,
    config: tokenCorrectnessConfig,
    table: tokenCorrectnessTable,
    height: 300,
  },
  exportFile,
  (d) =>
    d.series.length === 0
      ? 'None of the chosen models varies its output length (no reasoning model in this log), so there is no length signal to show.'
      : null,
);
interface TableRow {
  config: HitlConfig;
  label: string;
  current: boolean;
}
const summaryTable = new TableCard<TableRow>(
  {
    id: 'hitl-summary',
    title: 'Ask versus Fail Fast, or Ask (mean over rejection rates 0 to the AUARC range)',
    fileStem: () => stem('hitl-summary'),
    rowClass: (r) => (r.current ? 'frontier' : undefined),
    columns: [
      {
        id: 'configuration',
        title: 'Configuration',
        value: (r) => r.label,
        format: (r) => (r.current ? `▸ ${r.label}` : r.label),
      },
      {
        id: 'utilization',
        title: 'u',
        help: 'Share of queries the non-reasoning model handles without the reasoning model',
        numeric: true,
        value: (r) => r.config.utilization,
        format: (r) => formatPercent(r.config.utilization),
      },
      {
        id: 'auarc',
        title: 'AUARC',
        help: 'Mean accuracy on answered queries over the rejection rates',
        numeric: true,
        value: (r) => r.config.auarc,
        format: (r) => formatShare(r.config.auarc),
      },
      {
        id: 'delta_auarc_pct',
        title: 'Δ AUARC',
        help: 'Relative change of AUARC against Ask',
        numeric: true,
        value: (r) => r.config.deltaAuarcPct,
        format: (r) => pct(r.config.deltaAuarcPct),
      },
      {
        id: 'mean_latency_s',
        title: 'Latency',
        help: 'Mean seconds per query (the human is not timed)',
        numeric: true,
        value: (r) => r.config.meanLatencyS,
        format: (r) => formatSeconds(r.config.meanLatencyS),
      },
      {
        id: 'delta_latency_pct',
        title: 'ΔL',
        help: 'Relative change of latency against Ask',
        numeric: true,
        value: (r) => r.config.deltaLatencyPct,
        format: (r) => pct(r.config.deltaLatencyPct),
      },
      {
        id: 'mean_cost_usd',
        title: 'Cost / query',
        help: 'Mean model cost per query (the human is not priced)',
        numeric: true,
        value: (r) => r.config.meanCostUsd,
        format: (r) => formatUsd(r.config.meanCostUsd),
      },
      {
        id: 'delta_cost_pct',
        title: 'ΔC',
        help: 'Relative change of cost against Ask',
        numeric: true,
        value: (r) => r.config.deltaCostPct,
        format: (r) => pct(r.config.deltaCostPct),
      },
    ],
  },
  exportFile,
);
const errorChart = new ChartCard<ErrorRejectionData>(
  {
    id: 'error-rejection',
    title: 'Error rate against rejection rate, log scale',
    fileStem: () => stem('error-rejection'),
    describe: (d) =>
      `Error rate on answered queries against the overall rejection rate for ${d.series.map((s) => s.label).join(', ')}, logarithmic error axis.`,
    config: errorRejectionConfig,
    table: errorRejectionTable,
  },
  exportFile,
  (d) =>
    d.series.every((s) => s.points.every((p) => p.accuracy === null || p.accuracy >= 1))
      ? 'No errors at any rejection rate: nothing to draw on a log scale.'
      : null,
);
const dragChart = new ChartCard<LatencyDragData>(
  {
    id: 'latency-drag',
    title: 'Latency drag: reasoning-model latency by non-reasoning confidence',
    fileStem: () => stem('latency-drag'),
    describe: (d) => `Mean latency of ${d.reasoning} per confidence-percentile bin of ${d.fast}.`,
    config: latencyDragConfig,
    table: latencyDragTable,
    height: 300,
  },
  exportFile,
  (d) => (d.bins.length === 0 ? 'Latency drag needs latency_s on the answers of both models.' : null),
);
const latencyChart = new ChartCard<LatencyByUtilizationData>(
  {
    id: 'latency-utilization',
    title: 'Mean latency against utilisation: naive expectation versus actual',
    fileStem: () => stem('latency-utilization'),
    describe: () =>
      'Mean latency per query against utilisation, the naive expectation of eq. 4.2 against the actual system.',
    config: latencyByUtilizationConfig,
    table: latencyByUtilizationTable,
    height: 300,
  },
  exportFile,
  (d) => (d.points.length === 0 ? 'Latency drag needs latency_s on the answers of both models.' : null),
);

// ---- drill-down: the answers behind a point of an accuracy–rejection curve ----
const queries = new QueryTableCard({
  id: 'queries',
  exportFile,
  fileStem: () => stem('curve-point-queries'),
  openSource: (line) =>
    void client
      .request('openSource', { line })
      .catch((err: Error) => queries.message(`The log could not be opened: ${err.message}`)),
});
const pointModelPick = dropdown('point-model', 'Curve of', () => undefined);
const pointRejectionPick = dropdown('point-rejection', 'at rejection rate', () => undefined);
const pointButton = ui.button(
  {
    id: 'point-queries',
    appearance: 'secondary',
    title: 'List the answers of this model at this rejection rate: accepted, or sent to the human',
    onclick: () => {
      const r = Number(pointRejectionPick.value());
      if (pointModelPick.value() !== '' && Number.isFinite(r)) void drill(pointModelPick.value(), r);
    },
  },
  'List its queries',
);
const pointPicker = h(
  'div',
  { className: 'controls', 'data-card': 'point-picker' },
  pointModelPick.element,
  pointRejectionPick.element,
  pointButton,
);
let drillSeq = 0;

/** Lists the answers of `model` at rejection rate `rejection` (a point of its curve, in the view's split). */
async function drill(model: string, rejection: number): Promise<void> {
  const d = session.data;
  if (!d) return;
  const id = ++drillSeq;
  const curve = d.curves.find((c) => c.model === model);
  const point = curve?.curve.find((p) => Math.abs(p.rejection - rejection) < 1e-9);
  pointModelPick.select.value = model;
  pointRejectionPick.select.value = String(rejection);
  const at = `${model} at rejection rate ${formatPercent(rejection)}`;
  queries.message(`Reading the answers of ${at}…`);
  try {
    const view = await client.request('queryTable', { model, split: d.split, rejection });
    if (id !== drillSeq) return;
    queries.show(
      view,
      `Answers of ${at}${d.split === '' ? '' : ` (split "${d.split}")`}, most certain first: the least certain go to the human${point ? `; the curve's A(r) = ${formatShare(point.accuracy)} is the accuracy of the accepted rows` : ''}.`,
    );
  } catch (err) {
    if (id === drillSeq) queries.message(`The answers of ${at} could not be listed: ${(err as Error).message}`);
  }
}

const systemDrill = new SystemDrill({
  exportFile,
  fileStem: () => stem('system-point-queries'),
  request: (params) => client.request('failFastQueryTable', params),
  openSource: (line) => client.request('openSource', { line }),
});

// ---- layout ----
const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Human in the Loop');
const subtitle = h('p', { className: 'subtitle' });
const status = statusLine(app);
const session = selectionSession(client, 'analyse', state, status, render);
const problems = h('ul', { className: 'problems', role: 'alert', hidden: true });
const systemLine = h('p', { id: 'system-line', className: 'headline', 'aria-live': 'polite' });
const systemSection = h(
  'div',
  { className: 'system' },
  h('h2', { className: 'section' }, '"Ask" and "Fail Fast, or Ask"'),
  h(
    'div',
    { className: 'controls' },
    fastPick.element,
    fastSignalPick.element,
    reasoningPick.element,
    reasoningSignalPick.element,
  ),
  h(
    'div',
    { className: 'controls' },
    h('label', { for: 'utilization' }, 'Utilisation u of the non-reasoning model'),
    slider,
    sliderValue,
  ),
  systemLine,
  summaryTable.element,
  errorChart.element,
  systemDrill.picker,
  systemDrill.card.element,
  dragChart.element,
  latencyChart.element,
);
const noSystem = h('p', { className: 'empty', hidden: true });
const content = h(
  'div',
  { className: 'content', hidden: true },
  h('div', { className: 'controls' }, splitPick.element),
  problems,
  h('div', { className: 'controls' }, curvePick.element),
  curvesChart.element,
  pointPicker,
  queries.element,
  tokensChart.element,
  systemSection,
  noSystem,
);
const refresh = ui.button(
  { appearance: 'secondary', title: 'Compute again from the log', onclick: () => session.refresh() },
  'Refresh',
);
replaceChildren(
  app,
  h('header', { className: 'view-header' }, h('div', {}, title, subtitle), h('div', { className: 'toolbar' }, refresh)),
  status.element,
  content,
);

function render(): void {
  const d = session.data;
  const sel = session.selection;
  if (!d || !sel) return;
  showViewTitle(title, 'Human in the Loop', d.file);
  replaceChildren(subtitle, `${d.split === '' ? 'all records' : `split "${d.split}"`} · `, filePath(d.file));
  splitPick.set(
    [{ value: '', label: 'all records' }, ...d.splits.filter((s) => s !== '').map((s) => ({ value: s, label: s }))],
    sel.split,
  );
  const models = d.available.map((a) => ({ value: a.model, label: `${a.model}${a.reasoning ? ' (reasoning)' : ''}` }));
  curvePick.set(models, sel.models);
  fastPick.set(models, sel.fast ?? '');
  reasoningPick.set(models, sel.reasoning ?? '');
  fastSignalPick.set(SIGNAL_CHOICES, sel.fastSignal);
  reasoningSignalPick.set(SIGNAL_CHOICES, sel.reasoningSignal);
  replaceChildren(
    problems,
    ...(d.noConfidence === null ? [] : [h('li', {}, d.noConfidence)]),
    ...d.warnings.map((w) => h('li', {}, w)),
    ...d.curves.flatMap((c) => c.warnings.map((w) => h('li', {}, `${c.model}: ${w}`))),
  );
  problems.hidden = problems.childElementCount === 0;
  curvesChart.update({
    maxRejection: sel.maxRejection,
    series: d.curves.map((c) => ({
      label: `${c.model} (${c.signal.replace('_', ' ')})`,
      auarc: c.auarc,
      points: c.curve,
    })),
    onPick: (i, rejection) => void drill(d.curves[i].model, rejection),
  });
  // New figures: the listed answers belong to the previous ones.
  drillSeq++;
  queries.hide();
  const grid = d.curves[0]?.curve.map((p) => p.rejection) ?? rejectionGrid(sel.maxRejection);
  pointModelPick.set(
    d.curves.map((c) => ({ value: c.model, label: c.model })),
    d.curves.some((c) => c.model === pointModelPick.value()) ? pointModelPick.value() : (d.curves[0]?.model ?? ''),
  );
  pointRejectionPick.set(
    grid.map((r) => ({ value: String(r), label: formatPercent(r) })),
    grid.some((r) => String(r) === pointRejectionPick.value())
      ? pointRejectionPick.value()
      : String(grid[Math.min(10, grid.length - 1)] ?? 0),
  );
  pointPicker.hidden = d.curves.length === 0;
  tokensChart.update({
    series: d.curves.filter((c) => c.tokenCurve.length > 0).map((c) => ({ label: c.model, points: c.tokenCurve })),
  });
  content.hidden = false;
  renderSystem();
}

/** Index of the configuration at utilisation u (0 = "Ask"). */
const configAt = (configs: HitlConfig[], u: number): HitlConfig | undefined =>
  u === 0 ? configs[0] : configs.find((c) => c.system === 'failfast' && Math.abs(c.utilization - u) < 1e-9);

function renderSystem(): void {
  const u = Number(slider.value);
  sliderValue.textContent = u === 0 ? '0% (Ask)' : formatPercent(u);
  const sys = session.data?.system ?? null;
  const selection = session.selection;
  systemSection.hidden = sys === null;
  // Without confidence scores the one message above says why there is no system: no second, false reason here.
  noSystem.hidden = sys !== null || (session.data?.noConfidence ?? null) !== null;
  if (!sys) systemDrill.update(null);
  noSystem.textContent =
    'Choose two different models (a non-reasoning and a reasoning one) that answered the same queries to compare "Ask" with "Fail Fast, or Ask".';
  if (!sys || !selection) return;
  const ask = sys.configs[0];
  const current = configAt(sys.configs, u) ?? ask;
  const drag = sys.drag.byUtilization.find((p) => Math.abs(p.utilization - u) < 1e-9);
  const rates =
    u === 0
      ? `the reasoning model answers everything and defers its least certain share`
      : `${sys.fast} fails fast on u·r = ${formatPercent(u * selection.dragRejection)} at r = ${formatPercent(selection.dragRejection)}, passes ${formatPercent(1 - u)} to ${sys.reasoning}`;
  systemLine.textContent = `${sys.n.toLocaleString('en-US')} ${sys.n === 1 ? 'query' : 'queries'} answered by both (${sys.fast}: ${sys.fastSignal.replace('_', ' ')}, ${sys.reasoning}: ${sys.reasoningSignal.replace('_', ' ')}). At u = ${formatPercent(u)}: ${rates}; AUARC ${formatShare(current.auarc)} against ${formatShare(ask.auarc)} for Ask${current === ask ? '' : ` (${pct(current.deltaAuarcPct)}), latency ${pct(current.deltaLatencyPct)}, cost ${pct(current.deltaCostPct)}`}.${drag ? ` Latency at r = ${formatPercent(selection.dragRejection)}: ${formatSeconds(drag.actualLatencyS)} actual against ${formatSeconds(drag.naiveLatencyS)} expected from eq. 4.2.` : ''}`;
  const shown = [...new Set([...sys.tableUtilizations, u].filter((x) => x > 0))].sort((a, b) => a - b);
  const rows: TableRow[] = [{ config: ask, label: `Ask (${sys.reasoning} → human)`, current: u === 0 }];
  for (const x of shown) {
    const c = configAt(sys.configs, x);
    if (c) rows.push({ config: c, label: `Fail Fast, or Ask at ${formatPercent(x)}`, current: Math.abs(x - u) < 1e-9 });
  }
  summaryTable.update(rows);
  const shownConfigs = rows.map((r) => r.config);
  systemDrill.update({ system: sys, selection, configs: shownConfigs });
  errorChart.update({
    onPick: (i, rejection) => void systemDrill.drill(shownConfigs[i].utilization, rejection),
    baselineError:
      ask.curve[0]?.accuracy === null || ask.curve[0] === undefined ? null : 1 - (ask.curve[0].accuracy as number),
    series: rows.map((r) => ({
      utilization: r.config.utilization,
      label: r.config.system === 'ask' ? 'Ask (0%)' : `${formatPercent(r.config.utilization)} non-reasoning`,
      highlighted: r.current,
      points: r.config.curve.map((p) => ({ rejection: p.rejection, accuracy: p.accuracy })),
    })),
  });
  dragChart.update({
    fast: sys.fast,
    reasoning: sys.reasoning,
    bins: sys.drag.bins,
    meanReasoningLatencyS: sys.drag.meanReasoningLatencyS,
  });
  latencyChart.update({ current: u, askLatencyS: ask.meanLatencyS, points: sys.drag.byUtilization });
}

showViewTitle(title, 'Human in the Loop', state.get().file);
client.ready();
session.start();
