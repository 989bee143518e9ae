/**
 * Cascade Runner webview: the form of an Inter-Cascade run (where the models are: the settings'
 * endpoint or VS Code's language models; queries file, weak and strong model, k, thresholds given
 * or from the risk guarantee, repository file, how answers are graded, the controls to compare
 * with), live charts while the run goes, then the summary, the comparison, the per-query trace and
 * the save buttons.
 */
import type { ArmFigures } from '../../src/engines/intercascade/armFigures';
import { MATCH_MODES } from '../../src/engines/intercascade/matchAnswer';
import {
  COMPARE_CHOICES,
  DEFAULT_FORM,
  checkRunForm,
  describeEstimate,
  isCascadeRunnerHostState,
  type CascadeFormValues,
  type CascadeRunnerProtocol,
  type CascadeRunnerWebviewState,
  type CascadeRunStatus,
  type ChatModelChoice,
  type EndpointInfo,
} from '../../src/protocol/cascadeRunner';
import { formatElapsed, formatShare, formatUsd, plural } from '../../src/protocol/format';
import {
  cascadeRatesConfig,
  cascadeRatesTable,
  repositoryCostConfig,
  repositoryCostTable,
  type CascadeRunChartData,
} from '../charts/cascadeRunCharts';
import { formatPercent } from '../charts/lineChartBase';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { baseName, exportStem } from '../ui/fileNames';
import { createHostClient } from '../ui/hostClient';
import { dropdown } from '../ui/selectControls';
import { statusLine } from '../ui/statusLine';
import { TableCard } from '../ui/tableCard';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';
import { comparisonColumns } from './comparisonTable';
import { COMPARE_LABELS, FIELDS, MATCH_LABELS } from './formFields';
import { lmPickers } from './modelPickers';
import { summaryRows, traceColumns, type SummaryRow } from './tables';

const client = createHostClient<CascadeRunnerProtocol>();
const state = createViewState<CascadeRunnerWebviewState>((saved, initial) => {
  const s = (saved ?? {}) as Partial<CascadeRunnerWebviewState>;
  const form: CascadeFormValues = { ...DEFAULT_FORM };
  for (const k of Object.keys(DEFAULT_FORM) as (keyof CascadeFormValues)[])
    if (typeof s.form?.[k] === 'string') (form as unknown as Record<string, string>)[k] = s.form[k];
  if (form.mode !== 'manual' && form.mode !== 'guarantee') form.mode = 'manual';
  if (form.confidence !== 'stated' && form.confidence !== 'tokens') form.confidence = 'stated';
  if (form.provider !== 'openai' && form.provider !== 'vscode') form.provider = 'openai';
  if (!(MATCH_MODES as readonly string[]).includes(form.match)) form.match = 'exact';
  if (!(COMPARE_CHOICES as readonly string[]).includes(form.compare)) form.compare = 'none';
  const fromHost = isCascadeRunnerHostState(initial) ? initial.queriesFile : null;
  if (fromHost && !isCascadeRunnerHostState(saved)) form.queriesFile = fromHost;
  // a summary saved by an older version (without the estimate, spending, failure causes or matching) is not shown
  const last =
    s.last &&
    typeof s.last === 'object' &&
    s.last.summary &&
    typeof s.last.summary.estimate === 'object' &&
    typeof s.last.summary.spent === 'object' &&
    typeof s.last.summary.failed?.usage === 'number' &&
    typeof s.last.summary.match?.mode === 'string'
      ? s.last
      : null;
  return { queriesFile: form.queriesFile || null, form, last };
});
const stem = (what: string): string => exportStem(state.get().form.queriesFile || 'cascade', what);

// ---- form
const input = new Map(FIELDS);
const valueOf = (el: ui.ValueControl): string => el.value ?? '';
const field = (key: keyof CascadeFormValues, label: string, ...extra: HTMLElement[]) =>
  h(
    'div',
    { className: 'field' },
    h('label', { for: input.get(key)?.id ?? '', className: 'field-label' }, label),
    input.get(key) as HTMLElement,
    ...extra,
  );
const modePick = dropdown('mode', 'Thresholds', (v) => edit({ mode: v === 'guarantee' ? 'guarantee' : 'manual' }));
const confidencePick = dropdown('confidence', 'Confidence', (v) =>
  edit({ confidence: v === 'tokens' ? 'tokens' : 'stated' }),
);
const providerPick = dropdown('provider', 'Models from', (v) => setProvider(v === 'vscode' ? 'vscode' : 'openai'));
const matchPick = dropdown('match', 'Grade answers by', (v) =>
  edit({ match: (MATCH_MODES as readonly string[]).includes(v) ? (v as CascadeFormValues['match']) : 'exact' }),
);
const comparePick = dropdown('compare', 'Compare with', (v) =>
  edit({ compare: (COMPARE_CHOICES as readonly string[]).includes(v) ? (v as CascadeFormValues['compare']) : 'none' }),
);
comparePick.element.title =
  "Run the paper's controls on the same queries: the plain cascade (no strategies) and/or strategies drawn at random. Each adds about one weak call per query (in the estimate and the budget); the strong model's answers are shared (same prompt, paid once).";
const lm = lmPickers((patch) => {
  edit(patch);
  lm.fill(lmModels, state.get().form);
});
let lmModels: ChatModelChoice[] | null = null;
confidencePick.element.title =
  'Stated: the probability the model writes in its reply. Answer tokens: the normalised probability of the tokens that spell its answer (as in the Inter-Cascade paper; the endpoint must return log-probs).';
const browse = (purpose: 'queries' | 'repository', key: 'queriesFile' | 'repositoryFile') =>
  ui.button(
    {
      id: `browse-${purpose}`,
      appearance: 'secondary',
      title: 'Choose a file in the workspace',
      onclick: () => void pick(purpose, key),
    },
    'Browse…',
  );
const manualFields = h(
  'div',
  { className: 'controls', id: 'manual-fields' },
  field('weakThreshold', 'Weak keeps at confidence ≥'),
  field('strongThreshold', 'Strong keeps at ≥'),
);
const guaranteeFields = h(
  'div',
  { className: 'controls', id: 'guarantee-fields' },
  field('alpha', 'α'),
  field('delta', 'δ'),
  field('calibration', 'Calibration N'),
);
const formErrors = h('ul', { className: 'field-error', role: 'alert' });
const runBtn = ui.button({ id: 'run', onclick: () => void start() }, 'Run Cascade');
const estimateBtn = ui.button(
  {
    id: 'estimate',
    appearance: 'secondary',
    title: 'Estimate the calls, tokens and dollars of this run without making any call',
    onclick: () => void estimate(),
  },
  'Estimate Cost',
);
const estimateText = h('span', { id: 'estimate-text', className: 'export-status', role: 'status' });
const cancelBtn = ui.button(
  { id: 'cancel', appearance: 'secondary', disabled: true, onclick: () => void client.request('cancel', {}) },
  'Cancel',
);

// ---- endpoint
const endpointText = h('span', { id: 'endpoint-text' });
const endpointBox = h(
  'div',
  { className: 'controls', id: 'endpoint' },
  endpointText,
  ui.button(
    { id: 'open-settings', appearance: 'secondary', onclick: () => client.notify('openSettings', {}) },
    'Open Settings',
  ),
  ui.button({ id: 'set-key', appearance: 'secondary', onclick: () => client.notify('setApiKey', {}) }, 'Set API Key'),
);
let endpoint: EndpointInfo | null = null;
const lmNote = h(
  'p',
  { id: 'lm-note', hidden: true },
  'Requests go to the chat models VS Code offers (e.g. GitHub Copilot), chosen below; each model asks your consent the first time. Confidence is the one the model states: these models give no token log-probabilities. They are not priced per token: a cost shows only for models in the setting costRiskLab.prices.',
);

// ---- results
const ratesChart = new ChartCard<CascadeRunChartData>(
  {
    id: 'cascade-rates',
    title: 'Routing and accuracy so far',
    fileStem: () => stem('rates'),
    describe: (d) =>
      `Cumulative strong-call rate, weak-kept accuracy and overall accuracy over ${d.points.at(-1)?.queries ?? 0} queries.`,
    config: cascadeRatesConfig,
    table: cascadeRatesTable,
    height: 300,
  },
  client.exportFile,
  (d) => (d.points.length ? null : 'The lines grow here while the run goes.'),
);
const repoChart = new ChartCard<CascadeRunChartData>(
  {
    id: 'cascade-repository',
    title: 'Strategy repository and cost',
    fileStem: () => stem('repository'),
    describe: (d) => `Strategies stored and cumulative cost over ${d.points.at(-1)?.queries ?? 0} queries.`,
    config: repositoryCostConfig,
    table: repositoryCostTable,
    height: 300,
  },
  client.exportFile,
  (d) => (d.points.length ? null : 'The repository size and cost appear here while the run goes.'),
);
const comparisonTable = new TableCard<ArmFigures>(
  {
    id: 'cascade-comparison',
    title: 'Comparison on the same queries (Inter-Cascade paper, Table 2)',
    fileStem: () => stem('comparison'),
    columns: comparisonColumns(),
  },
  client.exportFile,
);
comparisonTable.element.hidden = true;
const summaryTable = new TableCard<SummaryRow>(
  {
    id: 'cascade-summary',
    title: 'Run summary',
    fileStem: () => stem('summary'),
    columns: [
      { id: 'metric', title: 'Measure', value: (r) => r.metric },
      { id: 'value', title: 'Value', wrap: true, value: (r) => r.value, format: (r) => r.text },
    ],
  },
  client.exportFile,
);
const traceTable = new TableCard(
  {
    id: 'cascade-trace',
    title: 'Per-query trace',
    fileStem: () => stem('trace'),
    rowClass: (r) => (r.problem ? 'flagged' : undefined),
    columns: traceColumns(() => state.get().last?.summary ?? null),
  },
  client.exportFile,
);
const actionStatus = h('span', { className: 'export-status', role: 'status', id: 'action-status' });
let savedLog: string | null = null;
const saveLogBtn = ui.button(
  {
    id: 'save-log',
    disabled: true,
    title: 'Write the run as an eval log (native JSON Lines) in the workspace',
    onclick: () => void saveLog(),
  },
  'Save Eval Log…',
);
const openLogBtn = ui.button(
  {
    id: 'open-log',
    appearance: 'secondary',
    disabled: true,
    title: 'Open the Model Overview on the saved log',
    onclick: () => savedLog && void client.request('openLog', { file: savedLog }),
  },
  'Open in Model Overview',
);
const saveRepoBtn = ui.button(
  {
    id: 'save-repository',
    appearance: 'secondary',
    disabled: true,
    title: 'Save the strategy repository as JSON Lines',
    onclick: () => void saveRepository(),
  },
  'Save Strategy Repository…',
);
const actions = h(
  'section',
  { className: 'card', id: 'run-actions' },
  h(
    'header',
    { className: 'card-header' },
    h('h2', {}, 'Keep this run'),
    h('div', { className: 'toolbar' }, actionStatus, saveLogBtn, openLogBtn, saveRepoBtn),
  ),
);

const app = document.getElementById('app') as HTMLElement;
const status = statusLine(app, { id: 'run-status' });
const runError = h('div', { className: 'problems', id: 'run-error', role: 'alert', hidden: true });
const notes = h('ul', { className: 'problems run-notes', id: 'run-notes', hidden: true });
const headline = h('p', { className: 'headline', id: 'run-headline', 'aria-live': 'polite' });
const results = h(
  'div',
  { id: 'results', hidden: true },
  headline,
  notes,
  h('div', { className: 'chart-grid' }, ratesChart.element, repoChart.element),
  summaryTable.element,
  comparisonTable.element,
  actions,
  traceTable.element,
);
const endpointModels = h(
  'div',
  { className: 'controls', id: 'endpoint-models' },
  field('weakModel', 'Weak model'),
  field('strongModel', 'Strong model'),
);
const embeddingField = field('embeddingModel', 'Embedding model');
const toleranceField = field('tolerance', 'Tolerance');
const judgeField = field('judgeModel', 'Judge model');
replaceChildren(
  app,
  h(
    'header',
    { className: 'view-header' },
    h(
      'div',
      {},
      h('h1', {}, 'Cascade Runner'),
      h(
        'p',
        { className: 'subtitle' },
        'Inter-Cascade: the strong model answers what the weak one is unsure of and writes a strategy the weak model reuses on similar queries.',
      ),
    ),
    h('div', { className: 'toolbar' }, runBtn, cancelBtn),
  ),
  h(
    'section',
    { className: 'card' },
    h('h2', {}, 'Language models'),
    h('div', { className: 'controls' }, providerPick.element),
    endpointBox,
    lmNote,
  ),
  h(
    'section',
    { className: 'card' },
    h('h2', {}, 'Run'),
    h('div', { className: 'controls' }, field('queriesFile', 'Queries', browse('queries', 'queriesFile'))),
    endpointModels,
    lm.element,
    h('div', { className: 'controls' }, field('k', 'k strategies'), embeddingField),
    h('div', { className: 'controls' }, confidencePick.element, modePick.element),
    manualFields,
    guaranteeFields,
    h('div', { className: 'controls' }, field('repositoryFile', 'Repository', browse('repository', 'repositoryFile'))),
    h(
      'div',
      { className: 'controls', id: 'grading' },
      matchPick.element,
      toleranceField,
      judgeField,
      lm.judge,
      comparePick.element,
    ),
    h('div', { className: 'controls' }, field('budgetUsd', 'Budget ($)'), estimateBtn, estimateText),
    formErrors,
  ),
  status.element,
  runError,
  results,
);

/** What the charts show now: the live run's points, else the last finished run's. */
let running = false;

/**
 * Problems are shown once there is something to judge: a field the user left empty counts only
 * after they have been in it (blur or change) or pressed Run or Estimate; a value typed is
 * judged at once. So a fresh form shows no errors before anything is typed.
 */
const touched = new Set<keyof CascadeFormValues>();
let submitted = false;
const REQUIRED: (keyof CascadeFormValues)[] = ['queriesFile', 'weakModel', 'strongModel', 'judgeModel'];

/** The problems to show now (see `touched`). */
function shownErrors(form: CascadeFormValues): string[] {
  const judged = { ...form };
  if (!submitted)
    for (const k of REQUIRED)
      if (!touched.has(k) && !String(form[k] ?? '').trim()) Object.assign(judged, { [k]: `(${k} not yet given)` });
  const check = checkRunForm(judged);
  return check.ok ? [] : check.errors;
}

function edit(patch: Partial<CascadeFormValues>): void {
  const form = { ...state.get().form, ...patch };
  state.update({ form, queriesFile: form.queriesFile.trim() || null });
  refreshForm();
}

function refreshForm(): void {
  const form = state.get().form;
  const vs = form.provider === 'vscode';
  manualFields.hidden = form.mode !== 'manual';
  guaranteeFields.hidden = form.mode !== 'guarantee';
  endpointBox.hidden = vs;
  endpointModels.hidden = vs;
  embeddingField.hidden = vs;
  lmNote.hidden = !vs;
  lm.element.hidden = !vs;
  toleranceField.hidden = form.match !== 'numeric';
  judgeField.hidden = form.match !== 'judge' || vs;
  lm.judge.hidden = form.match !== 'judge' || !vs;
  replaceChildren(formErrors, ...shownErrors(form).map((e) => h('li', {}, e)));
  // (an incomplete form keeps Run pressable: pressing it lists what is missing)
  const reachable = vs || !!endpoint?.endpoint;
  runBtn.toggleAttribute('disabled', running || !reachable);
  estimateBtn.toggleAttribute('disabled', !reachable);
  cancelBtn.toggleAttribute('disabled', !running);
}

/** Switches where the models are; VS Code's give no log-probs and no embeddings, so those choices go. */
function setProvider(provider: CascadeFormValues['provider']): void {
  const patch: Partial<CascadeFormValues> =
    provider === 'vscode' ? { provider, confidence: 'stated', embeddingModel: '' } : { provider };
  edit(patch);
  fillForm(state.get().form);
  if (provider === 'vscode') void loadModels();
}

/** Asks the host which chat models VS Code offers now, and fills the pickers. */
async function loadModels(): Promise<void> {
  try {
    lmModels = await client.request('chatModels', {});
  } catch (e) {
    lmModels = [];
    showError(`Could not list VS Code's language models: ${(e as Error).message}`);
  }
  lm.fill(lmModels, state.get().form);
}

function fillForm(form: CascadeFormValues): void {
  for (const [key, el] of FIELDS) el.value = form[key] as string;
  const vs = form.provider === 'vscode';
  providerPick.set(
    [
      { value: 'openai', label: 'OpenAI-compatible endpoint (settings)' },
      { value: 'vscode', label: 'VS Code language models (e.g. Copilot)' },
    ],
    form.provider,
  );
  modePick.set(
    [
      { value: 'manual', label: 'Given thresholds' },
      { value: 'guarantee', label: 'Risk guarantee (α, δ, N)' },
    ],
    form.mode,
  );
  confidencePick.set(
    vs
      ? [{ value: 'stated', label: 'Stated by the model (no log-probs here)' }]
      : [
          { value: 'stated', label: 'Stated by the model' },
          { value: 'tokens', label: 'Answer-token probability' },
        ],
    form.confidence,
  );
  matchPick.set(
    MATCH_MODES.map((m) => ({ value: m, label: MATCH_LABELS[m] })),
    form.match,
  );
  comparePick.set(
    COMPARE_CHOICES.map((c) => ({ value: c, label: COMPARE_LABELS[c] })),
    form.compare,
  );
  lm.fill(lmModels, form);
}

for (const [key, el] of FIELDS) {
  const onEdit = () => state.get().form[key] !== valueOf(el) && edit({ [key]: valueOf(el) });
  el.addEventListener('input', onEdit);
  el.addEventListener('change', onEdit);
  el.addEventListener('blur', () => {
    touched.add(key);
    refreshForm();
  });
}

async function pick(purpose: 'queries' | 'repository', key: 'queriesFile' | 'repositoryFile'): Promise<void> {
  try {
    const r = await client.request('browse', { purpose });
    if (!r) return;
    (input.get(key) as ui.ValueControl).value = r.file;
    edit({ [key]: r.file });
  } catch (e) {
    showError(`Could not choose a file: ${(e as Error).message}`);
  }
}

function showError(message: string | null): void {
  runError.hidden = message === null;
  runError.textContent = message ?? '';
}

async function start(): Promise<void> {
  const form = state.get().form;
  submitted = true;
  if (!checkRunForm(form).ok) return refreshForm();
  showError(null);
  savedLog = null;
  try {
    await client.request('start', form);
  } catch (e) {
    showError((e as Error).message);
  }
}

const ESTIMATE_NOTE =
  'prompt characters / 4, fixed reply sizes; lower end: the weak model answers everything, upper end: every query also goes to the strong model';

async function estimate(): Promise<void> {
  submitted = true;
  if (!checkRunForm(state.get().form).ok) {
    estimateText.textContent = '';
    return refreshForm();
  }
  estimateText.textContent = 'Estimating…';
  try {
    const e = await client.request('estimate', state.get().form);
    const controls = e.parts.filter((p) => p.what === 'plain' || p.what === 'random');
    const extra = controls.length
      ? ` The controls add ${controls.map((p) => `${plural(p.calls.high, 'weak call')} (${p.what === 'plain' ? 'plain cascade' : 'random strategies'})`).join(' and ')}, included; the strong model's answers are shared.`
      : '';
    estimateText.textContent = `Estimate: ${describeEstimate(e)}.${extra}`;
    estimateText.title = e.method;
  } catch (err) {
    estimateText.textContent = `No estimate: ${(err as Error).message}`;
  }
}

async function saveLog(): Promise<void> {
  try {
    const r = await client.request('saveLog', {});
    if (!r) return;
    savedLog = r.file;
    openLogBtn.toggleAttribute('disabled', false);
    actionStatus.textContent = `Saved ${plural(r.records, 'record')} to ${baseName(r.file)}`;
  } catch (e) {
    actionStatus.textContent = `Could not save: ${(e as Error).message}`;
  }
}

async function saveRepository(): Promise<void> {
  try {
    const r = await client.request('saveRepository', {});
    if (r) actionStatus.textContent = `Saved ${plural(r.entries, 'strategy', 'strategies')} to ${baseName(r.file)}`;
  } catch (e) {
    actionStatus.textContent = `Could not save: ${(e as Error).message}`;
  }
}

function renderEndpoint(info: EndpointInfo): void {
  endpoint = info;
  endpointBox.classList.toggle('problems', !info.endpoint);
  endpointText.textContent = info.endpoint
    ? `Queries go to ${info.endpoint} (API key ${info.hasApiKey ? 'set' : 'not set: fine for a local server'}; ${info.timeoutSeconds} s timeout per call).`
    : 'No language-model endpoint is set. Set costRiskLab.llm.endpoint to an OpenAI-compatible URL (e.g. https://api.openai.com/v1 or a local server), then run.';
  for (const f of ['weakModel', 'strongModel'] as const)
    (input.get(f) as HTMLElement).setAttribute(
      'placeholder',
      f === 'weakModel' ? `e.g. ${info.defaultModel}` : 'e.g. gpt-4o',
    );
  refreshForm();
}

function drawCharts(points: CascadeRunChartData['points'], total: number): void {
  const data: CascadeRunChartData = { points, total };
  ratesChart.update(data);
  repoChart.update(data);
}

const failureNote = (f: { malformed: number; transport: number; usage: number; examples: string[] }): string | null =>
  f.malformed + f.transport + f.usage === 0
    ? null
    : `${plural(f.malformed, 'malformed model reply', 'malformed model replies')} and ${plural(f.transport, 'transport error')}${f.usage ? ` and ${plural(f.usage, 'implausible token count')}` : ''} so far (each counted as an unsure answer); first: ${f.examples[0] ?? ''}`;

/** "$0.012 spent of $0.50" while a run goes, or null before it has started. */
function spentNote(run: Extract<CascadeRunStatus, { phase: 'running' }>): string | null {
  if (!run.spent) return null;
  const spent = `${formatUsd(run.spent.usd)} spent${run.budgetUsd === null ? '' : ` of ${formatUsd(run.budgetUsd)}`}`;
  return run.estimate
    ? `${spent} (estimate for the whole run: ${describeEstimate(run.estimate)}; ${ESTIMATE_NOTE})`
    : spent;
}

function showNotes(lines: (string | null)[]): void {
  const shown = lines.filter((l): l is string => !!l);
  replaceChildren(notes, ...shown.map((l) => h('li', {}, l)));
  notes.hidden = shown.length === 0;
}

function renderSummary(summary: NonNullable<CascadeRunnerWebviewState['last']>['summary']): void {
  const s = summary;
  const strongCalls = Math.round(s.strongCallRate * s.n);
  headline.textContent = `${s.weakModel} → ${s.strongModel} on ${plural(s.n, 'query', 'queries')}: strong-call rate ${formatPercent(s.strongCallRate)} (${strongCalls} sent to ${s.strongModel}), overall accuracy ${formatShare(s.overallAccuracy)}, repository ${s.repositoryStart} → ${plural(s.repositorySize, 'strategy', 'strategies')}.`;
  summaryTable.update(summaryRows(s));
  comparisonTable.element.hidden = !s.comparison;
  comparisonTable.update(s.comparison ?? []);
  showNotes(s.warnings);
}

function render(run: CascadeRunStatus): void {
  running = run.phase === 'running';
  refreshForm();
  const last = state.get().last;
  if (run.phase === 'idle') {
    results.hidden = !last;
    if (last) {
      drawCharts(last.points, last.summary.n);
      renderSummary(last.summary);
      traceTable.update([]);
      status.show(
        'Showing the last run (its per-query trace and files are kept until the window reloads: run again to save them).',
        false,
      );
    }
    return;
  }
  results.hidden = false;
  const finished = run.phase === 'done' || run.phase === 'stopped';
  saveLogBtn.toggleAttribute('disabled', !finished);
  saveRepoBtn.toggleAttribute('disabled', !finished);
  openLogBtn.toggleAttribute('disabled', !finished || savedLog === null);
  if (run.phase === 'running') {
    showError(null);
    const p = run.points.at(-1);
    const where =
      run.stage === 'starting' || run.total === 0
        ? 'Starting'
        : run.stage === 'calibrating'
          ? `Calibrating the thresholds: query ${run.done} of ${run.total - run.onlineTotal}`
          : `Query ${run.done} of ${run.total}`;
    status.show(
      p
        ? `${where} · strong-call rate ${formatPercent(p.strongCallRate)} · ${plural(p.repositorySize, 'strategy', 'strategies')}`
        : `${where}…`,
      true,
    );
    headline.textContent = '';
    showNotes([
      run.resumedQueries
        ? `Resumed: ${plural(run.resumedQueries, 'query', 'queries')} were finished by an interrupted run of this form and are not asked again.`
        : null,
      spentNote(run),
      failureNote(run.failed),
    ]);
    drawCharts(run.points, run.onlineTotal);
    return;
  }
  if (run.phase === 'done' || run.phase === 'stopped') {
    const stop = run.phase === 'stopped' ? run.summary.stopped : null;
    status.show(
      stop
        ? `Stopped after ${run.summary.n} of ${plural(run.summary.onlineTotal, 'query', 'queries')} (${stop.reason === 'budget' ? 'budget' : 'failed calls'}); the results below are those queries. Run again to resume where it stopped.`
        : `Finished in ${formatElapsed(run.summary.elapsedS)}.`,
      false,
    );
    showError(stop ? `The run stopped: ${stop.message}` : null);
    state.update({ last: { summary: run.summary, points: run.points } });
    drawCharts(run.points, run.summary.n);
    renderSummary(run.summary);
    traceTable.update(run.trace);
    return;
  }
  status.show(
    run.phase === 'cancelled' ? `Cancelled after ${plural(run.points.at(-1)?.queries ?? 0, 'query', 'queries')}.` : '',
    false,
  );
  if (run.phase === 'failed') showError(`The run failed: ${run.message}`);
  drawCharts(run.points, run.points.at(-1)?.queries ?? 0);
}

client.on('endpoint', renderEndpoint);
client.on('run', render);
client.on('useQueries', ({ file }) => {
  (input.get('queriesFile') as ui.ValueControl).value = file;
  edit({ queriesFile: file });
});

fillForm(state.get().form);
refreshForm();
client.ready();
if (state.get().form.provider === 'vscode') void loadModels();
