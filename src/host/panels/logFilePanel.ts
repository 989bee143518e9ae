import * as vscode from 'vscode';
import { basename } from 'node:path';
import {
  isLogViewHostState,
  parseRunsViewHostState,
  type LogViewHostState,
  type RunsViewHostState,
} from '../../protocol/logView';
import type { ViewProtocol } from '../../protocol/messages';
import { isAbortError } from '../engine/workerClient';
import type { HostServices } from '../hostServices';
import { displayText } from '../text/displayText';
import { BasePanel } from './basePanel';
import type { ViewDefinition } from './registerView';

/** A panel showing one eval log (`state.file`): exports go next to the log, and it can follow the log's changes. */
export abstract class LogFilePanel<P extends ViewProtocol, S extends RunsViewHostState> extends BasePanel<P, S> {
  /** The workspace folder holding the log, else the base panel's default. */
  protected override exportFolder(): vscode.Uri | undefined {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(this.state.file))?.uri ?? super.exportFolder();
  }

  /** Calls `onChange` whenever this panel's log or a run compared with it changes (or all logs do), until the panel closes. */
  protected watchLog(onChange: () => void): void {
    this.services.logs.onDidChange(
      (file) => {
        if (file === undefined || runsFiles(this.state).includes(file)) onChange();
      },
      null,
      this.disposables,
    );
  }
}

/** Host notifications of a view whose data the host pushes ({@link PushedLogPanel}). */
export type LoadNotifications = { loading: { file: string }; failed: { file: string; message: string } };

/**
 * A log panel whose host pushes the data: on every (re)load of the webview and whenever the log
 * changes, `load()` posts `loading`, then `loadData` posts the data; a failure posts `failed` with
 * the error's message, or `cancelledMessage` when the user cancelled.
 */
export abstract class PushedLogPanel<
  P extends ViewProtocol & { hostNotifications: LoadNotifications },
  S extends RunsViewHostState,
> extends LogFilePanel<P, S> {
  /** What `failed` says when the user cancelled the load. */
  protected abstract readonly cancelledMessage: string;
  /** Computes the data of `file` and posts it; rejects with an AbortError when cancelled (pass `this.lifetime.token`). */
  protected abstract loadData(file: string): Promise<void>;

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: S, bundle: string) {
    super(panel, services, state, bundle);
    this.watchLog(() => void this.load());
  }

  protected override onReady(): Promise<void> {
    return this.load();
  }

  protected async load(): Promise<void> {
    const { file } = this.state;
    this.notify('loading', { file });
    try {
      await this.loadData(file);
    } catch (err) {
      this.notify('failed', {
        file,
        message: isAbortError(err) ? this.cancelledMessage : displayText((err as Error).message, 5000),
      });
    }
  }
}

/** The definition of a view on one log: one panel per log, titled "<title>: <log file name>", restored from `{ file }`. */
export function logFileView(
  viewType: string,
  title: string,
  create: ViewDefinition<LogViewHostState>['create'],
): ViewDefinition<LogViewHostState> {
  return {
    ...runsFileView(viewType, title, create),
    parseState: (raw) => (isLogViewHostState(raw) ? { file: raw.file } : undefined),
  };
}

/**
 * The definition of a view on one log that can compare it with other runs: one panel per log and
 * set of runs, titled "<title>: <log> + N runs" when it compares, restored from `{ file, runs }`.
 */
export function runsFileView(
  viewType: string,
  title: string,
  create: ViewDefinition<RunsViewHostState>['create'],
): ViewDefinition<RunsViewHostState> {
  return {
    viewType,
    title: (s) => runsTitle(title, s),
    key: (s) => runsFiles(s).join('\n'),
    parseState: parseRunsViewHostState,
    files: runsFiles,
    create,
  };
}

/** The log and the runs compared with it. */
export function runsFiles(s: RunsViewHostState): string[] {
  return [s.file, ...(s.runs ?? [])];
}

/** "<title>: <log>", with " + N runs" when it compares runs. */
export function runsTitle(title: string, s: RunsViewHostState): string {
  const n = s.runs?.length ?? 0;
  return `${title}: ${basename(s.file)}${n ? ` + ${n} run${n > 1 ? 's' : ''}` : ''}`;
}
