import type { EvalRecord } from '../logs/types';
import { sliceFields, sliceValue } from './sliceFields';
import { requireSliceField } from './whereFilter';

/** The records of each value of `field`, in the order the values first occur (records without the field are left out). */
export function groupBySlice(
  records: readonly EvalRecord[],
  field: string,
): { value: string; records: EvalRecord[] }[] {
  requireSliceField(sliceFields(records), field, '--by');
  const groups = new Map<string, EvalRecord[]>();
  for (const r of records) {
    const v = sliceValue(r, field);
    if (v === '') continue;
    let g = groups.get(v);
    if (!g) groups.set(v, (g = []));
    g.push(r);
  }
  return [...groups].map(([value, recs]) => ({ value, records: recs }));
}
