import type { Locator, Page } from 'playwright-core';
import { poll } from './sleep';

const TOAST = '.notifications-toasts .notification-toast';

export interface Toast {
  message: string;
  severity: 'error' | 'warning' | 'info';
  buttons: string[];
  toast: Locator;
}

/** Waits for a notification toast whose message matches, and describes it. */
export async function waitToast(page: Page, message: string | RegExp, timeoutMs = 30_000): Promise<Toast> {
  const toast = page
    .locator(TOAST)
    .filter({ has: page.locator('.notification-list-item-message', { hasText: message }) })
    .first();
  await toast.waitFor({ timeout: timeoutMs }).catch(async () => {
    const shown = await page.locator(`${TOAST} .notification-list-item-message`).allTextContents();
    throw new Error(`no notification matching ${message}; shown: ${JSON.stringify(shown)}`);
  });
  const icon = (await toast.locator('.notification-list-item-icon').getAttribute('class')) ?? '';
  const severity = /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info';
  const buttons = (
    await toast.locator('.notification-list-item-buttons-container .monaco-button').allTextContents()
  ).map((s) => s.trim());
  const text = ((await toast.locator('.notification-list-item-message').textContent()) ?? '').trim();
  return { message: text, severity, buttons, toast };
}

/** Every notification message shown as a toast right now. */
export async function toastMessages(page: Page): Promise<string[]> {
  return (await page.locator(`${TOAST} .notification-list-item-message`).allTextContents()).map((s) => s.trim());
}

export async function clickToastButton(t: Toast, label: string): Promise<void> {
  await t.toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: label }).first().click();
}

/**
 * The text the Output panel shows, once its channel selector shows `channel`. Monaco renders only
 * the lines in view, so the panel is maximised first to show as many lines as possible.
 */
export async function outputPanelText(page: Page, channel: string | RegExp, minLines = 1): Promise<string> {
  const panel = page.locator('.part.panel');
  await panel.waitFor({ timeout: 15_000 });
  await poll(
    `Output panel showing channel ${channel}`,
    async () => {
      const selected = await panel.locator('select.monaco-select-box').evaluateAll((els) =>
        els.map((e) => {
          const s = e as HTMLSelectElement;
          return s.options[s.selectedIndex]?.text ?? '';
        }),
      );
      return selected.some((t) => (typeof channel === 'string' ? t.includes(channel) : channel.test(t)))
        ? true
        : undefined;
    },
    15_000,
  );
  return poll(
    `Output panel text (${minLines}+ lines)`,
    async () => {
      const lines = await panel.locator('.monaco-editor .view-lines .view-line').evaluateAll((els) =>
        els.map((e) => ({
          top: parseFloat((e as HTMLElement).style.top) || 0,
          text: (e as HTMLElement).innerText.replace(/\u00a0/g, ' '),
        })),
      );
      lines.sort((a, b) => a.top - b.top);
      const text = lines.map((l) => l.text).join('\n');
      return lines.filter((l) => l.text.trim()).length >= minLines ? text : undefined;
    },
    15_000,
  );
}
