import * as vscode from 'vscode';
import { basename } from 'node:path';
import {
  isCompareLogsHostState,
  type CompareLogsHostState,
  type CompareLogsProtocol,
} from '../../protocol/compareLogs';
import { compareLogsPayloads } from '../../protocol/payloads/compareLogsPayloads';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { logJobSource } from '../settings';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel } from './logFilePanel';
import type { ViewDefinition } from './registerView';

/** Compare Two Logs: run A (`state.file`) against run B, query by query, computed in the worker like `costrisk compare`. */
export class CompareLogsPanel extends LogFilePanel<CompareLogsProtocol, CompareLogsHostState> {
  protected readonly payloads = compareLogsPayloads;
  protected readonly requestHandlers: RequestHandlers<CompareLogsProtocol> = {
    compare: ({ selection }, token) =>
      this.services.engine.run(
        'compareLogs',
        { ...logJobSource(this.state.file), fileB: this.state.fileB, selection },
        {
          title: `Comparing ${basename(this.state.file)} with ${basename(this.state.fileB)}`,
          progress: 'window',
          token,
        },
      ),
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: CompareLogsHostState) {
    super(panel, services, state, 'compareLogs');
    this.services.logs.onDidChange(
      (file) => {
        if (file === undefined || file === this.state.file || file === this.state.fileB)
          this.notify('logChanged', { file: this.state.file });
      },
      null,
      this.disposables,
    );
  }

  protected override onReady(): void {
    // The webview asks for the comparison itself (with the pair it saved) once it is ready.
  }
}

export const compareLogsView: ViewDefinition<CompareLogsHostState> = {
  viewType: PANELS.compareLogs,
  title: (s) => `Compare: ${basename(s.file)} vs ${basename(s.fileB)}`,
  key: (s) => JSON.stringify([s.file, s.fileB]),
  parseState: (raw) => (isCompareLogsHostState(raw) ? { file: raw.file, fileB: raw.fileB } : undefined),
  files: (s) => [s.file, s.fileB],
  create: (panel, state, services) => new CompareLogsPanel(panel, services, state),
};
