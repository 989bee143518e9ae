import type { Frame } from 'playwright-core';

/** Chooses an option of a dropdown control (webview/ui/toolkit.ts) by its text, as a user does (open, click). */
export async function chooseDropdown(frame: Frame, dropdown: string, option: string | RegExp): Promise<void> {
  const dd = frame.locator(dropdown);
  await dd.click();
  await dd.locator('[data-control="option"]', { hasText: option }).first().click();
  await frame
    .waitForFunction(
      ([sel, want]) => {
        const el = document.querySelector(sel) as HTMLSelectElement | null;
        const opt = el?.querySelector<HTMLElement>(
          '[data-control="option"][aria-selected="true"], [data-control="option"][selected]',
        );
        return !!opt && (opt.textContent ?? '').includes(want);
      },
      [dropdown, typeof option === 'string' ? option : ''] as const,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
}

/** The text of the option a dropdown control shows as chosen. */
export function dropdownText(frame: Frame, dropdown: string): Promise<string> {
  return frame.locator(dropdown).evaluate((el) => {
    const s = el as HTMLSelectElement;
    return (
      s.selectedOptions?.[0]?.textContent ??
      s.querySelector('[data-control="option"][aria-selected="true"]')?.textContent ??
      ''
    ).trim();
  });
}
