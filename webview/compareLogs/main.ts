/**
 * Compare Two Logs webview: run A against run B query by query, for every model the two logs share
 * or for a pair the user picks: accuracy of each, the agreement table, McNemar's test, and A − B of
 * accuracy, cost and latency with paired bootstrap intervals (the numbers of `costrisk compare`).
 */
import type {
  CompareLogsProtocol,
  CompareLogsWebviewState,
  ComparedPair,
  CompareSelection,
  RunComparison,
} from '../../src/protocol/compareLogs';
import { logViewFile, savedSelection } from '../../src/protocol/logView';
import { h, replaceChildren } from '../ui/dom';
import { baseName, exportStem } from '../ui/fileNames';
import { createHostClient } from '../ui/hostClient';
import { selectionSession } from '../ui/selectionSession';
import { dropdown } from '../ui/selectControls';
import { statusLine } from '../ui/statusLine';
import { TableCard, type Column } from '../ui/tableCard';
import { comparisonColumns, comparisonFinding, matchedColumn, type Sides } from '../ui/comparisonColumns';
import { createViewState } from '../ui/viewState';

const client = createHostClient<CompareLogsProtocol>();
const state = createViewState<CompareLogsWebviewState>((saved, initial) => ({
  file: logViewFile(saved, initial),
  fileB:
    [saved, initial]
      .map((s) => (s as { fileB?: unknown } | null)?.fileB)
      .find((f): f is string => typeof f === 'string' && f !== '') ?? '',
  selection: savedSelection<CompareSelection>(saved),
}));
const exportFile = client.exportFile;
const stem = (what: string): string => exportStem(state.get().file, 'vs', baseName(state.get().fileB), what);

/** A compared pair with its comparison (pairs without one are listed as problems). */
type Row = ComparedPair & { comparison: RunComparison };

/** Run A and run B, as the columns name them. */
const SIDES: Sides = { a: { id: 'a', label: 'A' }, b: { id: 'b', label: 'B' } };
const pickComparison = (r: Row): RunComparison => r.comparison;

const pairColumns: Column<Row>[] = [
  { id: 'model_a', title: 'Model in A', value: (r) => r.modelA },
  { id: 'model_b', title: 'Model in B', value: (r) => r.modelB },
  matchedColumn(pickComparison),
];

const columns = comparisonColumns<Row>(SIDES, pickComparison, {
  accuracy: {
    title: 'A − B (95% CI)',
    help: 'Accuracy of A minus accuracy of B, with the 95% paired bootstrap interval (the same resampled queries for both runs)',
  },
  cost: {
    title: 'Cost A − B (95% CI)',
    help: 'Mean cost per query of A minus that of B, over the matched queries where both have a cost',
  },
  latency: {
    title: 'Latency A − B (95% CI)',
    help: 'Mean latency of A minus that of B, over the matched queries where both have one',
  },
});
const accuracyTable = new TableCard<Row>(
  {
    id: 'accuracy',
    title: 'Accuracy',
    fileStem: () => stem('accuracy'),
    columns: [...pairColumns, ...columns.accuracy],
  },
  exportFile,
);
const costTable = new TableCard<Row>(
  {
    id: 'cost',
    title: 'Cost and latency per query',
    fileStem: () => stem('cost'),
    columns: [...pairColumns, ...columns.costLatency],
  },
  exportFile,
);

const EVERY = 'every model in both logs';
const pickA = dropdown('model-a', 'Model in A', (v) => {
  const d = session.data;
  if (!d) return;
  session.change({ modelA: v, modelB: v === '' ? '' : d.modelsB.includes(v) ? v : (d.modelsB[0] ?? '') });
});
const pickB = dropdown('model-b', 'Model in B', (v) => {
  const d = session.data;
  if (!d) return;
  session.change({ modelB: v, modelA: v === '' ? '' : ((session.selection?.modelA || d.modelsA[0]) ?? '') });
});

const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Compare Two Logs');
const subtitle = h('p', { className: 'subtitle' });
const status = statusLine(app);
const session = selectionSession(client, 'compare', state, status, render);
const findings = h('ul', { className: 'findings', 'aria-live': 'polite' });
const problems = h('ul', { className: 'problems', role: 'alert', hidden: true });
const content = h(
  'div',
  { className: 'content', hidden: true },
  h('div', { className: 'controls' }, pickA.element, pickB.element),
  findings,
  problems,
  accuracyTable.element,
  costTable.element,
);
replaceChildren(app, h('header', { className: 'view-header' }, h('div', {}, title, subtitle)), status.element, content);

/** One sentence per pair: the accuracies, the difference with its interval, McNemar's verdict at 5%, the cost difference. */
const finding = (r: Row): string =>
  comparisonFinding(r.comparison, { a: `${r.modelA} (A)`, b: `${r.modelB} (B)` }, SIDES);

function render(): void {
  const d = session.data;
  const sel = session.selection;
  if (!d || !sel) return;
  title.textContent = `Compare: ${baseName(d.fileA)} (A) with ${baseName(d.fileB)} (B)`;
  subtitle.textContent = `A: ${d.fileA} · B: ${d.fileB}`;
  pickA.set([{ value: '', label: EVERY }, ...d.modelsA.map((m) => ({ value: m, label: m }))], sel.modelA);
  pickB.set([{ value: '', label: EVERY }, ...d.modelsB.map((m) => ({ value: m, label: m }))], sel.modelB);
  const rows = d.pairs.filter((p): p is Row => p.comparison !== null);
  const failed = d.pairs
    .filter((p) => p.comparison === null)
    .map((p) => `${p.modelA} against ${p.modelB}: ${p.problem}`);
  const none =
    d.pairs.length === 0 ? ['The two logs share no model name: choose a model in A and a model in B to compare.'] : [];
  replaceChildren(findings, ...[...none, ...rows.map(finding)].map((t) => h('li', {}, t)));
  const warnings = [...failed, ...d.warnings];
  replaceChildren(problems, ...warnings.map((w) => h('li', {}, w)));
  problems.hidden = warnings.length === 0;
  accuracyTable.update(rows);
  costTable.update(rows);
  content.hidden = false;
}

title.textContent = `Compare: ${baseName(state.get().file)} with ${baseName(state.get().fileB)}`;
client.ready();
session.start();
