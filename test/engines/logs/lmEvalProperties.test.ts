import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { anyText } from '../../helpers/anyText';
import { EvalLogError, readEvalLog } from '../../../src/node/logs/readEvalLog';
import { readLmEval } from '../../../src/node/logs/readLmEval';
import type { ReadLogResult, ReadOptions } from '../../../src/engines/logs/types';
import { FIXTURES } from '../../helpers/paths';

// Random and mutated lm-eval samples files (JSON Lines and 0.4.0–0.4.2 arrays, with or without a
// results file beside them): reading never throws anything but EvalLogError, never yields a
// non-finite number, and stays fast.
const REAL = join(FIXTURES, 'logs', 'lm-eval', 'real');
const linesOf = (f: string): string[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
const BASE_LINES = [
  ...linesOf(
    join(REAL, 'v0.4.13', 'Qwen__Qwen3-8B', 'samples_negotiationtom_belief_2026-07-08T18-15-33.115417.jsonl'),
  ).slice(0, 3),
  ...linesOf(
    join(REAL, 'v0.4.13', 'Qwen__Qwen3-8B', 'samples_negotiationtom_intention_2026-07-08T18-15-33.115417.jsonl'),
  ).slice(0, 2),
  ...linesOf(join(REAL, 'v0.4.8', 'results', 'samples_truthfulqa_gen_2025-05-31T14-30-51.983293.jsonl')).slice(0, 2),
  ...linesOf(
    join(REAL, 'v0.4.8', 'gpt-4o-mini', 'samples_polymer_tg_prediction_2025-06-30T19-40-09.461247.jsonl'),
  ).slice(0, 2),
  ...linesOf(
    join(FIXTURES, 'logs', 'lm-eval', 'Qwen__Qwen2.5-0.5B-Instruct', 'samples_gsm8k_2024-11-21T08-02-44.118210.jsonl'),
  ),
];
const WMDP_ELEMENTS = (
  JSON.parse(
    readFileSync(join(REAL, 'v0.4.2-array', 'out', 'model__gpt-3.5-turbo-0125_wmdp_bio.jsonl'), 'utf8'),
  ) as unknown[]
).slice(0, 4);
const RESULTS = [
  readFileSync(join(REAL, 'v0.4.13', 'Qwen__Qwen3-8B', 'results_2026-07-08T18-15-33.115417.json'), 'utf8'),
  readFileSync(join(REAL, 'v0.4.2-array', 'out', 'results.json'), 'utf8'),
  readFileSync(join(REAL, 'v0.4.8', 'gpt-4o-mini', 'results_2025-06-30T19-40-09.461247.json'), 'utf8'),
];

let dir = '';
let n = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'lmeval-props-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Text edits a broken tool or a bad copy would make. */
const mutate = (text: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(text),
    fc.nat(Math.max(0, text.length - 1)).map((k) => text.slice(0, k)),
    fc.tuple(fc.nat(text.length), fc.nat(40)).map(([k, len]) => text.slice(0, k) + text.slice(k + len)),
    fc.tuple(fc.nat(text.length), anyText({ maxLength: 8 })).map(([k, s]) => text.slice(0, k) + s + text.slice(k)),
    fc
      .constantFrom('[', ']', '{', '}', '"', ',', '\\', 'NaN', 'Infinity', '-Infinity', 'null', '\n')
      .chain((tok) => fc.nat(text.length).map((k) => text.slice(0, k) + tok + text.slice(k))),
  );

/** A sample object with some values replaced by odd but well-formed JSON (wrong types, NaN/Infinity as Python writes them). */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'inf', '-inf', '1e309', '', 'True', 'False'),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, -0, 2, -1, 0.5),
  fc.constant([
    ['-1e309', 'True'],
    ['NaN', 'False'],
  ]),
  fc.constant([[['-Infinity', 'False']], [['0.5', 'True']]]),
);
const KEYS = [
  'doc_id',
  'doc',
  'target',
  'arguments',
  'resps',
  'filtered_resps',
  'filter',
  'metrics',
  'acc',
  'acc_norm',
  'exact_match',
  'bleu_max',
  'bleu_acc',
  'micro_f1',
  'mae',
  'question',
  'confidence',
  'logprob',
];
const oddSample = fc
  .tuple(fc.constantFrom(...BASE_LINES), fc.array(fc.tuple(fc.constantFrom(...KEYS), oddValue), { maxLength: 4 }))
  .map(([line, edits]) => {
    const o = JSON.parse(line.replace(/\bInfinity\b/g, '1e999')) as Record<string, unknown>;
    for (const [k, v] of edits) o[k] = v;
    return JSON.stringify(o).replace(/"(NaN|-?Infinity)"/g, '$1');
  });

const jsonlFile = fc
  .array(fc.oneof(fc.constantFrom(...BASE_LINES).chain(mutate), oddSample, fc.constantFrom(...BASE_LINES)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((lines) => lines.join('\n'));
const arrayFile = fc
  .array(
    fc.oneof(
      fc.constantFrom(...WMDP_ELEMENTS),
      oddSample.map((s) => JSON.parse(s.replace(/(NaN|-?Infinity)\b/g, 'null')) as unknown),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .chain((els) => mutate(JSON.stringify(els, null, 2)));
const resultsFile = fc.option(fc.constantFrom(...RESULTS).chain(mutate), { nil: undefined });
const options: fc.Arbitrary<ReadOptions> = fc.record(
  {
    lmEvalMetric: fc.constantFrom('acc', 'micro_f1', 'bleu_max', 'nope'),
    lmEvalFilter: fc.constantFrom('strict-match', 'flexible-extract', 'none', 'other'),
  },
  { requiredKeys: [] },
);

/** Writes one run folder: the samples file (named as 0.4.3+ or 0.4.0–0.4.2 would) and maybe a results file. */
const writeRun = (samples: string, results: string | undefined, legacy: boolean): string => {
  const d = join(dir, `run${n++}`, legacy ? 'out' : 'org__model');
  mkdirSync(d, { recursive: true });
  const f = join(
    d,
    legacy
      ? 'pretrained__org__model,dtype__float32_negotiationtom_belief.jsonl'
      : 'samples_negotiationtom_belief_2026-07-08T18-15-33.115417.jsonl',
  );
  writeFileSync(f, samples);
  if (results !== undefined)
    writeFileSync(join(d, legacy ? 'results.json' : 'results_2026-07-08T18-15-33.115417.json'), results);
  return f;
};

/** No NaN or Infinity anywhere in what a read returns; scores and confidences within [0, 1]. */
const assertFinite = (r: ReadLogResult): void => {
  for (const x of r.records) {
    assert.ok(Number.isFinite(x.score) && x.score >= 0 && x.score <= 1, `score ${x.score}`);
    assert.ok(
      x.confidence === null || (Number.isFinite(x.confidence) && x.confidence >= 0 && x.confidence <= 1),
      `confidence ${String(x.confidence)}`,
    );
    assert.ok(x.logprob === null || (Number.isFinite(x.logprob) && x.logprob <= 0), `logprob ${String(x.logprob)}`);
    for (const v of Object.values(x.extra ?? {}))
      assert.ok(typeof v === 'boolean' || Number.isFinite(v), `extra ${String(v)}`);
    for (const v of [x.costUsd, x.latencyS, x.inputTokens, x.outputTokens]) assert.equal(v, null);
  }
  for (const p of [...r.skipped, ...r.warnings])
    assert.ok(p.line === null || (Number.isInteger(p.line) && p.line >= 0), `line ${String(p.line)}`);
};

const readBoth = async (f: string, opts: ReadOptions): Promise<void> => {
  const started = Date.now();
  for (const read of [readLmEval, readEvalLog]) {
    try {
      assertFinite(await read(f, opts));
    } catch (err) {
      if (err instanceof assert.AssertionError || !(err instanceof EvalLogError)) throw err;
    }
  }
  assert.ok(Date.now() - started < 3000, 'a small file reads in well under 3 s');
};

test(
  'mutated JSON Lines samples files never throw but EvalLogError and never yield a non-finite number',
  { timeout: 240_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(jsonlFile, resultsFile, fc.boolean(), options, async (samples, results, legacy, opts) => {
        await readBoth(writeRun(samples, results, legacy), opts);
      }),
      { numRuns: 150 },
    );
  },
);

test(
  'mutated 0.4.0–0.4.2 JSON-array samples files never throw but EvalLogError and never yield a non-finite number',
  { timeout: 240_000 },
  async () => {
    await fc.assert(
      fc.asyncProperty(arrayFile, resultsFile, fc.boolean(), options, async (samples, results, legacy, opts) => {
        await readBoth(writeRun(samples, results, legacy), opts);
      }),
      { numRuns: 150 },
    );
  },
);

test('valid arrays: every element is read exactly once, whatever the whitespace between them', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.constantFrom(...WMDP_ELEMENTS), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('', ' ', '\n', '\r\n', '\n\n  '),
      async (els, ws) => {
        const body = els
          .map((e, i) =>
            JSON.stringify({ ...(e as Record<string, unknown>), doc_id: i }, null, ws === '' ? undefined : 2),
          )
          .join(`${ws},${ws}`);
        const f = writeRun(`${ws}[${ws}${body}${ws}]${ws}`, RESULTS[1], false);
        const r = await readLmEval(f);
        assert.deepEqual(r.skipped, []);
        assert.equal(r.records.length, els.length);
        assert.deepEqual(
          r.records.map((x) => x.queryId),
          els.map((_e, i) => `negotiationtom_belief/${i}`),
        );
      },
    ),
    { numRuns: 60 },
  );
});

test('a large array (20,000 samples, 15 MB) is read in bounded time', { timeout: 60_000 }, async () => {
  const el = JSON.stringify(WMDP_ELEMENTS[0], null, 2);
  const parts: string[] = [];
  for (let i = 0; i < 20_000; i++) parts.push(el.replace('"doc_id": 0', `"doc_id": ${i}`));
  const f = writeRun(`[\n${parts.join(',\n')}\n]`, RESULTS[1], true);
  const started = Date.now();
  const r = await readLmEval(f);
  assert.equal(r.records.length, 20_000);
  assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
});
