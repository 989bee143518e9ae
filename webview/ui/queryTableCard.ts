/**
 * The drill-down query table (issue 14 item 2): the per-query rows behind a figure the user clicked
 * (a model's accuracy, a frontier point's test error), virtualised, with filters (wrong only,
 * deferred only, disagreements between two models, confident and wrong) and the totals of the rows
 * shown, so the count can be checked against the figure. A row opens its detail pane (question,
 * reference, each model's answer; {@link QueryDetail}), from which a line-per-record log opens at
 * that record's line. Ids (prefixed with the card's id): `-filter`, `-a`, `-b`, `-min`;
 * `[data-count]` holds the totals; see {@link VirtualGrid} for the rows.
 */
import { filterRows, rowTotals, type RowFilter } from '../../src/engines/drilldown/filterRows';
import {
  DASH,
  formatFixed,
  formatReward,
  formatSeconds,
  formatShare,
  formatSig,
  formatUsd,
  plural,
} from '../../src/protocol/format';
import type { QueryRow, QueryTableView } from '../../src/protocol/queryTable';
import type { CsvValue } from './csv';
import { h } from './dom';
import { exportCsv, runExport, type ExportFn } from './exporter';
import { QueryDetail } from './queryDetail';
import { dropdown } from './selectControls';
import * as ui from './toolkit';
import { VirtualGrid, type GridColumn } from './virtualGrid';

type FilterKind = RowFilter['kind'];
const FILTER_LABEL: Record<FilterKind, string> = {
  all: 'All queries',
  wrong: 'Wrong only',
  deferred: 'Deferred only',
  abstained: 'Abstained only',
  human: 'Sent to the human',
  disagree: 'Disagreements',
  confidentWrong: 'Confident and wrong',
};
/** Most characters of a question, reference or answer shown in its cell (the tooltip and the detail pane have it whole). */
const QUESTION_CHARS = 200;

export interface QueryTableCardOptions {
  id: string;
  exportFile: ExportFn;
  fileStem(): string;
  /** Opens the log at this 1-based line. */
  openSource(line: number): void;
}

export class QueryTableCard {
  readonly element: HTMLElement;
  private view: QueryTableView | null = null;
  private readonly grid: VirtualGrid<QueryRow>;
  private readonly caption = h('p', { className: 'headline' });
  private readonly count = h('p', { className: 'query-count', 'data-count': '', role: 'status' });
  private readonly notes = h('ul', { className: 'notes' });
  private readonly filter: ReturnType<typeof dropdown>;
  private readonly pickA: ReturnType<typeof dropdown>;
  private readonly pickB: ReturnType<typeof dropdown>;
  private readonly minField: ui.ValueControl;
  private readonly minWrap: HTMLElement;
  private shown: QueryRow[] = [];
  private readonly detail: QueryDetail;

  constructor(private readonly opts: QueryTableCardOptions) {
    const id = opts.id;
    this.filter = dropdown(`${id}-filter`, 'Show', () => this.apply());
    this.pickA = dropdown(`${id}-a`, 'between', () => this.apply());
    this.pickB = dropdown(`${id}-b`, 'and', () => this.apply());
    this.minField = ui.textField({ id: `${id}-min`, size: 5, value: '0.9', 'aria-label': 'Least confidence' });
    this.minField.addEventListener('input', () => this.apply());
    this.minWrap = h(
      'div',
      { className: 'field', hidden: true },
      h('label', { for: `${id}-min` }, 'confidence ≥'),
      this.minField,
    );
    this.detail = new QueryDetail((line) => opts.openSource(line));
    this.grid = new VirtualGrid<QueryRow>({
      label: 'Queries',
      activatable: () => this.view !== null,
      onActivate: (r) => {
        if (this.view) this.detail.show(this.view, r, sourceModel(r));
      },
      rowTip: () => 'Show its question, reference and answers',
    });
    const status = h('span', { className: 'export-status', role: 'status' });
    const csv: HTMLElement = ui.button(
      {
        appearance: 'secondary',
        'data-export': 'csv',
        title: 'Save the rows shown as CSV',
        onclick: () => void runExport(csv, status, () => exportCsv(opts.exportFile, opts.fileStem(), this.csvTable())),
      },
      'Export CSV',
    );
    this.element = h(
      'section',
      { className: 'card', 'data-query-table': id, hidden: true },
      h(
        'header',
        { className: 'card-header' },
        h('h2', {}, 'Queries'),
        h('div', { className: 'toolbar' }, status, csv),
      ),
      this.caption,
      h('div', { className: 'controls' }, this.filter.element, this.pickA.element, this.pickB.element, this.minWrap),
      this.count,
      this.notes,
      this.grid.element,
      this.detail.element,
    );
  }

  /** Shows a table; `caption` says which figure it drills into (and its value, to compare with the count). */
  show(view: QueryTableView, caption: string): void {
    this.view = view;
    this.detail.hide();
    this.caption.textContent = caption;
    const multi = view.models.length > 1;
    const kinds: FilterKind[] = multi
      ? ['all', 'wrong', 'deferred', 'disagree', 'confidentWrong']
      : ['all', 'wrong', 'confidentWrong'];
    if (view.rows.some((r) => r.abstained)) kinds.splice(2, 0, 'abstained');
    if (view.rejection !== null) kinds.splice(2, 0, 'human');
    const keep = kinds.includes(this.filter.value() as FilterKind) ? this.filter.value() : 'all';
    this.filter.set(
      kinds.map((k) => ({ value: k, label: FILTER_LABEL[k] })),
      keep,
    );
    const models = view.models.map((m, i) => ({ value: String(i), label: m }));
    this.pickA.set(models, '0');
    this.pickB.set(models, String(Math.min(1, view.models.length - 1)));
    this.notes.replaceChildren(...view.notes.map((n) => h('li', {}, n)));
    this.grid.setColumns(columns(view));
    this.element.hidden = false;
    this.apply();
  }

  /** Says what is being read (or why nothing could be), with no rows. */
  message(text: string): void {
    this.view = null;
    this.detail.hide();
    this.caption.textContent = text;
    this.count.textContent = '';
    this.notes.replaceChildren();
    this.grid.setRows([]);
    this.element.hidden = false;
  }

  hide(): void {
    this.view = null;
    this.detail.hide();
    this.element.hidden = true;
  }

  private currentFilter(): RowFilter | null {
    const kind = this.filter.value() as FilterKind;
    if (kind === 'disagree') return { kind, a: Number(this.pickA.value()), b: Number(this.pickB.value()) };
    if (kind === 'confidentWrong') {
      const raw = this.minField.value.trim();
      const min = Number(raw);
      return raw !== '' && Number.isFinite(min) && min >= 0 && min <= 1 ? { kind, min } : null;
    }
    return kind === 'wrong' || kind === 'deferred' || kind === 'abstained' || kind === 'human'
      ? { kind }
      : { kind: 'all' };
  }

  private apply(): void {
    const view = this.view;
    if (!view) return;
    const kind = this.filter.value();
    this.pickA.element.hidden = kind !== 'disagree';
    this.pickB.element.hidden = kind !== 'disagree';
    this.minWrap.hidden = kind !== 'confidentWrong';
    const f = this.currentFilter();
    if (!f) {
      this.count.textContent = 'The least confidence must be a number from 0 to 1.';
      return;
    }
    const kept = filterRows(view.rows, f);
    this.shown = kept.map((i) => view.rows[i]);
    const t = rowTotals(view.rows, view.models.length, kept);
    const answered =
      view.models.length > 1
        ? ` · answered by ${view.models.map((m, i) => `${m} ${t.answered[i].toLocaleString('en-US')}`).join(', ')}`
        : '';
    const abstained = t.abstained
      ? ` · ${t.abstained.toLocaleString('en-US')} abstained (${formatShare(t.abstained / t.n)})`
      : '';
    const reward = t.meanReward === null ? '' : ` · mean reward ${formatReward(t.meanReward)} per query`;
    const human =
      view.rejection === null
        ? ''
        : ` · sent to the human ${formatSig(Math.round(t.toHuman * 100) / 100, 15)} (rejection ${formatShare(t.n ? t.toHuman / t.n : null)}) · accuracy of the accepted ${formatShare(t.acceptedAccuracy)}`;
    this.count.textContent = `${t.n.toLocaleString('en-US')} of ${plural(view.rows.length, 'query', 'queries')} shown · ${t.wrong.toLocaleString('en-US')} wrong (error ${formatShare(t.n ? t.error : null)})${abstained} · mean cost ${formatUsd(t.meanCostUsd)} · mean latency ${formatSeconds(t.meanLatencyS)}${reward}${human}${answered}`;
    this.grid.setRows(this.shown);
  }

  private csvTable(): { header: string[]; rows: CsvValue[][] } {
    const view = this.view;
    if (!view) return { header: [], rows: [] };
    const header = [
      'query_id',
      'answered_by',
      'correct',
      'score',
      'abstained',
      ...(view.rejection === null ? [] : ['human_share']),
      'cost_usd',
      'latency_s',
      ...view.models.map((m) => `confidence_${m}`),
      ...view.models.map((m) => `correct_${m}`),
      ...view.models.map((m) => `line_${m}`),
      'question',
      'reference',
      ...view.models.map((m) => `answer_${m}`),
      ...(view.pricing ? ['reward_usd', ...view.pricing.terms.map((t) => `loss_${t}_usd`)] : []),
    ];
    const rows = this.grid
      .displayed()
      .map((r) => [
        r.queryId,
        view.models[r.answeredBy] ?? null,
        r.correct,
        r.score,
        r.abstained,
        ...(view.rejection === null ? [] : [r.humanShare]),
        r.costUsd,
        r.latencyS,
        ...r.confidence,
        ...r.modelCorrect,
        ...r.line,
        r.question,
        r.reference,
        ...r.answers,
        ...(view.pricing ? [r.reward, ...r.terms] : []),
      ]);
    return { header, rows };
  }
}

const confText = (c: number | null | undefined): string => (c === null || c === undefined ? DASH : formatFixed(c, 3));
const mark = (ok: boolean): string => (ok ? '✓ right' : '✗ wrong');
const outcome = (r: QueryRow): string => (r.abstained ? '○ abstained' : mark(r.correct));
/** The model whose record a row opens: the one that answered, else (an abstention) the first. */
const sourceModel = (r: QueryRow): number => Math.max(0, r.answeredBy);
/** Price terms shown as columns: cost always, the others when priced. */
const TERM_TITLE: ReadonlyMap<string, string> = new Map([
  ['cost', 'Cost'],
  ['latency', 'λ_L · latency'],
  ['error', 'λ_E · error'],
  ['abstain', 'λ_A · abstention'],
]);

/** Each model's confidence, titled and explained by the kind of confidence the table shows. */
function confidenceColumns(view: QueryTableView): GridColumn<QueryRow>[] {
  const multi = view.models.length > 1;
  const ranked = view.rejection !== null;
  const confTitle = (m: string): string =>
    view.confidenceKind === 'calibrated' ? `φ ${m}` : multi ? `Confidence ${m}` : ranked ? 'Certainty' : 'Confidence';
  const confHelp =
    view.confidenceKind === 'calibrated'
      ? 'Calibrated confidence: the model answers when it exceeds its threshold'
      : ranked
        ? 'The signal the curve ranks answers by: the least certain go to the human'
        : 'The confidence the log records';
  return view.models.map((m, i): GridColumn<QueryRow> => ({
    title: confTitle(m),
    help: confHelp,
    width: '100px',
    numeric: true,
    text: (r) => confText(r.confidence[i]),
    sortValue: (r) => r.confidence[i] ?? null,
  }));
}

/** For a cascade: whether each model's own answer is right. */
function aloneColumns(models: readonly string[]): GridColumn<QueryRow>[] {
  return models.map((m, i): GridColumn<QueryRow> => ({
    title: `${m} alone`,
    help: `Whether ${m}'s own answer is right`,
    width: '90px',
    text: (r) => mark(r.modelCorrect[i]),
    sortValue: (r) => (r.modelCorrect[i] ? 1 : 0),
  }));
}

/** The grid's columns for a table: the query, who answered, the outcome, then each model's confidence (and, for a cascade, correctness), the line and the question. */
function columns(view: QueryTableView): GridColumn<QueryRow>[] {
  const multi = view.models.length > 1;
  const ranked = view.rejection !== null;
  const cols: GridColumn<QueryRow>[] = [
    {
      title: 'Query',
      width: 'minmax(110px, 1fr)',
      text: (r) => r.queryId,
      sortValue: (r) => r.queryId,
      tip: (r) => r.queryId,
    },
  ];
  if (multi)
    cols.push({
      title: 'Answered by',
      help: 'The model whose answer counts; the ones before it deferred',
      width: 'minmax(110px, 1fr)',
      text: (r) => (r.abstained ? 'abstained' : (view.models[r.answeredBy] ?? DASH)),
      sortValue: (r) => r.answeredBy,
    });
  cols.push(
    {
      title: 'Result',
      width: '90px',
      text: outcome,
      sortValue: (r) => (r.abstained ? 0.5 : r.correct ? 1 : 0),
    },
    ...(ranked ? [humanColumn] : []),
    {
      title: 'Cost',
      help: multi ? 'Dollars of every call made, up to the model that answered' : 'Dollars of the call',
      width: '90px',
      numeric: true,
      text: (r) => formatUsd(r.costUsd),
      sortValue: (r) => r.costUsd,
    },
    {
      title: 'Latency',
      help: multi ? 'Seconds of every call made, one after the other' : 'Seconds of the call',
      width: '80px',
      numeric: true,
      text: (r) => formatSeconds(r.latencyS),
      sortValue: (r) => r.latencyS,
    },
    ...confidenceColumns(view),
  );
  if (view.pricing) cols.push(...rewardColumns(view.pricing));
  if (multi) cols.push(...aloneColumns(view.models));
  cols.push(
    {
      title: view.fileLines ? 'Line' : 'Sample',
      help: view.fileLines
        ? "The answering model's line in the log (click a row, then Open line)"
        : "The answering model's sample, by position in the log",
      width: '70px',
      numeric: true,
      text: (r) => String(r.line[sourceModel(r)] ?? DASH),
      sortValue: (r) => r.line[sourceModel(r)] ?? null,
    },
    textColumn('Question', 'The query as the log gives it', (r) => r.question, 'minmax(200px, 3fr)'),
  );
  if (view.rows.some((r) => r.reference !== ''))
    cols.push(textColumn('Reference', 'The reference answer the log gives', (r) => r.reference));
  if (view.rows.some((r) => r.answers.some((a) => a !== '')))
    cols.push(
      textColumn(
        'Answer',
        multi ? 'The answer that counts: that of the model that answered' : "The model's answer",
        (r) => r.answers[sourceModel(r)] ?? '',
      ),
    );
  return cols;
}

/** A column of text cut to QUESTION_CHARS characters in its cell (the tooltip and the detail pane have it whole). */
function textColumn(
  title: string,
  help: string,
  text: (r: QueryRow) => string,
  width = 'minmax(140px, 2fr)',
): GridColumn<QueryRow> {
  return {
    title,
    help,
    width,
    text: (r) => {
      const t = text(r);
      return t.length > QUESTION_CHARS ? `${t.slice(0, QUESTION_CHARS)}…` : t;
    },
    sortValue: text,
    tip: (r) => text(r) || undefined,
  };
}

/** Whether a row of an accuracy–rejection point went to the human (a tie cut at the threshold: its share). */
const humanColumn: GridColumn<QueryRow> = {
  title: 'Human',
  help: 'Accepted, or sent to the human; answers tied in certainty at the cut are shared, as the curve counts them',
  width: '120px',
  text: (r) =>
    r.humanShare === 0
      ? 'accepted'
      : r.humanShare === 1
        ? '→ human'
        : `${formatSig(r.humanShare * 100, 3)}% → human (tie)`,
  sortValue: (r) => r.humanShare,
};

/** The reward at the table's prices and the dollars each priced term takes from it (cost is already a column). */
function rewardColumns(p: NonNullable<QueryTableView['pricing']>): GridColumn<QueryRow>[] {
  const cols: GridColumn<QueryRow>[] = [
    {
      title: 'Reward',
      help: `−(cost + the priced terms) at these prices, $; the mean over every row is the expected reward ${formatReward(p.reward)}`,
      width: '100px',
      numeric: true,
      text: (r) => (r.reward === null ? DASH : formatReward(r.reward)),
      sortValue: (r) => r.reward,
    },
  ];
  p.terms.forEach((term, d) => {
    if (term === 'cost' || !(p.prices[d] > 0)) return;
    cols.push({
      title: TERM_TITLE.get(term) ?? `λ · ${term}`,
      help: `Dollars the query loses to ${term} at ${formatUsd(p.prices[d])} per unit`,
      width: '110px',
      numeric: true,
      text: (r) => formatUsd(r.terms[d] ?? null),
      sortValue: (r) => r.terms[d] ?? null,
    });
  });
  return cols;
}
