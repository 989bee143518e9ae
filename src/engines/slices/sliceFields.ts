import type { EvalRecord } from '../logs/types';
import { asView, type RecordView } from '../logs/recordView';

/** The record fields every log has that name a category (the others are measurements or free text). */
export const BUILT_IN_SLICE_FIELDS = ['task', 'split', 'task_type', 'signal', 'model'] as const;

/** Each built-in field's name as an EvalRecord field and RecordView accessor (a Map: fields come from user input). */
const FIELD_KEYS = new Map<string, 'task' | 'split' | 'taskType' | 'signal' | 'model'>([
  ['task', 'task'],
  ['split', 'split'],
  ['task_type', 'taskType'],
  ['signal', 'signal'],
  ['model', 'model'],
]);

/** The value of a categorical field of a record ('' when the record has none). */
export function sliceValue(r: EvalRecord, field: string): string {
  const key = FIELD_KEYS.get(field);
  return key ? r[key] : (r.labels?.[field] ?? '');
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
export function sliceFields(records: readonly EvalRecord[] | RecordView): SliceField[] {
  const view = asView(records);
  const counts = new Map<string, Map<string, number>>();
  const bump = (field: string, value: string) => {
    if (value === '') return;
    let byValue = counts.get(field);
    if (!byValue) counts.set(field, (byValue = new Map()));
    byValue.set(value, (byValue.get(value) ?? 0) + 1);
  };
  const labelNames = new Set<string>();
  for (let i = 0; i < view.length; i++) {
    bump('task', view.task(i));
    bump('split', view.split(i));
    bump('task_type', view.taskType(i));
    bump('signal', view.signal(i));
    bump('model', view.model(i));
    const labels = view.labels(i);
    if (labels) {
      // Labels never carry a built-in field's name (the reader keeps those as the fields themselves).
      for (const [k, v] of Object.entries(labels)) {
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
