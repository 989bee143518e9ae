import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePythonJson } from '../../../src/engines/logs/pythonJson';

/** Python's json.dumps with allow_nan (its default): NaN, Infinity and -Infinity as bare tokens. */
function pythonDumps(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(v, -0)) return '-0.0'; // as Python writes -0.0 (JSON.stringify drops the sign)
  if (Array.isArray(v)) return `[${v.map(pythonDumps).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${pythonDumps(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v);
}

/** The rule as first written: strict JSON.parse, and only when that fails on a text naming a token, the tokens outside strings read as numbers. */
function reference(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err;
  }
  let out = '';
  let last = 0;
  let inString = false;
  const marks: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => text.startsWith(t, i));
    if (token) {
      out += `${text.slice(last, i)}{"__token":${marks.length}}`;
      marks.push(token);
      i += token.length - 1;
      last = i + 1;
    }
  }
  const back = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(back);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Object.keys(o).length === 1 && typeof o.__token === 'number') return Number(marks[o.__token]);
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, back(x)]));
    }
    return v;
  };
  return back(JSON.parse(out + text.slice(last)));
}

const outcome = (f: () => unknown): { value?: unknown; error?: string } => {
  try {
    return { value: f() };
  } catch (e) {
    return { error: e instanceof SyntaxError ? 'SyntaxError' : String(e) };
  }
};

test('parsePythonJson: the tokens outside strings become numbers, inside strings they stay text', () => {
  assert.deepEqual(parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN -Infinity"}'), {
    a: NaN,
    b: [Infinity, -Infinity],
    c: 'NaN -Infinity',
  });
  assert.equal(parsePythonJson('-Infinity'), -Infinity);
  assert.deepEqual(parsePythonJson('{"q": "say \\"NaN\\"", "x": 1}'), { q: 'say "NaN"', x: 1 });
  assert.throws(() => parsePythonJson('{"a": NaN'), SyntaxError);
  assert.throws(() => parsePythonJson('{"a": "NaN"'), SyntaxError);
  assert.throws(() => parsePythonJson('{"a": nan}'), SyntaxError);
});

test('parsePythonJson reads what Python writes, NaN and infinities included', () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.double(),
      fc.constantFrom(NaN, Infinity, -Infinity),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
    ),
  })).v;
  // fast-check's dictionaries have no prototype; JSON.parse's objects do
  const plain = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(plain)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
        : v;
  fc.assert(
    fc.property(value, (v) => {
      assert.deepStrictEqual(parsePythonJson(pythonDumps(v)), plain(v));
    }),
    { numRuns: 500 },
  );
});

test('parsePythonJson agrees with the rule as first written on any text (same value or a SyntaxError)', () => {
  const piece = fc.oneof(
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '"', '\\', '{', '}', '[', ']', ':', ',', ' ', '1', '-', 'N', 'I'),
    fc.string({ maxLength: 4 }),
  );
  const text = fc.oneof(
    fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );
  fc.assert(
    fc.property(text, (t) => {
      assert.deepStrictEqual(
        outcome(() => parsePythonJson(t)),
        outcome(() => reference(t)),
      );
    }),
    { numRuns: 2000 },
  );
});
