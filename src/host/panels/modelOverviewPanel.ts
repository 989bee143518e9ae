import * as vscode from 'vscode';
import { basename } from 'node:path';
import { isModelOverviewHostState, type ModelOverviewHostState, type ModelOverviewProtocol } from '../../protocol/modelOverview';
import { PANELS } from '../commandIds';
import { isAbortError } from '../engine/workerClient';
import type { HostServices } from '../hostServices';
import { BasePanel, type RequestHandlers } from './basePanel';
import type { ViewDefinition } from './registerView';

/** Model Overview: one log's models per split, with the accuracy-versus-cost Pareto frontier. */
export class ModelOverviewPanel extends BasePanel<ModelOverviewProtocol, ModelOverviewHostState> {
  protected readonly requestHandlers: RequestHandlers<ModelOverviewProtocol> = {
    reload: async () => {
      this.services.logs.invalidate(this.state.file);
      return null;
    },
    openLog: async () => {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(this.state.file));
      return null;
    },
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: ModelOverviewHostState) {
    super(panel, services, state, 'modelOverview');
    services.logs.onDidChange((file) => {
      if (file === undefined || file === this.state.file) void this.load();
    }, null, this.disposables);
  }

  protected override onReady(): Promise<void> {
    return this.load();
  }

  protected override exportFolder(): vscode.Uri | undefined {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(this.state.file))?.uri ?? super.exportFolder();
  }

  private async load(): Promise<void> {
    const { file } = this.state;
    this.notify('loading', { file });
    try {
      const summary = await this.services.logs.summary(file, 'notification', this.lifetime.token);
      this.notify('summary', { summary });
    } catch (err) {
      this.notify('failed', { file, message: isAbortError(err) ? 'Reading was cancelled. Press Refresh to read the log again.' : (err as Error).message });
    }
  }
}

export const modelOverviewView: ViewDefinition<ModelOverviewHostState> = {
  viewType: PANELS.modelOverview,
  title: (s) => `Model Overview: ${basename(s.file)}`,
  key: (s) => s.file,
  parseState: (raw) => (isModelOverviewHostState(raw) ? { file: raw.file } : undefined),
  create: (panel, state, services) => new ModelOverviewPanel(panel, services, state),
};
