/** Payload schemas of the Economic Evaluation view and the Optimal-Model Map. */
import { validateDistribution, type PriceDistribution } from '../../engines/economics/priceDistributions';
import type { EconomicEvaluationProtocol, UncertainPrices } from '../economicEvaluation';
import type { OptimalModelMapProtocol } from '../optimalModelMap';
import {
  arrayOf,
  dictionaryOf,
  empty,
  isPlainObject,
  number,
  object,
  oneOf,
  optional,
  SchemaError,
  string,
  type Schema,
} from '../schema';
import { candidateKinds, logLine, modelName, price, routerOverhead } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

const positive = number({ above: 0, max: 1e12 });
const values = arrayOf(price, { min: 1, max: 1000 });
const SHAPES = {
  fixed: object({ kind: oneOf(['fixed']), value: price }),
  logUniform: object({ kind: oneOf(['logUniform']), min: positive, max: positive }),
  logNormal: object({ kind: oneOf(['logNormal']), median: positive, sigma: number({ min: 0, max: 100 }) }),
  discrete: object({
    kind: oneOf(['discrete']),
    values,
    probs: arrayOf(number({ min: 0, max: 1 }), { min: 1, max: 1000 }),
  }),
} satisfies { [K in PriceDistribution['kind']]: Schema<Extract<PriceDistribution, { kind: K }>> };
const kind = oneOf(Object.keys(SHAPES) as PriceDistribution['kind'][]);

/** One uncertain price: its kind's fields, then the distribution's own rules (min < max, probabilities summing to 1...). */
const distribution: Schema<PriceDistribution> = (v, at) => {
  const k = kind(isPlainObject(v) ? v.kind : v, `${at}.kind`);
  const d: PriceDistribution = SHAPES[k](v, at);
  try {
    validateDistribution(d, at);
  } catch (err) {
    throw new SchemaError((err as Error).message);
  }
  return d;
};
/** Price distributions by metric name (error, latency, abstain, or a log's extra field). */
const distributions: Schema<UncertainPrices> = dictionaryOf(string({ min: 1, max: 200, oneLine: true }), distribution, {
  maxKeys: 64,
});

export const economicEvaluationPayloads: PayloadSchemas<EconomicEvaluationProtocol> = {
  requests: {
    reload: empty,
    openMap: object({ priceAbstain: price, kinds: candidateKinds, overhead: routerOverhead }),
    uncertain: object({ distributions, kinds: candidateKinds, overhead: routerOverhead }),
    bootstrap: object({
      prices: object({ error: price, latency: price, abstain: price }),
      kinds: candidateKinds,
      overhead: routerOverhead,
    }),
  },
  notifications: {},
};

export const optimalModelMapPayloads: PayloadSchemas<OptimalModelMapProtocol> = {
  requests: {
    compute: object({ priceAbstain: price, kinds: candidateKinds, overhead: routerOverhead }),
    queryTable: object({
      priceAbstain: price,
      kinds: candidateKinds,
      overhead: routerOverhead,
      priceError: price,
      priceLatency: price,
      candidate: string({ min: 1, max: 5000, oneLine: true }),
      point: number({ integer: true, min: 0, max: 1e6 }),
    }),
    openSource: object({ line: logLine, model: optional(modelName) }),
  },
  notifications: {},
};
