/**
 * Optimal-Model Map webview (thesis Figure 3.4): the best system over prices of error ($0.0001 to
 * $10,000, log) and latency ($0 to $10 per minute), with hover details and the exact switch lines.
 * The 100 × 100 grid is computed in the worker; this page asks for it with its settings.
 */
import {
  optimalModelMapConfig,
  optimalModelMapTable,
  winners,
  type OptimalModelMapData,
} from '../charts/optimalModelMapChart';
import { DEFAULT_KINDS, DEFAULT_OVERHEAD } from '../../src/protocol/economicEvaluation';
import { formatSeconds, formatShare, formatUsd, plural } from '../../src/protocol/format';
import {
  parseOptimalModelMapState,
  type EconMapResult,
  type OptimalModelMapHostState,
  type OptimalModelMapProtocol,
} from '../../src/protocol/optimalModelMap';
import { decodeOptimalModelMap } from '../../src/protocol/compactOptimalModelMap';
import type { OptimalModelMap } from '../../src/engines/economics/optimalModelMap';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { exportStem } from '../ui/fileNames';
import { showViewTitle } from '../ui/viewTitle';
import { createHostClient } from '../ui/hostClient';
import { latestRequest } from '../ui/latestRequest';
import { statusLine } from '../ui/statusLine';
import { TableCard } from '../ui/tableCard';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';
import { kindsPicker } from '../priceControls/kindsPicker';
import { overheadControls } from '../priceControls/overheadControls';
import { priceSlider } from '../priceControls/priceSlider';
import { deferralWords, formatThresholds } from '../priceControls/candidateText';
import { formatReward } from '../charts/econChartStyle';
import { QueryTableCard } from '../ui/queryTableCard';
import { dropdown } from '../ui/selectControls';

const client = createHostClient<OptimalModelMapProtocol>();
const state = createViewState<OptimalModelMapHostState>(
  (saved, initial) =>
    parseOptimalModelMapState(saved) ??
    parseOptimalModelMapState(initial) ?? {
      file: '',
      priceAbstain: 0,
      kinds: DEFAULT_KINDS,
      overhead: DEFAULT_OVERHEAD,
    },
);
const exportFile = client.exportFile;
const stem = (what: string): string => exportStem(state.get().file, what);

let timer: ReturnType<typeof setTimeout> | undefined;

const abstainSlider = priceSlider({
  id: 'price-abstain',
  label: 'Price of abstention λ_A',
  unit: '$ per abstention',
  minExp: -4,
  maxExp: 4,
  allowZero: true,
  value: state.get().priceAbstain,
  onChange: (v) => {
    state.update({ priceAbstain: v });
    computeSoon();
  },
});
const kindPick = kindsPicker(state.get().kinds, (kinds) => {
  state.update({ kinds });
  overheadPick.showFor(kinds.routers);
  void compute();
});
const overheadPick = overheadControls(state.get().overhead, (overhead) => {
  state.update({ overhead });
  computeSoon();
});
overheadPick.showFor(state.get().kinds.routers);

/** Recomputes a moment after the last slider move. */
function computeSoon(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void compute(), 250);
}

const mapChart = new ChartCard<OptimalModelMapData>(
  {
    id: 'optimal-model-map',
    title: 'Best system by price of error and price of latency',
    fileStem: () => stem('optimal-model-map'),
    describe: (d) =>
      `Map of the best system over ${d.errorAxis.length} prices of error and ${d.latencyAxis.length} prices of latency; winners: ${winners(
        d,
      )
        .map((k) => d.names[k])
        .join(', ')}.`,
    config: optimalModelMapConfig,
    table: optimalModelMapTable,
    height: 560,
  },
  exportFile,
);
interface ShareRow {
  name: string;
  share: number;
  cheapest: number;
  dearest: number;
}
const shares = new TableCard<ShareRow>(
  {
    id: 'map-shares',
    title: 'Share of the map won by each system',
    fileStem: () => stem('map-shares'),
    columns: [
      { id: 'system', title: 'System', value: (r) => r.name },
      {
        id: 'share_of_cells',
        title: 'Share of cells',
        numeric: true,
        value: (r) => r.share,
        format: (r) => formatShare(r.share),
      },
      {
        id: 'lowest_price_error_usd',
        title: 'Lowest λ_E where it wins',
        numeric: true,
        value: (r) => r.cheapest,
        format: (r) => formatUsd(r.cheapest),
      },
      {
        id: 'highest_price_error_usd',
        title: 'Highest λ_E where it wins',
        numeric: true,
        value: (r) => r.dearest,
        format: (r) => formatUsd(r.dearest),
      },
    ],
  },
  exportFile,
);
interface LineRow {
  latencyPerMin: number;
  price: number;
  below: string;
  above: string;
}
const lines = new TableCard<LineRow>(
  {
    id: 'critical-prices',
    title: 'Critical prices of error at $0, $1, $5 and $10 per minute of latency',
    fileStem: () => stem('critical-prices-of-error'),
    columns: [
      {
        id: 'price_latency_usd_per_min',
        title: 'λ_L ($/min)',
        numeric: true,
        value: (r) => r.latencyPerMin,
        format: (r) => formatUsd(r.latencyPerMin),
      },
      {
        id: 'critical_price_error_usd',
        title: 'Critical λ_E',
        numeric: true,
        value: (r) => r.price,
        format: (r) => formatUsd(r.price),
      },
      { id: 'best_below', title: 'Best below', value: (r) => r.below },
      { id: 'best_above', title: 'Best above', value: (r) => r.above },
    ],
  },
  exportFile,
);

// ---- drill-down: the test queries behind a cell ----
/** The map on screen and the settings it was computed with (a drill-down asks at those). */
let drawn: { r: EconMapResult; map: OptimalModelMap; settings: Settings } | null = null;
type Settings = Pick<OptimalModelMapHostState, 'priceAbstain' | 'kinds' | 'overhead'>;
let drillSeq = 0;
/** The system whose queries are listed (its records' lines are in its run's log when runs are compared). */
let drilled: string | undefined;
const queries = new QueryTableCard({
  id: 'queries',
  exportFile,
  fileStem: () => stem('map-cell-queries'),
  openSource: (line) =>
    void client
      .request('openSource', { line, ...(drilled === undefined ? {} : { model: drilled }) })
      .catch((err: Error) => queries.message(`The log could not be opened: ${err.message}`)),
});
const errorPick = dropdown('cell-error', 'Price of error λ_E', () => undefined);
const latencyPick = dropdown('cell-latency', 'Price of latency λ_L', () => undefined);
const drillButton = ui.button(
  {
    id: 'cell-queries',
    appearance: 'secondary',
    title: "List the test queries of this cell's best system at these prices",
    onclick: () => {
      const cell = pickedCell();
      if (cell !== null) void drill(cell);
    },
  },
  'List its queries',
);
const cellPicker = h(
  'div',
  { className: 'controls', 'data-card': 'cell-picker' },
  errorPick.element,
  latencyPick.element,
  drillButton,
);

/** The cell the two price dropdowns name (null before a map is drawn). */
function pickedCell(): number | null {
  if (!drawn) return null;
  const c = Number(errorPick.value());
  const r = Number(latencyPick.value());
  const nE = drawn.map.errorAxis.length;
  return Number.isInteger(c) && Number.isInteger(r) && c >= 0 && c < nE && r >= 0 && r < drawn.map.latencyAxis.length
    ? r * nE + c
    : null;
}

/** Lists the test queries of a cell's best system at the cell's prices, and outlines the cell. */
async function drill(cell: number): Promise<void> {
  if (!drawn) return;
  const id = ++drillSeq;
  const { r, map, settings } = drawn;
  const nE = map.errorAxis.length;
  const c = r.candidates[map.best[cell]];
  const point = map.bestPoint[cell];
  const priceError = map.errorAxis[cell % nE];
  const priceLatency = map.latencyAxis[Math.floor(cell / nE)];
  errorPick.select.value = String(cell % nE);
  latencyPick.select.value = String(Math.floor(cell / nE));
  drawMap(cell);
  const at = `λ_E = ${formatUsd(priceError)}, λ_L = ${formatUsd(priceLatency * 60)}/min, λ_A = ${formatUsd(map.abstain)}`;
  queries.message(`Reading the test queries of ${c.name} at ${at}…`);
  drilled = c.kind === 'model' ? c.name : undefined;
  try {
    const view = await client.request('queryTable', {
      ...settings,
      priceError,
      priceLatency,
      candidate: c.name,
      point,
    });
    if (id !== drillSeq) return;
    const how = c.kind === 'model' ? '' : ` (${formatThresholds(c.thresholds[point])})`;
    queries.show(
      view,
      `Test queries of ${c.name}${how}, the best system at ${at}: the cell's expected reward ${formatReward(map.bestReward[cell])} per query is the mean of the rows' rewards.`,
    );
  } catch (err) {
    if (id === drillSeq) queries.message(`The queries of ${c.name} could not be listed: ${(err as Error).message}`);
  }
}

const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Optimal-Model Map');
const subtitle = h('p', { className: 'subtitle' });
const status = statusLine(app);
const request = latestRequest(status);
const notes = h('ul', { className: 'notes' });
const controls = h(
  'section',
  { className: 'card', 'data-card': 'settings' },
  h('div', { className: 'controls' }, abstainSlider.element, kindPick.element, overheadPick.element),
);
const content = h(
  'div',
  { className: 'content', hidden: true },
  mapChart.element,
  cellPicker,
  queries.element,
  lines.element,
  shares.element,
  notes,
);
const refresh = ui.button(
  { appearance: 'secondary', title: 'Compute the map again', onclick: () => void compute() },
  'Refresh',
);
replaceChildren(
  app,
  h('header', { className: 'view-header' }, h('div', {}, title, subtitle), h('div', { className: 'toolbar' }, refresh)),
  controls,
  status.element,
  content,
);

function compute(): Promise<void> {
  const { priceAbstain, kinds, overhead } = state.get();
  const settings: Settings = { priceAbstain, kinds, overhead };
  return request(
    'Computing the map…',
    () => client.request('compute', settings),
    (r) => render(r, decodeMap(r), settings),
  );
}

/** The reply's map in full (typed arrays); a damaged one is refused with a status message naming the field. */
function decodeMap(r: EconMapResult): OptimalModelMap {
  try {
    return decodeOptimalModelMap(r.map, Array.isArray(r.candidates) ? r.candidates.length : 0);
  } catch (err) {
    throw new Error(`The map could not be read: ${(err as Error).message}`);
  }
}

function render(r: EconMapResult, map: OptimalModelMap, settings: Settings): void {
  const { candidates } = r;
  const nE = map.errorAxis.length;
  // A new map: the query table of the last one's cell no longer applies.
  drawn = { r, map, settings };
  drillSeq++;
  queries.hide();
  errorPick.set(
    map.errorAxis.map((v, i) => ({ value: String(i), label: formatUsd(v) })),
    errorPick.value() || String(Math.floor(nE / 2)),
  );
  latencyPick.set(
    map.latencyAxis.map((v, i) => ({ value: String(i), label: `${formatUsd(v * 60)}/min` })),
    latencyPick.value() || '0',
  );
  const names = candidates.map((c) => c.name);
  showViewTitle(title, 'Optimal-Model Map', r.file, Math.max(0, r.runs.length - 1));
  subtitle.textContent = `${plural(candidates.length, 'system')} · ${map.errorAxis.length} × ${map.latencyAxis.length} prices · λ_A = ${formatUsd(map.abstain)} · thresholds tuned on ${plural(r.nTrain, 'train query')}, rewards on ${plural(r.nTest, 'test query')}`;
  drawMap(null);
  // Per winner: cells won and the price range of error where it wins (one pass over the cells).
  const won = new Map<number, { cells: number; cheapest: number; dearest: number }>();
  map.best.forEach((k, cell) => {
    const price = map.errorAxis[cell % nE];
    const w = won.get(k) ?? { cells: 0, cheapest: price, dearest: price };
    won.set(k, { cells: w.cells + 1, cheapest: Math.min(w.cheapest, price), dearest: Math.max(w.dearest, price) });
  });
  shares.update(
    [...won]
      .map(([k, w]) => ({ name: names[k], share: w.cells / map.best.length, cheapest: w.cheapest, dearest: w.dearest }))
      .sort((a, b) => b.share - a.share),
  );
  const rows = [0, 1, 5, 10].map((perMin) =>
    map.latencyAxis.reduce(
      (best, l, i) => (Math.abs(l * 60 - perMin) < Math.abs(map.latencyAxis[best] * 60 - perMin) ? i : best),
      0,
    ),
  );
  lines.update(
    [...new Set(rows)].flatMap((row) =>
      map.boundaries[row].map((b) => ({
        latencyPerMin: map.latencyAxis[row] * 60,
        price: b.price,
        below: names[b.below],
        above: names[b.above],
      })),
    ),
  );
  // A log without confidence scores, or runs compared, offer single models only: no kind choice, no note about other kinds.
  const modelsOnly = r.noConfidence || r.runs.length > 0;
  kindPick.onlyModels(modelsOnly);
  const { overhead } = state.get();
  const kinds = modelsOnly ? { models: true, cascades: false, abstention: false, routers: false } : state.get().kinds;
  overheadPick.showFor(kinds.routers);
  const kindNotes =
    (kinds.abstention || kinds.routers) && map.abstain === 0
      ? [
          'Abstaining is free at λ_A = $0, so a system that abstains on most queries wins wherever errors cost anything: set a price of abstention to compare it fairly.',
        ]
      : [];
  if (kinds.routers)
    kindNotes.push(
      `Routers pay an overhead of ${formatUsd(overhead.cost)} and ${formatSeconds(overhead.latency)} per query (c₀ and l₀, eq. 3.9).`,
    );
  replaceChildren(
    notes,
    ...[
      ...r.warnings,
      ...kindNotes,
      'Hover a cell for the winner, its reward and threshold, and the runner-up; click it (or choose its prices above the query table and press "List its queries") for the test queries behind it. Lines are the exact prices where the winner changes, computed per row from the piecewise-linear reward curves.',
    ].map((n) => h('li', {}, n)),
  );
  content.hidden = false;
}

/** Draws the map on screen with `selected` outlined (null: none). */
function drawMap(selected: number | null): void {
  if (!drawn) return;
  const { r, map } = drawn;
  const { candidates } = r;
  const detail = (cell: number): string => {
    const c = candidates[map.best[cell]];
    const j = map.bestPoint[cell];
    return c.kind === 'model'
      ? `Single model`
      : `Threshold ${formatThresholds(c.thresholds[j])}, ${deferralWords(c.kind)} ${formatShare(c.deferralRate[j])} of queries`;
  };
  mapChart.update({
    names: candidates.map((c) => c.name),
    errorAxis: map.errorAxis,
    latencyAxis: map.latencyAxis,
    best: map.best,
    bestReward: map.bestReward,
    runnerUp: map.runnerUp,
    margin: map.margin,
    boundaries: map.boundaries,
    detail,
    selected,
    onPick: (cell) => void drill(cell),
  });
}

client.on('stale', () => void compute());
showViewTitle(title, 'Optimal-Model Map', state.get().file, state.get().runs?.length ?? 0);
client.ready();
void compute();
