import * as vscode from 'vscode';
import { basename } from 'node:path';
import { isHumanInTheLoopHostState, type HumanInTheLoopHostState, type HumanInTheLoopProtocol } from '../../protocol/humanInTheLoop';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { readSettings } from '../settings';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel } from './logFilePanel';
import type { ViewDefinition } from './registerView';

/** Human in the Loop: "Ask" and "Fail Fast, or Ask" for one log (thesis ch. 4); numbers come from the worker. */
export class HumanInTheLoopPanel extends LogFilePanel<HumanInTheLoopProtocol, HumanInTheLoopHostState> {
  protected readonly requestHandlers: RequestHandlers<HumanInTheLoopProtocol> = {
    analyse: ({ selection }, token) => {
      const { prices, priceFile, correctThreshold } = readSettings();
      return this.services.engine.run('humanInTheLoop', { file: this.state.file, prices, priceFile, correctThreshold, selection }, { title: `Human in the loop: ${basename(this.state.file)}`, progress: 'window', token });
    },
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: HumanInTheLoopHostState) {
    super(panel, services, state, 'humanInTheLoop');
    this.watchLog(() => this.notify('logChanged', { file: this.state.file }));
  }

  protected override onReady(): void {
    // The webview asks for its data itself (with the selection it saved) once it is ready.
  }
}

export const humanInTheLoopView: ViewDefinition<HumanInTheLoopHostState> = {
  viewType: PANELS.humanInTheLoop,
  title: (s) => `Human in the Loop: ${basename(s.file)}`,
  key: (s) => s.file,
  parseState: (raw) => (isHumanInTheLoopHostState(raw) ? { file: raw.file } : undefined),
  create: (panel, state, services) => new HumanInTheLoopPanel(panel, services, state),
};
