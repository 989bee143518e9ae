import { COMMANDS } from '../commandIds';
import { CascadeRunnerPanel } from '../panels/cascadeRunnerPanel';
import { NEEDS_TRUST, refusedUntrusted } from '../trust';
import type { Views } from '../views';
import { fileFromArg } from './commandArgs';
import type { HostCommand } from './hostCommand';

/** "Open Cascade Runner": from the palette (empty form), or on a queries file in the explorer (fills it in). Refused in Restricted Mode. */
export function cascadeRunnerCommands(views: Views): HostCommand[] {
  return [
    {
      id: COMMANDS.openCascadeRunner,
      execute(arg) {
        if (refusedUntrusted(NEEDS_TRUST.runner)) return;
        const file = fileFromArg(arg) ?? null;
        const handle = views.cascadeRunner.show({ queriesFile: file });
        if (file && handle instanceof CascadeRunnerPanel) handle.useQueries(file);
      },
    },
  ];
}
