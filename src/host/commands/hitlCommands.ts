import { COMMANDS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { Views } from '../views';
import type { HostCommand } from './hostCommand';
import { openViewOnLog } from './logCommands';

/** Commands that open the Human in the Loop view and the Risk Guarantee panel on a log. */
export function hitlCommands(services: HostServices, views: Views): HostCommand[] {
  return [
    openViewOnLog(COMMANDS.openHumanInTheLoop, views.humanInTheLoop, services),
    openViewOnLog(COMMANDS.openRiskGuarantee, views.riskGuarantee, services),
  ];
}
