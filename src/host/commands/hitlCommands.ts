import { COMMANDS } from '../commandIds';
import type { Views } from '../views';
import { fileFromArg } from './commandArgs';
import type { HostCommand } from './hostCommand';
import { pickLogFile } from './logCommands';

/** Commands that open the Human in the Loop view and the Risk Guarantee panel on a log. */
export function hitlCommands(views: Views): HostCommand[] {
  return [
    {
      id: COMMANDS.openHumanInTheLoop,
      async execute(arg) {
        const file = fileFromArg(arg) ?? (await pickLogFile());
        if (file) views.humanInTheLoop.show({ file });
      },
    },
    {
      id: COMMANDS.openRiskGuarantee,
      async execute(arg) {
        const file = fileFromArg(arg) ?? (await pickLogFile());
        if (file) views.riskGuarantee.show({ file });
      },
    },
  ];
}
