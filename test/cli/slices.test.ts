import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliJson as json, runCli } from '../helpers/runCli';
import { realLog } from '../helpers/paths';

// --where and --by must give exactly what the same command gives on a log filtered by hand
// (the bundled real logs: MMLU and MedMCQA answered by five Llama models, train and test splits).

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-slices-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const BOTH = [realLog('mmlu-llama'), realLog('medmcqa-llama')];

/** The lines of the bundled logs that `keep` accepts, written to a new file. */
function handFiltered(name: string, keep: (o: Record<string, unknown>) => boolean): string {
  const lines = BOTH.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && keep(JSON.parse(l) as Record<string, unknown>)),
  );
  const f = join(dir, name);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

test('summary --where task=… and split=… (AND) equals summary of the hand-filtered log', async () => {
  const byHand = handFiltered('medmcqa-test.jsonl', (o) => o.task === 'medmcqa' && o.split === 'test');
  const sliced = await json(
    'summary',
    ...BOTH,
    '--where',
    'task=medmcqa',
    '--where',
    'split=test',
    '--bootstrap',
    '300',
  );
  const plain = await json('summary', byHand, '--bootstrap', '300');
  assert.deepEqual(sliced.models, plain.models);
  assert.equal((sliced.models as { n: number }[])[0].n, 1000); // MedMCQA's test split: 1000 of its 1300 queries
});

test('the same field twice is OR: two models kept, equal to the hand-filtered log', async () => {
  const byHand = handFiltered('two-models.jsonl', (o) => o.model === 'llama3.2-1b' || o.model === 'llama3.1-405b');
  const sliced = await json(
    'summary',
    ...BOTH,
    '--where',
    'model=llama3.2-1b',
    '--where',
    'model=llama3.1-405b',
    '--bootstrap',
    '300',
  );
  const plain = await json('summary', byHand, '--bootstrap', '300');
  assert.deepEqual(sliced.models, plain.models);
  assert.deepEqual(
    (sliced.models as { model: string }[]).map((m) => m.model),
    ['llama3.2-1b', 'llama3.1-405b'],
  );
});

test('summary --by task: one table per task, equal to the summary of each file alone', async () => {
  const sliced = await json('summary', ...BOTH, '--by', 'task', '--bootstrap', '300');
  const slices = sliced.slices as { field: string; value: string; models: unknown }[];
  assert.deepEqual(
    slices.map((s) => [s.field, s.value]),
    [
      ['task', 'mmlu'],
      ['task', 'medmcqa'],
    ],
  );
  assert.deepEqual(slices[0].models, (await json('summary', BOTH[0], '--bootstrap', '300')).models);
  assert.deepEqual(slices[1].models, (await json('summary', BOTH[1], '--bootstrap', '300')).models);
  const text = await runCli('summary', ...BOTH, '--by', 'task', '--bootstrap', '0');
  assert.match(text.out, /per task:\ntask\s+model\s+n\s+accuracy/);
});

test('econ --where (a command that fits thresholds on train) equals econ on the hand-filtered log', async () => {
  const byHand = handFiltered('medmcqa.jsonl', (o) => o.task === 'medmcqa');
  const args = ['--price-error', '0.01,1', '--price-latency', '0.001', '--bootstrap', '200', '--candidates', 'all'];
  const sliced = await json('econ', ...BOTH, '--where', 'task=medmcqa', ...args);
  const plain = await json('econ', byHand, ...args);
  // Everything but the run time of the bootstrap.
  const timeless = (grid: unknown) =>
    JSON.parse(JSON.stringify(grid, (k, v: unknown) => (k === 'seconds' ? undefined : v))) as unknown;
  assert.deepEqual(timeless(sliced.grid), timeless(plain.grid));
  assert.equal((sliced.grid as unknown[]).length, 2);
});

test('a field or value not in the log: exit 2 with one line listing what the log has', async () => {
  const field = await runCli('summary', ...BOTH, '--where', 'subject=anatomy');
  assert.equal(field.code, 2);
  assert.equal(
    field.err,
    'costrisk summary: --where: the log has no field "subject"; its fields: task (2 values), split (2 values), task_type (1 value), signal (1 value), model (5 values)',
  );
  const value = await runCli('econ', ...BOTH, '--where', 'task=gsm8k', '--price-error', '1');
  assert.equal(value.code, 2);
  assert.equal(value.err, 'costrisk econ: --where: field "task" has no value "gsm8k"; its values: "mmlu", "medmcqa"');
  const by = await runCli('summary', ...BOTH, '--by', 'subject');
  assert.equal(by.code, 2);
  assert.match(by.err, /^costrisk summary: --by: the log has no field "subject"; its fields: task \(2 values\)/);
  const none = await runCli('summary', BOTH[0], '--where', 'split=train', '--where', 'model=nobody');
  assert.equal(none.code, 2);
  assert.match(none.err, /field "model" has no value "nobody"; its values: "llama3.2-1b", "llama3.2-3b"/);
  const empty = await runCli('summary', ...BOTH, '--where', 'task=mmlu', '--where', 'split=nothing=here');
  assert.equal(empty.code, 2);
  const syntax = await runCli('summary', ...BOTH, '--where', 'task');
  assert.equal(syntax.code, 2);
  assert.equal(syntax.err, 'costrisk summary: --where: "task" is not field=value (e.g. task=mmlu)');
});

test('labels: short text fields of JSONL and CSV logs are fields to slice by; long text is not', async () => {
  const long = 'x'.repeat(101);
  const lines = [
    { query_id: 'q1', model: 'a', correct: true, cost_usd: 0.1, subject: 'anatomy', note: long },
    { query_id: 'q2', model: 'a', correct: false, cost_usd: 0.3, subject: 'virology', note: long },
    { query_id: 'q3', model: 'a', correct: true, cost_usd: 0.5, subject: 'anatomy' },
    { query_id: 'q1', model: 'b', correct: false, cost_usd: 0.2, subject: 'anatomy' },
  ];
  const jsonl = join(dir, 'labels.jsonl');
  writeFileSync(jsonl, lines.map((l) => JSON.stringify(l)).join('\n'));
  const csv = join(dir, 'labels.csv');
  writeFileSync(
    csv,
    [
      'query_id,model,correct,cost_usd,subject',
      ...lines.map((l) => `${l.query_id},${l.model},${l.correct},${l.cost_usd}, ${l.subject}`),
    ].join('\n'),
  );
  for (const file of [jsonl, csv]) {
    const fields = (await json('fields', file)).fields as {
      field: string;
      values: { value: string; records: number }[];
    }[];
    assert.deepEqual(fields.find((f) => f.field === 'subject')?.values, [
      { value: 'anatomy', records: 3 },
      { value: 'virology', records: 1 },
    ]);
    assert.equal(
      fields.find((f) => f.field === 'note'),
      undefined,
    );
    const models = (await json('summary', file, '--where', 'subject=anatomy', '--bootstrap', '0')).models as {
      model: string;
      n: number;
      accuracy: number;
      mean_cost_usd: number;
    }[];
    // By hand: model a answered q1 (right, $0.1) and q3 (right, $0.5) on anatomy; model b q1 (wrong, $0.2).
    assert.deepEqual(
      models.map((m) => [m.model, m.n, m.accuracy]),
      [
        ['a', 2, 1],
        ['b', 1, 0],
      ],
    );
    assert.ok(Math.abs(models[0].mean_cost_usd - 0.3) < 1e-12);
    const by = (await json('summary', file, '--by', 'subject', '--bootstrap', '0')).slices as {
      value: string;
      models: { model: string; n: number }[];
    }[];
    assert.deepEqual(
      by.map((s) => [s.value, s.models.map((m) => `${m.model}:${m.n}`)]),
      [
        ['anatomy', ['a:2', 'b:1']],
        ['virology', ['a:1']],
      ],
    );
  }
});
