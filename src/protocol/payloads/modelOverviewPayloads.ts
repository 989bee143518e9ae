/** Payload schemas of the Model Overview view. */
import { NEXT_ANALYSES, type ModelOverviewProtocol } from '../modelOverview';
import { empty, object, oneOf } from '../schema';
import { logLine, modelName, splitLabel } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

export const modelOverviewPayloads: PayloadSchemas<ModelOverviewProtocol> = {
  requests: {
    reload: empty,
    openLog: empty,
    queryTable: object({ model: modelName, split: splitLabel }),
    openSource: object({ line: logLine }),
    openAnalysis: object({ view: oneOf(NEXT_ANALYSES.map((a) => a.view)) }),
  },
  notifications: {},
};
