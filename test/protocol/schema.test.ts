/** The webview payload schemas: each combinator's rules, and every view's schemas against arbitrary hostile values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  arrayOf,
  checkPayload,
  describeValue,
  dictionaryOf,
  empty,
  jsonData,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  type Schema,
} from '../../src/protocol/schema';
import { cascadeFrontierPayloads, MAX_SUBCASCADE_MODELS } from '../../src/protocol/payloads/cascadeFrontierPayloads';
import { cascadeRunnerPayloads } from '../../src/protocol/payloads/cascadeRunnerPayloads';
import { commonPayloads, MAX_EXPORT_BYTES } from '../../src/protocol/payloads/commonPayloads';
import { datasetGeneratorPayloads } from '../../src/protocol/payloads/datasetGeneratorPayloads';
import { economicEvaluationPayloads, optimalModelMapPayloads } from '../../src/protocol/payloads/economicsPayloads';
import { humanInTheLoopPayloads } from '../../src/protocol/payloads/humanInTheLoopPayloads';
import { modelOverviewPayloads } from '../../src/protocol/payloads/modelOverviewPayloads';
import { riskGuaranteePayloads } from '../../src/protocol/payloads/riskGuaranteePayloads';
import { compareLogsPayloads } from '../../src/protocol/payloads/compareLogsPayloads';

const refused = (s: Schema<unknown>, v: unknown): string => {
  const r = checkPayload(s, v, 'params');
  assert.equal(r.ok, false, `refused: ${describeValue(v)}`);
  return (r as { error: string }).error;
};
const accepted = <T>(s: Schema<T>, v: unknown): T => {
  const r = checkPayload(s, v, 'params');
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
};

test('strings: type, length and one-line rules, with the place named', () => {
  const s = string({ max: 5, min: 1, oneLine: true });
  assert.equal(accepted(s, 'abc'), 'abc');
  assert.equal(refused(s, 3), 'params: expected a string, got 3');
  assert.equal(refused(s, 'abcdef'), 'params: expected at most 5 characters, got "abcdef"');
  assert.equal(refused(s, ''), 'params: expected a non-empty string, got ""');
  assert.match(refused(s, 'a\u001bb'), /one line without control characters/);
  assert.match(
    refused(string({ max: 10 }), 'x'.repeat(1_000_000)),
    /got a string of 1000000 characters/,
    'a huge value is described, not quoted',
  );
});

test('numbers: finite, integer and bound rules; no NaN or Infinity gets through', () => {
  const rate = number({ above: 0, below: 1 });
  assert.equal(accepted(rate, 0.5), 0.5);
  for (const bad of [0, 1, -1, Number.NaN, Infinity, '0.5', null]) refused(rate, bad);
  const int = number({ integer: true, min: 1, max: 10 });
  assert.equal(accepted(int, 10), 10);
  for (const bad of [0, 11, 2.5, 2 ** 60]) refused(int, bad);
});

test('enums, arrays, nullable: values compared by includes, sizes bounded', () => {
  const e = oneOf(['a', 'b']);
  for (const bad of ['constructor', '__proto__', 'toString', 'c', 1]) refused(e, bad);
  const a = arrayOf(e, { max: 2 });
  assert.deepEqual(accepted(a, ['a', 'b']), ['a', 'b']);
  assert.match(refused(a, ['a', 'b', 'a']), /at most 2 items/);
  assert.match(refused(a, ['a', 'x']), /^params\[1\]: /);
  assert.equal(accepted(nullable(e), null), null);
  refused(a, { length: 1, 0: 'a' });
});

test('objects: own fields only, unknown and prototype keys left out, optional fields stay absent', () => {
  const s = object({ x: number(), tag: optional(string({ max: 3 })) });
  const hostile = JSON.parse(
    '{"x": 1, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "extra": 2}',
  ) as unknown;
  const v = accepted(s, hostile);
  assert.deepEqual(Object.keys(v), ['x']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype, 'the copy has the ordinary prototype, not the sent one');
  assert.equal(({} as { polluted?: boolean }).polluted, undefined, 'Object.prototype is untouched');
  assert.match(
    refused(s, Object.create({ x: 1 }) as unknown),
    /expected an object/,
    'an inherited field does not count (not a plain object)',
  );
  assert.match(refused(s, {}), /^params\.x: expected a finite number, got undefined/);
  refused(s, [1]);
  refused(s, new Date());
  assert.deepEqual(accepted(empty, JSON.parse('{"__proto__": 1, "a": 2}')), {});
});

test('dictionaries: bounded keys, no prototype keys, a result without prototype', () => {
  const d = dictionaryOf(string({ max: 10, min: 1 }), number(), { maxKeys: 3 });
  const v = accepted(d, { a: 1, b: 2 });
  assert.equal(Object.getPrototypeOf(v), null);
  assert.equal(v.toString, undefined, 'a lookup by a data key finds nothing inherited');
  assert.match(refused(d, JSON.parse('{"__proto__": 1}')), /no key named __proto__/);
  assert.match(refused(d, { constructor: 1 }), /no key named __proto__/);
  assert.match(refused(d, { a: 1, b: 2, c: 3, d: 4 }), /at most 3 keys/);
});

test('jsonData: depth, count and string limits; a deep or wide value is refused quickly', () => {
  const j = jsonData({ maxDepth: 2, maxValues: 100, maxString: 10 });
  assert.deepEqual(accepted(j, { a: [1, 'x', null, true] }), { a: [1, 'x', null, true] });
  refused(j, { a: { b: { c: 1 } } });
  refused(j, { a: Array.from({ length: 200 }, () => 1) });
  refused(j, { a: 'x'.repeat(11) });
  refused(j, { a: Number.NaN });
  refused(j, JSON.parse('{"__proto__": {}}'));
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const t0 = performance.now();
  refused(j, deep);
  assert.ok(performance.now() - t0 < 100, 'a 100 000-level array is refused at depth 2, no stack overflow');
});

const ALL = {
  cascadeFrontierPayloads,
  cascadeRunnerPayloads,
  datasetGeneratorPayloads,
  economicEvaluationPayloads,
  optimalModelMapPayloads,
  humanInTheLoopPayloads,
  modelOverviewPayloads,
  riskGuaranteePayloads,
  compareLogsPayloads,
  commonPayloads,
};
const every = Object.entries(ALL).flatMap(([view, p]) =>
  [...Object.entries(p.requests), ...Object.entries(p.notifications)].map(
    ([name, s]) => [`${view}.${name}`, s as Schema<unknown>] as const,
  ),
);

test('every schema of every view: any value is accepted or refused with a message, never thrown, never NaN', () => {
  assert.ok(every.length >= 29, `${every.length} schemas`);
  const hostile = fc.oneof(
    fc.anything({
      withObjectString: true,
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
    fc.jsonValue(),
  );
  for (const [name, s] of every) {
    fc.assert(
      fc.property(hostile, (v) => {
        const r = checkPayload(s, v, 'params');
        if (!r.ok) assert.match(r.error, /^params/, `${name}: the refusal names the place`);
        else
          assert.doesNotMatch(
            JSON.stringify(r.value) ?? 'null',
            /NaN|Infinity/,
            `${name}: a checked value is plain JSON`,
          );
      }),
      { numRuns: 200 },
    );
  }
});

test('view limits: sub-cascade size, export size, the archetype of `edited` must be valid', () => {
  const sel = {
    cascade: Array.from({ length: MAX_SUBCASCADE_MODELS + 1 }, (_, i) => `m${i}`),
    methods: ['rt'],
    trainSplit: 'train',
    testSplit: 'test',
    lowSample: null,
    seed: 1,
  };
  assert.match(refused(cascadeFrontierPayloads.requests.subCascades, { selection: sel }), /at most 8 models/);
  accepted(cascadeFrontierPayloads.requests.tune, { selection: sel });
  assert.match(
    refused(cascadeFrontierPayloads.requests.tune, {
      selection: { ...sel, cascade: Array.from({ length: 17 }, (_, i) => `m${i}`) },
    }),
    /at most 16 items/,
  );
  const big = 'A'.repeat(Math.ceil((MAX_EXPORT_BYTES * 4) / 3) + 8);
  refused(commonPayloads.requests.exportFile, { format: 'png', suggestedName: 'x.png', data: big });
  refused(commonPayloads.requests.exportFile, { format: 'exe', suggestedName: 'x', data: 'a' });
  assert.match(
    refused(datasetGeneratorPayloads.notifications.edited, { archetype: { n_clusters: -1 }, seed: 1 }),
    /n_clusters/,
  );
  assert.equal(
    accepted(datasetGeneratorPayloads.notifications.edited, { archetype: { n_clusters: 3 }, seed: 1 }).archetype
      ?.n_clusters,
    3,
  );
  assert.match(
    refused(economicEvaluationPayloads.requests.uncertain, {
      distributions: { error: { kind: 'discrete', values: [1, 2], probs: [0.5, 0.6] } },
      kinds: { models: true, cascades: true, abstention: false, routers: false },
      overhead: { cost: 0, latency: 0 },
    }),
    /sum to 1/,
  );
  assert.match(
    refused(economicEvaluationPayloads.requests.uncertain, {
      distributions: { error: { kind: 'magic' } },
      kinds: { models: true, cascades: true, abstention: false, routers: false },
      overhead: { cost: 0, latency: 0 },
    }),
    /kind: expected one of/,
  );
  // The routers' overhead c₀, l₀: finite, ≥ 0, present.
  const kinds = { models: true, cascades: true, abstention: false, routers: true };
  const boot = (overhead: unknown) => ({ prices: { error: 1, latency: 0, abstain: 0 }, kinds, overhead });
  assert.deepEqual(
    accepted(economicEvaluationPayloads.requests.bootstrap, boot({ cost: 0.001, latency: 0.2 })).overhead,
    { cost: 0.001, latency: 0.2 },
  );
  for (const bad of [
    { cost: -0.001, latency: 0 },
    { cost: 0, latency: Number.NaN },
    { cost: 0, latency: 1e9 },
    { cost: 0 },
    undefined,
  ])
    assert.match(refused(economicEvaluationPayloads.requests.bootstrap, boot(bad)), /overhead/, JSON.stringify(bad));
  refused(optimalModelMapPayloads.requests.compute, {
    priceAbstain: 0,
    kinds,
    overhead: { cost: Infinity, latency: 0 },
  });
});
