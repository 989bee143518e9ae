/**
 * The detail pane of the drill-down query table (issue 14 item 2): for the row the user picked, the
 * question, the reference answer and each model's answer as the log holds them (cut at 2,000
 * characters by the reader), whether each model was right, and, for a line-per-record log, a button
 * that opens the answering model's record. Test hooks: `[data-query-detail]` (holds the query id),
 * `[data-text="question"]`, `[data-text="reference"]`, `[data-answer="<i>"]`, `[data-open-line]`.
 */
import type { QueryRow, QueryTableView } from '../../src/protocol/queryTable';
import { h } from './dom';
import * as ui from './toolkit';

/** Shown where the log carries no such text. */
const ABSENT = 'Not in the log.';

export class QueryDetail {
  readonly element = h('section', { className: 'query-detail', 'data-query-detail': '', hidden: true });

  constructor(private readonly openSource: (line: number) => void) {}

  /** Shows `row` of `view`; `source` is the index of the model whose record its line button opens. */
  show(view: QueryTableView, row: QueryRow, source: number): void {
    this.element.setAttribute('data-query-detail', row.queryId);
    const line = row.line[source];
    const open =
      view.fileLines && line > 0
        ? ui.button(
            {
              appearance: 'secondary',
              'data-open-line': line,
              title: `Open the record of ${view.models[source]} in the log`,
              onclick: () => this.openSource(line),
            },
            `Open line ${line}`,
          )
        : null;
    this.element.replaceChildren(
      h('h3', {}, `Query ${row.queryId}`, ...(open ? [' ', open] : [])),
      block('Question', 'question', row.question),
      block('Reference', 'reference', row.reference),
      ...view.models.map((m, i) => {
        const verdict = row.modelCorrect[i] ? '✓ right' : '✗ wrong';
        const counted = view.models.length > 1 && row.answeredBy === i ? ', the answer that counts' : '';
        const el = block(`Answer of ${m} (${verdict}${counted})`, 'answer', row.answers[i] ?? '');
        el.setAttribute('data-answer', String(i));
        return el;
      }),
    );
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
  }
}

/** A titled text block; `text` shown as written (line breaks kept), or a note when the log has none. */
function block(title: string, kind: string, text: string): HTMLElement {
  return h(
    'div',
    { className: 'detail-text' },
    h('h4', {}, title),
    text === '' ? h('p', { className: 'absent', 'data-text': kind }, ABSENT) : h('pre', { 'data-text': kind }, text),
  );
}
