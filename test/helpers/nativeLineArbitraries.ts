import fc from 'fast-check';
import { NATIVE_FIELDS } from '../../src/engines/logs/nativeFields';

// Random lines: the format's own keys with valid, edge and invalid values, extra keys, escapes,
// duplicated keys and lines, odd spacing and number forms.
const text = fc.oneof(
  fc.constantFrom(
    'a',
    'test',
    'train',
    'm1',
    'm2',
    '',
    'x\\"y',
    'é',
    'caf\\u00e9',
    'tab\\there',
    'a b c d e f g h i j k l m',
  ),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s).slice(1, -1)),
);
const numberText = fc.oneof(
  fc.double({ noNaN: true }).map((x) => JSON.stringify(x)),
  fc.integer({ min: -5, max: 2e9 }).map(String),
  fc.constantFrom(
    '0',
    '-0',
    '-0.0',
    '1',
    '0.5',
    '1e0',
    '1E-3',
    '-1.5e-7',
    '0.1234567890123456789',
    '12345678901234567',
    '1e400',
    '-1e400',
    '01',
    '1.',
    '.5',
    '+1',
    '1e',
    '-',
    'NaN',
    '-Infinity',
    '0.30000000000000004',
    '4.35e-05',
    '1e22',
    '1e23',
    '123456789012345.6',
  ),
);
const scalar = fc.oneof(
  { weight: 3, arbitrary: numberText },
  { weight: 2, arbitrary: text.map((s) => `"${s}"`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('true', 'false', 'null', '[]', '{}', '{"a": 1}', '"multiple_choice"', '"generation"'),
  },
);
const KEYS = [...NATIVE_FIELDS, 'subject', 'toxicity', '__proto__', 'query\\u005fid', '1'];
export const goodLine = fc
  .record({
    q: fc.integer({ min: 0, max: 6 }),
    m: fc.constantFrom('m1', 'm2', 'a-very-long-model-name-for-slicing'),
    correct: fc.constantFrom('true', 'false', '0.25', '1', '0'),
    logprob: fc.option(fc.constantFrom('-0.5', '-0', '0', '-12.25', '-1e-9', '-2.302585092994046'), { nil: undefined }),
    cost: fc.option(fc.constantFrom('0.001', '1.4e-05', '0', '2'), { nil: undefined }),
    tokens: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    split: fc.option(fc.constantFrom('test', 'train'), { nil: undefined }),
    question: fc.option(text, { nil: undefined }),
  })
  .map((r) => {
    const parts = [`"query_id": "q${r.q}-long-enough-to-slice"`, `"model": "${r.m}"`, `"correct": ${r.correct}`];
    if (r.logprob !== undefined) parts.push(`"logprob": ${r.logprob}`);
    if (r.cost !== undefined) parts.push(`"cost_usd": ${r.cost}`);
    if (r.tokens !== undefined) parts.push(`"input_tokens": ${r.tokens}`, `"output_tokens": 1`);
    if (r.split !== undefined) parts.push(`"split": "${r.split}"`);
    if (r.question !== undefined) parts.push(`"question": "${r.question}"`);
    return `{${parts.join(', ')}}`;
  });
export const anyLine = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), scalar, fc.constantFrom(':', ': ', ' : ', ':\t')), { maxLength: 8 })
  .map((pairs) => `{${pairs.map(([k, v, colon]) => `"${k}"${colon}${v}`).join(', ')}}`);
export const line = fc.oneof(
  { weight: 5, arbitrary: goodLine },
  { weight: 3, arbitrary: anyLine },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '{',
      'not json',
      '{"query_id": "q1", "model": "m1", "correct": true} x',
      ' {"query_id": "q1", "model": "m1", "correct": true} ',
    ),
  },
);
