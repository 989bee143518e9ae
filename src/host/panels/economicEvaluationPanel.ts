import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { EconomicEvaluationHostState, EconomicEvaluationProtocol } from '../../protocol/economicEvaluation';
import { economicEvaluationPayloads } from '../../protocol/payloads/economicsPayloads';
import { COMMANDS, PANELS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { RequestHandlers } from './basePanel';
import { PushedLogPanel, runsFileView } from './logFilePanel';
import { econSourceParams } from './econSource';
import { rememberEconPrices } from './econPricesInUse';

/**
 * Economic Evaluation: the worker prepares every candidate's statistics once per log version; the
 * webview then evaluates any price vector itself (a few ms). Uncertain prices and the bootstrap
 * intervals of the recommendation run in the worker.
 */
export class EconomicEvaluationPanel extends PushedLogPanel<EconomicEvaluationProtocol, EconomicEvaluationHostState> {
  protected readonly cancelledMessage = 'Cancelled. Press Refresh to evaluate the log again.';
  protected readonly payloads = economicEvaluationPayloads;
  protected readonly requestHandlers: RequestHandlers<EconomicEvaluationProtocol> = {
    reload: async () => {
      void this.load();
      return null;
    },
    openMap: async ({ priceAbstain, kinds, overhead }) => {
      await vscode.commands.executeCommand(COMMANDS.openOptimalModelMap, {
        kind: 'econ',
        file: this.state.file,
        ...(this.state.runs?.length ? { runs: this.state.runs } : {}),
        priceAbstain,
        kinds,
        overhead,
      });
      return null;
    },
    uncertain: ({ distributions, kinds, overhead }, token) =>
      this.services.engine.run(
        'econUncertain',
        { ...econSourceParams(this.state, kinds), distributions, overhead: { ...overhead } },
        {
          title: `Cost-Risk Lab: expected reward under uncertain prices (${basename(this.state.file)})`,
          progress: 'notification',
          token,
        },
      ),
    bootstrap: async ({ prices, kinds, overhead }, token) => {
      // The newest price setting wins: a slider move cancels the bootstrap of the previous one.
      rememberEconPrices(this.state.file, prices);
      this.bootstrapRun?.cancel();
      const run = new vscode.CancellationTokenSource();
      this.bootstrapRun = run;
      const outer = token.onCancellationRequested(() => run.cancel());
      try {
        // Same source parameters as econData (every kind), so the prepared log comes from the worker's cache.
        return await this.services.engine.run(
          'econBootstrap',
          { ...econSourceParams(this.state), prices: { ...prices }, kinds, overhead: { ...overhead } },
          {
            title: `Cost-Risk Lab: confidence intervals (${basename(this.state.file)})`,
            progress: 'window',
            token: run.token,
          },
        );
      } finally {
        outer.dispose();
        if (this.bootstrapRun === run) this.bootstrapRun = undefined;
        run.dispose();
      }
    },
  };
  /** The bootstrap in flight, cancelled when a newer one starts. */
  private bootstrapRun: vscode.CancellationTokenSource | undefined;

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: EconomicEvaluationHostState) {
    super(panel, services, state, 'economicEvaluation');
  }

  protected async loadData(file: string): Promise<void> {
    this.notify(
      'data',
      await this.services.engine.run('econData', econSourceParams(this.state), {
        title: `Cost-Risk Lab: tuning cascades on ${basename(file)}`,
        progress: 'notification',
        token: this.lifetime.token,
      }),
    );
  }
}

export const economicEvaluationView = runsFileView(
  PANELS.economicEvaluation,
  'Economic Evaluation',
  (panel, state, services) => new EconomicEvaluationPanel(panel, services, state),
);
