import { DEFAULT_KINDS, DEFAULT_OVERHEAD } from '../../protocol/economicEvaluation';
import { parseOptimalModelMapState } from '../../protocol/optimalModelMap';
import { COMMANDS } from '../commandIds';
import type { HostServices } from '../hostServices';
import type { Views } from '../views';
import type { HostCommand } from './hostCommand';
import { logFileFromArg, openRunsViewOnLog } from './logCommands';

/** Commands that open the Economic Evaluation view and the Optimal-Model Map on a log. */
export function econCommands(services: HostServices, views: Views): HostCommand[] {
  return [
    openRunsViewOnLog(COMMANDS.openEconomicEvaluation, views.economicEvaluation, services),
    {
      id: COMMANDS.openOptimalModelMap,
      async execute(arg) {
        // From the Economic Evaluation view: { kind: 'econ', file, priceAbstain, kinds, overhead }.
        const fromView =
          typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'econ'
            ? parseOptimalModelMapState(arg)
            : undefined;
        if (fromView) {
          views.optimalModelMap.show(fromView);
          return;
        }
        const file = await logFileFromArg(arg, services);
        if (file)
          views.optimalModelMap.show({ file, priceAbstain: 0, kinds: DEFAULT_KINDS, overhead: DEFAULT_OVERHEAD });
      },
    },
  ];
}
