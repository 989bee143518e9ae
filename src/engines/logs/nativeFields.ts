/**
 * How the native reader (toEvalRecord) takes the value of one of the format's own fields:
 * - `id`: a non-empty string or a finite number (`query_id`);
 * - `score`: `true`/`false` or a number in [0, 1] (`correct`);
 * - `number`: a number in the field's range, null or absent when unknown;
 * - `flag`: `true`/`false` (`reasoning`);
 * - `text`: a string, and nothing else (`model`, `split`, `task`...): any other value is refused;
 * - `shownText`: the reference or the answer, a string or a number or boolean written out as text;
 * - `textAlias`: another name for a shown text that counts only when it holds a string; a number or
 *   boolean under it is an extra metric like any other (docs/eval-logs.md).
 */
export type NativeFieldKind = 'id' | 'score' | 'number' | 'flag' | 'text' | 'shownText' | 'textAlias';

/**
 * The native format's own fields (docs/eval-logs.md, "JSON Lines"; the same names are the columns of a
 * CSV log), in the groups the docs describe them in. Every list of field names in the readers and in
 * the tests is derived from this one, and a test checks that the keys the native reader reads are
 * exactly these. Any other key is an extra metric (number, boolean) or a label (short text).
 */
export const NATIVE_FIELD_GROUPS = {
  /** What every record must have: the query, the model that answered it and whether it was right. */
  required: [
    ['query_id', 'id'],
    ['model', 'text'],
    ['correct', 'score'],
  ],
  /** The model's confidence, as a log-prob or a probability (`confidence` wins when both are given). */
  confidence: [
    ['logprob', 'number'],
    ['confidence', 'number'],
  ],
  /** What the call cost, in dollars, tokens (priced when there is no cost) and seconds. */
  usage: [
    ['cost_usd', 'number'],
    ['input_tokens', 'number'],
    ['output_tokens', 'number'],
    ['reasoning_tokens', 'number'],
    ['cache_read_tokens', 'number'],
    ['cache_write_tokens', 'number'],
    ['latency_s', 'number'],
  ],
  /** Which repeat of the query this answer is (records of one query and model with different epochs are averaged). */
  repeat: [['epoch', 'number']],
  /** Descriptions of the query and the model shown in the views; `split` and `task_type` also steer the methods. */
  description: [
    ['split', 'text'],
    ['task', 'text'],
    ['task_type', 'text'],
    ['signal', 'text'],
    ['reasoning', 'flag'],
    ['question', 'text'],
  ],
  /** The reference answer and the model's answer shown in the query table, each under its name or an alias. */
  answers: [
    ['reference', 'shownText'],
    ['target', 'textAlias'],
    ['answer', 'shownText'],
    ['output', 'textAlias'],
    ['response', 'textAlias'],
  ],
} as const satisfies Record<string, readonly (readonly [string, NativeFieldKind])[]>;

type FieldEntry = (typeof NATIVE_FIELD_GROUPS)[keyof typeof NATIVE_FIELD_GROUPS][number];

/** One of the native format's own field names. */
export type NativeFieldName = FieldEntry[0];

const ENTRIES: readonly FieldEntry[] = Object.values(NATIVE_FIELD_GROUPS).flat();

/** Every native field name, in the order of the groups. */
export const NATIVE_FIELDS: readonly NativeFieldName[] = ENTRIES.map(([name]) => name);

/** Native field → how its value is read. */
export const NATIVE_FIELD_KINDS: ReadonlyMap<string, NativeFieldKind> = new Map(ENTRIES);

const namesOf = (kinds: readonly NativeFieldKind[]): ReadonlySet<string> =>
  new Set(ENTRIES.filter(([, kind]) => kinds.includes(kind)).map(([name]) => name));

/**
 * The fields that read a number or a boolean as their value (or refuse one): such a value under
 * them is never an extra metric. The text fields are not among them, since a number there makes the
 * record an error, nor the text aliases, under which a number is an extra metric.
 */
export const FIELDS_TAKING_SCALARS = namesOf(['id', 'score', 'number', 'flag', 'shownText']);

/** The fields that read a string as their value: short text under them is never a label. */
export const FIELDS_TAKING_TEXT = namesOf(['id', 'text', 'shownText', 'textAlias']);

/**
 * The names an adapter must not give a metric of its own (lm-evaluation-harness's per-sample
 * metrics, numbers or booleans): the record would read the metric as that field, or refuse it
 * (a number under `split`). Only under a text alias is a number an extra metric as any other.
 */
export const FIELDS_NOT_FOR_METRICS = namesOf(['id', 'score', 'number', 'flag', 'text', 'shownText']);
