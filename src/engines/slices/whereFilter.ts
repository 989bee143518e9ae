import type { EvalRecord } from '../logs/types';
import { sliceFields, sliceValue, type SliceField } from './sliceFields';

/** A filter: field → the values allowed (records match when, for every field, their value is one of its values). */
export type WhereFilter = Map<string, Set<string>>;

/** A `--where` condition or slice field that does not fit the log; the message lists what it has. */
export class SliceError extends Error {}

/** Longest list of values shown in a message before it says "and N more". */
const SHOWN_VALUES = 20;

/** "a, b, c and 4 more", values quoted. */
function listValues(f: SliceField): string {
  const shown = f.values.slice(0, SHOWN_VALUES).map((v) => JSON.stringify(v.value));
  return f.values.length > SHOWN_VALUES
    ? `${shown.join(', ')} and ${f.values.length - SHOWN_VALUES} more`
    : shown.join(', ');
}

/** The fields of the log, for a message: `task (2 values), subject (57 values)`. */
function listFields(fields: readonly SliceField[]): string {
  return fields.length
    ? fields.map((f) => `${f.field} (${f.values.length} value${f.values.length === 1 ? '' : 's'})`).join(', ')
    : 'none';
}

/**
 * Parses `field=value` conditions (the value may contain '='; spaces around the field are
 * trimmed, the value is taken as written). The same field twice allows either value (OR);
 * different fields must all hold (AND).
 */
export function parseWhere(conditions: readonly string[]): WhereFilter {
  const where: WhereFilter = new Map();
  for (const c of conditions) {
    const eq = c.indexOf('=');
    const field = eq > 0 ? c.slice(0, eq).trim() : '';
    const value = eq > 0 ? c.slice(eq + 1) : '';
    if (field === '' || value === '') throw new SliceError(`"${c}" is not field=value (e.g. task=mmlu)`);
    let values = where.get(field);
    if (!values) where.set(field, (values = new Set()));
    values.add(value);
  }
  return where;
}

/**
 * Checks a slice field against the log: returns its description, or throws a SliceError that
 * lists the log's categorical fields.
 */
export function requireSliceField(fields: readonly SliceField[], field: string, what: string): SliceField {
  const found = fields.find((f) => f.field === field);
  if (!found) throw new SliceError(`${what}: the log has no field "${field}"; its fields: ${listFields(fields)}`);
  return found;
}

/** The filter of one condition, `field = value` (the extension's Where control). */
export function whereOne(field: string, value: string): WhereFilter {
  return new Map([[field, new Set([value])]]);
}

/**
 * The records that match `where`. Every field must occur in the log and every value in that field
 * (else a SliceError listing the available fields or values): a typo never silently selects
 * nothing. Records keep their order.
 */
export function filterRecords(records: readonly EvalRecord[], where: WhereFilter): EvalRecord[] {
  if (where.size === 0) return [...records];
  const fields = sliceFields(records);
  for (const [field, values] of where) {
    const f = requireSliceField(fields, field, '--where');
    const known = new Set(f.values.map((v) => v.value));
    for (const v of values)
      if (!known.has(v))
        throw new SliceError(
          `--where: field "${field}" has no value ${JSON.stringify(v)}; its values: ${listValues(f)}`,
        );
  }
  const conditions = [...where];
  return records.filter((r) => conditions.every(([field, values]) => values.has(sliceValue(r, field))));
}

/** "task=mmlu, subject=anatomy|virology": the filter in words, for a report line. */
export function describeWhere(where: WhereFilter): string {
  return [...where].map(([field, values]) => `${field}=${[...values].join('|')}`).join(', ');
}
