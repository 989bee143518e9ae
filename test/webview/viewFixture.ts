/**
 * Setup shared by the view tests: a job context for running real worker jobs in-process, waiting
 * for a message the page posted, answering a request as the host would, and reading a table's cells.
 */
import type { PostedMessage, ViewHarness } from './harness';

/** A never-aborted job context with progress ignored, as the worker gives a job. */
export const jobCtx = { signal: new AbortController().signal, progress: (): undefined => undefined };

/** The first message posted at index >= `after` matching `pred`; polls every 50 ms, `tries` times. */
export async function waitForPosted(
  h: ViewHarness,
  pred: (m: PostedMessage) => boolean,
  after = 0,
  tries = 200,
): Promise<PostedMessage> {
  for (let i = 0; i < tries; i++) {
    const hit = (await h.posted()).slice(after).find(pred);
    if (hit) return hit;
    await h.page.waitForTimeout(50);
  }
  throw new Error(`no such message; posted: ${JSON.stringify(await h.posted()).slice(0, 600)}`);
}

/**
 * Plays the host of a view that asks `method` with `{ selection }`: waits for the next such request
 * (posted at index >= `after`), answers it by running the real worker `job` on `file`, and returns
 * the selection asked for and the number of messages posted by then.
 */
export async function answerSelectionRequest<S, R>(
  h: ViewHarness,
  method: string,
  job: (params: { file: string; selection: S }, ctx: typeof jobCtx) => Promise<R>,
  file: string,
  after = 0,
): Promise<{ selection: S; count: number }> {
  const req = await waitForPosted(h, (m) => m.type === 'request' && m.method === method, after);
  const { selection } = req.params as { selection: S };
  const result = await job({ file, selection }, jobCtx);
  await h.send({ type: 'reply', requestId: req.requestId, reply: { ok: true, result } });
  return { selection, count: (await h.posted()).length };
}

/** Text of every cell of the table body rows matching `rowSelector`, row by row. */
export function tableCells(h: ViewHarness, rowSelector: string): Promise<string[][]> {
  return h.page.$$eval(rowSelector, (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  );
}

/**
 * The controls on the page (webview/ui/toolkit.ts): how many of each `data-control` kind, the tags
 * of controls whose custom element is not registered (they would render as plain text), and the
 * toolkit-prefixed elements built without the control functions (no `data-control`).
 */
export function pageControls(
  h: ViewHarness,
): Promise<{ kinds: Record<string, number>; unregistered: string[]; unmarked: string[] }> {
  return h.page.evaluate(() => {
    const kinds: Record<string, number> = {};
    const unregistered: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-control]')) {
      const kind = el.dataset.control ?? '';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (!customElements.get(el.localName)) unregistered.push(el.localName);
    }
    const unmarked = [...document.querySelectorAll('*')]
      .filter((el) => el.localName.startsWith('vscode-') && !el.hasAttribute('data-control'))
      .map((el) => el.localName);
    return { kinds, unregistered, unmarked };
  });
}

/** The totals line of the drill-down query table (webview/ui/queryTableCard.ts). */
export const QUERY_COUNT = '[data-query-table="queries"] [data-count]';

/**
 * Waits until the totals line of the query table `card` (default `queries`) matches `re`, and
 * returns it; on time-out, says what it showed instead.
 */
export async function waitQueryCount(h: ViewHarness, re: RegExp, card = 'queries'): Promise<string> {
  const sel = `[data-query-table="${card}"] [data-count]`;
  try {
    await h.page.waitForFunction(
      ([sel, src]) => new RegExp(src).test(document.querySelector(sel)?.textContent ?? ''),
      [sel, re.source] as const,
      { timeout: 20000 },
    );
  } catch (err) {
    const said = await h.page.$eval(sel, (e) => e.textContent ?? '').catch(() => '(no query table)');
    throw new Error(
      `${(err as Error).message}: waited for ${re.source}; the table says ${said.slice(0, 300)}; errors: ${h.errors.join(' | ')}`,
    );
  }
  return h.page.$eval(sel, (e) => e.textContent ?? '');
}
