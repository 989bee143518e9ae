import { COMMANDS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { Views } from '../views';
import type { HostCommand } from './hostCommand';
import { openViewOnLog } from './logCommands';

/** Commands of the Cascade Frontier view (issue 3): open it on a log from the palette, explorer or Eval Logs tree. */
export function cascadeCommands(services: HostServices, views: Views): HostCommand[] {
  return [openViewOnLog(COMMANDS.openCascadeFrontier, views.cascadeFrontier, services)];
}
