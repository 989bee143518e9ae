import * as vscode from 'vscode';
import { basename } from 'node:path';
import { COMMANDS } from '../commandIds';
import type { HostServices } from '../hostServices';
import { pickEvalLog } from '../logs/logPicker';
import type { Views } from '../views';
import { fileFromArg } from './commandArgs';
import type { HostCommand } from './hostCommand';
import { EXAMPLE_LOG } from './logCommands';

/** The "Compare Two Logs" command. */
export function compareCommands(services: HostServices, views: Pick<Views, 'compareLogs'>): HostCommand[] {
  return [
    {
      id: COMMANDS.compareTwoLogs,
      async execute(...args: unknown[]) {
        const files = await twoLogs(args, services);
        if (files) views.compareLogs.show({ file: files[0], fileB: files[1] });
      },
    },
  ];
}

/**
 * The two logs to compare: the two selected in the explorer or the Eval Logs view (VS Code passes
 * the clicked item, then every selected one), else the one clicked and one picked, else two picked.
 * Undefined when the user dismissed a picker.
 */
export async function twoLogs(
  args: readonly unknown[],
  services: Pick<HostServices, 'logs' | 'extensionUri'>,
): Promise<[string, string] | undefined> {
  const selected = Array.isArray(args[1]) ? args[1].map(fileFromArg) : [];
  const chosen = selected.filter((f): f is string => f !== undefined);
  if (chosen.length >= 2) return [chosen[0], chosen[1]];
  const exampleLog = vscode.Uri.joinPath(services.extensionUri, ...EXAMPLE_LOG).fsPath;
  const a =
    fileFromArg(args[0]) ?? (await pickEvalLog(services.logs, { title: 'Compare Two Logs: run A', exampleLog }));
  if (!a) return undefined;
  const b = await pickEvalLog(services.logs, {
    title: `Compare Two Logs: run B (A is ${basename(a)})`,
    exampleLog,
  });
  return b ? [a, b] : undefined;
}
