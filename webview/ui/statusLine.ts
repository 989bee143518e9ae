/**
 * A view's status line: a message, with a progress ring while work runs. While busy, the view's
 * root says `aria-busy` so assistive technology waits for the result.
 */
import { h, replaceChildren, type Attrs } from './dom';
import * as ui from './toolkit';

export interface StatusLine {
  readonly element: HTMLElement;
  /** Shows `text` (hidden when empty), with the progress ring when `busy`. */
  show(text: string, busy: boolean): void;
}

/** `root` is the element marked busy (the view's `#app`); `attrs` go on the status element (e.g. an id). */
export function statusLine(root: HTMLElement, attrs: Attrs = {}): StatusLine {
  const element = h('div', { className: 'status', role: 'status', ...attrs });
  return {
    element,
    show(text, busy) {
      root.setAttribute('aria-busy', String(busy));
      replaceChildren(element, busy ? ui.progressRing() : null, h('span', {}, text));
      element.hidden = text === '';
    },
  };
}
