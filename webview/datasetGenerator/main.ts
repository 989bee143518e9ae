/**
 * Dataset Generator webview: an archetype form (or a description in words) → a generated data set
 * previewed as a scatter coloured by cluster, the achieved pairwise overlaps against the bounds,
 * regenerate with a new seed, export CSV/JSON into the workspace, save the archetype to the library.
 */
import type { DatasetFormat } from '../../src/engines/clusters/datasetFormat';
import type { Archetype } from '../../src/engines/clusters/archetype';
import { ARCHETYPE_DEFAULTS } from '../../src/engines/clusters/archetype';
import { parseArchetype } from '../../src/engines/clusters/validateArchetype';
import { judgeGeneration, type GenerationRequest } from '../../src/engines/clusters/estimateGeneration';
import { maxOf, minOf } from '../../src/shared/arrays';
import { DISTRIBUTION_NAMES } from '../../src/engines/clusters/radialDistributions';
import type { OverlapHistogram } from '../../src/engines/clusters/achievedOverlaps';
import {
  isDatasetGeneratorHostState,
  MAX_BENCHMARK_DATASETS,
  type BenchmarkReply,
  type DatasetGeneratorProtocol,
  type DatasetGeneratorWebviewState,
  type DatasetPreview,
} from '../../src/protocol/datasetGenerator';
import {
  ALGORITHM_LABELS,
  CLUSTERING_ALGORITHMS,
  type BenchmarkCell,
  type Spread,
} from '../../src/engines/clusters/mockBenchmark';
import { benchmarkChartConfig, benchmarkChartTable, type BenchmarkChartData } from '../charts/benchmarkChart';
import { TableCard } from '../ui/tableCard';
import { clusterScatterConfig, clusterScatterTable, type ClusterScatterData } from '../charts/clusterScatter';
import { overlapHistogramConfig, overlapHistogramTable } from '../charts/overlapHistogramChart';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { createHostClient } from '../ui/hostClient';
import { latestRequest } from '../ui/latestRequest';
import { statusLine } from '../ui/statusLine';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';
import { formatElapsed, formatFixed, formatPercent, formatScientific, formatSig } from '../../src/protocol/format';

const client = createHostClient<DatasetGeneratorProtocol>();
const DEFAULT = parseArchetype({}) as { ok: true; archetype: Archetype };
const state = createViewState<DatasetGeneratorWebviewState>((saved, initial) => {
  const base = isDatasetGeneratorHostState(saved)
    ? saved
    : isDatasetGeneratorHostState(initial)
      ? initial
      : { archetype: null, seed: 1 };
  const s = (saved ?? {}) as Partial<DatasetGeneratorWebviewState>;
  return {
    archetype: base.archetype,
    seed: base.seed,
    description: typeof s.description === 'string' ? s.description : '',
    distort: s.distort === true,
    sphere: s.sphere === true,
    count: typeof s.count === 'number' && s.count >= 1 ? s.count : 10,
  };
});
const exportFile = client.exportFile;

// ---- form
type NumField =
  | 'n_clusters'
  | 'dim'
  | 'n_samples'
  | 'aspect_ref'
  | 'aspect_maxmin'
  | 'radius_maxmin'
  | 'max_overlap'
  | 'min_overlap'
  | 'imbalance_ratio'
  | 'scale';
const NUM_FIELDS: [NumField, string, string][] = [
  ['n_clusters', 'Clusters', 'Number of clusters'],
  ['dim', 'Dimensions', 'Number of features'],
  ['n_samples', 'Samples', 'Total number of points'],
  ['aspect_ref', 'Aspect ratio', 'Typical ratio of longest to shortest axis (1 = round)'],
  ['aspect_maxmin', 'Aspect max/min', 'How much the aspect ratio varies between clusters'],
  ['radius_maxmin', 'Radius max/min', 'Ratio of the largest to the smallest cluster size'],
  [
    'max_overlap',
    'Max overlap',
    'No pair of clusters overlaps more than this (0.2 heavy, 0.01 little, 1e-4 well separated)',
  ],
  ['min_overlap', 'Min overlap', 'Every cluster overlaps some neighbour at least this much'],
  ['imbalance_ratio', 'Imbalance', 'Ratio of the largest to the smallest cluster size in points'],
  ['scale', 'Scale', 'Reference cluster radius'],
];
const nameField = ui.textField({ id: 'f-name', size: 36, 'aria-label': 'Name' });
const numInputs = new Map<NumField, ui.ValueControl>(
  NUM_FIELDS.map(([k, label, help]) => [k, ui.textField({ id: `f-${k}`, size: 8, 'aria-label': label, title: help })]),
);
const distBoxes = new Map(DISTRIBUTION_NAMES.map((d) => [d, ui.checkbox({ 'data-value': d }, d)]));
const propsField = ui.textField({
  id: 'f-props',
  size: 24,
  'aria-label': 'Proportions',
  title: 'Share of clusters per checked distribution, e.g. 0.7, 0.3 (empty: equal shares)',
});
const errors = h('ul', { className: 'field-error', role: 'alert' });
const field = (id: string, label: string, el: HTMLElement) =>
  h('div', { className: 'field' }, h('label', { for: id, className: 'field-label' }, label), el);

const describeField = ui.textField({
  id: 'describe',
  size: 70,
  placeholder: 'e.g. seven highly separated clusters in 10D with very different shapes',
  'aria-label': 'Describe the data set',
});
const useModel = ui.checkbox(
  {
    id: 'use-model',
    checked: true,
    title: 'Use a language model when one is configured; otherwise the built-in offline parser reads the text',
  },
  'Use language model',
);
const describeNote = h('p', { className: 'subtitle', role: 'status' });
const describeBtn = ui.button({ id: 'describe-btn', onclick: () => void describe() }, 'Read Description');

const distortBox = ui.checkbox(
  { id: 'distort', title: 'Pass the data through a random neural network: non-convex clusters' },
  'Distort',
);
const sphereBox = ui.checkbox(
  { id: 'sphere', title: 'Wrap the data around the sphere (inverse stereographic projection): one more dimension' },
  'Wrap around sphere',
);
const seedLabel = h('span', { className: 'headline' });
const generateBtn = ui.button({ id: 'generate', onclick: () => void generate() }, 'Generate');
const newSeedBtn = ui.button(
  {
    id: 'new-seed',
    appearance: 'secondary',
    title: 'Regenerate with the next seed',
    onclick: () => (state.update({ seed: state.get().seed + 1 }), void generate()),
  },
  'New Seed',
);
const saveBtn = ui.button(
  {
    id: 'save',
    appearance: 'secondary',
    title: 'Append this archetype to archetypes.archetypes.jsonl in the workspace',
    onclick: () => void saveArchetype(),
  },
  'Save to Library',
);
const countField = ui.textField({
  id: 'count',
  size: 4,
  'aria-label': 'Number of data sets to export',
  title: 'Data sets to export (seeds seed, seed+1, …)',
});
const exportCsvBtn = ui.button(
  { id: 'export-csv', appearance: 'secondary', onclick: () => void exportData('csv') },
  'Export CSV',
);
const exportNpyBtn = ui.button(
  {
    id: 'export-npy',
    appearance: 'secondary',
    title:
      'NumPy files: the points as float64 (n × p) and the labels as int32, for numpy.load; exact and the fastest to write',
    onclick: () => void exportData('npy'),
  },
  'Export NumPy',
);
const exportJsonBtn = ui.button(
  { id: 'export-json', appearance: 'secondary', onclick: () => void exportData('json') },
  'Export JSON',
);
const notes = h('ul', { className: 'notes' });
const headline = h('p', { className: 'headline' });
// Work above the interactive limit waits here for the user's go-ahead; work above the hard limit is refused here.
const workText = h('span', { id: 'work-text' });
const workGo = ui.button({ id: 'work-go' }, 'Generate Anyway');
const workCancel = ui.button({ id: 'work-cancel', appearance: 'secondary' }, 'Cancel');
const workBox = h(
  'div',
  { id: 'work-confirm', className: 'status', role: 'alert', hidden: true },
  workText,
  workGo,
  workCancel,
);

const scatter = new ChartCard<ClusterScatterData>(
  {
    id: 'dataset-scatter',
    title: 'Preview',
    describe: (d) => `Scatter of ${d.labels.length} points in ${d.k} clusters, ${d.xTitle} against ${d.yTitle}.`,
    config: clusterScatterConfig,
    table: clusterScatterTable,
    fileStem: () => `${currentName()}-seed${state.get().seed}-preview`,
    height: 420,
  },
  exportFile,
);
const histogram = new ChartCard<OverlapHistogram>(
  {
    id: 'overlap-histogram',
    title: 'Achieved pairwise overlaps',
    describe: (d) =>
      `Histogram of ${d.pairs} pairwise overlaps; ${d.aboveMax} above max_overlap ${d.maxOverlap}; ${d.lonelyClusters} clusters with no neighbour above min_overlap ${d.minOverlap}.`,
    config: overlapHistogramConfig,
    table: overlapHistogramTable,
    fileStem: () => `${currentName()}-seed${state.get().seed}-overlaps`,
    height: 240,
  },
  exportFile,
  (d) => (d.pairs === 0 ? 'One cluster: no pairs to compare.' : null),
);

// ---- benchmark (thesis §5.4): N data sets of this archetype, the chosen algorithms, AMI/ARI
const benchCount = ui.textField({
  id: 'bench-count',
  size: 4,
  value: '10',
  'aria-label': 'Data sets to benchmark',
  title: `Data sets per shape (seeds seed, seed+1, …; at most ${MAX_BENCHMARK_DATASETS})`,
});
const benchAlgos = new Map(
  CLUSTERING_ALGORITHMS.map((a) => [a, ui.checkbox({ 'data-algorithm': a, checked: true }, ALGORITHM_LABELS[a])]),
);
const benchNonConvex = ui.checkbox(
  { id: 'bench-nonconvex', title: 'Also score distorted (non-convex) data sets, as Table 5.2’s right half' },
  'Non-convex too',
);
const benchRun = ui.button({ id: 'bench-run', onclick: () => void runBenchmark() }, 'Run Benchmark');
const benchCancel = ui.button(
  {
    id: 'bench-cancel',
    appearance: 'secondary',
    disabled: true,
    onclick: () => void client.request('cancelBenchmark', {}).catch(() => undefined),
  },
  'Cancel',
);
const benchStatus = h(
  'p',
  { className: 'subtitle', id: 'bench-status', role: 'status' },
  'Every algorithm but HDBSCAN is given the true number of clusters; HDBSCAN is scored on its non-noise points.',
);
const fmtSpread = (s: Spread | null) => (s ? `${formatFixed(s.mean, 3)} (${formatFixed(s.se, 3)})` : '—');
const benchTable = new TableCard<BenchmarkCell>(
  {
    id: 'benchmark-table',
    title: 'Benchmark: mean (standard error)',
    columns: [
      { id: 'algorithm', title: 'Algorithm', value: (c) => ALGORITHM_LABELS[c.algorithm] },
      { id: 'shape', title: 'Shape', value: (c) => (c.convex ? 'convex' : 'non-convex') },
      {
        id: 'ami',
        title: 'AMI',
        help: 'Adjusted mutual information with the true labels',
        value: (c) => c.ami?.mean ?? null,
        format: (c) => fmtSpread(c.ami),
        numeric: true,
      },
      {
        id: 'ari',
        title: 'ARI',
        help: 'Adjusted Rand index with the true labels',
        value: (c) => c.ari?.mean ?? null,
        format: (c) => fmtSpread(c.ari),
        numeric: true,
      },
      {
        id: 'noise',
        title: 'Noise',
        help: 'HDBSCAN: share of points labelled noise',
        value: (c) => c.noise?.mean ?? null,
        format: (c) => (c.noise ? fmtSpread(c.noise) : ''),
        numeric: true,
      },
      { id: 'runs', title: 'Data sets', value: (c) => c.runs, numeric: true },
    ],
    fileStem: () => `${currentName()}-benchmark`,
  },
  exportFile,
);
const benchChart = new ChartCard<BenchmarkChartData>(
  {
    id: 'benchmark-chart',
    title: 'Benchmark scores',
    describe: (d) => `Bar chart of mean AMI and ARI for ${d.cells.length} algorithm and shape combinations.`,
    config: benchmarkChartConfig,
    table: benchmarkChartTable,
    fileStem: () => `${currentName()}-benchmark-chart`,
    height: 280,
  },
  exportFile,
);

const app = document.getElementById('app') as HTMLElement;
const status = statusLine(app);
const generateRequest = latestRequest(status, (message) => `Could not generate: ${message}`);
replaceChildren(
  app,
  h(
    'header',
    { className: 'view-header' },
    h(
      'div',
      {},
      h('h1', {}, 'Dataset Generator'),
      h(
        'p',
        { className: 'subtitle' },
        'Synthetic cluster benchmarks from a few high-level numbers (archetypes), or from a sentence.',
      ),
    ),
    h('div', { className: 'toolbar' }, seedLabel, generateBtn, newSeedBtn, saveBtn),
  ),
  h(
    'section',
    { className: 'card' },
    h('h2', {}, 'Describe in words'),
    h('div', { className: 'controls' }, describeField, describeBtn, useModel),
    describeNote,
  ),
  h(
    'section',
    { className: 'card' },
    h('h2', {}, 'Archetype'),
    h(
      'div',
      { className: 'controls' },
      field('f-name', 'Name', nameField),
      ...NUM_FIELDS.map(([k, label]) => field(`f-${k}`, label, numInputs.get(k)!)),
    ),
    h('div', { className: 'checks', role: 'group', 'aria-label': 'Distributions' }, ...distBoxes.values()),
    h('div', { className: 'controls' }, field('f-props', 'Proportions', propsField), distortBox, sphereBox),
    errors,
  ),
  workBox,
  status.element,
  headline,
  scatter.element,
  histogram.element,
  h(
    'section',
    { className: 'card', id: 'benchmark' },
    h('h2', {}, 'Benchmark'),
    h(
      'div',
      { className: 'controls' },
      field('bench-count', 'Data sets', benchCount),
      ...benchAlgos.values(),
      benchNonConvex,
      benchRun,
      benchCancel,
    ),
    benchStatus,
  ),
  benchChart.element,
  benchTable.element,
  h(
    'section',
    { className: 'card' },
    h('h2', {}, 'Export data sets'),
    h(
      'div',
      { className: 'controls' },
      field('count', 'Data sets', countField),
      exportCsvBtn,
      exportNpyBtn,
      exportJsonBtn,
    ),
    h(
      'p',
      { className: 'subtitle' },
      'Each file holds x1…xp and a label column (CSV); NumPy writes the points and the labels as two arrays (.npy, for numpy.load); JSON holds the data, labels, centres, axes and overlaps.',
    ),
  ),
  notes,
);

const setValue = (el: ui.ValueControl, v: string) => (el.value = v);
const getValue = (el: ui.ValueControl) => (el.value ?? '').trim();
const currentName = () => getValue(nameField) || 'dataset';

/** True while the form is filled from code: toolkit checkboxes fire `change` then, which is not an edit. */
let filling = false;
function fillForm(a: Archetype): void {
  filling = true;
  setValue(nameField, a.name);
  for (const [k] of NUM_FIELDS) setValue(numInputs.get(k)!, String(a[k]));
  for (const [d, box] of distBoxes) box.checked = a.distributions.includes(d);
  const equal = a.distribution_proportions.every((x) => Math.abs(x - 1 / a.distributions.length) < 1e-9);
  setValue(propsField, equal ? '' : a.distribution_proportions.map((x) => formatSig(x, 4)).join(', '));
  queueMicrotask(() => (filling = false));
}

/** The form as raw archetype JSON (numbers parsed; blanks omitted so defaults apply). */
function readForm(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (getValue(nameField)) o.name = getValue(nameField);
  for (const [k] of NUM_FIELDS) {
    const t = getValue(numInputs.get(k)!);
    if (t !== '') o[k] = Number.isFinite(Number(t)) ? Number(t) : t;
  }
  o.distributions = [...distBoxes].filter(([, b]) => b.checked).map(([d]) => d);
  const props = getValue(propsField);
  if (props)
    o.distribution_proportions = props
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number);
  return o;
}

function validate(): Archetype | null {
  const r = parseArchetype(readForm());
  replaceChildren(errors, ...(r.ok ? [] : r.errors.map((e) => h('li', {}, e))));
  generateBtn.toggleAttribute('disabled', !r.ok);
  return r.ok ? r.archetype : null;
}

let timer: ReturnType<typeof setTimeout> | undefined;
function onEdit(): void {
  if (filling) return;
  const a = validate();
  state.update({ archetype: a ?? state.get().archetype });
  client.notify('edited', { archetype: a, seed: state.get().seed });
  clearTimeout(timer);
  if (a) timer = setTimeout(() => void generate(), 500);
}
for (const el of [nameField, propsField, ...numInputs.values()]) el.addEventListener('input', onEdit);
for (const box of distBoxes.values()) box.addEventListener('change', onEdit);
function onOption(key: 'distort' | 'sphere', box: ui.CheckControl): void {
  const v = box.checked;
  if (v === state.get()[key]) return; // set from code, not a user change
  state.update({ [key]: v });
  void generate();
}
distortBox.addEventListener('change', () => onOption('distort', distortBox));
sphereBox.addEventListener('change', () => onOption('sphere', sphereBox));
describeField.addEventListener('input', () => state.update({ description: getValue(describeField) }));
describeField.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && void describe());
countField.addEventListener('input', () => {
  const n = Number(getValue(countField));
  if (Number.isInteger(n) && n >= 1 && n <= 10000) state.update({ count: n });
});

/** Settles the question on show, if any (a newer question or request replaces it). */
let settleWork: ((go: boolean) => void) | null = null;
workGo.addEventListener('click', () => settleWork?.(true));
workCancel.addEventListener('click', () => settleWork?.(false));

/**
 * Whether to start work on archetype `a`: at once below the interactive limit (false: no
 * confirmation needed), after the user's go-ahead above it (true), never above the hard limit
 * (null, with the reason shown). See estimateGeneration.
 */
async function approveWork(a: Archetype, request: GenerationRequest, goLabel: string): Promise<boolean | null> {
  settleWork?.(false);
  const verdict = judgeGeneration(a, request);
  if (verdict.kind === 'ok') return false;
  workBox.hidden = false;
  workGo.hidden = verdict.kind === 'refuse';
  workGo.textContent = goLabel;
  workText.textContent =
    verdict.kind === 'refuse'
      ? `Not started: ${verdict.message}.`
      : `${verdict.message[0].toUpperCase()}${verdict.message.slice(1)}.`;
  if (verdict.kind === 'refuse') {
    settleWork = null;
    return null;
  }
  const go = await new Promise<boolean>((resolve) => (settleWork = resolve));
  settleWork = null;
  workBox.hidden = true;
  return go ? true : null;
}

async function generate(): Promise<void> {
  const a = validate();
  if (!a) return;
  const s = state.get();
  seedLabel.textContent = `seed ${s.seed}`;
  const force = await approveWork(a, { distort: s.distort, sphere: s.sphere, preview: true }, 'Generate Anyway');
  if (force === null) return;
  workBox.hidden = true;
  await generateRequest(
    'Generating…',
    () =>
      client.request('generate', {
        archetype: readForm(),
        seed: s.seed,
        distort: s.distort,
        sphere: s.sphere,
        ...(force ? { force } : {}),
      }),
    render,
  );
}

function render(p: DatasetPreview): void {
  const pc = p.explained !== null;
  scatter.update({
    xy: p.xy,
    labels: p.labels,
    k: p.archetype.n_clusters,
    xTitle: pc ? 'PC 1' : 'x1',
    yTitle: pc ? 'PC 2' : p.dim === 1 ? '' : 'x2',
  });
  histogram.update(p.histogram);
  const range = p.histogram.range;
  headline.textContent = [
    `${p.n.toLocaleString('en-US')} points · ${p.dim}D · ${p.archetype.n_clusters} clusters (sizes ${minOf(p.sizes)}–${maxOf(p.sizes)})`,
    p.converged ? `overlaps met in ${p.epochs} epoch(s)` : `overlaps NOT met after ${p.epochs} epochs`,
    range ? `pair overlaps ${formatScientific(range[0], 1)}–${formatScientific(range[1], 1)}` : '',
    p.silhouette !== null ? `silhouette ${formatFixed(p.silhouette, 3)}` : '',
    pc ? `PCA view: ${formatPercent(p.explained ?? 0, 0)} of variance` : '',
    formatElapsed(p.elapsedMs / 1000),
  ]
    .filter(Boolean)
    .join(' · ');
  replaceChildren(
    notes,
    ...p.warnings.map((w) => h('li', {}, w)),
    h('li', {}, `Distributions: ${p.distributions.map((d, i) => `${i}: ${d}`).join(', ')}`),
  );
}

async function describe(): Promise<void> {
  const text = getValue(describeField);
  if (!text) return;
  describeBtn.toggleAttribute('disabled', true);
  replaceChildren(describeNote, 'Reading…');
  try {
    const r = await client.request('describe', { text, useModel: useModel.checked });
    fillForm(r.archetype);
    state.update({ archetype: r.archetype });
    const how =
      r.source === 'llm'
        ? `Read by ${r.model ?? 'a language model'}.`
        : `Read offline${r.understood.length ? `: ${r.understood.join(', ')}` : ' (nothing recognised: defaults)'}.`;
    replaceChildren(describeNote, [how, ...r.warnings].join(' '));
    filling = false;
    onEdit();
  } catch (e) {
    replaceChildren(describeNote, `Could not read the description: ${(e as Error).message}`);
  } finally {
    describeBtn.toggleAttribute('disabled', false);
  }
}

async function saveArchetype(): Promise<void> {
  if (!validate()) return;
  try {
    const r = await client.request('saveArchetype', { archetype: readForm() });
    if (r) status.show(`Saved to ${r.file}`, false);
  } catch (e) {
    status.show(`Could not save: ${(e as Error).message}`, false);
  }
}

async function exportData(format: DatasetFormat): Promise<void> {
  const a = validate();
  if (!a) return;
  const s = state.get();
  const force = await approveWork(
    a,
    { distort: s.distort, sphere: s.sphere, count: s.count, write: true },
    'Export Anyway',
  );
  if (force === null) return;
  workBox.hidden = true;
  try {
    const r = await client.request('exportDatasets', {
      archetype: readForm(),
      seed: s.seed,
      distort: s.distort,
      sphere: s.sphere,
      count: s.count,
      format,
      ...(force ? { force } : {}),
    });
    if (r) status.show(`Wrote ${r.files.length} file(s), e.g. ${r.files[0]}`, false);
  } catch (e) {
    status.show(`Could not export: ${(e as Error).message}`, false);
  }
}

let benchmarking = false;
async function runBenchmark(): Promise<void> {
  if (benchmarking || !validate()) return;
  const count = Number(getValue(benchCount));
  if (!Number.isInteger(count) || count < 1 || count > MAX_BENCHMARK_DATASETS) {
    replaceChildren(benchStatus, `Data sets must be a whole number from 1 to ${MAX_BENCHMARK_DATASETS}.`);
    return;
  }
  const algorithms = [...benchAlgos].filter(([, b]) => (b as HTMLInputElement).checked).map(([a]) => a);
  if (!algorithms.length) {
    replaceChildren(benchStatus, 'Check at least one algorithm.');
    return;
  }
  const shapes: ('convex' | 'nonconvex')[] = (benchNonConvex as HTMLInputElement).checked
    ? ['convex', 'nonconvex']
    : ['convex'];
  benchmarking = true;
  benchRun.toggleAttribute('disabled', true);
  benchCancel.toggleAttribute('disabled', false);
  replaceChildren(
    benchStatus,
    `Running ${algorithms.length} algorithm(s) on ${count} data set(s) per shape in the background…`,
  );
  try {
    const r: BenchmarkReply = await client.request('benchmark', {
      archetype: readForm(),
      seed: state.get().seed,
      count,
      algorithms,
      shapes,
    });
    benchTable.update(r.cells);
    benchChart.update({ cells: r.cells });
    const skipped = r.cells.flatMap((c) => c.skipped.map((m) => `${ALGORITHM_LABELS[c.algorithm]}: ${m}`));
    replaceChildren(
      benchStatus,
      [
        `Scored ${count} data set(s) per shape in ${formatElapsed(r.seconds)} (seeds ${state.get().seed}–${state.get().seed + count - 1}).`,
        ...skipped.slice(0, 3),
      ].join(' '),
    );
  } catch (e) {
    replaceChildren(benchStatus, (e as Error).message);
  } finally {
    benchmarking = false;
    benchRun.toggleAttribute('disabled', false);
    benchCancel.toggleAttribute('disabled', true);
  }
}

client.on('load', ({ archetype, seed }) => {
  fillForm(archetype);
  filling = false;
  state.update({ archetype, seed });
  void generate();
});

const s0 = state.get();
fillForm(s0.archetype ?? { ...DEFAULT.archetype, ...ARCHETYPE_DEFAULTS, name: DEFAULT.archetype.name });
setValue(describeField, s0.description);
setValue(countField, String(s0.count));
distortBox.checked = s0.distort;
sphereBox.checked = s0.sphere;
seedLabel.textContent = `seed ${s0.seed}`;
client.ready();
void generate();
