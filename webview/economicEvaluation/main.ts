/**
 * Economic Evaluation webview (thesis ch. 3): the price-of-error worksheet first; prices of error,
 * latency and abstention on log sliders; the recommended system with its reward broken down;
 * reward-versus-λ_E curves (Figure 3.3); sensitivity, critical-price and crossover tables; the
 * Pareto view; cascade diagnostics (Theorem 5); uncertain prices. The worker sends each
 * candidate's precomputed statistics once; every price change is re-evaluated here in a few
 * milliseconds.
 */
import {
  cascadeDiagnosticsTable,
  cerConfig,
  costLatencyConfig,
  decompositionConfig,
  type CascadeDiagnosticsData,
} from '../charts/cascadeDiagnosticsChart';
import { econParetoConfig, econParetoTable, type EconParetoData } from '../charts/econParetoChart';
import { rewardBreakdownConfig, rewardBreakdownTable, type RewardBreakdownData } from '../charts/rewardBreakdownChart';
import { rewardCurvesConfig, rewardCurvesTable, type RewardCurvesData } from '../charts/rewardCurvesChart';
import { bestAlongAxis } from '../../src/engines/economics/bestAlongAxis';
import { candidateFromData } from '../../src/engines/economics/candidateData';
import {
  evaluationReport,
  type EvaluationReport,
  type RankedCandidate,
} from '../../src/engines/economics/evaluationReport';
import { recommendationText } from '../../src/engines/economics/recommendationText';
import type { CandidateUncertainty } from '../../src/engines/economics/rewardUncertainty';
import { formatP } from '../../src/engines/uncertainty/intervals';
import { priceWeights } from '../../src/engines/economics/priceWeights';
import { withRouterOverhead } from '../../src/engines/economics/routerOverhead';
import { ERROR, LATENCY, type Candidate } from '../../src/engines/economics/types';
import type {
  EconDataResult,
  EconomicEvaluationProtocol,
  EconomicEvaluationWebviewState,
} from '../../src/protocol/economicEvaluation';
import {
  formatLatencyPrice,
  formatLatencyPriceWithWage,
  formatReward,
  formatSeconds,
  formatShare,
  formatSystemName,
  formatUsd,
  isTie,
  LATENCY_PRICE_UNIT,
  mergeTieSlivers,
  plural,
  roundSig,
} from '../../src/protocol/format';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { baseName, exportStem } from '../ui/fileNames';
import { filePath, showViewTitle } from '../ui/viewTitle';
import { createHostClient } from '../ui/hostClient';
import { dropdown } from '../ui/selectControls';
import { statusLine } from '../ui/statusLine';
import { TableCard } from '../ui/tableCard';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';
import { deferralWords, formatThresholds } from '../priceControls/candidateText';
import { kindsPicker } from '../priceControls/kindsPicker';
import { overheadControls } from '../priceControls/overheadControls';
import { priceSlider } from '../priceControls/priceSlider';
import { uncertaintyCard } from './uncertainty';
import { intervalsStore } from './intervals';
import { filterKinds, kindLabel, restoreState } from './viewModel';
import { priceOfErrorWorksheet } from './worksheet';

const client = createHostClient<EconomicEvaluationProtocol>();
const state = createViewState<EconomicEvaluationWebviewState>(restoreState);
const exportFile = client.exportFile;
const stem = (what: string): string => exportStem(state.get().file, what);
const prices = () => ({
  error: state.get().priceError,
  latency: state.get().priceLatency,
  abstain: state.get().priceAbstain,
});
const range = (lo: number, hi: number) => `${formatUsd(lo)} – ${Number.isFinite(hi) ? formatUsd(hi) : '∞'}`;

let data: EconDataResult | null = null;
let candidates: Candidate[] = [];
let frame = 0;
const schedule = (): void => {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(render);
};

// ---- prices and systems ----
const errorSlider = priceSlider({
  id: 'price-error',
  label: 'Price of error λ_E',
  unit: '$ per error',
  minExp: -4,
  maxExp: 4,
  allowZero: false,
  value: state.get().priceError,
  onChange: (v) => (state.update({ priceError: v }), schedule()),
});
const latencySlider = priceSlider({
  id: 'price-latency',
  label: 'Price of latency λ_L',
  unit: '$ per minute',
  minExp: -3,
  maxExp: 2,
  allowZero: true,
  value: roundSig(state.get().priceLatency * 60, 3),
  note: (perMin) => `= ${formatUsd(perMin / 60)} per second, a wage of ${formatUsd(perMin * 60)}/hour`,
  onChange: (perMin) => (state.update({ priceLatency: perMin / 60 }), schedule()),
});
const abstainSlider = priceSlider({
  id: 'price-abstain',
  label: 'Price of abstention λ_A',
  unit: '$ per abstention',
  minExp: -4,
  maxExp: 4,
  allowZero: true,
  value: state.get().priceAbstain,
  onChange: (v) => (state.update({ priceAbstain: v }), schedule()),
});
const kindPick = kindsPicker(state.get().kinds, (kinds) => {
  state.update({ kinds });
  overheadPick.showFor(kinds.routers);
  selectCandidates();
  schedule();
});
const overheadPick = overheadControls(state.get().overhead, (overhead) => {
  state.update({ overhead });
  selectCandidates();
  schedule();
});
overheadPick.showFor(state.get().kinds.routers);
/** What the worker's intervals, uncertain-price and map requests carry besides the prices: the chosen kinds and router overhead. */
const systems = () => ({ kinds: state.get().kinds, overhead: state.get().overhead });

// ---- intervals (worker bootstrap) ----
const intervals = intervalsStore((req) => client.request('bootstrap', req), schedule);
/** Bootstrap figures of each system at the current setting, by name (empty until they arrive). */
let ciByName = new Map<string, CandidateUncertainty>();
const pending = '…';

// ---- cards ----
const headline = h('p', { className: 'headline', 'data-recommended': '' });
const explain = h('ul', { className: 'notes' });
const sure = h('ul', { className: 'notes', 'data-recommendation-ci': '' });
const recommendation = h(
  'section',
  { className: 'card', 'data-card': 'recommendation' },
  h('header', { className: 'card-header' }, h('h2', {}, 'Recommended system')),
  headline,
  explain,
  h('h3', {}, 'How sure'),
  sure,
);
const breakdownChart = new ChartCard<RewardBreakdownData>(
  {
    id: 'reward-breakdown',
    title: 'Expected loss per query, by source (leading systems)',
    fileStem: () => stem('reward-breakdown'),
    describe: (d) =>
      `Stacked bars of cost, latency, error and abstention dollars per query for ${d.rows.map((r) => formatSystemName(r.name)).join(', ')}.`,
    config: rewardBreakdownConfig,
    table: rewardBreakdownTable,
    height: 260,
  },
  exportFile,
);
const ranking = new TableCard<RankedCandidate>(
  {
    id: 'ranking',
    title: 'All systems at these prices',
    fileStem: () => stem('ranking'),
    rowClass: (r) => (r.name === report?.ranking[0].name ? 'frontier' : undefined),
    columns: [
      { id: 'system', title: 'System', value: (r) => r.name, format: (r) => formatSystemName(r.name) },
      { id: 'kind', title: 'Kind', value: (r) => kindLabel(r.kind) },
      {
        id: 'expected_reward_usd',
        title: 'Expected reward',
        help: 'R = −(cost + λ_L·latency + λ_E·error + λ_A·abstention) per query, test split (higher is better)',
        numeric: true,
        value: (r) => r.reward,
        format: (r) => formatReward(r.reward),
      },
      {
        id: 'cost_usd',
        title: 'Cost',
        help: 'Mean dollar cost per query',
        numeric: true,
        value: (r) => r.means.cost,
        format: (r) => formatUsd(r.means.cost),
      },
      {
        id: 'latency_s',
        title: 'Latency',
        help: 'Mean seconds per query (a cascade adds the latencies of the models it calls; a router adds its overhead l₀)',
        numeric: true,
        value: (r) => r.means.latency,
        format: (r) => formatSeconds(r.means.latency),
      },
      {
        id: 'error_rate',
        title: 'Error rate',
        numeric: true,
        value: (r) => r.means.error,
        format: (r) => formatShare(r.means.error),
      },
      {
        id: 'abstention_rate',
        title: 'Abstains',
        numeric: true,
        value: (r) => r.means.abstain,
        format: (r) => formatShare(r.means.abstain),
      },
      {
        id: 'thresholds',
        title: 'Threshold θ*',
        help: 'Confidence threshold(s) chosen on the train split for these prices; a router: the calibrated probability τ that is enough to take a model, then the probability α below which it abstains',
        value: (r) => formatThresholds(r.thresholds),
      },
      {
        id: 'deferral_rate',
        title: 'Deferred / abstained',
        help: 'Cascades: share passed past the first model; models with abstention: share abstained on; routers: share not sent to the cheapest model (abstentions included)',
        numeric: true,
        value: (r) => (r.kind === 'model' ? null : r.deferralRate),
        format: (r) => (r.kind === 'model' ? '' : formatShare(r.deferralRate)),
      },
      {
        id: 'reward_ci',
        title: 'Reward 95% CI',
        help: 'Paired bootstrap over the test queries, thresholds fixed as chosen on train',
        numeric: true,
        value: (r) => ciByName.get(r.name)?.reward.ci_low ?? null,
        format: (r) => ciText(ciByName.get(r.name)?.reward),
        csv: [
          { id: 'reward_ci_low_usd', value: (r) => ciByName.get(r.name)?.reward.ci_low ?? null },
          { id: 'reward_ci_high_usd', value: (r) => ciByName.get(r.name)?.reward.ci_high ?? null },
        ],
      },
      {
        id: 'behind_best',
        title: 'Behind the best (95% CI)',
        help: "The recommended system's reward minus this one's, per query: above 0 means the recommended one is better",
        numeric: true,
        value: (r) => ciByName.get(r.name)?.vs_best?.value ?? null,
        format: (r) => {
          const c = ciByName.get(r.name);
          return c ? (c.vs_best ? `${formatUsd(c.vs_best.value)} (${ciText(c.vs_best)})` : 'best') : pending;
        },
        csv: [
          { id: 'behind_best_usd', value: (r) => ciByName.get(r.name)?.vs_best?.value ?? null },
          { id: 'behind_best_ci_low_usd', value: (r) => ciByName.get(r.name)?.vs_best?.ci_low ?? null },
          { id: 'behind_best_ci_high_usd', value: (r) => ciByName.get(r.name)?.vs_best?.ci_high ?? null },
        ],
      },
      {
        id: 'verdict',
        title: 'Against the best',
        help: 'better: the recommended system is better with 95% confidence; tied: the interval of the difference contains 0. p: two-sided bootstrap p-value',
        value: (r) => ciByName.get(r.name)?.vs_best?.verdict ?? null,
        format: (r) => verdictText(ciByName.get(r.name)),
        csv: [
          {
            id: 'verdict',
            value: (r) =>
              ciByName.get(r.name)?.vs_best?.identical ? 'identical' : (ciByName.get(r.name)?.vs_best?.verdict ?? null),
          },
          { id: 'p_value', value: (r) => ciByName.get(r.name)?.vs_best?.p_value ?? null },
          { id: 'p_better', value: (r) => ciByName.get(r.name)?.vs_best?.p_better ?? null },
        ],
      },
      {
        id: 'p_best',
        title: 'P(best)',
        help: 'Share of bootstrap resamples in which this system has the highest reward',
        numeric: true,
        value: (r) => ciByName.get(r.name)?.p_best ?? null,
        format: (r) => formatShare(ciByName.get(r.name)?.p_best ?? null),
      },
    ],
  },
  exportFile,
);
const curvesChart = new ChartCard<RewardCurvesData>(
  {
    id: 'reward-curves',
    title: 'Expected loss against the price of error (at your λ_L and λ_A)',
    fileStem: () => stem('reward-vs-price-of-error'),
    describe: (d) =>
      `Expected loss per query of ${d.series.length} systems for prices of error from $0.0001 to $10,000.`,
    config: rewardCurvesConfig,
    table: rewardCurvesTable,
    height: 400,
  },
  exportFile,
);
interface SensitivityRow {
  error: number;
  best: string[];
  margin: number[];
}
let sensitivity = new TableCard<SensitivityRow>(
  { id: 'sensitivity', title: 'Sensitivity: best system by price of error and latency', columns: [] },
  exportFile,
);
interface CriticalRow {
  latency: number;
  from: number;
  to: number;
  best: string;
  /** Systems that were best only on a sliver of numerical noise at `from`: tied there. */
  tied: string[];
}
const critical = new TableCard<CriticalRow>(
  {
    id: 'critical-prices',
    title: 'Critical prices of error (exact switch points)',
    fileStem: () => stem('critical-prices-of-error'),
    columns: [
      {
        id: 'price_latency_usd_per_min',
        title: `λ_L (${LATENCY_PRICE_UNIT})`,
        numeric: true,
        value: (r) => r.latency * 60,
        format: (r) => formatLatencyPrice(r.latency),
      },
      {
        id: 'price_error_from_usd',
        title: 'λ_E from',
        numeric: true,
        value: (r) => r.from,
        format: (r) => formatUsd(r.from),
      },
      {
        id: 'price_error_to_usd',
        title: 'λ_E to',
        numeric: true,
        value: (r) => (Number.isFinite(r.to) ? r.to : null),
        format: (r) => (Number.isFinite(r.to) ? formatUsd(r.to) : '∞'),
      },
      {
        id: 'best',
        title: 'Best system',
        value: (r) => r.best,
        format: (r) =>
          `${formatSystemName(r.best)}${r.tied.length ? ` (tied at λ_E ${formatUsd(r.from)} with ${r.tied.map(formatSystemName).join(', ')})` : ''}`,
      },
    ],
  },
  exportFile,
);
type CrossRow = EvaluationReport['crossovers'][number];
const crossings = (xs: CrossRow['error'], price: (x: number) => string) =>
  xs.map((x) => `${price(x.price)} → ${formatSystemName(x.above)}`).join('; ') || 'none';
const crossTable = new TableCard<CrossRow>(
  {
    id: 'crossovers',
    title: 'Crossover prices against the recommended system',
    fileStem: () => stem('crossovers'),
    columns: [
      { id: 'other', title: 'Other system', value: (r) => r.other, format: (r) => formatSystemName(r.other) },
      {
        id: 'better_at_low_price_error',
        title: 'Better at λ_E → 0',
        value: (r) => r.betterAtLowError ?? 'tie',
        format: (r) => (r.betterAtLowError === null ? 'tie' : formatSystemName(r.betterAtLowError)),
      },
      {
        id: 'price_error_crossovers',
        title: 'λ_E where the order flips (→ better above)',
        help: 'At your λ_L and λ_A',
        value: (r) => crossings(r.error, formatUsd),
      },
      {
        id: 'better_at_zero_price_latency',
        title: 'Better at λ_L = 0',
        value: (r) => r.betterAtLowLatency ?? 'tie',
        format: (r) => (r.betterAtLowLatency === null ? 'tie' : formatSystemName(r.betterAtLowLatency)),
      },
      {
        id: 'price_latency_crossovers',
        title: `λ_L (${LATENCY_PRICE_UNIT}) where the order flips`,
        help: 'At your λ_E and λ_A',
        value: (r) => crossings(r.latency, formatLatencyPrice),
      },
    ],
  },
  exportFile,
);
const paretoChart = new ChartCard<EconParetoData>(
  {
    id: 'pareto',
    title: 'Pareto view: error rate against cost of every operating point',
    fileStem: () => stem('pareto'),
    describe: (d) =>
      `${d.entries.length} operating points, ${d.entries.filter((e) => e.pareto).length} Pareto-optimal over error, cost, latency and abstention; the economic optimum is starred.`,
    config: econParetoConfig,
    table: econParetoTable,
    height: 380,
  },
  exportFile,
  (d) =>
    d.entries.some((e) => e.cost > 0)
      ? null
      : 'No system has a cost: add cost_usd to the log, or tokens and a price table.',
);
const cascadePick = dropdown('cascade', 'Cascade', (v) => (state.update({ cascade: v }), renderDiagnostics()));
const cerChart = new ChartCard<CascadeDiagnosticsData>(
  {
    id: 'cer',
    title: 'Cascade error reduction against deferral rate (every cascade)',
    fileStem: () => stem('cascade-error-reduction'),
    describe: (d) => `CER of ${d.cascades.length} cascades against their deferral rate.`,
    config: cerConfig,
    table: cascadeDiagnosticsTable,
    height: 320,
  },
  exportFile,
);
const decompChart = new ChartCard<CascadeDiagnosticsData>(
  {
    id: 'decomposition',
    title: 'Theorem 5: cascade error = random routing + Cov(defer, big wrong) − CER',
    fileStem: () => stem('cascade-decomposition'),
    describe: (d) => `Error decomposition of ${d.selected} against its deferral rate.`,
    config: decompositionConfig,
    table: cascadeDiagnosticsTable,
    height: 320,
  },
  exportFile,
);
const costLatChart = new ChartCard<CascadeDiagnosticsData>(
  {
    id: 'cost-latency',
    title: 'Cost and latency against deferral rate',
    fileStem: () => stem('cascade-cost-latency'),
    describe: (d) => `Cost and latency of ${d.selected} against its deferral rate.`,
    config: costLatencyConfig,
    table: cascadeDiagnosticsTable,
    height: 280,
  },
  exportFile,
);
const diagnostics = h(
  'div',
  { 'data-section': 'diagnostics' },
  h('h2', { className: 'section' }, 'Why a cascade works, or not'),
  h('div', { className: 'controls' }, cascadePick.element),
  cerChart.element,
  decompChart.element,
  costLatChart.element,
);
const uncertain = uncertaintyCard({
  prices,
  compute: (distributions) => client.request('uncertain', { distributions, ...systems() }),
  exportFile,
  stem: () => stem('uncertain-prices'),
});
const worksheet = priceOfErrorWorksheet({
  preset: state.get().preset,
  onPreset: (id) => state.update({ preset: id }),
  onUse: (v) => {
    errorSlider.set(v);
    state.update({ priceError: v });
    schedule();
  },
});

// ---- page ----
const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Economic Evaluation');
const subtitle = h('p', { className: 'subtitle' });
const problems = h('div', { className: 'problems', role: 'alert', hidden: true });
const status = statusLine(app);
const pricesCard = h(
  'section',
  { className: 'card', 'data-card': 'prices' },
  h('header', { className: 'card-header' }, h('h2', {}, 'Your prices')),
  h(
    'div',
    { className: 'controls econ-prices' },
    errorSlider.element,
    latencySlider.element,
    abstainSlider.element,
    kindPick.element,
    overheadPick.element,
  ),
);
const content = h(
  'div',
  { className: 'content', hidden: true },
  problems,
  // the worksheet first: a price of error is what the rest of the page needs
  worksheet,
  pricesCard,
  recommendation,
  breakdownChart.element,
  ranking.element,
  curvesChart.element,
  sensitivity.element,
  critical.element,
  crossTable.element,
  paretoChart.element,
  diagnostics,
  uncertain,
);
const refresh = ui.button(
  { appearance: 'secondary', title: 'Read the log again', onclick: () => void client.request('reload', {}) },
  'Refresh',
);
const openMap = ui.button(
  {
    appearance: 'secondary',
    title: 'Open the Optimal-Model Map of this log',
    onclick: () => void client.request('openMap', { priceAbstain: state.get().priceAbstain, ...systems() }),
  },
  'Optimal-Model Map',
);
replaceChildren(
  app,
  h(
    'header',
    { className: 'view-header' },
    h('div', {}, title, subtitle),
    h('div', { className: 'toolbar' }, refresh, openMap),
  ),
  status.element,
  content,
);

let report: EvaluationReport | null = null;

function ciText(e: { ci_low: number; ci_high: number } | undefined): string {
  return e ? `${formatUsd(e.ci_low)} to ${formatUsd(e.ci_high)}` : pending;
}

function verdictText(c: CandidateUncertainty | undefined): string {
  if (!c) return pending;
  const v = c.vs_best;
  if (!v) return 'recommended';
  if (v.identical) return 'identical';
  const p = formatP(v.p_value, intervalsShown?.replicates ?? 1);
  return v.verdict === 'better'
    ? `worse (95% confidence, ${p})`
    : v.verdict === 'worse'
      ? `better (95% confidence, ${p})`
      : `tied (${p})`;
}

/** The bootstrap result on screen (matches the current prices and kinds), or null. */
let intervalsShown: ReturnType<typeof intervals.current> = null;

/** The recommendation sentence and its "how sure" lines once the intervals are in; a placeholder until then. */
function renderSure(best: RankedCandidate): void {
  const req = { prices: prices(), ...systems() };
  intervals.want(req);
  const u = intervals.current(req);
  intervalsShown = u;
  ciByName = new Map(u ? u.candidates.map((c) => [c.name, c]) : []);
  if (!u) {
    const failed = intervals.failure(req);
    replaceChildren(
      sure,
      h(
        'li',
        {},
        failed
          ? `No confidence intervals: ${failed}`
          : 'Computing 95% confidence intervals (paired bootstrap over the test queries)…',
      ),
    );
    return;
  }
  if (u.candidates[0].name !== best.name) {
    // Both rank the same statistics; a mismatch means the log changed under the view.
    replaceChildren(sure, h('li', {}, 'The intervals were computed for another version of this log: press Refresh.'));
    return;
  }
  const text = recommendationText(u);
  replaceChildren(
    headline,
    'Deploy ',
    h('strong', {}, formatSystemName(best.name)),
    text.how ? `, ${text.how}` : '',
    `: ${text.verdict}.`,
  );
  replaceChildren(sure, ...text.details.map((x) => h('li', {}, x)));
}

function selectCandidates(): void {
  // The worker prepares routers without overhead; the user's c₀ and l₀ shift their cost and latency here (eq. 3.9).
  candidates = data
    ? withRouterOverhead(
        filterKinds(data.data.candidates, state.get().kinds).map(candidateFromData),
        state.get().overhead,
      )
    : [];
}

function render(): void {
  if (!data) return;
  const d = data.data;
  if (candidates.length === 0) {
    report = null;
    replaceChildren(headline, 'Choose at least one kind of system above.');
    return;
  }
  report = evaluationReport(candidates, d.metrics, prices());
  const best = report.ranking[0];
  const p = prices();
  replaceChildren(
    headline,
    'Deploy ',
    h('strong', {}, formatSystemName(best.name)),
    ` — expected reward ${formatReward(best.reward)} per query.`,
  );
  const b = best.breakdown;
  const w = priceWeights(p, d.metrics);
  const here = (axis: number, x: number) =>
    bestAlongAxis(candidates, w, axis).find((g) => x >= g.from && x <= g.to && candidates[g.best].name === best.name);
  const alongE = here(ERROR, p.error);
  const alongL = here(LATENCY, p.latency);
  replaceChildren(
    explain,
    ...[
      `Per query: ${formatUsd(b.cost)} dollar cost + ${formatUsd(b.latency)} for latency (${formatSeconds(best.means.latency)} at ${formatLatencyPriceWithWage(p.latency)}) + ${formatUsd(b.error)} for errors (${formatShare(best.means.error)} × ${formatUsd(p.error)}) + ${formatUsd(b.abstain)} for abstentions (${formatShare(best.means.abstain)} × ${formatUsd(p.abstain)}).`,
      best.kind === 'model'
        ? null
        : `Threshold θ* = ${formatThresholds(best.thresholds)} (chosen on the ${d.nTrain} train queries), it ${deferralWords(best.kind)} ${formatShare(best.deferralRate)} of test queries.`,
      report.ranking[1]
        ? `Runner-up: ${formatSystemName(report.ranking[1].name)}, ${isTie(best.reward, report.ranking[1].reward) ? 'tied (the difference is numerical noise)' : `${formatUsd(best.reward - report.ranking[1].reward)} per query behind`}.`
        : null,
      alongE ? `Stays the best for λ_E in ${range(alongE.from, alongE.to)} at this λ_L and λ_A.` : null,
      alongL
        ? `Stays the best for λ_L in ${formatLatencyPrice(alongL.from)} – ${Number.isFinite(alongL.to) ? formatLatencyPrice(alongL.to) : '∞'} at this λ_E and λ_A.`
        : null,
    ]
      .filter((x): x is string => x !== null)
      .map((x) => h('li', {}, x)),
  );
  renderSure(best);
  breakdownChart.update({ rows: report.ranking.slice(0, 6) });
  ranking.update(report.ranking);
  curvesChart.update({
    lambdas: report.curves.lambdas,
    series: report.curves.series,
    current: p.error,
    recommended: best.name,
  });
  renderSensitivity(report);
  critical.update(
    report.critical.flatMap((row) => mergeTieSlivers(row.regimes).map((g) => ({ latency: row.priceLatency, ...g }))),
  );
  crossTable.update(report.crossovers);
  paretoChart.update({ entries: report.pareto });
}

function renderSensitivity(r: EvaluationReport): void {
  const { errors, latencies, best, margin } = r.sensitivity;
  const table = new TableCard<SensitivityRow>(
    {
      id: 'sensitivity',
      title: 'Sensitivity: best system by price of error (rows) and latency (columns)',
      fileStem: () => stem('sensitivity'),
      columns: [
        {
          id: 'price_error_usd',
          title: 'λ_E',
          numeric: true,
          value: (row) => row.error,
          format: (row) => formatUsd(row.error),
        },
        ...latencies.map((l, c) => ({
          id: `best_at_${roundSig(l * 60, 3)}_usd_per_min`,
          title: `λ_L ${formatLatencyPrice(l)}`,
          help: `Best system, and its margin over the runner-up per query, at ${formatLatencyPriceWithWage(l)}`,
          value: (row: SensitivityRow) => row.best[c],
          format: (row: SensitivityRow) =>
            `${formatSystemName(row.best[c])} (${isTie(row.margin[c], 0, row.error) ? 'tie' : `+${formatUsd(row.margin[c])}`})`,
        })),
      ],
    },
    exportFile,
  );
  table.update(errors.map((e, i) => ({ error: e, best: best[i], margin: margin[i] })));
  sensitivity.element.replaceWith(table.element);
  sensitivity = table;
}

function renderDiagnostics(): void {
  if (!data) return;
  const cascades = data.data.diagnostics;
  diagnostics.hidden = cascades.length === 0;
  if (cascades.length === 0) return;
  const want = state.get().cascade;
  const selected =
    cascades.find((c) => c.cascade === want)?.cascade ??
    cascades.find((c) => c.cascade === report?.ranking[0].name)?.cascade ??
    cascades[0].cascade;
  cascadePick.set(
    cascades.map((c) => ({ value: c.cascade, label: c.cascade })),
    selected,
  );
  const dto = { cascades, selected };
  cerChart.update(dto);
  decompChart.update(dto);
  costLatChart.update(dto);
}

client.on('loading', ({ file }) => {
  if (!data) status.show(`Tuning cascades on ${baseName(file)}…`, true);
});
client.on('data', (payload) => {
  data = payload;
  // A log without confidence scores, or runs compared, offer single models only: no kind choice to make.
  const modelsOnly = payload.noConfidence || payload.runs.length > 0;
  kindPick.onlyModels(modelsOnly);
  overheadPick.showFor(state.get().kinds.routers && !modelsOnly);
  intervals.reset();
  const d = payload.data;
  showViewTitle(title, 'Economic Evaluation', payload.file, Math.max(0, payload.runs.length - 1));
  subtitle.textContent = `${plural(d.candidates.length, 'system')} from ${plural(d.models.length, 'model')} · thresholds tuned on ${plural(d.nTrain, 'train query')}, rewards on ${plural(d.nTest, 'test query')} · `;
  subtitle.append(filePath(payload.file));
  // Error and abstention rates are measured on the test split (thresholds were tuned on train): say so where they are read.
  ranking.setTitle(`All systems at these prices · rates on ${plural(d.nTest, 'test query')}`);
  const notes = [
    ...d.warnings,
    ...(payload.problems.length ? [`${plural(payload.problems.length, 'problem')} while reading the log.`] : []),
  ];
  problems.hidden = notes.length === 0;
  replaceChildren(
    problems,
    ...notes.map((n) => h('div', {}, n)),
    payload.problems.length
      ? ui.link(
          { href: '#', onclick: (e: Event) => (e.preventDefault(), client.notify('showProblems', {})) },
          'Show details',
        )
      : null,
  );
  selectCandidates();
  content.hidden = false;
  status.show('', false);
  render();
  renderDiagnostics();
});
client.on('failed', ({ message }) => {
  status.show(message, false);
});
showViewTitle(title, 'Economic Evaluation', state.get().file, state.get().runs?.length ?? 0);
client.ready();
