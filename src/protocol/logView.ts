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

/** Runs a view compares at most (its first log included): enough for a before/after series, small enough to read. */
export const MAX_RUNS = 8;

/**
 * A view on one log that can compare it with other runs (Model Overview, Economic Evaluation):
 * `runs` are the other logs, read with `file` as runs (their models named "model · run").
 */
export interface RunsViewHostState extends LogViewHostState {
  /** Absent or empty: `file` alone. */
  runs?: string[];
}

/** The state if `x` is one: a log, and at most MAX_RUNS − 1 other non-empty file names (undefined otherwise). */
export function parseRunsViewHostState(x: unknown): RunsViewHostState | undefined {
  if (!isLogViewHostState(x)) return undefined;
  const runs = (x as { runs?: unknown }).runs;
  if (runs === undefined) return { file: x.file };
  if (!Array.isArray(runs) || runs.length >= MAX_RUNS || !runs.every((r) => typeof r === 'string' && r !== ''))
    return undefined;
  return runs.length ? { file: x.file, runs: [...(runs as string[])] } : { file: x.file };
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

/** The log and runs of the first state that names a log (the webview's saved state, then the host's initial one), else no log. */
export function runsViewState(...states: unknown[]): RunsViewHostState {
  for (const st of states) {
    const parsed = parseRunsViewHostState(st);
    if (parsed) return parsed;
  }
  return { file: '' };
}
