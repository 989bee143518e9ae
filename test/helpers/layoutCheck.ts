/**
 * The layout check of every webview, run inside the page (headless Chromium in test/webview, the
 * webview frame of a real VS Code in test/e2e): nothing may make the document scroll sideways,
 * stick out past the right edge, spill or clip its text, or break words mid-word. Content inside a
 * deliberate scroll container (`overflow-x: auto | scroll`, e.g. a wide table's `.table-scroll`)
 * may be wider than the page: that is how tables keep their columns in a narrow editor.
 */
import type { Frame, Page } from 'playwright-core';

export interface LayoutProblem {
  /**
   * `page-overflow`: the document scrolls sideways; `off-page`: an element sticks out past the
   * left or right edge; `text-overflow`: an element's text is wider than its box (spilled or
   * clipped); `mid-word`: text styled to break anywhere (`word-break: break-all`), a word split
   * over two lines that would fit on one (except after a hyphen or slash in prose), or any word
   * split inside a scroll container (a table, which had room to grow instead).
   */
  kind: 'page-overflow' | 'off-page' | 'text-overflow' | 'mid-word';
  /** A CSS-like path to the element, e.g. `section.card[data-chart="pareto"] > header > h2`. */
  element: string;
  /** The first 60 characters of its text. */
  text: string;
  /** The sizes that failed, in CSS pixels. */
  detail: string;
}

/**
 * Every layout problem of the document in `target` at its current size and theme. Elements that
 * are not rendered (hidden, `display: none`) are not looked at. Off-page elements inside an
 * off-page element are reported once, at the outermost.
 */
export function layoutProblems(target: Page | Frame): Promise<LayoutProblem[]> {
  // (no named functions in here: esbuild's keepNames, as the tests are compiled, wraps them in a
  // `__name` call the VS Code webview lacks)
  return target.evaluate(() => {
    const found: { kind: LayoutProblem['kind']; el: Element; detail: string }[] = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    const slack = 1; // sub-pixel rounding of fractional widths
    if (root.scrollWidth > width + slack)
      found.push({
        kind: 'page-overflow',
        el: root,
        detail: `document ${root.scrollWidth} px wide in a ${width} px view`,
      });
    const offPage = new Set<Element>();
    for (const el of document.body.querySelectorAll('*')) {
      if (el.getClientRects().length === 0) continue; // not rendered
      let scroller: Element | null = null;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll') {
          scroller = p;
          break;
        }
      }
      const style = getComputedStyle(el);
      const ownText = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (ownText && style.wordBreak === 'break-all')
        found.push({ kind: 'mid-word', el, detail: 'word-break: break-all' });
      // A word (no white space) split over two lines: in a table (which could have scrolled
      // instead), or in the middle of a word that would fit on one line. Prose may still wrap
      // after a hyphen or a slash ("non-" / "reasoning"), as printed text does.
      let block: Element = el;
      while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const bs = getComputedStyle(block);
      const room = block.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const rects = [...range.getClientRects()].filter((x) => x.width > 0);
          if (rects.length < 2 || Math.abs(rects[0].top - rects[rects.length - 1].top) < 2) continue;
          const wide = rects.reduce((a, x) => a + x.width, 0);
          let at = 1; // the first character on the next line
          for (; at < m[0].length; at++) {
            const ch = document.createRange();
            ch.setStart(node, m.index + at);
            ch.setEnd(node, m.index + at + 1);
            const r = ch.getClientRects()[0];
            if (r && Math.abs(r.top - rects[0].top) >= 2) break;
          }
          const atHyphen = '-/'.includes(m[0][at - 1]);
          if (scroller || (wide <= room + slack && !atHyphen))
            found.push({
              kind: 'mid-word',
              el,
              detail: `"${m[0]}" (${Math.round(wide)} px) split over lines in ${Math.round(room)} px`,
            });
        }
      }
      if (scroller) continue;
      const r = el.getBoundingClientRect();
      const outside = r.right > width + slack || r.left < -slack;
      if (outside && !(el.parentElement && offPage.has(el.parentElement)))
        found.push({
          kind: 'off-page',
          el,
          detail: `spans ${Math.round(r.left)} to ${Math.round(r.right)} px of ${width}`,
        });
      if (outside) offPage.add(el);
      const ox = style.overflowX;
      if (
        ownText &&
        style.display !== 'inline' &&
        ox !== 'auto' &&
        ox !== 'scroll' &&
        el.scrollWidth > el.clientWidth + slack
      )
        found.push({
          kind: 'text-overflow',
          el,
          detail: `text ${el.scrollWidth} px in a ${el.clientWidth} px box (overflow-x: ${ox})`,
        });
    }
    return found.map((f) => {
      const parts: string[] = [];
      for (let e: Element | null = f.el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const data = [...e.attributes].find((a) => a.name.startsWith('data-') && a.name !== 'data-control');
        parts.unshift(
          e.localName +
            (e.id ? `#${e.id}` : '') +
            [...e.classList].map((c) => `.${c}`).join('') +
            (data ? `[${data.name}="${data.value}"]` : ''),
        );
      }
      const text = f.el === root ? '' : (f.el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
      return { kind: f.kind, element: parts.join(' > '), text, detail: f.detail };
    });
  });
}

/** One line per problem, for an assertion message. */
export function formatProblems(problems: readonly LayoutProblem[]): string {
  return problems.map((p) => `${p.kind} ${p.element} "${p.text}": ${p.detail}`).join('\n');
}
