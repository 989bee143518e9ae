/** Payload schemas of the Human in the Loop view. */
import type { HitlSelection, HumanInTheLoopProtocol } from '../humanInTheLoop';
import { arrayOf, nullable, number, object, type Schema } from '../schema';
import { logLine, modelName, signalChoice, splitLabel } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

const selection: Schema<HitlSelection> = object({
  split: splitLabel,
  models: arrayOf(modelName, { max: 100 }),
  fast: nullable(modelName),
  reasoning: nullable(modelName),
  fastSignal: signalChoice,
  reasoningSignal: signalChoice,
  maxRejection: number({ above: 0, max: 1 }),
  dragRejection: number({ min: 0, max: 1 }),
});

export const humanInTheLoopPayloads: PayloadSchemas<HumanInTheLoopProtocol> = {
  requests: {
    analyse: object({ selection: nullable(selection) }),
    queryTable: object({ model: modelName, split: splitLabel, rejection: number({ min: 0, max: 1 }) }),
    failFastQueryTable: object({
      split: splitLabel,
      fast: modelName,
      reasoning: modelName,
      fastSignal: signalChoice,
      reasoningSignal: signalChoice,
      utilization: number({ min: 0, max: 1 }),
      rejection: number({ min: 0, max: 1 }),
    }),
    openSource: object({ line: logLine }),
  },
  notifications: {},
};
