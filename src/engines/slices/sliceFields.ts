import type { EvalRecord } from '../logs/types';

/** The record fields every log has that name a category (the others are measurements or free text). */
export const BUILT_IN_SLICE_FIELDS = ['task', 'split', 'task_type', 'signal', 'model'] as const;

/** The value of a categorical field of a record ('' when the record has none). */
export function sliceValue(r: EvalRecord, field: string): string {
  switch (field) {
    case 'task':
      return r.task;
    case 'split':
      return r.split;
    case 'task_type':
      return r.taskType;
    case 'signal':
      return r.signal;
    case 'model':
      return r.model;
    default:
      return r.labels?.[field] ?? '';
  }
}

/** One field to slice by: its distinct non-empty values, with how many records hold each, in first-seen order. */
export interface SliceField {
  field: string;
  values: { value: string; records: number }[];
}

/**
 * The categorical fields of a log found in the data: the built-in ones (task, split, task_type,
 * signal, model) and every label (short text field kept from the log), each with the values that
 * occur (records without the field are not counted). A field no record fills is left out.
 * Built-in fields first, then labels by name.
 */
export function sliceFields(records: readonly EvalRecord[]): SliceField[] {
  const counts = new Map<string, Map<string, number>>();
  const bump = (field: string, value: string) => {
    if (value === '') return;
    let byValue = counts.get(field);
    if (!byValue) counts.set(field, (byValue = new Map()));
    byValue.set(value, (byValue.get(value) ?? 0) + 1);
  };
  const labelNames = new Set<string>();
  for (const r of records) {
    for (const f of BUILT_IN_SLICE_FIELDS) bump(f, sliceValue(r, f));
    if (r.labels) {
      // Labels never carry a built-in field's name (the reader keeps those as the fields themselves).
      for (const [k, v] of Object.entries(r.labels)) {
        labelNames.add(k);
        bump(k, v);
      }
    }
  }
  const order = [...BUILT_IN_SLICE_FIELDS, ...[...labelNames].sort((a, b) => a.localeCompare(b))];
  return order.flatMap((field) => {
    const byValue = counts.get(field);
    return byValue ? [{ field, values: [...byValue].map(([value, n]) => ({ value, records: n })) }] : [];
  });
}
