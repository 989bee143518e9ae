import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { SliceCondition } from '../../protocol/logSummary';
import type { ModelOverviewHostState, ModelOverviewProtocol, NextAnalysis } from '../../protocol/modelOverview';
import { modelOverviewPayloads } from '../../protocol/payloads/modelOverviewPayloads';
import { COMMANDS, PANELS, type CommandId } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { RequestHandlers } from './basePanel';
import { logFileView, PushedLogPanel } from './logFilePanel';
import { openLogLine } from './openLogLine';
import { logJobSource } from '../settings';

const NEXT_COMMANDS: ReadonlyMap<NextAnalysis, CommandId> = new Map([
  ['cascadeFrontier', COMMANDS.openCascadeFrontier],
  ['economicEvaluation', COMMANDS.openEconomicEvaluation],
  ['humanInTheLoop', COMMANDS.openHumanInTheLoop],
  ['riskGuarantee', COMMANDS.openRiskGuarantee],
]);

/** Model Overview: one log's models per split, with the accuracy-versus-cost Pareto frontier. */
export class ModelOverviewPanel extends PushedLogPanel<ModelOverviewProtocol, ModelOverviewHostState> {
  protected readonly cancelledMessage = 'Reading was cancelled. Press Refresh to read the log again.';
  protected readonly payloads = modelOverviewPayloads;
  protected readonly requestHandlers: RequestHandlers<ModelOverviewProtocol> = {
    reload: async () => {
      this.services.logs.invalidate(this.state.file);
      return null;
    },
    openLog: async () => {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(this.state.file));
      return null;
    },
    slice: async ({ where }) => {
      this.where = where;
      await this.load();
      return null;
    },
    queryTable: ({ model, split, where }, token) =>
      this.services.engine.run(
        'queryTable',
        { ...logJobSource(this.state.file), system: { kind: 'model', model, split }, where },
        { title: `Queries of ${model} (${basename(this.state.file)})`, progress: 'window', token },
      ),
    bySlice: ({ field, split, where }, token) =>
      this.services.engine.run(
        'summarizeBy',
        { ...logJobSource(this.state.file), field, split, where },
        { title: `${basename(this.state.file)} by ${field}`, progress: 'window', token },
      ),
    openSource: ({ line }) => openLogLine(this.state.file, line),
    openAnalysis: async ({ view }) => {
      const command = NEXT_COMMANDS.get(view);
      if (!command) throw new Error(`no analysis called "${view}"`);
      await vscode.commands.executeCommand(command, vscode.Uri.file(this.state.file));
      return null;
    },
  };

  /** The slice shown (the webview's "Where"); null: the whole log, from the summaries the Eval Logs view shares. */
  private where: SliceCondition | null = null;

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: ModelOverviewHostState) {
    super(panel, services, state, 'modelOverview');
  }

  protected async loadData(file: string): Promise<void> {
    const { where } = this;
    const summary = where
      ? await this.services.engine.run(
          'summarizeLog',
          { ...logJobSource(file), where },
          { title: `Reading ${basename(file)} where ${where.field} = ${where.value}`, token: this.lifetime.token },
        )
      : await this.services.logs.summary(file, 'notification', this.lifetime.token);
    if (where === this.where) this.notify('summary', { summary });
  }
}

export const modelOverviewView = logFileView(
  PANELS.modelOverview,
  'Model Overview',
  (panel, state, services) => new ModelOverviewPanel(panel, services, state),
);
