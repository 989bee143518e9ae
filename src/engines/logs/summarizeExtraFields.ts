import { asView, type RecordView } from './recordView';
import type { EvalRecord } from './types';

/** One extra field of one model's records: its mean, or the share of true for a true/false field. */
export interface ExtraFieldSummary {
  model: string;
  field: string;
  kind: 'numeric' | 'binary';
  /** Mean over the records that have the field (true counts as 1). */
  mean: number;
  /** Records of the model that have the field. */
  n: number;
}

/**
 * Per model, the log's extra numeric and true/false fields (`EvalRecord.extra`, "anything else:
 * kept and shown"), optionally in one split; models in first-seen order, fields by name.
 */
export function summarizeExtraFields(records: readonly EvalRecord[] | RecordView, split?: string): ExtraFieldSummary[] {
  const view = asView(records);
  const acc = new Map<string, Map<string, { sum: number; n: number; numeric: boolean }>>();
  for (let i = 0; i < view.length; i++) {
    const extra = view.extra(i);
    if (!extra || (split !== undefined && view.split(i) !== split)) continue;
    const model = view.model(i);
    let byField = acc.get(model);
    if (!byField) acc.set(model, (byField = new Map()));
    for (const [field, v] of Object.entries(extra)) {
      const a = byField.get(field) ?? { sum: 0, n: 0, numeric: false };
      a.sum += typeof v === 'boolean' ? (v ? 1 : 0) : v;
      a.n++;
      a.numeric ||= typeof v === 'number';
      byField.set(field, a);
    }
  }
  return [...acc].flatMap(([model, byField]) =>
    [...byField]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([field, a]) => ({
        model,
        field,
        kind: a.numeric ? ('numeric' as const) : ('binary' as const),
        mean: a.sum / a.n,
        n: a.n,
      })),
  );
}
