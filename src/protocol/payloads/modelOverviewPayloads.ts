/** Payload schemas of the Model Overview view. */
import { NEXT_ANALYSES, type ModelOverviewProtocol } from '../modelOverview';
import type { SliceCondition } from '../logSummary';
import { empty, nullable, object, oneOf, optional, string, type Schema } from '../schema';
import { logLine, modelName, splitLabel } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

/** A text field of the log (non-empty, one line). */
const fieldName = string({ min: 1, max: 200, oneLine: true });
/** A slice: a text field of the log and one of its values (both non-empty, one line). */
const sliceCondition: Schema<SliceCondition> = object({
  field: fieldName,
  value: string({ min: 1, max: 500, oneLine: true }),
});

export const modelOverviewPayloads: PayloadSchemas<ModelOverviewProtocol> = {
  requests: {
    reload: empty,
    openLog: empty,
    slice: object({ where: nullable(sliceCondition) }),
    queryTable: object({ model: modelName, split: splitLabel, where: nullable(sliceCondition) }),
    bySlice: object({ field: fieldName, split: splitLabel, where: nullable(sliceCondition) }),
    openSource: object({ line: logLine, model: optional(modelName) }),
    runPairs: object({ split: splitLabel, where: nullable(sliceCondition) }),
    chooseRuns: empty,
    openAnalysis: object({ view: oneOf(NEXT_ANALYSES.map((a) => a.view)) }),
  },
  notifications: {},
};
