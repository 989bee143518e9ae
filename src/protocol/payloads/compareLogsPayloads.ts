/** Payload schemas of the Compare Two Logs panel. */
import type { CompareLogsProtocol, CompareSelection } from '../compareLogs';
import { nullable, object, type Schema } from '../schema';
import { modelName } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

/** Two model names, or both '' (every model the logs share). */
const selection: Schema<CompareSelection> = object({ modelA: modelName, modelB: modelName });

export const compareLogsPayloads: PayloadSchemas<CompareLogsProtocol> = {
  requests: { compare: object({ selection: nullable(selection) }) },
  notifications: {},
};
