import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/runCli';
import { realLog } from '../helpers/paths';
import { assertClose } from '../helpers/assertClose';

interface Line {
  query_id: string;
  model: string;
  correct: boolean;
  cost_usd: number;
  split: string;
}
const lines = (name: Parameters<typeof realLog>[0]): Line[] =>
  readFileSync(realLog(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

test('two models of one log (test split): agreement counted from the raw lines, McNemar against scipy, cost difference exact', async () => {
  const r = await runCli(
    'compare',
    realLog('mmlu-llama'),
    '--model-a',
    'llama3.1-8b',
    '--model-b',
    'llama3.1-70b',
    '--where',
    'split=test',
    '--bootstrap',
    '500',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as {
    matched: number;
    agreement: Record<string, number>;
    mcnemar: { method: string; statistic: number; p_value: number };
    cost_usd: { difference: number; ci_low: number; ci_high: number };
  };
  const test = lines('mmlu-llama').filter((l) => l.split === 'test');
  const of = (m: string) => new Map(test.filter((l) => l.model === m).map((l) => [l.query_id, l]));
  const a = of('llama3.1-8b');
  const b = of('llama3.1-70b');
  const count = { both_right: 0, only_a_right: 0, only_b_right: 0, both_wrong: 0 };
  let costDiff = 0;
  for (const [q, x] of a) {
    const y = b.get(q) as Line;
    count[
      x.correct && y.correct ? 'both_right' : x.correct ? 'only_a_right' : y.correct ? 'only_b_right' : 'both_wrong'
    ]++;
    costDiff += x.cost_usd - y.cost_usd;
  }
  assert.equal(j.matched, a.size);
  assert.deepEqual(j.agreement, count);
  assert.deepEqual(count, { both_right: 906, only_a_right: 64, only_b_right: 341, both_wrong: 220 });
  // scipy 1.17: chi2.sf((|64 − 341| − 1)² / 405, 1) (computed with scipy and pasted); 1e-9 relative as in the engine's test.
  assert.equal(j.mcnemar.method, 'chi2');
  assertClose(j.mcnemar.statistic, 188.0888888888889, { rel: 1e-12 });
  assertClose(j.mcnemar.p_value, 8.307993424930228e-43, { rel: 1e-9 });
  assertClose(j.cost_usd.difference, costDiff / a.size, { rel: 1e-9 });
  assert.ok(j.cost_usd.ci_low <= j.cost_usd.difference && j.cost_usd.difference <= j.cost_usd.ci_high);
  const text = await runCli(
    'compare',
    realLog('mmlu-llama'),
    '--model-a',
    'llama3.1-8b',
    '--model-b',
    'llama3.1-70b',
    '--where',
    'split=test',
    '--bootstrap',
    '0',
  );
  assert.match(text.out, /A right\s+906\s+64\nA wrong\s+341\s+220/);
  assert.match(text.out, /McNemar's test of equal accuracy: p = 8\.31e-43 \(χ² = 188\.089/);
});

test('two logs: the same queries by two model families; --model-a/--model-b pick one model in each', async () => {
  const r = await runCli(
    'compare',
    realLog('mmlu-llama'),
    realLog('mmlu-qwen-oai'),
    '--model-a',
    'llama3.1-405b',
    '--model-b',
    'gpt-4o',
    '--bootstrap',
    '0',
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as {
    matched: number;
    a: { model: string };
    b: { model: string };
    agreement: Record<string, number>;
    mcnemar: { p_value: number };
  };
  assert.equal(j.matched, 1816);
  assert.deepEqual([j.a.model, j.b.model], ['llama3.1-405b', 'gpt-4o']);
  assert.deepEqual(j.agreement, { both_right: 1392, only_a_right: 144, only_b_right: 113, both_wrong: 167 });
  // scipy 1.17: chi2.sf((|144 − 113| − 1)² / 257, 1), pasted.
  assertClose(j.mcnemar.p_value, 0.06129678045818562, { rel: 1e-9 });
});

test('hostile choices: exit 2 with one line naming the models', async () => {
  const many = await runCli('compare', realLog('mmlu-llama'));
  assert.equal(many.code, 2);
  assert.equal(
    many.err,
    'costrisk compare: with one log, name the two models with --model-a and --model-b (models: llama3.2-1b, llama3.2-3b, llama3.1-8b, llama3.1-70b, llama3.1-405b)',
  );
  const unknown = await runCli('compare', realLog('mmlu-llama'), realLog('mmlu-qwen-oai'), '--model', 'gpt-4o');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /--model: .*mmlu-llama\.jsonl has no model "gpt-4o"; its models: llama3\.2-1b/);
  const same = await runCli('compare', realLog('mmlu-llama'), '--model-a', 'llama3.1-8b', '--model-b', 'llama3.1-8b');
  assert.equal(same.code, 2);
  const disjoint = await runCli('compare', realLog('mmlu-llama'), realLog('medmcqa-llama'), '--model', 'llama3.1-8b');
  assert.equal(disjoint.code, 2);
  assert.match(disjoint.err, /answered no query in common \(queries are matched by query_id\)$/);
  const three = await runCli('compare', 'a', 'b', 'c');
  assert.equal(three.code, 2);
});
