import * as vscode from 'vscode';
import { basename } from 'node:path';
import { isRiskGuaranteeHostState, type RiskGuaranteeHostState, type RiskGuaranteeProtocol } from '../../protocol/riskGuarantee';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { readSettings } from '../settings';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel } from './logFilePanel';
import type { ViewDefinition } from './registerView';

/** Risk Guarantee: the Clopper–Pearson fixed-sequence threshold for α and δ, computed in the worker. */
export class RiskGuaranteePanel extends LogFilePanel<RiskGuaranteeProtocol, RiskGuaranteeHostState> {
  protected readonly requestHandlers: RequestHandlers<RiskGuaranteeProtocol> = {
    compute: ({ selection }, token) => {
      const { prices, priceFile, correctThreshold } = readSettings();
      return this.services.engine.run('riskGuarantee', { file: this.state.file, prices, priceFile, correctThreshold, selection }, { title: `Risk guarantee: ${basename(this.state.file)}`, progress: 'window', token });
    },
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: RiskGuaranteeHostState) {
    super(panel, services, state, 'riskGuarantee');
    this.watchLog(() => this.notify('logChanged', { file: this.state.file }));
  }

  protected override onReady(): void {
    // The webview asks for its data itself (with the α, δ and models it saved) once it is ready.
  }
}

export const riskGuaranteeView: ViewDefinition<RiskGuaranteeHostState> = {
  viewType: PANELS.riskGuarantee,
  title: (s) => `Risk Guarantee: ${basename(s.file)}`,
  key: (s) => s.file,
  parseState: (raw) => (isRiskGuaranteeHostState(raw) ? { file: raw.file } : undefined),
  create: (panel, state, services) => new RiskGuaranteePanel(panel, services, state),
};
