import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { EconomicEvaluationHostState, EconomicEvaluationProtocol } from '../../protocol/economicEvaluation';
import { economicEvaluationPayloads } from '../../protocol/payloads/economicsPayloads';
import { COMMANDS, PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { RequestHandlers } from './basePanel';
import { logFileView, PushedLogPanel } from './logFilePanel';
import { econSourceParams } from './econSource';

/**
 * Economic Evaluation: the worker prepares every candidate's statistics once per log version; the
 * webview then evaluates any price vector itself (a few ms). Uncertain prices run in the worker.
 */
export class EconomicEvaluationPanel extends PushedLogPanel<EconomicEvaluationProtocol, EconomicEvaluationHostState> {
  protected readonly cancelledMessage = 'Cancelled. Press Refresh to evaluate the log again.';
  protected readonly payloads = economicEvaluationPayloads;
  protected readonly requestHandlers: RequestHandlers<EconomicEvaluationProtocol> = {
    reload: async () => {
      void this.load();
      return null;
    },
    openMap: async ({ priceAbstain, kinds }) => {
      await vscode.commands.executeCommand(COMMANDS.openOptimalModelMap, { kind: 'econ', file: this.state.file, priceAbstain, kinds });
      return null;
    },
    uncertain: ({ distributions, kinds }, token) =>
      this.services.engine.run('econUncertain', { ...econSourceParams(this.state.file, kinds), distributions }, { title: `Cost-Risk Lab: expected reward under uncertain prices (${basename(this.state.file)})`, progress: 'notification', token }),
  };

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: EconomicEvaluationHostState) {
    super(panel, services, state, 'economicEvaluation');
  }

  protected async loadData(file: string): Promise<void> {
    this.notify('data', await this.services.engine.run('econData', econSourceParams(file), { title: `Cost-Risk Lab: tuning cascades on ${basename(file)}`, progress: 'notification', token: this.lifetime.token }));
  }
}

export const economicEvaluationView = logFileView(PANELS.economicEvaluation, 'Economic Evaluation', (panel, state, services) => new EconomicEvaluationPanel(panel, services, state));
