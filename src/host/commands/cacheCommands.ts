import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { HostCommand } from './hostCommand';

/** Clear Cached Results: forgets every job result the engine worker keeps, in memory and on disk. */
export function cacheCommands(services: Pick<HostServices, 'engine'>): HostCommand[] {
  return [
    {
      id: COMMANDS.clearResultCache,
      async execute() {
        await services.engine.clearCache();
        void vscode.window.showInformationMessage(
          'Cost-Risk Lab: cached results cleared; views compute their results again.',
        );
      },
    },
  ];
}
