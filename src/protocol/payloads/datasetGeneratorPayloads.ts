/** Payload schemas of the Dataset Generator: bounded archetype data (its fields are then checked by `parseArchetype`). */
import type { Archetype } from '../../engines/clusters/archetype';
import { parseArchetype } from '../../engines/clusters/validateArchetype';
import { MAX_BENCHMARK_DATASETS, type DatasetGeneratorProtocol } from '../datasetGenerator';
import { CLUSTERING_ALGORITHMS } from '../../engines/clusters/mockBenchmark';
import { DATASET_FORMATS } from '../../engines/clusters/datasetFormat';
import {
  arrayOf,
  boolean,
  empty,
  jsonData,
  nullable,
  number,
  object,
  oneOf,
  SchemaError,
  string,
  type Schema,
} from '../schema';
import { seed } from './fields';
import type { PayloadSchemas } from './payloadSchemas';

/** Most data sets one export writes (the form allows the same). */
export const MAX_EXPORT_COUNT = 10_000;

const bounded = jsonData({ maxDepth: 2, maxValues: 500, maxString: 200 });
/** Archetype fields as typed in the form: a small plain object (a typo is reported by `parseArchetype` later). */
const archetypeFields: Schema<Record<string, unknown>> = (v, at) => {
  const data = bounded(v, at);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new SchemaError(`${at}: expected an object of archetype fields`);
  return data as Record<string, unknown>;
};
/** A complete, valid archetype. */
const archetype: Schema<Archetype> = (v, at) => {
  const r = parseArchetype(archetypeFields(v, at));
  if (!r.ok) throw new SchemaError(`${at}: ${r.errors.slice(0, 3).join('; ')}`);
  return r.archetype;
};
const generate = { archetype: archetypeFields, seed, distort: boolean, sphere: boolean };

export const datasetGeneratorPayloads: PayloadSchemas<DatasetGeneratorProtocol> = {
  requests: {
    generate: object(generate),
    describe: object({ text: string({ max: 10_000 }), useModel: boolean }),
    exportDatasets: object({
      ...generate,
      count: number({ integer: true, min: 1, max: MAX_EXPORT_COUNT }),
      format: oneOf(DATASET_FORMATS),
    }),
    saveArchetype: object({ archetype: archetypeFields }),
    benchmark: object({
      archetype: archetypeFields,
      seed,
      count: number({ integer: true, min: 1, max: MAX_BENCHMARK_DATASETS }),
      algorithms: arrayOf(oneOf(CLUSTERING_ALGORITHMS), { min: 1, max: CLUSTERING_ALGORITHMS.length }),
      shapes: arrayOf(oneOf(['convex', 'nonconvex'] as const), { min: 1, max: 2 }),
    }),
    cancelBenchmark: empty,
  },
  notifications: {
    edited: object({ archetype: nullable(archetype), seed }),
  },
};
