import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { assertClose } from '../helpers/assertClose';
import { FIXTURES, ROOT, realLog } from '../helpers/paths';
import { builtCli } from '../helpers/builtCli';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-summary-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

const MODEL_KEYS = [
  'model',
  'n',
  'accuracy',
  'mean_cost_usd',
  'cost_source',
  'mean_latency_s',
  'mean_output_tokens',
  'mean_reasoning_tokens',
  'share_conf_0',
  'share_conf_1',
  'accuracy_ci',
  'mean_cost_usd_ci',
];

/** Wilson score interval written out independently of the engine: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = Φ⁻¹(0.975). */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const mid = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(mid - half) / (1 + (z * z) / n), (mid + half) / (1 + (z * z) / n)];
}

/** Independent re-computation from the raw lines (Python's -Infinity token mapped by hand). */
function expectedFromRaw(file: string, split: string) {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l.replace(/-Infinity/g, '-1e999')) as Record<string, number | string | boolean>)
    .filter((r) => r.split === split);
  const byModel = new Map<string, typeof rows>();
  for (const r of rows) byModel.set(r.model as string, [...(byModel.get(r.model as string) ?? []), r]);
  return [...byModel].map(([model, rs]) => {
    const mean = (k: string) => rs.reduce((s, r) => s + (r[k] as number), 0) / rs.length;
    return {
      model,
      n: rs.length,
      accuracy: rs.filter((r) => r.correct === true).length / rs.length,
      cost: mean('cost_usd'),
      latency: mean('latency_s'),
      outTokens: mean('output_tokens'),
      conf0: rs.filter((r) => r.logprob === -Infinity).length / rs.length,
      conf1: rs.filter((r) => r.logprob === 0).length / rs.length,
    };
  });
}

test('summary --json on the real MMLU Llama log: the exact shape of issue 2 and the test accuracies', async () => {
  const { code, out, err } = await run('summary', realLog('mmlu-llama'), '--split', 'test', '--json');
  assert.equal(code, 0);
  assert.equal(err, '');
  const o = JSON.parse(out) as { models: Record<string, unknown>[]; skipped: unknown[]; adapter: string };
  assert.deepEqual(Object.keys(o), ['models', 'adapter', 'warnings', 'skipped']);
  assert.equal(o.adapter, 'native');
  assert.deepEqual(o.skipped, []);
  for (const m of o.models) assert.deepEqual(Object.keys(m), MODEL_KEYS);
  assert.deepEqual(
    o.models.map((m) => m.model),
    ['llama3.2-1b', 'llama3.2-3b', 'llama3.1-8b', 'llama3.1-70b', 'llama3.1-405b'],
  );
  // Reference: issue 2 quotes the test accuracies to three places, so half a unit in the third place.
  [0.425, 0.572, 0.634, 0.815, 0.852].forEach((acc, i) =>
    assertClose(o.models[i].accuracy as number, acc, { abs: 0.0005 }, o.models[i].model as string),
  );
  assert.ok(
    o.models.every((m) => m.n === 1531),
    'n counts the records of the chosen split',
  );
});

test('summary --json per-model means match an independent re-computation from the raw lines (both logs, both splits)', async () => {
  for (const name of ['mmlu-llama', 'mmlu-qwen-oai'] as const) {
    for (const split of ['train', 'test']) {
      const { out } = await run('summary', realLog(name), '--split', split, '--json');
      const got = (JSON.parse(out) as { models: Record<string, number | string>[] }).models;
      const exp = expectedFromRaw(realLog(name), split);
      assert.deepEqual(
        got.map((m) => [m.model, m.n]),
        exp.map((e) => [e.model, e.n]),
      );
      got.forEach((m, i) => {
        const e = exp[i];
        const what = `${name}/${split}/${e.model}`;
        // Same sums in a possibly different order: agreement to rounding (1e-12 relative).
        assertClose(m.accuracy as number, e.accuracy, { abs: 1e-12 }, `${what} accuracy`);
        assertClose(m.mean_cost_usd as number, e.cost, { rel: 1e-12 }, `${what} cost`);
        assertClose(m.mean_latency_s as number, e.latency, { rel: 1e-12 }, `${what} latency`);
        assertClose(m.mean_output_tokens as number, e.outTokens, { rel: 1e-12 }, `${what} output tokens`);
        assertClose(m.share_conf_0 as number, e.conf0, { abs: 1e-12 }, `${what} share conf 0`);
        assertClose(m.share_conf_1 as number, e.conf1, { abs: 1e-12 }, `${what} share conf 1`);
        // Right/wrong scores: the accuracy interval is Wilson's, recomputed here from the raw counts.
        const ci = m.accuracy_ci as unknown as { ci_low: number; ci_high: number; method: string };
        const [lo, hi] = wilson(Math.round(e.accuracy * e.n), e.n);
        assert.equal(ci.method, 'wilson');
        assertClose(ci.ci_low, lo, { abs: 1e-12 }, `${what} accuracy ci_low`);
        assertClose(ci.ci_high, hi, { abs: 1e-12 }, `${what} accuracy ci_high`);
        const cost = m.mean_cost_usd_ci as unknown as { ci_low: number; ci_high: number; method: string };
        assert.equal(cost.method, 'bootstrap');
        assert.ok(cost.ci_low < e.cost && e.cost < cost.ci_high, `${what}: the cost interval contains the mean`);
      });
    }
  }
  // The mixed chain has API models that report log-prob 0 (confidence exactly 1): the share must show it.
  const { out } = await run('summary', realLog('mmlu-qwen-oai'), '--json');
  assert.ok((JSON.parse(out) as { models: { share_conf_1: number }[] }).models.some((m) => m.share_conf_1 > 0));
});

test('without --split, n counts every record of the model (train + test)', async () => {
  const { out } = await run('summary', realLog('mmlu-llama'), '--json');
  const o = JSON.parse(out) as { models: { n: number }[] };
  assert.ok(o.models.every((m) => m.n === 285 + 1531));
});

test('skipped lines are listed with file, line and reason; the valid lines are summarised', async () => {
  const f = write(
    'mixed.jsonl',
    [
      '{"query_id": "q1", "model": "a", "correct": true, "logprob": 0, "cost_usd": 0.001, "latency_s": 1, "output_tokens": 3}',
      '{"query_id": "q2", "model": "a", "correct": "maybe"}',
      '{"query_id": "q3", "model": "a", "correct": false, "logprob": -Infinity, "cost_usd": 0.003, "latency_s": 2, "output_tokens": 5}',
      '{"query_id": "q4", "model": "a"',
    ].join('\n'),
  );
  const { code, out } = await run('summary', f, '--json');
  assert.equal(code, 0);
  const o = JSON.parse(out) as {
    models: Record<string, unknown>[];
    skipped: { file: string; line: number; reason: string }[];
  };
  const { accuracy_ci: acc, ...rest } = o.models[0] as { accuracy_ci: { ci_low: number; ci_high: number } };
  const [lo, hi] = wilson(1, 2);
  assertClose(acc.ci_low, lo, { abs: 1e-12 }, 'Wilson low end of 1/2');
  assertClose(acc.ci_high, hi, { abs: 1e-12 }, 'Wilson high end of 1/2');
  // Cost: resamples of {0.001, 0.003} are all-0.001 or all-0.003 a quarter of the time each, so the 2.5% ends are exactly those.
  const cost = { ci_low: 0.001, ci_high: 0.003, level: 0.95, method: 'bootstrap' };
  assert.deepEqual(rest, {
    model: 'a',
    n: 2,
    accuracy: 0.5,
    mean_cost_usd: 0.002,
    cost_source: 'log',
    mean_latency_s: 1.5,
    mean_output_tokens: 4,
    mean_reasoning_tokens: null,
    share_conf_0: 0.5,
    share_conf_1: 0.5,
    mean_cost_usd_ci: cost,
  });
  assert.equal(o.models.length, 1);
  assert.deepEqual(
    o.skipped.map((s) => [s.file, s.line]),
    [
      [f, 2],
      [f, 4],
    ],
  );
  assert.equal(o.skipped[0].reason, 'field "correct" must be a boolean or a number in [0, 1], got string "maybe"');
  assert.match(o.skipped[1].reason, /line looks truncated/);
  // Human-readable output lists them too.
  const text = await run('summary', f);
  assert.equal(text.code, 0);
  assert.match(text.out, /2 line\(s\) skipped:/);
  assert.ok(text.out.includes(`${f}:2: field "correct"`));
});

test('--prices fills the cost from tokens when cost_usd is absent', async () => {
  const f = write(
    'tokens.jsonl',
    [
      '{"query_id": 1, "model": "gpt-4o", "correct": true, "input_tokens": 1000, "output_tokens": 100}',
      '{"query_id": 2, "model": "gpt-4o", "correct": true, "input_tokens": 3000, "output_tokens": 300}',
      '{"query_id": 1, "model": "local", "correct": false, "input_tokens": 10, "output_tokens": 1}',
    ].join('\n'),
  );
  const prices = write('prices.json', JSON.stringify({ 'gpt-4o': { input: 2.5, output: 10 } }));
  const { code, out } = await run('summary', f, '--prices', prices, '--json');
  assert.equal(code, 0);
  type Summary = { models: { mean_cost_usd: number | null; cost_source: string }[]; warnings: { message: string }[] };
  const s = JSON.parse(out) as Summary;
  const [gpt, local] = s.models;
  // Closed form: (1000*2.5 + 100*10)/1e6 = 0.0035 and (3000*2.5 + 300*10)/1e6 = 0.0105, mean 0.007.
  assertClose(gpt.mean_cost_usd as number, 0.007, { rel: 1e-12 }, 'priced cost');
  assert.equal(gpt.cost_source, 'prices');
  assert.equal(local.mean_cost_usd, null, 'no price for this model: no cost, not zero');
  assert.equal(local.cost_source, 'none');
  assert.ok(
    s.warnings.some((w) => /model "local": 1 record\(s\) have token counts but no price/.test(w.message)),
    'the unpriced model is a warning',
  );
  // Without a price table, the bundled database prices gpt-4o (genai-prices: $2.50 / $10 per million tokens, cache reads $1.25).
  const db = JSON.parse((await run('summary', f, '--json')).out) as Summary;
  assertClose(db.models[0].mean_cost_usd as number, 0.007, { rel: 1e-12 }, 'database price of gpt-4o');
  assert.equal(db.models[0].cost_source, 'database');
  const without = JSON.parse((await run('summary', f, '--json', '--no-price-database')).out) as Summary;
  assert.equal(without.models[0].mean_cost_usd, null);
  assert.equal(without.models[0].cost_source, 'none');
  const bad = write('bad-prices.json', JSON.stringify({ 'gpt-4o': { input: -1, output: 10 } }));
  const r = await run('summary', f, '--prices', bad);
  assert.equal(r.code, 2);
  assert.equal(r.err, `costrisk summary: ${bad}: ${bad}: "gpt-4o".input must be a number >= 0 ($ per million tokens)`);
});

test('--metric, --filter, --scorer and --correct-threshold choose what counts as correct, for every log-reading command', async () => {
  const hellaswag = join(
    FIXTURES,
    'logs',
    'lm-eval',
    'Qwen__Qwen2.5-0.5B-Instruct',
    'samples_hellaswag_2024-11-21T08-02-44.118210.jsonl',
  );
  const accuracy = async (...flags: string[]): Promise<number> =>
    (JSON.parse((await run('summary', hellaswag, '--json', ...flags)).out) as { models: { accuracy: number }[] })
      .models[0].accuracy;
  // Fixture: acc 0 and acc_norm 1 on both documents.
  assert.equal(await accuracy(), 0);
  assert.equal(await accuracy('--metric', 'acc_norm'), 1);
  const graded = write(
    'graded.jsonl',
    '{"query_id": 1, "model": "m", "correct": 0.6}\n{"query_id": 2, "model": "m", "correct": 0.9}\n',
  );
  const g = async (...flags: string[]): Promise<number> =>
    (JSON.parse((await run('summary', graded, '--json', ...flags)).out) as { models: { accuracy: number }[] }).models[0]
      .accuracy;
  // The summary's accuracy is the mean score (Inspect's accuracy for graded scores), whatever the threshold.
  assert.equal(await g(), 0.75);
  assert.equal(await g('--correct-threshold', '0.75'), 0.75);
  // Analyses that need right/wrong use the threshold: econ's expected error on the test half (4 queries drawn 2 / 2, stratified).
  const graded4 = write(
    'graded4.jsonl',
    [0.6, 0.9, 0.6, 0.9]
      .map((c, i) => `{"query_id": ${i + 1}, "model": "m", "correct": ${c}, "cost_usd": 0}`)
      .join('\n'),
  );
  const error = async (...flags: string[]): Promise<number> =>
    0 -
    (
      JSON.parse(
        (await run('econ', graded4, '--json', '--candidates', 'models', '--price-error', '1', ...flags)).out,
      ) as { grid: { rewards: Record<string, number> }[] }
    ).grid[0].rewards.m;
  assert.equal(await error(), 0);
  assert.equal(await error('--correct-threshold', '0.75'), 0.5);
  const missing = await run('summary', hellaswag, '--metric', 'f1');
  assert.equal(missing.code, 2);
  assert.match(
    missing.err,
    /no valid record \(2 skipped; first: line 1: no metric "f1" in this sample \(it has "acc", "acc_norm"\)\)/,
  );
  const bad = await run('abstain', graded, '--model', 'm', '--correct-threshold', 'high');
  assert.equal(bad.err, 'costrisk abstain: --correct-threshold: "high" is not a number in [0, 1]');
  assert.match((await run('--help')).out, /--scorer S +Inspect AI: the scorer that is the correctness/);
  const version = await run('--version');
  assert.equal(version.code, 0);
  assert.match(version.out, /^\d+\.\d+\.\d+$/);
});

test('the log\'s other numeric and true/false fields are kept and shown: "extra_fields" in --json, a table in text', async () => {
  const f = write(
    'extra.jsonl',
    '{"query_id": 1, "model": "m", "correct": true, "toxicity": 0.1, "pii_leak": true}\n{"query_id": 2, "model": "m", "correct": true, "toxicity": 0.3, "pii_leak": false, "note": "x"}\n',
  );
  const o = JSON.parse((await run('summary', f, '--json')).out) as { extra_fields: unknown[] };
  assert.deepEqual(Object.keys(o), ['models', 'adapter', 'extra_fields', 'warnings', 'skipped']);
  assert.deepEqual(o.extra_fields, [
    { model: 'm', field: 'pii_leak', kind: 'binary', mean: 0.5, n: 2 },
    { model: 'm', field: 'toxicity', kind: 'numeric', mean: 0.2, n: 2 },
  ]);
  assert.match(
    (await run('summary', f)).out,
    /other fields \(mean; share of true for true\/false\):[\s\S]*toxicity +numeric +0\.2000 +2/,
  );
});

test('exit 2 with a one-line reason when nothing valid was read', async () => {
  const missing = join(dir, 'nope.jsonl');
  const empty = write('empty.jsonl', '');
  const bad = write('bad.jsonl', 'not json\n{"query_id": 1}\n');
  const blank = write('blank.jsonl', '\n\n');
  const cases: [string[], string][] = [
    [[missing], `costrisk summary: ${missing}: file not found`],
    [[empty], `costrisk summary: ${empty}: file is empty (0 bytes)`],
    [[bad], `costrisk summary: ${bad}: no valid record (2 skipped; first: line 1: not valid JSON (`],
    [[blank], `costrisk summary: ${blank}: no records (only blank lines)`],
    [[], 'costrisk summary: no log file given'],
  ];
  for (const [files, reason] of cases) {
    const r = await run('summary', ...files, '--json');
    assert.equal(r.code, 2, reason);
    assert.equal(r.out, '');
    assert.ok(r.err.startsWith(reason), `${r.err} should start with ${reason}`);
    assert.ok(!r.err.includes('\n'), 'one line');
  }
  // A missing file next to a good one: exit 0, and the missing one is listed as skipped.
  const ok = await run('summary', realLog('mmlu-llama'), missing, '--json');
  assert.equal(ok.code, 0);
  assert.deepEqual((JSON.parse(ok.out) as { skipped: unknown[] }).skipped, [
    { file: missing, line: null, reason: 'file not found' },
  ]);
  const usage = await run('summary', realLog('mmlu-llama'), '--bogus');
  assert.equal(usage.code, 2);
});

test('the built dist/cli.js runs as a program: exit codes, stdout JSON, one-line stderr', () => {
  const cli = builtCli();
  const good = spawnSync(process.execPath, [cli, 'summary', realLog('mmlu-llama'), '--split', 'test', '--json'], {
    encoding: 'utf8',
  });
  assert.equal(good.status, 0, good.stderr);
  const o = JSON.parse(good.stdout) as { models: { accuracy: number }[]; adapter: string };
  assert.equal(o.adapter, 'native');
  assertClose(o.models[4].accuracy, 0.852, { abs: 0.0005 }, 'llama3.1-405b test accuracy (issue 2, three places)');
  const missing = join(dir, 'absent.jsonl');
  const bad = spawnSync(process.execPath, [cli, 'summary', missing], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.equal(bad.stderr, `costrisk summary: ${missing}: file not found\n`);
  // --version is answered by the launcher itself (it never loads dist/cliWorker.js) and by main.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout, `${pkg.version}\n`);
});
