/** Payload schemas of the Cascade Frontier view: the selection's types, sizes and ranges. */
import { TUNE_METHODS, type CascadeFrontierProtocol, type CascadeSelection } from '../cascadeFrontier';
import { arrayOf, empty, nullable, number, object, oneOf, refined, type Schema } from '../schema';
import { logLine, modelName, seed, splitLabel } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

/** Most models in a cascade to tune or diagnose. */
export const MAX_CASCADE_MODELS = 16;
/** Most models whose ordered sub-cascades are searched (2^n − n − 1 of them: 247 for 8). */
export const MAX_SUBCASCADE_MODELS = 8;

const selection: Schema<CascadeSelection> = object({
  cascade: arrayOf(modelName, { max: MAX_CASCADE_MODELS }),
  methods: arrayOf(oneOf(TUNE_METHODS), { max: TUNE_METHODS.length }),
  trainSplit: splitLabel,
  testSplit: splitLabel,
  lowSample: nullable(number({ integer: true, min: 5, max: 100_000_000 })),
  seed,
});
const subSelection = refined(selection, (s) =>
  s.cascade.length > MAX_SUBCASCADE_MODELS
    ? `choose at most ${MAX_SUBCASCADE_MODELS} models for the sub-cascade search (every ordered subset is tuned), got ${s.cascade.length}`
    : null,
);

export const cascadeFrontierPayloads: PayloadSchemas<CascadeFrontierProtocol> = {
  requests: {
    tune: object({ selection }),
    subCascades: object({ selection: subSelection }),
    diagnostics: object({ selection }),
    queryTable: object({ selection, thresholds: arrayOf(number(), { max: MAX_CASCADE_MODELS - 1 }) }),
    openSource: object({ line: logLine }),
    cancel: empty,
  },
  notifications: {},
};
