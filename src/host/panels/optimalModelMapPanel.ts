import * as vscode from 'vscode';
import { basename } from 'node:path';
import { parseOptimalModelMapState, type OptimalModelMapHostState, type OptimalModelMapProtocol } from '../../protocol/optimalModelMap';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { BasePanel, type RequestHandlers } from './basePanel';
import { econSourceParams } from './econSource';
import type { ViewDefinition } from './registerView';

/** Optimal-Model Map: the webview asks for the map at its settings; the 100 × 100 grid is computed in the worker. */
export class OptimalModelMapPanel extends BasePanel<OptimalModelMapProtocol, OptimalModelMapHostState> {
  protected readonly requestHandlers: RequestHandlers<OptimalModelMapProtocol> = {
    compute: ({ priceAbstain, kinds }, token) => {
      this.state = { ...this.state, priceAbstain, kinds };
      return this.services.engine.run('econMap', { ...econSourceParams(this.state.file, kinds), abstain: priceAbstain }, { title: `Cost-Risk Lab: optimal-model map of ${basename(this.state.file)}`, progress: 'notification', token });
    },
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: OptimalModelMapHostState) {
    super(panel, services, state, 'optimalModelMap');
    services.logs.onDidChange((file) => {
      if (file === undefined || file === this.state.file) this.notify('stale', { file: this.state.file });
    }, null, this.disposables);
  }

  /** The webview requests the map itself once it is ready (with its saved settings). */
  protected override onReady(): void {}

  protected override exportFolder(): vscode.Uri | undefined {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(this.state.file))?.uri ?? super.exportFolder();
  }
}

export const optimalModelMapView: ViewDefinition<OptimalModelMapHostState> = {
  viewType: PANELS.optimalModelMap,
  title: (s) => `Optimal-Model Map: ${basename(s.file)}`,
  key: (s) => s.file,
  parseState: parseOptimalModelMapState,
  create: (panel, state, services) => new OptimalModelMapPanel(panel, services, state),
};
