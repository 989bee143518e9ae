import { summarizeExtraFields } from '../logs/summarizeExtraFields';
import type { EvalRecord } from '../logs/types';
import type { ExtraMetric } from './types';
import { getOwn } from '../../shared/ownProperties';

/**
 * The further per-query metrics of eq. 3.11 from the logs' own extra fields (`EvalRecord.extra`):
 * a field holding only true/false is a binary event (priced per event; a cascade has it when any
 * model it called had it), any other numeric field a numeric metric (priced per unit; summed over
 * the models a cascade called, like latency). Throws, listing the fields there are, for a name no
 * record has.
 */
export function recordExtraMetrics(records: readonly EvalRecord[], names: readonly string[]): ExtraMetric[] {
  // A field is numeric when any model's values are (summarizeExtraFields decides per model).
  const kinds = new Map<string, 'binary' | 'numeric'>();
  for (const f of summarizeExtraFields(records)) if (kinds.get(f.field) !== 'numeric') kinds.set(f.field, f.kind);
  return names.map((name) => {
    const kind = kinds.get(name);
    if (kind === undefined)
      throw new Error(
        `no record has a field "${name}" (${kinds.size ? `extra fields in the log: ${[...kinds.keys()].join(', ')}` : 'the log has no extra numeric or true/false fields'})`,
      );
    return {
      name,
      kind,
      priceUnit: kind === 'binary' ? `$ per ${name} event` : `$ per unit of ${name}`,
      value: (r: EvalRecord) => {
        const v = getOwn(r.extra, name);
        return v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
      },
    };
  });
}
