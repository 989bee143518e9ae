/**
 * Cascade Frontier webview (issue 3 item 9): choose the models of a cascade and their order, the
 * tuning methods, splits, low-sample mode and seed; press Run. Three tabs, each computed in the
 * engine worker on demand for the last run's choices: the frontier, the sub-cascades, the
 * diagnostics. Ids for tests: `#run`, `#cancel`, `#status` (with `data-state`), `#models`,
 * `#methods`, `#train-split`, `#test-split`, `#low-sample`, `#low-sample-n`, `#seed`,
 * `#tab-frontier`, `#tab-subcascades`, `#tab-diagnostics` (see docs/cascade-tuning.md).
 */
import {
  CANCELLED_MESSAGE,
  METHOD_LABEL,
  parseSelection,
  reopenedState,
  selectionProblem,
  TUNE_METHODS,
  type CascadeFrontierProtocol,
  type CascadeFrontierWebviewState,
  type CascadeLogInfo,
  type CascadeSelection,
  type CascadeTab,
  type TuneMethod,
} from '../../src/protocol/cascadeFrontier';
import { formatCascade, formatFixed, formatShare, plural } from '../../src/protocol/format';
import { needsConfidence } from '../../src/engines/logs/confidencePresence';
import { logViewFile } from '../../src/protocol/logView';
import { h, replaceChildren } from '../ui/dom';
import { baseName, exportStem } from '../ui/fileNames';
import { filePath, showViewTitle } from '../ui/viewTitle';
import { createHostClient } from '../ui/hostClient';
import { checkboxes, dropdown } from '../ui/selectControls';
import * as ui from '../ui/toolkit';
import { statusLine } from '../ui/statusLine';
import { createViewState } from '../ui/viewState';
import { diagnosticsTab } from './diagnosticsTab';
import { frontierTab, type ChosenPoint } from './frontierTab';
import { QueryTableCard } from '../ui/queryTableCard';
import { modelPicker } from './modelPicker';
import { subCascadeTab } from './subCascadeTab';

const client = createHostClient<CascadeFrontierProtocol>();
const TABS: CascadeTab[] = ['frontier', 'subcascades', 'diagnostics'];
const state = createViewState<CascadeFrontierWebviewState>((saved, initial) => {
  const raw = (saved ?? reopenedState(initial)) as Partial<Record<keyof CascadeFrontierWebviewState, unknown>>;
  const order =
    Array.isArray(raw.order) && raw.order.every((m) => typeof m === 'string') ? (raw.order as string[]) : [];
  return {
    file: logViewFile(saved, initial),
    selection: parseSelection(raw.selection),
    lastRun: parseSelection(raw.lastRun),
    order,
    tab: TABS.includes(raw.tab as CascadeTab) ? (raw.tab as CascadeTab) : 'frontier',
  };
});
const exportFile = client.exportFile;
const logName = (): string => baseName(state.get().file);
const stem = (what: string): string => exportStem(state.get().file, what);
const arrow = (s: CascadeSelection): string => formatCascade(s.cascade);
const methodList = (s: CascadeSelection): string => s.methods.map((m) => m.toUpperCase()).join(', ');

let info: CascadeLogInfo | null = null;
let selection: CascadeSelection | null = state.get().selection;
/** Per tab: the key of the selection its shown result was computed for. */
const computed: Partial<Record<CascadeTab, string>> = {};
const seq: Record<CascadeTab, number> = { frontier: 0, subcascades: 0, diagnostics: 0 };
let running = 0;

// ---- controls ----
const picker = modelPicker((order, cascade) => {
  state.update({ order });
  change({ cascade });
});
const methodBoxes = checkboxes('methods', 'Methods', (values) =>
  change({ methods: TUNE_METHODS.filter((m) => values.includes(m)) }),
);
const trainPick = dropdown('train-split', 'Train split', (v) => change({ trainSplit: v }));
const testPick = dropdown('test-split', 'Test split', (v) => change({ testSplit: v }));
const lowSampleBox = ui.checkbox(
  {
    id: 'low-sample',
    title: 'Fit calibrators and the Markov-copula model on at most N balanced training queries (thesis §2.4)',
  },
  'Low-sample mode, n ≤',
);
const lowSampleN = ui.textField({ id: 'low-sample-n', size: 4, 'aria-label': 'Low-sample size N', value: '30' });
const seedField = ui.textField({ id: 'seed', size: 6, 'aria-label': 'Seed', value: '1' });
const fieldError = h('span', { id: 'selection-error', className: 'field-error', role: 'alert' });
const runButton = ui.button(
  { id: 'run', title: 'Compute the open tab for these choices in the background', onclick: () => run() },
  'Run',
);
const cancelButton = ui.button(
  {
    id: 'cancel',
    appearance: 'secondary',
    hidden: true,
    title: 'Stop the computation',
    onclick: () => void client.request('cancel', {}),
  },
  'Cancel',
);

const readInt = (el: ui.ValueControl, min: number): number | null => {
  const raw = el.value.trim();
  const v = Number(raw);
  return raw !== '' && Number.isSafeInteger(v) && v >= min ? v : null;
};
const onNumbers = (): void => {
  const seed = readInt(seedField, 0);
  const n = readInt(lowSampleN, 5);
  const low = lowSampleBox.checked;
  if (seed === null) return showFieldError('The seed must be a whole number ≥ 0.');
  if (low && n === null) return showFieldError('The low-sample size must be a whole number ≥ 5.');
  change({ seed, lowSample: low ? n : null });
};
lowSampleBox.addEventListener('change', onNumbers);
lowSampleN.addEventListener('input', onNumbers);
seedField.addEventListener('input', onNumbers);

function showFieldError(text: string): void {
  fieldError.textContent = text;
  runButton.toggleAttribute('disabled', true);
}

function change(patch: Partial<CascadeSelection>): void {
  if (!selection) return;
  selection = { ...selection, ...patch };
  state.update({ selection });
  const problem = selectionProblem(selection);
  fieldError.textContent = problem ?? '';
  runButton.toggleAttribute('disabled', problem !== null || running > 0);
}

// ---- layout ----
const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Cascade Frontier');
const subtitle = h('p', { className: 'subtitle' });
const logProblems = h('div', { className: 'problems', role: 'alert', hidden: true });
const status = statusLine(app, { id: 'status', 'data-state': 'idle' });
const queries = new QueryTableCard({
  id: 'queries',
  exportFile,
  fileStem: () => stem('queries'),
  openSource: (line) =>
    void client
      .request('openSource', { line })
      .catch((err: Error) => queries.message(`The log could not be opened: ${err.message}`)),
});
let drillSeq = 0;
const frontier = frontierTab(exportFile, stem, logName, (c) => void drill(c), queries.element);
const subs = subCascadeTab(exportFile, stem);
const diags = diagnosticsTab(exportFile, stem);
const TAB_LABEL: Record<CascadeTab, string> = {
  frontier: 'Frontier',
  subcascades: 'Sub-cascades',
  diagnostics: 'Diagnostics',
};
const panels: Record<CascadeTab, HTMLElement> = {
  frontier: h('div', { id: 'panel-frontier', role: 'tabpanel', 'aria-labelledby': 'tab-frontier' }, frontier.element),
  subcascades: h(
    'div',
    { id: 'panel-subcascades', role: 'tabpanel', 'aria-labelledby': 'tab-subcascades' },
    subs.element,
  ),
  diagnostics: h(
    'div',
    { id: 'panel-diagnostics', role: 'tabpanel', 'aria-labelledby': 'tab-diagnostics' },
    diags.element,
  ),
};
const tabButtons = TABS.map((t) =>
  h(
    'button',
    {
      id: `tab-${t}`,
      type: 'button',
      role: 'tab',
      className: 'tab',
      'aria-controls': `panel-${t}`,
      onclick: () => openTab(t),
    },
    TAB_LABEL[t],
  ),
);
const controls = h(
  'div',
  { className: 'cascade-controls', hidden: true },
  picker.element,
  h(
    'div',
    { className: 'controls' },
    methodBoxes.element,
    trainPick.element,
    testPick.element,
    h('div', { className: 'field' }, lowSampleBox, lowSampleN),
    h('div', { className: 'field' }, h('label', { for: 'seed' }, 'Seed'), seedField),
    runButton,
    cancelButton,
    fieldError,
  ),
);
const tabs = h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Results', hidden: true }, ...tabButtons);
tabs.addEventListener('keydown', (e: KeyboardEvent) => {
  const by = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
  if (!by) return;
  const next = TABS[(TABS.indexOf(state.get().tab) + by + TABS.length) % TABS.length];
  openTab(next);
  tabButtons[TABS.indexOf(next)].focus();
});
replaceChildren(
  app,
  h('header', { className: 'view-header' }, h('div', {}, title, subtitle)),
  logProblems,
  controls,
  status.element,
  tabs,
  ...TABS.map((t) => panels[t]),
);

/** The status line, with its state in `data-state` for tests. */
function showStatus(text: string, kind: 'idle' | 'busy' | 'done' | 'failed' | 'cancelled'): void {
  status.element.setAttribute('data-state', kind);
  status.show(text, kind === 'busy');
}

function openTab(t: CascadeTab): void {
  state.update({ tab: t });
  openTabUi(t);
  const last = state.get().lastRun;
  if (last && computed[t] !== JSON.stringify(last)) void compute(t, last);
}

function run(): void {
  if (!selection || selectionProblem(selection)) return;
  state.update({ lastRun: selection });
  for (const t of TABS) delete computed[t];
  frontier.clear();
  subs.clear();
  diags.clear();
  tabs.hidden = false;
  void compute(state.get().tab, selection);
}

const BUSY: Record<CascadeTab, (s: CascadeSelection) => string> = {
  frontier: (s) => `Tuning ${arrow(s)} (${methodList(s)})…`,
  subcascades: (s) => `Tuning every ordered sub-cascade of ${s.cascade.join(', ')} (${methodList(s)})…`,
  diagnostics: (s) => `Checking the Markov-copula model of ${arrow(s)}…`,
};
const FAILED: Record<CascadeTab, string> = {
  frontier: 'Tuning failed',
  subcascades: 'The sub-cascade search failed',
  diagnostics: 'The diagnostics failed',
};

async function compute(tab: CascadeTab, sel: CascadeSelection): Promise<void> {
  const id = ++seq[tab];
  const key = JSON.stringify(sel);
  running++;
  cancelButton.hidden = false;
  runButton.toggleAttribute('disabled', true);
  showStatus(BUSY[tab](sel), 'busy');
  let done: string;
  let kind: 'done' | 'failed' | 'cancelled' = 'done';
  try {
    if (tab === 'frontier') {
      const r = await client.request('tune', { selection: sel });
      if (id !== seq.frontier) return;
      frontier.show(r, sel);
      done = r.problems.length
        ? `Nothing was tuned: ${plural(r.problems.length, 'model problem')} (listed below).`
        : `Frontier of ${arrow(sel)}: ${sel.methods.map((m: TuneMethod) => METHOD_LABEL[m]).join(', ')} tuned.`;
      if (r.problems.length) kind = 'failed';
    } else if (tab === 'subcascades') {
      const r = await client.request('subCascades', { selection: sel });
      if (id !== seq.subcascades) return;
      subs.show(r, sel.methods);
      done = r.problems.length
        ? `Nothing was tuned: ${plural(r.problems.length, 'model problem')} (listed below).`
        : `${plural(r.cascades.length, 'sub-cascade')} tuned.`;
      if (r.problems.length) kind = 'failed';
    } else {
      const r = await client.request('diagnostics', { selection: sel });
      if (id !== seq.diagnostics) return;
      diags.show(r);
      done = r.problems.length
        ? `No diagnostics: ${plural(r.problems.length, 'model problem')} (listed below).`
        : `Diagnostics of ${arrow(sel)}: ${r.flags.length ? `${plural(r.flags.length, 'flag')} raised` : 'nothing flagged'}.`;
      if (r.problems.length) kind = 'failed';
    }
    computed[tab] = key;
  } catch (err) {
    if (id !== seq[tab]) return;
    const message = err instanceof Error ? err.message : String(err);
    kind = message === CANCELLED_MESSAGE ? 'cancelled' : 'failed';
    done = kind === 'cancelled' ? message : `${FAILED[tab]}: ${message}`;
  } finally {
    running--;
    cancelButton.hidden = running > 0 ? false : true;
    if (selection) change({});
  }
  if (state.get().tab === tab) showStatus(done, kind);
}

/** Lists the test queries behind the chosen frontier point (none chosen: hides the list). */
async function drill(choice: ChosenPoint | null): Promise<void> {
  const id = ++drillSeq;
  if (!choice) return queries.hide();
  const { point, label, selection: sel } = choice;
  const what = `${label} of ${arrow(sel)}`;
  queries.message(`Reading the test queries of ${what}…`);
  try {
    const view = await client.request('queryTable', { selection: sel, thresholds: point.thresholds });
    if (id !== drillSeq) return;
    const t = point.thresholds.map((x, i) => `${sel.cascade[i]} > ${formatFixed(x, 4)}`).join(', ');
    queries.show(
      view,
      `Test queries of ${what} (answers when φ ${t}): its test error ${formatShare(point.testError)} is the share of wrong rows.`,
    );
  } catch (err) {
    if (id === drillSeq) queries.message(`The test queries of ${what} could not be listed: ${(err as Error).message}`);
  }
}

function renderLog(i: CascadeLogInfo): void {
  showViewTitle(title, 'Cascade Frontier', i.file);
  replaceChildren(subtitle, filePath(i.file));
  const bad = i.skippedCount + i.warningCount;
  logProblems.hidden = bad === 0;
  replaceChildren(
    logProblems,
    `${plural(i.skippedCount, 'line')} skipped, ${plural(i.warningCount, 'warning')} while reading this log. `,
    ui.link(
      { href: '#', onclick: (e: Event) => (e.preventDefault(), client.notify('showProblems', {})) },
      'Show details',
    ),
  );
  if (i.fatal) {
    controls.hidden = true;
    showStatus(`This log could not be read: ${i.fatal}`, 'failed');
    return;
  }
  if (i.noConfidence) {
    controls.hidden = tabs.hidden = true;
    for (const t of TABS) panels[t].hidden = true;
    showStatus(needsConfidence('tuning a cascade (its frontier, sub-cascades and diagnostics)'), 'idle');
    return;
  }
  const names = i.models.map((m) => m.model);
  if (names.length < 2) {
    controls.hidden = true;
    showStatus(`A cascade needs at least two models; this log has ${plural(names.length, 'model')}.`, 'failed');
    return;
  }
  const saved = state.get();
  const splits = i.splits.length ? i.splits : ['train', 'test'];
  const defSplit = (want: string, fallback: number) => (splits.includes(want) ? want : (splits[fallback] ?? splits[0]));
  const base: CascadeSelection = selection ?? {
    cascade: names,
    methods: [...TUNE_METHODS],
    trainSplit: defSplit('train', 0),
    testSplit: defSplit('test', 1),
    lowSample: null,
    seed: 1,
  };
  selection = { ...base, cascade: base.cascade.filter((m) => names.includes(m)) };
  const order = [...saved.order.filter((m) => names.includes(m)), ...names.filter((m) => !saved.order.includes(m))];
  state.update({ order, selection });
  picker.set(i.models, order, selection.cascade);
  methodBoxes.set(
    TUNE_METHODS.map((m) => ({ value: m, label: `${METHOD_LABEL[m]} (${m.toUpperCase()})` })),
    selection.methods,
  );
  const choices = splits.map((s) => ({ value: s, label: s }));
  trainPick.set(choices, selection.trainSplit);
  testPick.set(choices, selection.testSplit);
  lowSampleBox.checked = selection.lowSample !== null;
  if (selection.lowSample !== null) lowSampleN.value = String(selection.lowSample);
  seedField.value = String(selection.seed);
  controls.hidden = false;
  change({});
  const last = saved.lastRun;
  if (last && last.cascade.every((m) => names.includes(m)) && !selectionProblem(last)) {
    tabs.hidden = false;
    openTab(saved.tab);
  } else if (!running) showStatus('Tick the models of the cascade, put them in order, and press Run.', 'idle');
}

client.on('loading', ({ file }) => {
  if (!info) showStatus(`Reading ${baseName(file)}…`, 'busy');
});
client.on('log', ({ info: i }) => {
  info = i;
  renderLog(i);
});
client.on('logChanged', () => {
  for (const t of TABS) delete computed[t];
  if (!running) showStatus('The log changed on disk: press Run to recompute.', 'idle');
});
showViewTitle(title, 'Cascade Frontier', state.get().file);
openTabUi(state.get().tab);
client.ready();

/** Shows the saved tab without computing anything (nothing is known before the log arrives). */
function openTabUi(t: CascadeTab): void {
  tabButtons.forEach((b, i) => {
    b.setAttribute('aria-selected', String(TABS[i] === t));
    b.tabIndex = TABS[i] === t ? 0 : -1;
  });
  for (const x of TABS) panels[x].hidden = x !== t;
}
