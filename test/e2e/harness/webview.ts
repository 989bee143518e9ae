import type { Frame, Page } from 'playwright-core';
import { poll } from './sleep';

export interface WebviewQuery {
  /** Text the webview's body must contain (innerText), e.g. a heading. */
  text?: string | RegExp;
  /** The webview document's <title>. */
  title?: string | RegExp;
  /** Only webviews whose iframe is visible (the active editor's); default true. */
  visible?: boolean;
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), ms))),
  ]).finally(() => clearTimeout(timer));
}

const matches = (s: string, q: string | RegExp): boolean => (typeof q === 'string' ? s.includes(q) : q.test(s));

/**
 * Finds the extension's document inside a webview: VS Code nests it as iframe.webview > #active-frame.
 * Among all such documents, returns the one whose title / text match (and whose iframe is visible).
 */
export async function findWebview(page: Page, q: WebviewQuery, timeoutMs = 30_000): Promise<Frame> {
  const what = `a webview${q.title ? ` titled ${q.title}` : ''}${q.text ? ` showing ${q.text}` : ''}`;
  return poll(
    what,
    async () => {
      for (const frame of page.frames()) {
        const parent = frame.parentFrame();
        if (!parent || frame.isDetached()) continue;
        const el = await frame.frameElement().catch(() => null);
        if (!el || (await el.getAttribute('id')) !== 'active-frame') continue;
        if (q.visible !== false) {
          const outer = await parent.frameElement().catch(() => null);
          if (!outer || !(await outer.isVisible())) continue;
        }
        // a frame that is still loading never answers: give each one a second
        const info = await within(
          frame.evaluate(() => ({ title: document.title, text: document.body?.innerText ?? '' })),
          1000,
        ).catch(() => null);
        if (!info) continue;
        if (q.title && !matches(info.title, q.title)) continue;
        if (q.text && !matches(info.text, q.text)) continue;
        return frame;
      }
      return undefined;
    },
    timeoutMs,
    250,
  );
}

/** The visible text of a webview (innerText of its body). */
export function webviewText(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.body.innerText);
}

/** Waits until the webview's text matches, returning the text. */
export async function waitWebviewText(frame: Frame, q: string | RegExp, timeoutMs = 30_000): Promise<string> {
  return poll(
    `webview text ${q}`,
    async () => {
      const t = await webviewText(frame);
      return matches(t, q) ? t : undefined;
    },
    timeoutMs,
  );
}

export interface CanvasInk {
  id: string;
  width: number;
  height: number;
  /** Share of pixels that differ clearly from the canvas's dominant (background) colour. */
  ink: number;
}

/**
 * For every visible canvas (matching `selector`) in the webview: how much of it is drawn, i.e. the
 * share of pixels that differ from the most frequent colour (transparent or a filled background).
 */
export function canvasInk(frame: Frame, selector = 'canvas'): Promise<CanvasInk[]> {
  return frame.evaluate((sel) => {
    const out: { id: string; width: number; height: number; ink: number }[] = [];
    for (const c of Array.from(document.querySelectorAll<HTMLCanvasElement>(sel))) {
      if (!c.width || !c.height || c.offsetParent === null) continue;
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const counts = new Map<number, number>();
      for (let i = 0; i < d.length; i += 4) {
        const key = ((d[i] >> 3) << 15) | ((d[i + 1] >> 3) << 10) | ((d[i + 2] >> 3) << 5) | (d[i + 3] >> 3);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let mode = 0;
      for (const n of counts.values()) mode = Math.max(mode, n);
      const total = d.length / 4;
      out.push({
        id: c.id || c.getAttribute('aria-label') || '',
        width: c.width,
        height: c.height,
        ink: (total - mode) / total,
      });
    }
    return out;
  }, selector);
}

/** Waits until at least `count` canvases have ink above `minInk` (charts animate in), and returns them; looks every `everyMs`. */
export async function waitCanvasesDrawn(
  frame: Frame,
  count = 1,
  minInk = 0.002,
  selector = 'canvas',
  timeoutMs = 20_000,
  everyMs = 300,
): Promise<CanvasInk[]> {
  return poll(
    `${count} drawn canvas(es) ${selector}`,
    async () => {
      const all = await canvasInk(frame, selector);
      return all.filter((c) => c.ink >= minInk).length >= count ? all : undefined;
    },
    timeoutMs,
    everyMs,
  );
}

/** A hash of the pixels of a canvas (to see that a chart changed after an input changed). */
export function canvasHash(frame: Frame, selector: string): Promise<string> {
  return frame.evaluate((sel) => {
    const c = document.querySelector<HTMLCanvasElement>(sel);
    if (!c) return '';
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    if (!d) return '';
    let h = 2166136261;
    for (let i = 0; i < d.length; i += 7) h = Math.imul(h ^ d[i], 16777619);
    return (h >>> 0).toString(16);
  }, selector);
}

export interface ShownTable {
  headers: string[];
  /** One object per body row: header text -> cell text. */
  rows: Record<string, string>[];
}

/** The header and body texts of a table in the webview, as shown. */
export function readTable(frame: Frame, selector: string): Promise<ShownTable> {
  return frame.evaluate((sel) => {
    const t = document.querySelector<HTMLTableElement>(sel);
    if (!t) return { headers: [], rows: [] };
    // (no named helper functions in here: tsx would wrap them in a `__name` call the page lacks)
    const headers = Array.from(t.querySelectorAll('thead th')).map((th) =>
      (th as HTMLElement).innerText.replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim(),
    );
    const rows = Array.from(t.querySelectorAll('tbody tr')).map((tr) => {
      const cells = Array.from(tr.querySelectorAll('td,th')).map((td) =>
        (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
      );
      return Object.fromEntries(headers.map((hd, i) => [hd, cells[i] ?? '']));
    });
    return { headers, rows };
  }, selector);
}

/** Waits until the table has at least `minRows` body rows, and returns it. */
export function waitTable(frame: Frame, selector: string, minRows = 1, timeoutMs = 30_000): Promise<ShownTable> {
  return poll(
    `table ${selector} with ${minRows}+ rows`,
    async () => {
      const t = await readTable(frame, selector);
      return t.rows.length >= minRows ? t : undefined;
    },
    timeoutMs,
  );
}
