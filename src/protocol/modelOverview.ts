/** Messages of the Model Overview view (one eval log: models per split, accuracy-versus-cost scatter). */
import type { LogSummary } from './logSummary';
import type { LogViewHostState } from './logView';
import type { ViewProtocol } from './messages';

/** What the host needs to reopen the view after a reload. */
export type ModelOverviewHostState = LogViewHostState;

/** What the webview keeps with setState (the host state plus UI choices). */
export interface ModelOverviewWebviewState extends ModelOverviewHostState {
  /** Chosen split ('' = all records); null until the user picks one. */
  split: string | null;
}

export interface ModelOverviewProtocol extends ViewProtocol {
  requests: {
    /** Read the log again (after "Refresh"); the answer arrives as a `summary` notification too. */
    reload: { params: Record<string, never>; result: null };
    /** Open the raw log file in an editor. */
    openLog: { params: Record<string, never>; result: null };
  };
  hostNotifications: {
    loading: { file: string };
    summary: { summary: LogSummary };
    failed: { file: string; message: string };
  };
  webviewNotifications: Record<string, never>;
}
