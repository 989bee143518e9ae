import type { Frame } from 'playwright-core';
import { poll } from './sleep';

/** The count line of a view's query table (drill-down) and its caption. */
export const QUERY_COUNT = '[data-query-table="queries"] [data-count]';
export const QUERY_CAPTION = '[data-query-table="queries"] .headline';

/** The count line of the query table once it matches `re` (polled for up to two minutes). */
export function queryCountLine(view: Frame, re: RegExp, what: string): Promise<string> {
  return poll(
    what,
    async () => {
      const t = await view
        .locator(QUERY_COUNT)
        .innerText()
        .catch(() => '');
      return re.test(t) ? t : undefined;
    },
    120_000,
  );
}
