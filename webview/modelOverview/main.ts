/**
 * Model Overview webview: one eval log's models per split (table) and accuracy against cost per
 * query with the Pareto frontier (chart). Data comes from the host's `summary` notification.
 */
import { NO_CONFIDENCE_MESSAGE } from '../../src/engines/logs/confidencePresence';
import {
  accuracyCostScatterConfig,
  accuracyCostTable,
  plottable,
  type AccuracyCostData,
} from '../charts/accuracyCostScatter';
import {
  defaultSplit,
  type ExtraFieldSummary,
  type LogSummary,
  type ModelSummary,
  type SliceCondition,
  type SplitSummary,
} from '../../src/protocol/logSummary';
import { runsViewState } from '../../src/protocol/logView';
import {
  NEXT_ANALYSES,
  type ModelOverviewProtocol,
  type ModelOverviewWebviewState,
} from '../../src/protocol/modelOverview';
import {
  DASH,
  formatCount,
  formatInteger,
  formatSeconds,
  formatShare,
  formatSig,
  formatUsd,
  plural,
} from '../../src/protocol/format';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { baseName, exportStem } from '../ui/fileNames';
import { filePath, showViewTitle } from '../ui/viewTitle';
import { createHostClient } from '../ui/hostClient';
import { statusLine } from '../ui/statusLine';
import { TableCard } from '../ui/tableCard';
import { QueryTableCard } from '../ui/queryTableCard';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';
import { bySliceCard } from './bySliceCard';
import { accuracyAndCostColumns } from './summaryColumns';
import { runsCard } from './runsCard';
import { runLabels } from '../../src/engines/logs/runs';

const client = createHostClient<ModelOverviewProtocol>();
const state = createViewState<ModelOverviewWebviewState>((saved, initial) => {
  const { split, where } = (saved ?? {}) as { split?: unknown; where?: Partial<SliceCondition> | null };
  return {
    ...runsViewState(saved, initial),
    split: typeof split === 'string' ? split : null,
    where:
      typeof where?.field === 'string' && typeof where.value === 'string'
        ? { field: where.field, value: where.value }
        : null,
  };
});
const exportFile = client.exportFile;
/** File names follow the split on screen (the default split until the user picks one). */
const stem = (what: string): string =>
  exportStem(state.get().file, (summary && currentSplit(summary)?.split) || 'all', what);

interface Row extends ModelSummary {
  onFrontier: boolean;
}

/** How the Cost from column names each source. */
const COST_SOURCE_LABEL: Record<ModelSummary['cost_source'], string> = {
  log: 'log',
  prices: 'your prices',
  database: 'price database',
  none: 'unknown',
  mixed: 'mixed',
};

const table = new TableCard<Row>(
  {
    id: 'models',
    title: 'Models',
    fileStem: () => stem('models'),
    rowClass: (r) => (r.onFrontier ? 'frontier' : undefined),
    onRowClick: (r) => void drill(r),
    rowTitle: (r) => `List the queries of ${r.model}`,
    columns: [
      { id: 'model', title: 'Model', value: (r) => r.model, format: (r) => (r.onFrontier ? `★ ${r.model}` : r.model) },
      ...accuracyAndCostColumns<Row>(),
      {
        id: 'mean_cost_usd_ci',
        title: 'Cost 95% CI',
        help: 'Percentile bootstrap of the mean cost per query (2,000 resamples of the records; normal approximation for very large logs)',
        numeric: true,
        value: (r) => r.mean_cost_usd_ci?.ci_low ?? null,
        format: (r) =>
          r.mean_cost_usd_ci
            ? `${formatUsd(r.mean_cost_usd_ci.ci_low)} – ${formatUsd(r.mean_cost_usd_ci.ci_high)}`
            : DASH,
        csv: [
          { id: 'mean_cost_usd_ci_low', value: (r) => r.mean_cost_usd_ci?.ci_low ?? null },
          { id: 'mean_cost_usd_ci_high', value: (r) => r.mean_cost_usd_ci?.ci_high ?? null },
        ],
      },
      {
        id: 'cost_source',
        title: 'Cost from',
        help: "log: the log's own costs; prices: your price table; database: the bundled price database (genai-prices); none: unknown",
        value: (r) => r.cost_source,
        format: (r) => COST_SOURCE_LABEL[r.cost_source],
      },
      {
        id: 'mean_latency_s',
        title: 'Latency',
        help: 'Mean seconds per query',
        numeric: true,
        value: (r) => r.mean_latency_s,
        format: (r) => formatSeconds(r.mean_latency_s),
      },
      {
        id: 'mean_output_tokens',
        title: 'Output tokens',
        help: 'Mean output tokens per query, reasoning included',
        numeric: true,
        value: (r) => r.mean_output_tokens,
        format: (r) => formatCount(r.mean_output_tokens),
      },
      {
        id: 'mean_reasoning_tokens',
        title: 'Reasoning tokens',
        help: 'Mean reasoning tokens per query (part of the output tokens; billed as output)',
        numeric: true,
        value: (r) => r.mean_reasoning_tokens,
        format: (r) => formatCount(r.mean_reasoning_tokens),
      },
      {
        id: 'n',
        title: 'n',
        help: 'Records of this model in the split',
        numeric: true,
        value: (r) => r.n,
        format: (r) => r.n.toLocaleString('en-US'),
      },
      {
        id: 'on_pareto_frontier',
        title: 'Frontier',
        help: 'On the accuracy-versus-cost Pareto frontier (★): no other model is both cheaper and more accurate',
        value: (r) => r.onFrontier,
        format: (r) => (r.onFrontier ? 'yes' : 'no'),
      },
    ],
  },
  exportFile,
);

const extraTable = new TableCard<ExtraFieldSummary>(
  {
    id: 'extra-fields',
    title: 'Other fields in the log',
    fileStem: () => stem('other-fields'),
    columns: [
      { id: 'model', title: 'Model', value: (r) => r.model },
      { id: 'field', title: 'Field', value: (r) => r.field },
      {
        id: 'kind',
        title: 'Kind',
        help: 'numeric: a measurement per query; true/false: an event per query',
        value: (r) => r.kind,
        format: (r) => (r.kind === 'binary' ? 'true/false' : 'numeric'),
      },
      {
        id: 'mean',
        title: 'Mean',
        help: 'Mean per query; for a true/false field, the share of true. Price them in the Economic Evaluation with costrisk econ --price-metric.',
        numeric: true,
        value: (r) => r.mean,
        format: (r) => (r.kind === 'binary' ? formatShare(r.mean) : formatSig(r.mean, 4)),
      },
      {
        id: 'n',
        title: 'n',
        help: 'Records of this model that have the field',
        numeric: true,
        value: (r) => r.n,
        format: (r) => r.n.toLocaleString('en-US'),
      },
    ],
  },
  exportFile,
);

const chart = new ChartCard<AccuracyCostData>(
  {
    id: 'accuracy-cost',
    title: 'Accuracy versus cost per query',
    fileStem: () => stem('accuracy-cost'),
    describe: (d) =>
      `Scatter of ${d.points.length} models, accuracy against cost per query; Pareto frontier: ${
        d.points
          .filter((p) => p.onFrontier)
          .map((p) => p.model)
          .join(', ') || 'none'
      }.`,
    config: accuracyCostScatterConfig,
    table: accuracyCostTable,
  },
  exportFile,
  (d) =>
    plottable(d).length === 0
      ? 'No model has a cost: add "cost_usd" to the log, or token counts and a price table (setting costRiskLab.prices).'
      : null,
);

/** The model whose queries are listed (with runs, its lines are in its run's log). */
let drilled = '';
const queries = new QueryTableCard({
  id: 'queries',
  exportFile,
  fileStem: () => stem('queries'),
  openSource: (line) =>
    void client
      .request('openSource', { line, model: drilled })
      .catch((err: Error) => queries.message(`The log could not be opened: ${err.message}`)),
});
let drillSeq = 0;

/** Lists the queries of a model on the split shown. */
async function drill(r: Row): Promise<void> {
  const id = ++drillSeq;
  const split = (summary && currentSplit(summary)) || null;
  const on = split ? split.label : 'all records';
  queries.message(`Reading the queries of ${r.model} (${on})…`);
  drilled = r.model;
  try {
    const view = await client.request('queryTable', {
      model: r.model,
      split: split?.split ?? '',
      where: summary?.where ?? null,
    });
    if (id !== drillSeq) return;
    queries.show(
      view,
      `Queries of ${r.model} (${on}): its accuracy ${formatShare(r.accuracy)} is the share of right rows${view.rows.some((x) => x.score !== 0 && x.score !== 1) ? ' when scores are 0 or 1 (this log grades some answers: the accuracy is the mean score)' : ''}.`,
    );
  } catch (err) {
    if (id === drillSeq) queries.message(`The queries of ${r.model} could not be listed: ${(err as Error).message}`);
  }
}

const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Model Overview');
const subtitle = h('p', { className: 'subtitle' });
const splitPicker = ui.dropdown({ id: 'split', 'aria-label': 'Split' });
const whereField = ui.dropdown({
  id: 'where-field',
  'aria-label': 'Where: field',
  title: 'Summarise only the records whose text field has one value (as costrisk summary --where field=value)',
});
const whereValue = ui.dropdown({ id: 'where-value', 'aria-label': 'Where: value' });
const sliceNote = h('p', { className: 'slice-note', hidden: true });
const bySlice = bySliceCard(client, exportFile, (what) => stem(what));
const runs = runsCard(client, exportFile, (what) => stem(what));
const problems = h('div', { className: 'problems', role: 'alert', hidden: true });
const notes = h('ul', { className: 'notes' });
const status = statusLine(app);
const next = h(
  'div',
  { className: 'controls', 'data-next': '' },
  h('span', { className: 'field-label' }, 'Analyse further'),
  ...NEXT_ANALYSES.map((a) =>
    ui.button(
      {
        appearance: 'secondary',
        title: a.help,
        'data-view': a.view,
        onclick: () => void client.request('openAnalysis', { view: a.view }),
      },
      a.label,
    ),
  ),
);
const content = h(
  'div',
  { className: 'content', hidden: true },
  h(
    'div',
    { className: 'controls' },
    h('label', { for: 'split' }, 'Split'),
    splitPicker,
    h('label', { for: 'where-field' }, 'Where'),
    whereField,
    h('span', { 'aria-hidden': 'true' }, '='),
    whereValue,
  ),
  sliceNote,
  problems,
  table.element,
  queries.element,
  runs.element,
  bySlice.element,
  extraTable.element,
  chart.element,
  next,
  notes,
);
const refresh = ui.button(
  { appearance: 'secondary', title: 'Read the log again', onclick: () => void client.request('reload', {}) },
  'Refresh',
);
const compareRuns = ui.button(
  {
    appearance: 'secondary',
    title:
      'Compare this log with other runs of the workspace (before/after a change, two providers...): models side by side, query by query',
    onclick: () => void client.request('chooseRuns', {}),
  },
  'Compare Runs…',
);
const openLog = ui.button(
  {
    appearance: 'secondary',
    title: 'Open the log file in an editor',
    onclick: () => void client.request('openLog', {}),
  },
  'Open Log',
);
replaceChildren(
  app,
  h(
    'header',
    { className: 'view-header' },
    h('div', {}, title, subtitle),
    h('div', { className: 'toolbar' }, refresh, compareRuns, openLog),
  ),
  status.element,
  content,
);

let summary: LogSummary | null = null;

splitPicker.addEventListener('change', () => {
  state.update({ split: splitPicker.value });
  render();
});

/** Asks the host to summarise a slice (null: every record); the answer comes as a `summary`. */
function showSlice(where: SliceCondition | null): void {
  state.update({ where });
  status.show(where ? `Reading the records where ${where.field} = ${where.value}…` : 'Reading every record…', true);
  client.request('slice', { where }).catch((err: Error) => status.show(err.message, false));
}
whereField.addEventListener('change', () => {
  const f = summary?.fields?.find((x) => x.field === whereField.value);
  showSlice(f && f.values.length ? { field: f.field, value: f.values[0].value } : null);
});
whereValue.addEventListener('change', () => {
  if (whereField.value !== '') showSlice({ field: whereField.value, value: whereValue.value });
});
/** A slice saved before a reload is asked for again once, with the first summary. */
let restoreSlice = true;

/** The Where controls: the log's fields and the values of the chosen one, set to the slice shown. */
function renderWhere(s: LogSummary): void {
  const fields = s.fields ?? [];
  const where = s.where ?? null;
  replaceChildren(
    whereField,
    ui.option('', 'all records', where === null),
    ...fields.map((f) => ui.option(f.field, f.field, f.field === where?.field)),
  );
  whereField.value = where?.field ?? '';
  const values = fields.find((f) => f.field === where?.field)?.values ?? [];
  replaceChildren(
    whereValue,
    ...values.map((v) => ui.option(v.value, `${v.value} (${plural(v.records, 'record')})`, v.value === where?.value)),
  );
  whereValue.value = where?.value ?? '';
  whereValue.hidden = where === null;
  const all = s.splits[0];
  sliceNote.hidden = where === null;
  sliceNote.textContent = where
    ? `Only the records where ${where.field} = ${where.value}: ${plural(all?.models.reduce((n, m) => n + m.n, 0) ?? 0, 'record')} of ${s.records.toLocaleString('en-US')}.`
    : '';
}

function currentSplit(s: LogSummary): SplitSummary | undefined {
  const want = state.get().split ?? defaultSplit(s);
  return s.splits.find((x) => x.split === want) ?? s.splits.find((x) => x.split === defaultSplit(s));
}

function render(): void {
  if (!summary) return;
  const s = summary;
  const runFiles = state.get().runs ?? [];
  showViewTitle(title, 'Model Overview', s.file, runFiles.length);
  if (s.fatal) {
    content.hidden = true;
    status.show(`This log could not be read: ${s.fatal}`, false);
    return;
  }
  renderWhere(s);
  const split = currentSplit(s);
  if (runFiles.length) {
    const files = [s.file, ...runFiles];
    const labels = runLabels(files);
    replaceChildren(
      subtitle,
      `${plural(s.records, 'record')} in ${labels.length} runs, matched by query id: `,
      ...labels.flatMap((l, i) => [i ? ', ' : '', h('span', { className: 'file-name', title: files[i] }, l)]),
      ` (baseline "${labels[0]}"); models are named "model · run"`,
    );
  } else replaceChildren(subtitle, `${plural(s.records, 'record')} · ${s.adapter ?? ''} format · `, filePath(s.file));
  replaceChildren(
    splitPicker,
    ...s.splits.map((x) => ui.option(x.split, `${x.label} (${plural(x.queries, 'query')})`, x === split)),
  );
  splitPicker.value = split?.split ?? '';
  const bad = s.skippedCount + s.warningCount;
  problems.hidden = bad === 0;
  replaceChildren(
    problems,
    `${plural(s.skippedCount, 'line')} skipped, ${plural(s.warningCount, 'warning')} while reading this log. `,
    ui.link(
      { href: '#', onclick: (e: Event) => (e.preventDefault(), client.notify('showProblems', {})) },
      'Show details',
    ),
  );
  // Accuracies differ between splits: the table says which one its figures are measured on.
  table.setTitle(`Models · ${!split || split.split === '' ? 'all records' : `split "${split.label}"`}`);
  bySlice.show(
    (s.fields ?? []).map((f) => f.field),
    split?.split ?? '',
    s.where ?? null,
  );
  if (runFiles.length) void runs.show(split?.split ?? '', s.where ?? null);
  else runs.hide();
  const front = new Set(split?.frontier ?? []);
  const rows: Row[] = (split?.models ?? []).map((m) => ({ ...m, onFrontier: front.has(m.model) }));
  table.update(rows);
  drillSeq++;
  queries.hide();
  const extras = split?.extraFields ?? [];
  extraTable.element.hidden = extras.length === 0;
  extraTable.update(extras);
  chart.update({
    points: rows.map((r) => ({
      model: r.model,
      costUsd: r.mean_cost_usd,
      accuracy: r.accuracy,
      onFrontier: r.onFrontier,
    })),
  });
  replaceChildren(
    notes,
    ...(split
      ? [
          ...(s.missingFields.includes('confidence') ? [NO_CONFIDENCE_MESSAGE] : []),
          `${plural(split.queries, 'query')}, ${formatInteger(split.completeQueries)} answered by every model.`,
          ...split.notes,
        ]
      : []
    ).map((n) => h('li', {}, n)),
  );
  content.hidden = false;
  status.show('', false);
}

client.on('loading', ({ file }) => {
  if (!summary) status.show(`Reading ${baseName(file)}…`, true);
});
client.on('summary', ({ summary: s }) => {
  summary = s;
  const saved = state.get().where ?? null;
  if (restoreSlice && saved && !s.fatal && (s.where?.field !== saved.field || s.where.value !== saved.value)) {
    restoreSlice = false;
    showSlice(saved);
    return;
  }
  restoreSlice = false;
  if (!s.fatal) state.update({ where: s.where ?? null });
  render();
});
client.on('failed', ({ message }) => {
  status.show(message, false);
});
showViewTitle(title, 'Model Overview', state.get().file, state.get().runs?.length ?? 0);
client.ready();
