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
import {
  DASH,
  formatExactP,
  formatPValue,
  formatSeconds,
  formatShare,
  formatSignedSeconds,
  formatSignedShare,
  formatSignedUsd,
  formatUsd,
} from '../../src/protocol/format';
import { logViewFile, savedSelection } from '../../src/protocol/logView';
import { h, replaceChildren } from '../ui/dom';
import { baseName, exportStem } from '../ui/fileNames';
import { createHostClient } from '../ui/hostClient';
import { selectionSession } from '../ui/selectionSession';
import { dropdown } from '../ui/selectControls';
import { statusLine } from '../ui/statusLine';
import { TableCard, type Column } from '../ui/tableCard';
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

/** "+0.012 (−0.010 to +0.034)": a difference with its 95% interval when there is one. */
const withInterval = (
  d: { difference: number; ci_low: number | null; ci_high: number | null } | null,
  f: (x: number | null) => string,
): string =>
  d === null
    ? DASH
    : d.ci_low === null || d.ci_high === null
      ? f(d.difference)
      : `${f(d.difference)} (${f(d.ci_low)} to ${f(d.ci_high)})`;

/** The columns of a difference: shown with its interval, exported as the difference and the interval's ends. */
function differenceColumn(
  id: string,
  title: string,
  help: string,
  pick: (c: RunComparison) => { difference: number; ci_low: number | null; ci_high: number | null } | null,
  f: (x: number | null) => string,
): Column<Row> {
  return {
    id,
    title,
    help,
    numeric: true,
    value: (r) => pick(r.comparison)?.difference ?? null,
    format: (r) => withInterval(pick(r.comparison), f),
    csv: [
      { id, value: (r) => pick(r.comparison)?.difference ?? null },
      { id: `${id}_ci_low`, value: (r) => pick(r.comparison)?.ci_low ?? null },
      { id: `${id}_ci_high`, value: (r) => pick(r.comparison)?.ci_high ?? null },
    ],
  };
}

const pairColumns: Column<Row>[] = [
  { id: 'model_a', title: 'Model in A', value: (r) => r.modelA },
  { id: 'model_b', title: 'Model in B', value: (r) => r.modelB },
  {
    id: 'matched',
    title: 'Queries',
    help: 'Queries both runs answered (matched by query id); the comparison uses only these',
    numeric: true,
    value: (r) => r.comparison.matched,
  },
];

const count = (id: string, title: string, help: string, pick: (c: RunComparison) => number): Column<Row> => ({
  id,
  title,
  help,
  numeric: true,
  value: (r) => pick(r.comparison),
});

type Measure = { mean_a: number; mean_b: number; difference: number; ci_low: number | null; ci_high: number | null };

/** One measure of both runs: "<Label> A", "<Label> B", and A − B with its 95% paired bootstrap interval. */
function measureColumns(
  id: string,
  label: string,
  diff: { title: string; help: string },
  pick: (c: RunComparison) => Measure | null,
  f: (x: number | null) => string,
  signed: (x: number | null) => string,
): Column<Row>[] {
  const side = (s: 'a' | 'b'): Column<Row> => ({
    id: `${id}_${s}`,
    title: `${label} ${s.toUpperCase()}`,
    numeric: true,
    value: (r) => pick(r.comparison)?.[`mean_${s}`] ?? null,
    format: (r) => f(pick(r.comparison)?.[`mean_${s}`] ?? null),
  });
  return [side('a'), side('b'), differenceColumn(`${id}_diff`, diff.title, diff.help, pick, signed)];
}

const accuracyTable = new TableCard<Row>(
  {
    id: 'accuracy',
    title: 'Accuracy',
    fileStem: () => stem('accuracy'),
    columns: [
      ...pairColumns,
      ...measureColumns(
        'accuracy',
        'Accuracy',
        {
          title: 'A − B (95% CI)',
          help: 'Accuracy of A minus accuracy of B, with the 95% paired bootstrap interval (the same resampled queries for both runs)',
        },
        (c) => c.accuracy,
        formatShare,
        formatSignedShare,
      ),
      {
        id: 'mcnemar_p',
        title: 'McNemar p',
        help: "McNemar's test of equal accuracy: exact binomial below 25 discordant queries, else χ² with continuity correction",
        numeric: true,
        value: (r) => r.comparison.mcnemar.p_value,
        format: (r) => formatExactP(r.comparison.mcnemar.p_value),
      },
      count('both_right', 'Both right', 'Queries both runs answered correctly', (c) => c.agreement.both_right),
      count('only_a_right', 'Only A right', 'Queries only run A answered correctly', (c) => c.agreement.only_a_right),
      count('only_b_right', 'Only B right', 'Queries only run B answered correctly', (c) => c.agreement.only_b_right),
      count('both_wrong', 'Both wrong', 'Queries both runs got wrong', (c) => c.agreement.both_wrong),
    ],
  },
  exportFile,
);

const costTable = new TableCard<Row>(
  {
    id: 'cost',
    title: 'Cost and latency per query',
    fileStem: () => stem('cost'),
    columns: [
      ...pairColumns,
      ...measureColumns(
        'cost',
        'Cost',
        {
          title: 'Cost A − B (95% CI)',
          help: 'Mean cost per query of A minus that of B, over the matched queries where both have a cost',
        },
        (c) => c.cost_usd,
        formatUsd,
        formatSignedUsd,
      ),
      ...measureColumns(
        'latency',
        'Latency',
        {
          title: 'Latency A − B (95% CI)',
          help: 'Mean latency of A minus that of B, over the matched queries where both have one',
        },
        (c) => c.latency_s,
        formatSeconds,
        formatSignedSeconds,
      ),
    ],
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
function finding(r: Row): string {
  const c = r.comparison;
  const verdict =
    c.mcnemar.p_value < 0.05 ? 'a difference at the 5% level' : 'no significant difference at the 5% level';
  const cost = c.cost_usd ? `; cost per query A − B ${withInterval(c.cost_usd, formatSignedUsd)}` : '';
  return `${r.modelA} (A) against ${r.modelB} (B) on ${c.matched} shared queries: accuracy ${formatShare(c.accuracy.mean_a)} against ${formatShare(c.accuracy.mean_b)}, A − B ${withInterval(c.accuracy, formatSignedShare)}; McNemar ${formatPValue(c.mcnemar.p_value)}, ${verdict}${cost}.`;
}

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
