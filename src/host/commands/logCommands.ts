import * as vscode from 'vscode';
import { COMMANDS, type CommandId } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { EvalLogTree } from '../logs/evalLogTree';
import type { RegisteredView } from '../panels/registerView';
import type { Views } from '../views';
import { pickEvalLog } from '../logs/logPicker';
import { fileFromArg, runsFromArgs } from './commandArgs';
import type { RunsViewHostState } from '../../protocol/logView';
import type { HostCommand } from './hostCommand';

/** The bundled example: real MMLU results of the Llama 3 chain (shipped in the .vsix). */
export const EXAMPLE_LOG = ['examples', 'mmlu-llama.jsonl'] as const;

/** Commands of the "Eval Logs" tree and the Model Overview. */
export function logCommands(services: HostServices, views: Views, tree: EvalLogTree): HostCommand[] {
  return [
    openRunsViewOnLog(COMMANDS.analyzeEvalLog, views.modelOverview, services),
    {
      id: COMMANDS.openExampleLog,
      execute() {
        views.modelOverview.show({ file: vscode.Uri.joinPath(services.extensionUri, ...EXAMPLE_LOG).fsPath });
      },
    },
    { id: COMMANDS.refreshLogs, execute: () => tree.refresh() },
    { id: COMMANDS.showProblems, execute: () => services.problems.show() },
    {
      id: COMMANDS.openLogFile,
      async execute(arg) {
        const file = await logFileFromArg(arg, services);
        if (file) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
      },
    },
  ];
}

/**
 * A command that opens a view on one log: the file it was invoked on (explorer, editor title,
 * "Eval Logs" tree item), else one the user picks. E.g. `openViewOnLog(COMMANDS.openX, views.x, services)`.
 */
export function openViewOnLog(
  id: CommandId,
  view: RegisteredView<{ file: string }>,
  services: Pick<HostServices, 'logs' | 'extensionUri'>,
): HostCommand {
  return {
    id,
    async execute(arg) {
      const file = await logFileFromArg(arg, services);
      if (file) view.show({ file });
    },
  };
}

/**
 * A command that opens a view that can compare runs: on several logs selected together (the first
 * is the log, the others its runs), else like {@link openViewOnLog} on one.
 */
export function openRunsViewOnLog(
  id: CommandId,
  view: RegisteredView<RunsViewHostState>,
  services: Pick<HostServices, 'logs' | 'extensionUri'>,
): HostCommand {
  return {
    id,
    async execute(...args: unknown[]) {
      const runs = runsFromArgs(args);
      if (runs) {
        view.show(runs);
        return;
      }
      const file = await logFileFromArg(args[0], services);
      if (file) view.show({ file });
    },
  };
}

/**
 * The log a command was invoked on, or (from the palette) one the user picks: the workspace's logs
 * in a Quick Pick with their models and sizes, "Browse…" last.
 */
export async function logFileFromArg(
  arg: unknown,
  services: Pick<HostServices, 'logs' | 'extensionUri'>,
): Promise<string | undefined> {
  return (
    fileFromArg(arg) ??
    (await pickEvalLog(services.logs, {
      title: 'Choose an eval log',
      exampleLog: vscode.Uri.joinPath(services.extensionUri, ...EXAMPLE_LOG).fsPath,
    }))
  );
}
