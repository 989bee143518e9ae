import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { nonFinitePath } from '../../src/cli/nonFinitePath';

// Every log-reading command on logs built to provoke NaN and Infinity (absurd-but-allowed values,
// degenerate models, one query, models named after Object.prototype members): no bug exit, no
// non-finite number in --json (main refuses to print one), no "NaN" or "Infinity" in the text.

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'output-scan-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic pseudo-random stream (the logs must be the same on every run). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

type Row = Record<string, unknown>;
function write(name: string, rows: Row[], raw: string[] = []): string {
  const f = join(dir, name);
  writeFileSync(f, [...rows.map((r) => JSON.stringify(r)), ...raw].join('\n') + '\n');
  return f;
}

function randomLog(
  models: string[],
  n: number,
  seed: number,
  extra: (q: number, m: number, rnd: () => number) => Row = () => ({}),
): Row[] {
  const rnd = lcg(seed);
  const rows: Row[] = [];
  for (let q = 0; q < n; q++) {
    for (const [i, model] of models.entries()) {
      const correct = rnd() < 0.35 + 0.15 * i;
      rows.push({
        query_id: `q${q}`,
        model,
        correct,
        confidence: Math.min(1, Math.max(0, (correct ? 0.6 : 0.4) + 0.4 * (rnd() - 0.5))),
        cost_usd: 0.001 * (i + 1),
        latency_s: 0.5 * (i + 1),
        input_tokens: 100,
        output_tokens: 10 + i,
        split: q % 2 ? 'test' : 'train',
        ...extra(q, i, rnd),
      });
    }
  }
  return rows;
}

const LOGS: { name: string; models: [string, string]; make: () => string }[] = [
  {
    name: 'prototype-named models',
    models: ['constructor', '__proto__'],
    make: () => write('proto.jsonl', randomLog(['constructor', '__proto__', 'toString', 'hasOwnProperty'], 120, 1)),
  },
  {
    name: 'values at the plausibility bounds',
    models: ['a', 'b'],
    make: () =>
      write(
        'extreme.jsonl',
        randomLog(['a', 'b'], 120, 2, (q, m, rnd) => ({
          cost_usd: m ? 1e6 : 1e-300,
          latency_s: m ? 1e7 : 0,
          input_tokens: 1e9,
          output_tokens: 1e9,
          confidence: rnd() < 0.5 ? 0 : 1,
          toxicity: m ? 1e15 : -1e15,
          leak: q % 3 === 0,
        })),
      ),
  },
  {
    name: 'degenerate models (always right, always wrong, constant confidence, no cost)',
    models: ['right', 'wrong'],
    make: () =>
      write(
        'degenerate.jsonl',
        randomLog(['right', 'wrong'], 60, 3, (_q, m) => ({
          correct: m === 0,
          confidence: 0.5,
          cost_usd: 0,
          latency_s: null,
        })),
      ),
  },
  {
    name: 'a cost, a latency or a token count beyond the bounds on every other query (those lines are skipped)',
    models: ['a', 'b'],
    make: () =>
      write(
        'absurd.jsonl',
        randomLog(
          ['a', 'b'],
          120,
          6,
          (q) =>
            [{}, { cost_usd: 1e308 }, {}, { latency_s: 1.7e308 }, {}, { output_tokens: 2 ** 60, cost_usd: undefined }][
              q % 6
            ],
        ),
      ),
  },
  { name: 'one query per model', models: ['a', 'b'], make: () => write('tiny.jsonl', randomLog(['a', 'b'], 1, 4)) },
  {
    name: 'log-probs only, -Infinity among them; huge query ids',
    models: ['a', 'b'],
    make: () =>
      write(
        'logprob.jsonl',
        [],
        randomLog(['a', 'b'], 80, 5).map((r, i) =>
          JSON.stringify({ ...r, confidence: undefined, query_id: undefined }).replace(
            /^\{/,
            `{"query_id": ${9007199254740993n + BigInt(Math.floor(i / 2))}, "logprob": ${i % 7 === 0 ? '-Infinity' : i % 5 === 0 ? '-1e308' : -(i % 13) / 10}, `,
          ),
        ),
      ),
  },
];

const COMMANDS = (a: string, b: string): string[][] => [
  ['summary'],
  ['calibrate'],
  ['econ', '--price-error', '0,1,1e6', '--price-latency', '0,1', '--candidates', 'all', '--price-abstain', '0.5'],
  ['tune', '--cascade', `${a},${b}`, '--method', 'rt'],
  ['abstain', '--model', a],
  ['failfast', '--fast', a, '--reasoning', b, '--utilization', '0.5', '--rejection', '0.1'],
  ['guarantee', '--model', a, '--alpha', '0.2', '--delta', '0.1'],
  ['guarantee', '--model', a, '--strong', b, '--alpha', '0.2', '--delta', '0.1'],
];

for (const log of LOGS) {
  test(`no NaN or Infinity in any command's output: ${log.name}`, async () => {
    const file = log.make();
    for (const args of COMMANDS(...log.models)) {
      for (const json of [true, false]) {
        const r = await runCli(args[0], file, ...args.slice(1), ...(json ? ['--json'] : []));
        const what = `${args.join(' ')}${json ? ' --json' : ''}: ${r.err}`;
        assert.notEqual(r.code, 1, `no bug exit: ${what}`);
        assert.doesNotMatch(r.err, /internal error/, what);
        if (r.code !== 0) continue; // a one-line user error (e.g. too few queries) is a fine answer
        if (json) assert.equal(nonFinitePath(JSON.parse(r.out)), null, what);
        else assert.doesNotMatch(r.out, /\bNaN\b|Infinity/, what);
      }
    }
  });
}

test('nonFinitePath names the first number JSON cannot hold', () => {
  assert.equal(nonFinitePath({ a: [1, { b: 2 }], c: 'x', d: null }), null);
  assert.equal(nonFinitePath({ a: [1, { b: NaN }] }), 'a[1].b');
  assert.equal(nonFinitePath({ rewards: { 'a>b': -Infinity } }), 'rewards["a>b"]');
  assert.equal(nonFinitePath(Float64Array.of(1, Infinity)), '[1]');
  assert.equal(nonFinitePath(NaN), '(the result)');
});
