import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { answerOpenDialog } from './fileDialog';
import { runCommand } from './palette';
import { escapeRegExp } from './text';
import { findWebview } from './webview';

/**
 * Opens a view on a log from the command palette, as a user does: the command asks for the log in
 * code-server's file dialog; the workspace path is typed in. Returns the view's webview once its
 * heading "<View>: <file>" shows.
 */
export async function openViewOnLog(page: Page, command: string, heading: string, wsDir: string, file: string): Promise<Frame> {
  await runCommand(page, command);
  await answerOpenDialog(page, join(wsDir, file));
  return findWebview(page, { text: new RegExp(`${escapeRegExp(heading)}: ${escapeRegExp(file)}`) }, 60_000);
}

/** Moves a range input with the keyboard (focus, then keys such as Home, End, ArrowRight). */
export async function pressOnSlider(frame: Frame, selector: string, ...keys: string[]): Promise<void> {
  const s = frame.locator(selector);
  await s.focus();
  for (const k of keys) await s.press(k);
}

/** Types into a toolkit <vscode-text-field> and commits it (Enter), as a user does. */
export async function typeInField(frame: Frame, selector: string, text: string): Promise<void> {
  const input = frame.locator(`${selector} input`);
  await input.fill(text);
  await input.press('Enter');
}
