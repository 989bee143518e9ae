import type { Frame, Page } from 'playwright-core';
import { timeFirstChart } from './firstChart';
import { chooseLogInPicker, runCommand } from './palette';
import type { E2EContext } from './scenario';
import { escapeRegExp } from './text';
import { findWebview } from './webview';

/**
 * Opens a view on a log from the command palette, as a user does: the command offers the
 * workspace's logs in a Quick Pick; the file's name is typed into its filter and its row chosen.
 * Returns the view's webview once its heading "<View>: <file>" shows; the first time in a run that
 * a view opens on a log, also once its first chart is drawn, timing that wait (see firstChart.ts),
 * unless `drawsOnOpen` is false: a view that draws only when asked (Cascade Frontier tunes the
 * cascade the user picks) would otherwise keep the run waiting the 90 s that wait allows.
 */
export async function openViewOnLog(
  page: Page,
  command: string,
  heading: string,
  file: string,
  drawsOnOpen = true,
): Promise<Frame> {
  await runCommand(page, command);
  await chooseLogInPicker(page, file);
  const chosen = Date.now();
  const view = await findWebview(page, { text: logViewHeading(heading, file) }, 60_000);
  if (drawsOnOpen) await timeFirstChart(view, heading, file, chosen);
  return view;
}

/** The heading "<View>: <file>" of a view on a log, as a pattern to find its webview by. */
export function logViewHeading(heading: string, file: string): RegExp {
  return new RegExp(`${escapeRegExp(heading)}: ${escapeRegExp(file)}`);
}

/**
 * {@link openViewOnLog} on a log of the scenario's workspace, with `find` to look the view's
 * webview up again later (its frame is replaced by theme switches and reloads; e.g. for `captureThemes`).
 */
export async function openLogView(
  ctx: E2EContext,
  command: string,
  heading: string,
  file: string,
): Promise<{ view: Frame; find: () => Promise<Frame> }> {
  const view = await openViewOnLog(ctx.page, command, heading, file);
  return { view, find: () => findWebview(ctx.page, { text: logViewHeading(heading, file) }) };
}

/** Moves a range input with the keyboard (focus, then keys such as Home, End, ArrowRight). */
export async function pressOnSlider(frame: Frame, selector: string, ...keys: string[]): Promise<void> {
  const s = frame.locator(selector);
  await s.focus();
  for (const k of keys) await s.press(k);
}

/** Types into a text-field control (webview/ui/toolkit.ts) and commits it (Enter), as a user does. */
export async function typeInField(frame: Frame, selector: string, text: string): Promise<void> {
  const input = frame.locator(`${selector} input`);
  await input.fill(text);
  await input.press('Enter');
}
