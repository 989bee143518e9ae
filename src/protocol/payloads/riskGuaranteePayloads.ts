/** Payload schemas of the Risk Guarantee panel. */
import type { GuaranteeSelection, RiskGuaranteeProtocol } from '../riskGuarantee';
import { nullable, object, type Schema } from '../schema';
import { modelName, openRate, signalChoice, splitLabel } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

const selection: Schema<GuaranteeSelection> = object({
  model: nullable(modelName),
  strong: nullable(modelName),
  signal: signalChoice,
  alpha: openRate,
  delta: openRate,
  calSplit: splitLabel,
  testSplit: splitLabel,
});

export const riskGuaranteePayloads: PayloadSchemas<RiskGuaranteeProtocol> = {
  requests: { compute: object({ selection: nullable(selection) }) },
  notifications: {},
};
