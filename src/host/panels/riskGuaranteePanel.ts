import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { RiskGuaranteeHostState, RiskGuaranteeProtocol } from '../../protocol/riskGuarantee';
import { riskGuaranteePayloads } from '../../protocol/payloads/riskGuaranteePayloads';
import { PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { logJobSource } from '../settings';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel, logFileView } from './logFilePanel';

/** Risk Guarantee: the Clopper–Pearson fixed-sequence threshold for α and δ, computed in the worker. */
export class RiskGuaranteePanel extends LogFilePanel<RiskGuaranteeProtocol, RiskGuaranteeHostState> {
  protected readonly payloads = riskGuaranteePayloads;
  protected readonly requestHandlers: RequestHandlers<RiskGuaranteeProtocol> = {
    compute: ({ selection }, token) =>
      this.services.engine.run(
        'riskGuarantee',
        { ...logJobSource(this.state.file), selection },
        { title: `Risk guarantee: ${basename(this.state.file)}`, progress: 'window', token },
      ),
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: RiskGuaranteeHostState) {
    super(panel, services, state, 'riskGuarantee');
    this.watchLog(() => this.notify('logChanged', { file: this.state.file }));
  }

  protected override onReady(): void {
    // The webview asks for its data itself (with the α, δ and models it saved) once it is ready.
  }
}

export const riskGuaranteeView = logFileView(
  PANELS.riskGuarantee,
  'Risk Guarantee',
  (panel, state, services) => new RiskGuaranteePanel(panel, services, state),
);
