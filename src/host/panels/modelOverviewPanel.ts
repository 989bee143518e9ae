import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { SliceCondition } from '../../protocol/logSummary';
import type { ModelOverviewHostState, ModelOverviewProtocol, NextAnalysis } from '../../protocol/modelOverview';
import { modelOverviewPayloads } from '../../protocol/payloads/modelOverviewPayloads';
import { COMMANDS, PANELS, type CommandId } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { RequestHandlers } from './basePanel';
import { PushedLogPanel, runsFileView, runsFiles } from './logFilePanel';
import { openLogLine } from './openLogLine';
import { runsJobSource } from '../settings';
import { runsCommandArg } from '../commands/commandArgs';
import { pickRunLogs } from '../logs/logPicker';
import { MAX_RUNS } from '../../protocol/logView';
import { runFileOfModel } from '../../engines/logs/runs';
import type { LogSourceParams } from '../../worker/jobs/logSource';

const NEXT_COMMANDS: ReadonlyMap<NextAnalysis, CommandId> = new Map([
  ['cascadeFrontier', COMMANDS.openCascadeFrontier],
  ['economicEvaluation', COMMANDS.openEconomicEvaluation],
  ['humanInTheLoop', COMMANDS.openHumanInTheLoop],
  ['riskGuarantee', COMMANDS.openRiskGuarantee],
]);

/** Model Overview: one log's models per split (or several logs' as runs), with the accuracy-versus-cost Pareto frontier. */
export class ModelOverviewPanel extends PushedLogPanel<ModelOverviewProtocol, ModelOverviewHostState> {
  protected readonly cancelledMessage = 'Reading was cancelled. Press Refresh to read the log again.';
  protected readonly payloads = modelOverviewPayloads;
  protected readonly requestHandlers: RequestHandlers<ModelOverviewProtocol> = {
    reload: async () => {
      for (const f of this.files()) this.services.logs.invalidate(f);
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
        { ...this.source(), system: { kind: 'model', model, split }, where },
        { title: `Queries of ${model} (${basename(runFileOfModel(model, this.files()))})`, progress: 'window', token },
      ),
    bySlice: ({ field, split, where }, token) =>
      this.services.engine.run(
        'summarizeBy',
        { ...this.source(), field, split, where },
        { title: `${basename(this.state.file)} by ${field}`, progress: 'window', token },
      ),
    runPairs: ({ split, where }, token) =>
      this.services.engine.run(
        'runPairs',
        { ...this.source(), split, where },
        { title: `Comparing runs with ${basename(this.state.file)}`, progress: 'window', token },
      ),
    chooseRuns: async () => {
      const runs = await pickRunLogs(this.services.logs, {
        title: `Model Overview: compare ${basename(this.state.file)} with other runs`,
        file: this.state.file,
        max: MAX_RUNS - 1,
        current: this.state.runs,
      });
      if (runs) await vscode.commands.executeCommand(COMMANDS.analyzeEvalLog, runsCommandArg({ ...this.state, runs }));
      return null;
    },
    openSource: ({ line, model }) =>
      openLogLine(model === undefined ? this.state.file : runFileOfModel(model, this.files()), line),
    openAnalysis: async ({ view }) => {
      const command = NEXT_COMMANDS.get(view);
      if (!command) throw new Error(`no analysis called "${view}"`);
      // The Economic Evaluation compares runs too; the other analyses read one log.
      const arg =
        view === 'economicEvaluation' && this.state.runs?.length
          ? runsCommandArg(this.state)
          : vscode.Uri.file(this.state.file);
      await vscode.commands.executeCommand(command, arg);
      return null;
    },
  };

  /** The slice shown (the webview's "Where"); null: the whole log, from the summaries the Eval Logs view shares. */
  private where: SliceCondition | null = null;

  constructor(panel: vscode.WebviewPanel, services: HostServices, state: ModelOverviewHostState) {
    super(panel, services, state, 'modelOverview');
  }

  /** The log and the runs compared with it. */
  private files(): string[] {
    return runsFiles(this.state);
  }

  /** What the worker reads: the log with the user's settings, and the runs compared with it. */
  private source(): LogSourceParams {
    return runsJobSource(this.state);
  }

  protected async loadData(file: string): Promise<void> {
    const { where } = this;
    const runs = this.state.runs ?? [];
    // The whole of one log comes from the summaries the Eval Logs view shares; a slice or runs are read here.
    const summary =
      where || runs.length
        ? await this.services.engine.run(
            'summarizeLog',
            { ...this.source(), where },
            {
              title: `Reading ${basename(file)}${runs.length ? ` and ${runs.length} run(s)` : ''}${where ? ` where ${where.field} = ${where.value}` : ''}`,
              token: this.lifetime.token,
            },
          )
        : await this.services.logs.summary(file, 'notification', this.lifetime.token);
    if (where === this.where) this.notify('summary', { summary });
  }
}

export const modelOverviewView = runsFileView(
  PANELS.modelOverview,
  'Model Overview',
  (panel, state, services) => new ModelOverviewPanel(panel, services, state),
);
