import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIELDS_NOT_FOR_METRICS,
  FIELDS_TAKING_SCALARS,
  FIELDS_TAKING_TEXT,
  NATIVE_FIELDS,
  NATIVE_FIELD_KINDS,
} from '../../../src/engines/logs/nativeFields';
import { RecordError, toEvalRecord } from '../../../src/engines/logs/toEvalRecord';
import { epochOf } from '../../../src/engines/logs/recordCollector';
import { lmEvalSampleToRaw, type LmEvalContext } from '../../../src/engines/logs/lmEvalSample';
import { ROOT } from '../../helpers/paths';

// The native field list (src/engines/logs/nativeFields.ts) is the one list of the format's own
// names; the readers keep their own code for speed (switches on the names). These tests tie the two:
// a field read by the reader but missing from the list, or listed but not read, fails here.

const LOGS = join(ROOT, 'src', 'engines', 'logs');
const source = (name: string): string => readFileSync(join(LOGS, name), 'utf8');
const all = (text: string, re: RegExp): string[] => [...text.matchAll(re)].map((m) => m[1]);

/** The keys a file's switch statements name (`case 'x':`). */
const caseLabels = (text: string): string[] => all(text, /case '([^']+)':/g);
/** The keys read from the parsed object `o` (`o.x`). */
const objectReads = (text: string): string[] => all(text, /\bo\.([a-z_]+)/g);

test('every key the native reader reads is a listed field, and every listed field is read', () => {
  const listed = new Set<string>(NATIVE_FIELDS);
  const fast = caseLabels(source('nativeFastRecord.ts'));
  const general = [...caseLabels(source('toEvalRecord.ts')), ...objectReads(source('toEvalRecord.ts'))];
  const texts = objectReads(source('recordText.ts'));
  assert.ok(fast.length >= 18 && general.length >= 30 && texts.length >= 5, 'the scans find the readers');
  for (const [where, keys] of [
    ['nativeFastRecord.ts', fast],
    ['toEvalRecord.ts', general],
    ['recordText.ts', texts],
  ] as const)
    for (const k of keys) assert.ok(listed.has(k), `${where} reads "${k}", which is not in NATIVE_FIELD_GROUPS`);
  // `epoch` is read by epochOf (the record collector merges repeats).
  assert.equal(epochOf({ epoch: 3 }), 3);
  const read = new Set([...fast, ...general, ...texts, 'epoch']);
  for (const k of NATIVE_FIELDS) assert.ok(read.has(k), `"${k}" is listed but no reader reads it`);
  assert.equal(listed.size, NATIVE_FIELDS.length, 'no name is listed twice');
});

const ctx = { file: 'f', line: 1, priceOf: () => null, correctThreshold: 0.5, intern: (s: string) => s };

/** What toEvalRecord makes of `value` under `key` on an otherwise valid line. */
function outcome(key: string, value: unknown): 'extra' | 'label' | 'refused' | 'read' {
  const raw: Record<string, unknown> = { query_id: 'q', model: 'm', correct: true };
  Object.defineProperty(raw, key, { value, enumerable: true, writable: true, configurable: true });
  try {
    const r = toEvalRecord(raw, ctx);
    if (r.extra !== undefined && Object.hasOwn(r.extra, key)) return 'extra';
    if (r.labels !== undefined && Object.hasOwn(r.labels, key)) return 'label';
    return 'read';
  } catch (e) {
    if (e instanceof RecordError) return 'refused';
    throw e;
  }
}

test('a number or boolean under a listed field is read (or refused) by its kind, never kept as an extra metric, but under a text alias', () => {
  for (const key of NATIVE_FIELDS) {
    const outcomes = [outcome(key, 0), outcome(key, true)];
    const kind = NATIVE_FIELD_KINDS.get(key);
    assert.equal(outcomes.includes('extra'), !FIELDS_NOT_FOR_METRICS.has(key), `${key}: ${outcomes.join(', ')}`);
    assert.equal(outcomes.includes('extra'), kind === 'textAlias', key);
    // A field taking scalars reads at least one of 0 and true; a text field refuses both.
    assert.equal(outcomes.includes('read'), FIELDS_TAKING_SCALARS.has(key), `${key}: ${outcomes.join(', ')}`);
  }
  assert.deepEqual([outcome('toxicity', 0), outcome('pii_leak', true)], ['extra', 'extra']);
});

test('short text under a field taking text is never a label; under other names it is', () => {
  for (const key of FIELDS_TAKING_TEXT) assert.notEqual(outcome(key, 'anatomy'), 'label', key);
  assert.equal(outcome('subject', 'anatomy'), 'label');
  // A text epoch is no repeat number: it is kept as any other short text.
  assert.equal(outcome('epoch', 'first'), 'label');
});

test('lm-eval metrics named as a native field are not copied, but for the text aliases', () => {
  const lmCtx: LmEvalContext = {
    model: 'm',
    task: 't',
    metric: 'acc',
    extras: [...NATIVE_FIELDS, 'bleu'],
    resultMetrics: ['acc'],
    targetDelimiter: ' ',
  };
  const sample: Record<string, unknown> = { doc_id: 1, acc: 1, bleu: 0.5 };
  for (const k of NATIVE_FIELDS) sample[k] = 0.25;
  const got = lmEvalSampleToRaw(sample, lmCtx);
  assert.ok('raw' in got);
  const copied = NATIVE_FIELDS.filter((k) => got.raw[k] === 0.25);
  assert.deepEqual(copied, ['target', 'output', 'response']);
  assert.equal(got.raw.bleu, 0.5);
});
