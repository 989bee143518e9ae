/**
 * Payload schemas of the Cascade Runner. The `start` form is checked field by field here (types and
 * lengths; `checkRunForm` then reads the numbers and the host checks the files against the
 * workspace). To add a form field: one entry in {@link CASCADE_FORM_FIELDS}.
 */
import {
  COMPARE_CHOICES,
  type CascadeFormValues,
  type CascadeProvider,
  type CascadeRunnerProtocol,
} from '../cascadeRunner';
import type { ConfidenceSource } from '../../engines/intercascade/llmCascadeModel';
import { MATCH_MODES } from '../../engines/intercascade/matchAnswer';
import { empty, object, oneOf, string, type Schema } from '../schema';
import { filePath } from './fields';
import type { EveryMember, PayloadSchemas } from './payloadSchemas';

/** A model name typed in the form. */
export const formModelName = string({ max: 200, oneLine: true });
/** A number as typed (parsed by `checkRunForm`), e.g. for a new numeric field of the form. */
export const formNumberText = string({ max: 40, oneLine: true });
const CONFIDENCE = ['stated', 'tokens'] as const satisfies readonly ConfidenceSource[];
const _everyConfidence: EveryMember<ConfidenceSource, typeof CONFIDENCE> = true;
const PROVIDERS = ['openai', 'vscode'] as const satisfies readonly CascadeProvider[];
const _everyProvider: EveryMember<CascadeProvider, typeof PROVIDERS> = true;

/** Every field of the form and its schema. */
export const CASCADE_FORM_FIELDS = {
  provider: oneOf(PROVIDERS),
  queriesFile: filePath,
  weakModel: formModelName,
  strongModel: formModelName,
  k: formNumberText,
  mode: oneOf(['manual', 'guarantee']),
  confidence: oneOf(CONFIDENCE),
  weakThreshold: formNumberText,
  strongThreshold: formNumberText,
  alpha: formNumberText,
  delta: formNumberText,
  calibration: formNumberText,
  repositoryFile: filePath,
  embeddingModel: formModelName,
  budgetUsd: formNumberText,
  match: oneOf(MATCH_MODES),
  tolerance: formNumberText,
  judgeModel: formModelName,
  compare: oneOf(COMPARE_CHOICES),
};

/** The form of `start`: every field present with its type. */
export const cascadeFormSchema: Schema<CascadeFormValues> = object(CASCADE_FORM_FIELDS);

export const cascadeRunnerPayloads: PayloadSchemas<CascadeRunnerProtocol> = {
  requests: {
    browse: object({ purpose: oneOf(['queries', 'repository']) }),
    estimate: cascadeFormSchema,
    start: cascadeFormSchema,
    cancel: empty,
    saveLog: empty,
    openLog: object({ file: filePath }),
    saveRepository: empty,
    chatModels: empty,
  },
  notifications: { openSettings: empty, setApiKey: empty },
};
