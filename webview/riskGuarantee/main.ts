/**
 * Risk Guarantee webview: α, δ and the testing method in, the threshold it certifies out (one
 * model, or a two-model cascade), with coverage on calibration and test, the realised test risk next
 * to α, the bound along the scan with the tested points and where and why the scan stopped (in the
 * chart and as text), and whether calibration and test look exchangeable.
 */
import { guaranteeBoundConfig, guaranteeBoundTable, type GuaranteeBoundData } from '../charts/guaranteeBoundChart';
import { formatPercent } from '../charts/lineChartBase';
import { formatShare, formatSig } from '../../src/protocol/format';
import { logViewFile, savedSelection } from '../../src/protocol/logView';
import type {
  CascadeGuaranteeReport,
  GuaranteeData,
  GuaranteeMethod,
  GuaranteeReport,
  GuaranteeSelection,
  RiskGuaranteeProtocol,
  RiskGuaranteeWebviewState,
  SignalChoice,
} from '../../src/protocol/riskGuarantee';
import { ChartCard } from '../ui/chartCard';
import { h, replaceChildren } from '../ui/dom';
import { exportStem } from '../ui/fileNames';
import { filePath, showViewTitle } from '../ui/viewTitle';
import { createHostClient } from '../ui/hostClient';
import { selectionSession } from '../ui/selectionSession';
import { dropdown } from '../ui/selectControls';
import { SIGNAL_CHOICES } from '../ui/signalChoices';
import { statusLine } from '../ui/statusLine';
import { TableCard } from '../ui/tableCard';
import * as ui from '../ui/toolkit';
import { createViewState } from '../ui/viewState';

const client = createHostClient<RiskGuaranteeProtocol>();
const state = createViewState<RiskGuaranteeWebviewState>((saved, initial) => ({
  file: logViewFile(saved, initial),
  selection: savedSelection<GuaranteeSelection>(saved),
}));
const exportFile = client.exportFile;
const stem = (what: string): string => exportStem(state.get().file, what);

const change = (patch: Partial<GuaranteeSelection>): void => session.change(patch);
const modelPick = dropdown('model', 'Model', (v) => change({ model: v }));
const strongPick = dropdown('strong', 'Then (cascade)', (v) => change({ strong: v === '' ? null : v }));
const signalPick = dropdown('signal', 'Signal', (v) => change({ signal: v as SignalChoice }));
const methodPick = dropdown('method', 'Testing', (v) => change({ method: v as GuaranteeMethod }));
const METHOD_CHOICES: { value: GuaranteeMethod; label: string }[] = [
  { value: 'fixed-sequence', label: 'fixed sequence on a coverage grid' },
  { value: 'bonferroni', label: 'Bonferroni over the grid' },
  { value: 'every-answer', label: 'fixed sequence over every answer' },
];
const calPick = dropdown('cal-split', 'Calibration split', (v) => change({ calSplit: v }));
const testPick = dropdown('test-split', 'Test split', (v) => change({ testSplit: v }));

/** A text field for a number in (0, 1); recomputes 300 ms after the last valid keystroke. */
function rateField(id: string, label: string, key: 'alpha' | 'delta', help: string) {
  const field = ui.textField({ id, size: 6, 'aria-label': label, title: help });
  const error = h('span', { className: 'field-error', role: 'alert' });
  let timer = 0;
  field.addEventListener('input', () => {
    const raw = field.value.trim();
    const v = Number(raw);
    const ok = raw !== '' && Number.isFinite(v) && v > 0 && v < 1;
    error.textContent = ok ? '' : `${label} must be a number between 0 and 1 (exclusive)`;
    clearTimeout(timer);
    if (ok) timer = window.setTimeout(() => change({ [key]: v }), 300);
  });
  return {
    element: h('div', { className: 'field' }, h('label', { for: id }, label), field, error),
    set: (v: number) => (field.value = String(v)),
  };
}
const alphaField = rateField(
  'alpha',
  'α (error tolerance)',
  'alpha',
  'Largest acceptable error rate among accepted answers',
);
const deltaField = rateField(
  'delta',
  'δ (failure probability)',
  'delta',
  'Probability that the guarantee may fail (over the draw of the calibration set)',
);

interface ResultRow {
  stage: string;
  threshold: string;
  thresholdValue: number | null;
  upperBound: number | null;
  coverageCal: number | null;
  coverageTest: number | null;
  riskTest: number | null;
}
const resultTable = new TableCard<ResultRow>(
  {
    id: 'guarantee',
    title: 'Certified threshold',
    fileStem: () => stem('guarantee'),
    rowClass: (r) =>
      r.riskTest !== null && session.data && session.selection && r.riskTest > session.selection.alpha
        ? 'over-alpha'
        : undefined,
    columns: [
      { id: 'stage', title: 'Model', value: (r) => r.stage },
      {
        id: 'threshold',
        title: 'Accepts when',
        help: 'The chosen threshold on the signal',
        value: (r) => r.thresholdValue,
        format: (r) => r.threshold,
      },
      {
        id: 'upper_bound',
        title: 'Upper bound',
        help: 'One-sided (1 − δ) Clopper–Pearson bound on the error among accepted calibration answers',
        numeric: true,
        value: (r) => r.upperBound,
        format: (r) => formatShare(r.upperBound),
      },
      {
        id: 'coverage_cal',
        title: 'Coverage (cal.)',
        help: 'Share of calibration queries accepted',
        numeric: true,
        value: (r) => r.coverageCal,
        format: (r) => (r.coverageCal === null ? '—' : formatPercent(r.coverageCal)),
      },
      {
        id: 'coverage_test',
        title: 'Coverage (test)',
        help: 'Share of test queries accepted',
        numeric: true,
        value: (r) => r.coverageTest,
        format: (r) => (r.coverageTest === null ? '—' : formatPercent(r.coverageTest)),
      },
      {
        id: 'risk_test',
        title: 'Test error',
        help: 'Realised error rate among accepted test answers (compare with α)',
        numeric: true,
        value: (r) => r.riskTest,
        format: (r) => formatShare(r.riskTest),
      },
    ],
  },
  exportFile,
);
const boundChart = new ChartCard<GuaranteeBoundData>(
  {
    id: 'bound',
    title: 'Upper bound along the scan',
    fileStem: () => stem('bound'),
    describe: (d) =>
      `Clopper–Pearson upper bound, calibration and test error against calibration coverage, with α = ${d.alpha} and the tested points marked. ${scanNotes().join(' ')}`,
    config: guaranteeBoundConfig,
    table: guaranteeBoundTable,
  },
  exportFile,
  (d) => (d.stages.every((s) => s.points.length === 0) ? 'No calibration answers with this signal.' : null),
);

const app = document.getElementById('app') as HTMLElement;
const title = h('h1', {}, 'Risk Guarantee');
const subtitle = h('p', { className: 'subtitle' });
const status = statusLine(app);
const session = selectionSession(client, 'compute', state, status, render);
const headline = h('p', { className: 'headline', 'aria-live': 'polite' });
const problems = h('ul', { className: 'problems', role: 'alert', hidden: true });
/** The chart's text alternative, visible: where and why each scan stopped, and the exchangeability check. */
const notes = h('ul', { className: 'notes scan-notes' });
const content = h(
  'div',
  { className: 'content', hidden: true },
  h('div', { className: 'controls' }, modelPick.element, strongPick.element, signalPick.element, methodPick.element),
  h('div', { className: 'controls' }, alphaField.element, deltaField.element, calPick.element, testPick.element),
  headline,
  problems,
  resultTable.element,
  boundChart.element,
  notes,
);
replaceChildren(app, h('header', { className: 'view-header' }, h('div', {}, title, subtitle)), status.element, content);

/** The scan notes of the current answer, prefixed with the model in a cascade. */
function scanNotes(): string[] {
  const d = session.data;
  if (d?.single) return [d.single.scan.note];
  if (d?.cascade) return [d.cascade.weak, d.cascade.strong].map((s) => `${s.model}: ${s.scan.note}`);
  return [];
}

/** The chart's markers for one stage: the tests run and the stop. */
function scanMarks(scan: GuaranteeReport['scan']): Pick<GuaranteeBoundData['stages'][number], 'tests' | 'stop'> {
  return {
    tests: scan.tests.map((t) => ({ coverage: t.coverageCal, upperBound: t.upperBound, passed: t.passed })),
    stop: scan.stop && {
      coverage: scan.stop.coverageCal,
      upperBound: scan.stop.upperBound,
      accepted: scan.stop.accepted,
      errors: scan.stop.errors,
    },
  };
}

const rule = (signal: string, t: number | null): string =>
  t === null
    ? 'never (abstains)'
    : signal === 'output_tokens'
      ? `output tokens ≤ ${t}`
      : `${signal.replace('_', ' ')} ≥ ${formatSig(t, 6)}`;

/** The pickers and fields, set to the selection the reply was computed for. */
function renderControls(d: GuaranteeData, sel: GuaranteeSelection): void {
  const models = d.models.map((m) => ({ value: m, label: m }));
  modelPick.set(models, sel.model ?? '');
  strongPick.set(
    [{ value: '', label: '(none: single model)' }, ...models.filter((m) => m.value !== sel.model)],
    sel.strong ?? '',
  );
  signalPick.set(SIGNAL_CHOICES, sel.signal);
  methodPick.set(METHOD_CHOICES, sel.method ?? 'fixed-sequence');
  const splits = d.splits.map((s) => ({ value: s, label: s === '' ? '(no split)' : s }));
  calPick.set(splits, sel.calSplit);
  testPick.set(splits, sel.testSplit);
  alphaField.set(sel.alpha);
  deltaField.set(sel.delta);
}

/** "test error 0.031 ≤ α = 0.05", or that no test answer was accepted. */
const verdict = (risk: number | null, alpha: number): string =>
  risk === null
    ? 'no test answer accepted'
    : `test error ${formatShare(risk)} ${risk <= alpha ? '≤' : '>'} α = ${alpha}`;

/** One model's guarantee: the sentence, its row and its bound curve. */
function renderSingle(g: GuaranteeReport, sel: GuaranteeSelection): void {
  headline.textContent =
    g.threshold === null
      ? `No threshold certifies error ≤ ${sel.alpha} with probability ≥ ${1 - sel.delta} on ${g.nCal} calibration answers: abstain on every query.`
      : `Accept ${g.model}'s answer when ${rule(g.signal, g.threshold)}: with probability ≥ ${1 - sel.delta}, the error among accepted answers is ≤ ${sel.alpha}. It answers ${formatPercent(g.coverageTest)} of test queries; ${verdict(g.riskTest, sel.alpha)}.`;
  resultTable.update([
    {
      stage: g.model,
      threshold: rule(g.signal, g.threshold),
      thresholdValue: g.threshold,
      upperBound: g.upperBound,
      coverageCal: g.coverageCal,
      coverageTest: g.coverageTest,
      riskTest: g.riskTest,
    },
  ]);
  boundChart.update({
    alpha: sel.alpha,
    stages: [
      {
        label: g.model,
        chosenCoverage: g.threshold === null ? null : g.coverageCal,
        points: g.curve.map((p) => ({
          coverage: p.coverageCal,
          upperBound: p.upperBound,
          riskCal: p.riskCal,
          riskTest: p.riskTest,
        })),
        ...scanMarks(g.scan),
      },
    ],
  });
}

/** A two-model cascade's guarantee: the sentence, a row per stage and for the whole, both stages' bound curves. */
function renderCascade(c: CascadeGuaranteeReport, sel: GuaranteeSelection): void {
  const answers = (s: typeof c.weak) =>
    s.threshold === null
      ? `${s.model} never answers (nothing certified)`
      : `${s.model} answers when ${rule(s.signal, s.threshold)}`;
  headline.textContent = `${answers(c.weak)}; else ${answers(c.strong)}; else abstain (δ/2 per stage). Test coverage ${formatPercent(c.test.coverage)} (${formatPercent(c.test.weakShare)} + ${formatPercent(c.test.strongShare)}); ${verdict(c.test.risk, sel.alpha)}.`;
  const stageRow = (s: typeof c.weak, share: number, calShare: number): ResultRow => ({
    stage: s.model,
    threshold: rule(s.signal, s.threshold),
    thresholdValue: s.threshold,
    upperBound: s.upperBound,
    coverageCal: calShare,
    coverageTest: share,
    riskTest: null,
  });
  resultTable.update([
    stageRow(c.weak, c.test.weakShare, c.cal.weakShare),
    stageRow(c.strong, c.test.strongShare, c.cal.strongShare),
    {
      stage: 'cascade (all accepted)',
      threshold: '',
      thresholdValue: null,
      upperBound: Math.max(c.weak.upperBound ?? 0, c.strong.upperBound ?? 0),
      coverageCal: c.cal.coverage,
      coverageTest: c.test.coverage,
      riskTest: c.test.risk,
    },
  ]);
  const stage = (s: typeof c.weak, chosen: number) => ({
    label: s.model,
    chosenCoverage: s.threshold === null ? null : chosen,
    points: s.curve.map((p) => ({ coverage: p.coverage, upperBound: p.upperBound, riskCal: null, riskTest: null })),
    ...scanMarks(s.scan),
  });
  boundChart.update({
    alpha: sel.alpha,
    stages: [
      stage(c.weak, c.cal.weakShare),
      stage(c.strong, c.strong.nCal ? (c.cal.strongShare * c.nCal) / c.strong.nCal : 0),
    ],
  });
}

/** The scan's notes, and the exchangeability checks that passed (a failed one is among the warnings). */
function renderNotes(d: GuaranteeData): void {
  const checks = d.single
    ? [d.single.exchangeability]
    : d.cascade
      ? [d.cascade.weak.exchangeability, d.cascade.strong.exchangeability]
      : [];
  const exchangeable = checks.flatMap((x) => (x && x.exchangeable ? [`Exchangeability: ${x.summary}.`] : []));
  replaceChildren(notes, ...[...scanNotes(), ...exchangeable].map((t) => h('li', {}, t)));
}

function render(): void {
  const d = session.data;
  const sel = session.selection;
  if (!d || !sel) return;
  showViewTitle(title, 'Risk Guarantee', d.file);
  replaceChildren(subtitle, filePath(d.file));
  renderControls(d, sel);
  const warnings = [...d.warnings, ...(d.single?.warnings ?? []), ...(d.cascade?.warnings ?? [])];
  replaceChildren(problems, ...warnings.map((w) => h('li', {}, w)));
  problems.hidden = warnings.length === 0;
  // Without confidence scores nothing can be certified: say that once, and no figure that would be false.
  resultTable.element.hidden = boundChart.element.hidden = d.noConfidence !== null;
  if (d.noConfidence !== null) {
    headline.textContent = d.noConfidence;
    replaceChildren(notes);
    content.hidden = false;
    return;
  }
  if (d.single) renderSingle(d.single, sel);
  else if (d.cascade) renderCascade(d.cascade, sel);
  else headline.textContent = 'Choose a model.';
  renderNotes(d);
  content.hidden = false;
}

showViewTitle(title, 'Risk Guarantee', state.get().file);
client.ready();
session.start();
