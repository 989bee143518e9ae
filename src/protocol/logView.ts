/**
 * Shapes shared by the views opened on one eval log (Model Overview, Cascade Frontier, Economic
 * Evaluation, Human in the Loop, Risk Guarantee): the state that reopens them, its guard, and the
 * protocol of the views that ask for everything with one request carrying the user's selection.
 * Types and guards only: no `vscode`, no DOM.
 */
import type { ViewProtocol } from './messages';

/** What the host needs to reopen a view on one log after a reload. */
export interface LogViewHostState {
  file: string;
}

export function isLogViewHostState(x: unknown): x is LogViewHostState {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { file?: unknown }).file === 'string' &&
    (x as { file: string }).file !== ''
  );
}

/** The log of the first state that names one (the webview's saved state, then the host's initial one), else ''. */
export function logViewFile(...states: unknown[]): string {
  return states.find(isLogViewHostState)?.file ?? '';
}

/** Host notification: the log changed on disk (the view asks again, or marks its results stale). */
export type LogChangedNotification = {
  logChanged: { file: string };
};

/** What a selection view keeps with setState: its log and the user's last selection (null = the defaults). */
export interface SelectionViewState<S> extends LogViewHostState {
  selection: S | null;
}

/** The selection a view saved, if it saved an object (the host validates it before use); else null. */
export function savedSelection<S>(saved: unknown): S | null {
  const s = (saved as { selection?: unknown } | null)?.selection;
  return s && typeof s === 'object' ? (s as S) : null;
}

/**
 * A view that asks the host for everything with one request `M` carrying the user's selection
 * (null = sensible defaults for the log); the reply carries the selection used and its data.
 */
export interface SelectionViewProtocol<M extends string, S, D> extends ViewProtocol {
  requests: Record<M, { params: { selection: S | null }; result: { selection: S; data: D } }>;
  hostNotifications: LogChangedNotification;
  webviewNotifications: Record<string, never>;
}
