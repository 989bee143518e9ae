import * as vscode from 'vscode';
import { basename } from 'node:path';
import { isEconomicEvaluationHostState, type EconomicEvaluationHostState, type EconomicEvaluationProtocol } from '../../protocol/economicEvaluation';
import { COMMANDS, PANELS } from '../commandIds';
import { isAbortError } from '../engine/workerClient';
import type { HostServices } from '../hostServices';
import type { RequestHandlers } from './basePanel';
import { LogFilePanel } from './logFilePanel';
import { econSourceParams } from './econSource';
import type { ViewDefinition } from './registerView';

/**
 * Economic Evaluation: the worker prepares every candidate's statistics once per log version; the
 * webview then evaluates any price vector itself (a few ms). Uncertain prices run in the worker.
 */
export class EconomicEvaluationPanel extends LogFilePanel<EconomicEvaluationProtocol, EconomicEvaluationHostState> {
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
    this.watchLog(() => void this.load());
  }

  protected override onReady(): Promise<void> {
    return this.load();
  }

  private async load(): Promise<void> {
    const { file } = this.state;
    this.notify('loading', { file });
    try {
      const data = await this.services.engine.run('econData', econSourceParams(file), { title: `Cost-Risk Lab: tuning cascades on ${basename(file)}`, progress: 'notification', token: this.lifetime.token });
      this.notify('data', data);
    } catch (err) {
      this.notify('failed', { file, message: isAbortError(err) ? 'Cancelled. Press Refresh to evaluate the log again.' : (err as Error).message });
    }
  }
}

export const economicEvaluationView: ViewDefinition<EconomicEvaluationHostState> = {
  viewType: PANELS.economicEvaluation,
  title: (s) => `Economic Evaluation: ${basename(s.file)}`,
  key: (s) => s.file,
  parseState: (raw) => (isEconomicEvaluationHostState(raw) ? { file: raw.file } : undefined),
  create: (panel, state, services) => new EconomicEvaluationPanel(panel, services, state),
};
