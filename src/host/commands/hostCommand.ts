import * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import type { HostServices } from '../hostServices';

/** One palette/menu command: its id (from COMMANDS) and what it does. */
export interface HostCommand {
  id: CommandId;
  execute(...args: unknown[]): unknown;
}

/** Registers commands; a command that throws shows an error with "Show Details" instead of failing silently. */
export function registerCommands(services: HostServices, commands: readonly HostCommand[]): void {
  for (const c of commands) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(c.id, async (...args: unknown[]) => {
        try {
          return await c.execute(...args);
        } catch (err) {
          services.problems.error(`Command ${c.id} failed`, err);
          return undefined;
        }
      }),
    );
  }
}
