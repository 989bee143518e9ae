import * as vscode from 'vscode';
import type { ViewProtocol } from '../../protocol/messages';
import { BasePanel } from './basePanel';

/** A panel showing one eval log (`state.file`): exports go next to the log, and it can follow the log's changes. */
export abstract class LogFilePanel<P extends ViewProtocol, S extends { file: string }> extends BasePanel<P, S> {
  /** The workspace folder holding the log, else the base panel's default. */
  protected override exportFolder(): vscode.Uri | undefined {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(this.state.file))?.uri ?? super.exportFolder();
  }

  /** Calls `onChange` whenever this panel's log changes (or all logs do), until the panel closes. */
  protected watchLog(onChange: () => void): void {
    this.services.logs.onDidChange((file) => {
      if (file === undefined || file === this.state.file) onChange();
    }, null, this.disposables);
  }
}
