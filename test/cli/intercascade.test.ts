import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/runCli';
import { operationEmbedding } from '../helpers/arithmeticModels';
import { assertClose } from '../helpers/assertClose';
import {
  answerLogprobs,
  lastQuestion,
  startMockChatServer,
  type MockChatRequest,
  type MockChatResponse,
} from '../helpers/mockChatServer';

let dir = '';
let mock: Awaited<ReturnType<typeof startMockChatServer>>;

/**
 * The mock endpoint. "small" adds numbers on its own (right, confidence 0.9) but multiplies right only
 * when a note's method speaks of multiplying; otherwise it answers wrong with confidence 0.2. "big"
 * is always right (0.95) and writes a strategy. Usage: small 200 in / 10 out, big 500 in / 40 out.
 * Asked for log-probs, the answer's token has probability 0.6 when "small" knows and 0.05 when not.
 */
function respond(req: MockChatRequest): MockChatResponse {
  const r = statedReply(req);
  if (!req.logprobs || !('content' in r)) return r;
  return {
    ...r,
    logprobs: answerLogprobs(r.content, req.model === 'big' ? 0.99 : r.content.includes('0.9') ? 0.6 : 0.05),
  };
}

function statedReply(req: MockChatRequest): MockChatResponse {
  const { question, notes } = lastQuestion(req);
  const [a, b] = (question.match(/\d+/g) ?? ['0', '0']).map(Number);
  const times = question.includes('times');
  const right = String(times ? a * b : a + b);
  if (req.model === 'big')
    return {
      content: JSON.stringify({
        answer: right,
        confidence: 0.95,
        strategy: times
          ? 'To multiply, add one number to itself as many times as the other says.'
          : 'To add, count on from the first number.',
      }),
      usage: { prompt_tokens: 500, completion_tokens: 40 },
    };
  const knows = !times || notes.some((n) => n.includes('multiply'));
  return {
    content: JSON.stringify(knows ? { answer: right, confidence: 0.9 } : { answer: String(a + b), confidence: 0.2 }),
    usage: { prompt_tokens: 200, completion_tokens: 10 },
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-intercascade-'));
  mock = await startMockChatServer(respond, (req) =>
    req.model === 'emb'
      ? req.input.map(operationEmbedding)
      : { status: 404, body: `{"error": {"message": "The model ${req.model} does not exist"}}` },
  );
});
after(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = runCli;
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
/** n queries alternating "plus" and "times", with gold answers (or without, when gold is false). */
function queriesFile(name: string, n: number, gold = true): string {
  const lines = Array.from({ length: n }, (_, i) => {
    const a = 3 + i;
    const b = 2 + (i % 5);
    const times = i % 2 === 1;
    return JSON.stringify({
      query_id: `${name}-${i}`,
      question: `What is ${a} ${times ? 'times' : 'plus'} ${b}?`,
      ...(gold ? { answer: times ? a * b : a + b } : {}),
    });
  });
  return write(`${name}.jsonl`, lines.join('\n') + '\n');
}

const SUMMARY_KEYS = [
  'n',
  'n_gold',
  'weak_threshold',
  'strong_threshold',
  'calibration',
  'weak_accuracy',
  'weak_correct_accepted',
  'overall_accuracy',
  'risk_accepted',
  'strong_call_rate',
  'abstention_rate',
  'coverage',
  'total_cost_usd',
  'strategies_added',
  'repository_size',
  'log',
  'queries_total',
  'failed_calls',
  'spent',
  'budget',
  'estimate',
  'comparison',
  'sharing',
  'judge',
  'embedding',
  'stopped',
  'resumed',
  'journal',
  'warnings',
  'skipped',
];

test('costrisk intercascade --json: learns from the strong model, writes repository and eval log; summary reads the log', async () => {
  const q = queriesFile('q', 10);
  const repo = join(dir, 'repo.jsonl');
  const log = join(dir, 'run.jsonl');
  const prices = write(
    'prices.json',
    JSON.stringify({ small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } }),
  );
  process.env.IC_TEST_KEY = 'sk-local';
  const first = mock.requests.length;
  const args = [
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    mock.url,
    '--api-key-env',
    'IC_TEST_KEY',
    '--k',
    '2',
    '--weak-threshold',
    '0.5',
    '--repository',
    repo,
    '--prices',
    prices,
  ];
  const r = await run(...args, '--out', log, '--json');
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  assert.deepEqual(Object.keys(o), SUMMARY_KEYS);
  // Only the first "times" query (q-1) needs the strong model; later ones retrieve its strategy.
  assert.equal(o.n, 10);
  assert.equal(o.n_gold, 10);
  assert.equal(o.weak_threshold, 0.5);
  assert.equal(o.strong_threshold, 0);
  assert.equal(o.calibration, null);
  assertClose(o.strong_call_rate, 0.1, { abs: 1e-12 }, 'strong-call rate: 1 of 10');
  assertClose(o.weak_accuracy, 0.9, { abs: 1e-12 }, 'weak accuracy: all but q-1');
  assert.equal(o.overall_accuracy, 1);
  assert.equal(o.abstention_rate, 0);
  assert.equal(o.strategies_added, 1);
  assert.equal(o.repository_size, 1);
  // cost: 10 weak calls × (200 × 0.1 + 10 × 0.4)/1e6 + 1 strong call × (500 × 5 + 40 × 15)/1e6 = 2.4e-4 + 3.1e-3
  assertClose(o.total_cost_usd, 2.4e-4 + 3.1e-3, { rel: 1e-12 }, 'total cost from usage × prices');
  assert.deepEqual(o.log, { file: log, records: 11 });
  assert.deepEqual(o.warnings, []);
  assert.deepEqual(o.failed_calls, { transport: 0, malformed: 0, usage: 0 });
  assert.equal(o.stopped, null);
  assert.equal(o.journal, join(dir, 'run.journal.jsonl'), 'the journal lives beside --out');
  assert.deepEqual([o.spent.chat_calls, o.spent.tokens, o.spent.estimated_calls], [11, 10 * 210 + 540, 0]);
  assertClose(o.spent.usd, 2.4e-4 + 3.1e-3, { rel: 1e-12 }, "spent = the calls' costs");
  assert.ok(
    o.estimate.usd.low > 0 &&
      o.estimate.usd.low < o.estimate.usd.high &&
      o.estimate.calls.low === 10 &&
      o.estimate.calls.high === 20,
    JSON.stringify(o.estimate),
  );
  assert.ok(mock.requests.slice(first).every((x) => x.authorization === 'Bearer sk-local'));

  const saved = readFileSync(repo, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(saved, [
    {
      query_id: 'q-1',
      query: 'What is 4 times 3?',
      answer: '12',
      strategy: 'To multiply, add one number to itself as many times as the other says.',
      confidence: 0.95,
    },
  ]);
  const records = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(records[0]).slice(0, 9), [
    'query_id',
    'model',
    'correct',
    'confidence',
    'cost_usd',
    'latency_s',
    'input_tokens',
    'output_tokens',
    'split',
  ]);
  assert.deepEqual(
    records.filter((x) => x.model === 'big').map((x) => x.query_id),
    ['q-1'],
  );
  assert.ok(records.every((x) => x.split === 'test'));
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
    'atomic writes leave no temporary files',
  );

  const s = await run('summary', log, '--json');
  assert.equal(s.code, 0, s.err);
  const models = JSON.parse(s.out).models as { model: string; n: number; accuracy: number }[];
  assert.deepEqual(models.map((m) => [m.model, m.n, m.accuracy]).sort(), [
    ['big', 1, 1],
    ['small', 10, 0.9],
  ]);

  // A second run over the saved repository needs no strong call at all.
  const again = await run(...args, '--json');
  assert.equal(again.code, 0, again.err);
  const o2 = JSON.parse(again.out);
  assert.equal(o2.strong_call_rate, 0);
  assert.equal(o2.weak_accuracy, 1);
  assert.equal(o2.repository_size, 1);

  const text = await run(...args);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Inter-Cascade small → big → abstain on 10 queries \(10 with gold answers\), k = 2/);
  assert.match(text.out, /strong-call rate 0\.0000, abstention rate 0\.0000/);
  assert.match(text.out, /repository 1 → 1 \(saved to .*repo\.jsonl\)/);
});

test('costrisk intercascade --alpha --delta --calibration: thresholds from the risk guarantee, calibration calls logged as "train"', async () => {
  const q = queriesFile('cal', 30);
  const log = join(dir, 'cal-run.jsonl');
  const r = await run(
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    mock.url,
    '--alpha',
    '0.2',
    '--delta',
    '0.2',
    '--calibration',
    '24',
    '--out',
    log,
    '--json',
  );
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  // Hand-derived (δ/2 = 0.1 per stage): small is right at 0.9 on the 12 "plus" queries, bound 1 − 0.1^(1/12) = 0.175 ≤ 0.2, and wrong
  // at 0.2 on the 12 "times" ones, so its threshold is 0.9; big is right at 0.95 on those 12: same bound, threshold 0.95.
  assert.equal(o.weak_threshold, 0.9);
  assert.equal(o.strong_threshold, 0.95);
  assert.equal(o.calibration.n, 24);
  assertClose(
    o.calibration.weak_upper_bound,
    1 - 0.1 ** (1 / 12),
    { rel: 1e-9 },
    'Clopper–Pearson bound, k = 0 closed form',
  );
  assert.equal(o.n, 6, 'the online run covers the queries after the calibration set');
  assertClose(o.strong_call_rate, 1 / 6, { abs: 1e-12 }, 'the first online "times" query only');
  assert.equal(o.overall_accuracy, 1);
  assert.equal(o.total_cost_usd, null, 'no price table: no cost');
  const records = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(records.filter((x) => x.split === 'train').length, 48, 'both models on 24 calibration queries');
  assert.equal(records.filter((x) => x.split === 'test').length, 7);
  const g = await run('guarantee', log, '--model', 'small', '--alpha', '0.2', '--delta', '0.1', '--json');
  assert.equal(g.code, 0, g.err);
  assert.equal(
    JSON.parse(g.out).threshold,
    0.9,
    'the log feeds the other analyses: same threshold from the train split',
  );
});

test("costrisk intercascade --confidence tokens: the answer tokens' probability decides, not the stated confidence", async () => {
  const q = queriesFile('tok', 6);
  const log = join(dir, 'tok-run.jsonl');
  const base = ['intercascade', '--queries', q, '--weak', 'small', '--strong', 'big', '--endpoint', mock.url, '--json'];
  // Threshold 0.7: the stated 0.9 keeps the weak answers it knows; token probability 0.6 keeps none.
  const stated = JSON.parse(
    (await run(...base, '--weak-threshold', '0.7', '--out', join(dir, 'tok-stated.jsonl'))).out,
  );
  assert.ok(stated.strong_call_rate < 0.5);
  // The same --out (so the same journal) with another configuration is refused, not mixed.
  const mixed = await run(
    ...base,
    '--weak-threshold',
    '0.7',
    '--confidence',
    'tokens',
    '--out',
    join(dir, 'tok-stated.jsonl'),
  );
  assert.equal(mixed.code, 2);
  assert.match(
    mixed.err,
    /tok-stated\.journal\.jsonl belongs to a run with another configuration \(confidence: "stated" → "tokens"\)/,
  );
  const tokens = await run(...base, '--weak-threshold', '0.7', '--confidence', 'tokens', '--out', log);
  assert.equal(tokens.code, 0, tokens.err);
  assert.equal(JSON.parse(tokens.out).strong_call_rate, 1);
  const small = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((x) => x.model === 'small');
  assert.deepEqual([...new Set(small.map((x) => Math.round(x.confidence * 1e6) / 1e6))].sort(), [0.05, 0.6]);
  const bad = await run(...base, '--weak-threshold', '0.7', '--confidence', 'logits');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--confidence: "logits" is not one of stated, tokens/);
});

test("costrisk intercascade --embedding-model: queries matched by the endpoint's embeddings; a missing model falls back to words with a warning", async () => {
  const q = queriesFile('emb', 10);
  const repo = join(dir, 'emb-repo.jsonl');
  const base = [
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    mock.url,
    '--weak-threshold',
    '0.5',
    '--repository',
    repo,
    '--json',
  ];
  const first = mock.embeddingRequests.length;
  const r = await run(...base, '--embedding-model', 'emb');
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  // As with words: only the first "times" query needs the strong model, the rest retrieve its strategy.
  assertClose(o.strong_call_rate, 0.1, { abs: 1e-12 }, 'strong-call rate 1 of 10');
  assert.equal(o.weak_accuracy, 1 - 0.1);
  const sent = mock.embeddingRequests.slice(first);
  assert.ok(
    sent.length >= 9 && sent.every((e) => e.model === 'emb' && e.input.length === 1),
    'one embedding per query after the first strategy',
  );
  // the saved repository is embedded in one batch when the next run starts
  const again = JSON.parse((await run(...base, '--embedding-model', 'emb')).out);
  assert.equal(again.strong_call_rate, 0);
  assert.deepEqual(mock.embeddingRequests[first + sent.length].input, ['What is 4 times 3?']);
  // the embedding model does not exist: the run goes on, matching by words, and says so (the routing is the same on these questions)
  const missing = await run(...base, '--embedding-model', 'nomodel');
  assert.equal(missing.code, 0, missing.err);
  const m = JSON.parse(missing.out);
  assert.equal(m.strong_call_rate, 0, 'the saved strategy is still found, by words');
  assert.match(
    m.embedding.fallback,
    /^the embedding model nomodel failed \(embedding model nomodel: .*\/embeddings answered HTTP 404 \(check the endpoint URL and model name\): The model nomodel does not exist\); queries are matched by shared words \(TF-IDF\) from the starting repository on$/,
  );
  assert.ok(
    m.warnings.some((w: { message: string }) => w.message === m.embedding.fallback),
    JSON.stringify(m.warnings),
  );
});

test('costrisk intercascade: bad input gives one line and exit 2; an unreachable endpoint trips the circuit breaker (exit 2)', async () => {
  const q = queriesFile('bad', 4);
  const base = ['intercascade', '--queries', q, '--weak', 'small', '--strong', 'big', '--endpoint', mock.url];
  const cases: [string[], RegExp][] = [
    [['intercascade', '--weak', 'small'], /^costrisk intercascade: --queries is required$/],
    [[...base], /give --weak-threshold t, or --alpha a --delta d --calibration N/],
    [[...base, '--weak-threshold', '0.5', '--alpha', '0.1'], /give either --weak-threshold or --alpha/],
    [[...base, '--weak-threshold', '1.5'], /--weak-threshold: "1\.5" is not a number in \[0, 1\]/],
    [
      [...base, '--alpha', '0.1', '--delta', '0.1', '--calibration', '4'],
      /calibration size 4 leaves no query for the online run: the queries file has 4$/,
    ],
    [[...base, '--alpha', '0.1', '--delta', '0.1'], /--calibration is required/],
    [[...base, '--weak-threshold', '0.5', '--k', '1.5'], /--k: "1\.5" is not an integer/],
    [
      [...base, '--weak-threshold', '0.5', '--api-key-env', 'IC_SURELY_UNSET_VAR'],
      /environment variable IC_SURELY_UNSET_VAR is not set/,
    ],
    [
      [
        'intercascade',
        '--queries',
        q,
        '--weak',
        'big',
        '--strong',
        'big',
        '--endpoint',
        mock.url,
        '--weak-threshold',
        '0.5',
      ],
      /the weak and strong models must be different models/,
    ],
    [
      [
        'intercascade',
        '--queries',
        join(dir, 'nope.jsonl'),
        '--weak',
        'small',
        '--strong',
        'big',
        '--endpoint',
        mock.url,
        '--weak-threshold',
        '0.5',
      ],
      /nope\.jsonl: cannot read \(ENOENT\)/,
    ],
    [
      [
        'intercascade',
        '--queries',
        write('broken.jsonl', '{"query_id": 1, "question": "ok"}\n{"query_id": 2, "question": \n{"query_id": 3}\n'),
        '--weak',
        'small',
        '--strong',
        'big',
        '--endpoint',
        mock.url,
        '--weak-threshold',
        '0.5',
      ],
      /broken\.jsonl:2: not valid JSON .*\(and 1 more bad line\(s\)\)$/,
    ],
    [
      [
        'intercascade',
        '--queries',
        queriesFile('nogold', 3, false),
        '--weak',
        'small',
        '--strong',
        'big',
        '--endpoint',
        mock.url,
        '--weak-threshold',
        '0.5',
        '--out',
        join(dir, 'x.jsonl'),
      ],
      /--out: no query in .*nogold\.jsonl has a gold "answer"/,
    ],
    [
      [
        ...base,
        '--weak-threshold',
        '0.5',
        '--repository',
        write(
          'badrepo.jsonl',
          '{"query_id": "a", "query": "q", "answer": "1", "strategy": "s", "confidence": 0.5}\n{"query_id": "b"}\n',
        ),
      ],
      /badrepo\.jsonl:2: missing "query"/,
    ],
    [
      [...base, '--weak-threshold', '0.5', '--out', q],
      /the --out file .*bad\.jsonl is also the queries file; the input is never overwritten/,
    ],
    [
      [...base, '--weak-threshold', '0.5', '--repository', q],
      /the --repository file .*bad\.jsonl is also the queries file/,
    ],
    [
      [...base, '--weak-threshold', '0.5', '--out', join(dir, 'o.jsonl'), '--journal', join(dir, 'o.jsonl')],
      /the journal .*o\.jsonl is also the --out file; give each its own file/,
    ],
    [
      [...base, '--weak-threshold', '0.5', '--budget-usd', '1'],
      /a budget in dollars needs prices for small and big \(give a price table, or a budget in tokens\)/,
    ],
    [
      [...base, '--weak-threshold', '0.5', '--budget-usd', '0'],
      /--budget-usd: "0" is not a number in \(0, 1000000000\]/,
    ],
    [
      [...base, '--weak-threshold', '0.5', '--max-failures', '0'],
      /--max-failures: "0" is not a number in \[1, 1000000\]/,
    ],
    [[...base, '--weak-threshold', '0.5', '--unknown'], /Unknown option '--unknown'.*usage: costrisk intercascade/],
  ];
  for (const [argv, re] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}\n${r.err}`);
    assert.match(r.err, re);
    assert.equal(r.err.split('\n').length, 1, 'one line');
  }
  // An unreachable endpoint: the circuit breaker stops the run after 5 failed calls (of 8), exit 2, and says how many failed.
  const down = await run(
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    'http://127.0.0.1:1/v1',
    '--weak-threshold',
    '0.5',
    '--max-attempts',
    '1',
    '--json',
  );
  assert.equal(down.code, 2);
  assert.match(
    down.err,
    /^costrisk intercascade: stopped: the endpoint failed 5 calls in a row; last: small: cannot reach http:\/\/127\.0\.0\.1:1\/v1\/chat\/completions/,
  );
  const o = JSON.parse(down.out);
  assert.equal(o.spent.chat_calls, 5);
  assert.equal(o.stopped.reason, 'failures');
});

test('costrisk intercascade against a faulty endpoint: 500 on every second request is retried away; absurd usage fails that call unpriced; all calls failing trips the breaker (calls counted)', async () => {
  let n = 0;
  let down = false;
  const faulty = await startMockChatServer((req) => {
    n++;
    if (down) return { status: 500, body: '{"error": {"message": "boom"}}' };
    if (n % 2 === 0) return { status: 500, body: 'flaky' };
    if (req.model === 'small' && lastQuestion(req).question === 'What is 3 plus 2?')
      return {
        content: '{"answer": "5", "confidence": 0.9}',
        usage: { prompt_tokens: 440_000_000_000, completion_tokens: 10 },
      };
    return respond(req);
  });
  try {
    const q = queriesFile('faulty', 6);
    const prices = write(
      'faulty-prices.json',
      JSON.stringify({ small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } }),
    );
    const args = [
      'intercascade',
      '--queries',
      q,
      '--weak',
      'small',
      '--strong',
      'big',
      '--endpoint',
      faulty.url,
      '--weak-threshold',
      '0.5',
      '--max-wait',
      '0.01',
      '--prices',
      prices,
      '--json',
    ];
    const r = await run(...args);
    assert.equal(r.code, 0, r.err);
    const o = JSON.parse(r.out);
    assert.deepEqual(
      o.failed_calls,
      { transport: 0, malformed: 0, usage: 1 },
      'the 500s were retried away; the absurd usage is a failed call',
    );
    assert.ok(o.total_cost_usd < 0.01, `the absurd count was never priced (${o.total_cost_usd})`);
    assert.ok(
      o.warnings.some((w: { message: string }) =>
        /^1 model call failed and counted as unsure answers \(1 implausible token count\); first: small: usage\.prompt_tokens = 440000000000 is implausible/.test(
          w.message,
        ),
      ),
      JSON.stringify(o.warnings),
    );

    down = true;
    const before = faulty.requests.length;
    const d = await run(...args, '--max-attempts', '2');
    assert.equal(d.code, 2);
    assert.equal(faulty.requests.length - before, 10, '5 calls × 2 attempts, then the breaker');
    assert.match(
      d.err,
      /^costrisk intercascade: stopped: the endpoint failed 5 calls in a row; last: small: .*HTTP 500: boom \(gave up after 2 attempts\)/,
    );
    assert.equal(JSON.parse(d.out).stopped.reason, 'failures');
  } finally {
    await faulty.close();
  }
});

test('costrisk intercascade --dry-run and --budget-usd: the estimate without any call; a budget stop keeps the finished queries (exit 2)', async () => {
  const q = queriesFile('budget', 10);
  const prices = write(
    'budget-prices.json',
    JSON.stringify({ small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } }),
  );
  const base = [
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    mock.url,
    '--weak-threshold',
    '0.5',
    '--prices',
    prices,
  ];
  const before = mock.requests.length;
  const dry = await run(...base, '--dry-run');
  assert.equal(dry.code, 0, dry.err);
  assert.match(
    dry.out,
    /^estimate before the run: 10 to 20 calls, \d+ to \d+ tokens, \$0\.0\d+ to \$0\.\d+ \(prompt characters \/ 4/,
  );
  assert.match(dry.out, /no call was made \(--dry-run\)/);
  const dryJson = JSON.parse((await run(...base, '--dry-run', '--json')).out);
  assert.deepEqual(Object.keys(dryJson.estimate), ['calls', 'tokens', 'usd', 'unpriced', 'parts', 'method']);
  assert.equal(mock.requests.length, before, 'no call');
  const log = join(dir, 'budget-run.jsonl');
  const stopped = await run(...base, '--budget-usd', '0.003', '--out', log, '--json');
  assert.equal(stopped.code, 2);
  const o = JSON.parse(stopped.out);
  assert.equal(o.stopped.reason, 'budget');
  assert.ok(
    o.spent.usd <= 0.003 && o.n === 1,
    `q-0 finished; q-1's strong call would pass the budget (${o.spent.usd}, n = ${o.n})`,
  );
  assert.match(
    stopped.err,
    /stopped: the budget of \$0\.00300 would be passed: .* run the same command again to resume$/,
  );
  assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 1, 'the eval log holds the finished query');
  const resumed = await run(...base, '--budget-usd', '1', '--out', log, '--json');
  assert.equal(resumed.code, 0, resumed.err);
  assert.equal(JSON.parse(resumed.out).resumed.online_queries, 1);
});

test("costrisk intercascade --compare plain,random: the paper's comparison on the same stream; the extra calls in the estimate and the report", async () => {
  const q = queriesFile('cmp', 10);
  const prices = write(
    'cmp-prices.json',
    JSON.stringify({ small: { input: 0.1, output: 0.4 }, big: { input: 5, output: 15 } }),
  );
  const base = [
    'intercascade',
    '--queries',
    q,
    '--weak',
    'small',
    '--strong',
    'big',
    '--endpoint',
    mock.url,
    '--weak-threshold',
    '0.5',
    '--prices',
    prices,
    '--compare',
    'random,plain',
  ];
  const dry = await run(...base, '--dry-run');
  assert.equal(dry.code, 0, dry.err);
  assert.match(
    dry.out,
    /^estimate before the run: 30 to 40 calls, /,
    '10 weak calls per arm, and up to 10 strong calls shared by the arms',
  );
  assert.match(
    dry.out,
    /\nof which the comparison's controls \(extra paid calls; .*\): plain cascade: 10 calls, \$0\.000\d+; random strategies: 10 calls, \$0\.000\d+\n/,
  );
  const from = mock.requests.length;
  const r = await run(...base, '--json');
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  assert.deepEqual(
    o.comparison.map((a: { arm: string; n: number }) => [a.arm, a.n]),
    [
      ['retrieval', 10],
      ['plain', 10],
      ['random', 10],
    ],
  );
  const [ic, plain] = o.comparison;
  // the plain cascade sends every "times" query (5 of 10) to the strong model; the Inter-Cascade only the first
  assert.equal(plain.strong_call_rate, 0.5);
  assert.equal(ic.strong_call_rate, 0.1);
  assert.equal(ic.pipeline_accuracy, 1);
  assert.equal(plain.weak_accuracy, 0.5);
  assert.ok(ic.token_reduction > 0 && ic.cost_reduction > 0.5, JSON.stringify(ic));
  assert.equal(plain.token_reduction, null);
  // paid calls: Inter-Cascade 10 weak + 1 strong; the controls add what was not already paid
  assert.equal(o.spent.chat_calls, mock.requests.length - from);
  assert.equal(o.sharing.extra_paid_calls, o.spent.chat_calls - 11);
  assert.ok(o.sharing.shared_calls > 0);
  const text = await run(...base);
  assert.match(
    text.out,
    /comparison on the same query stream:\npipeline +queries +pipeline acc\. .*\n-+.*\nInter-Cascade \(retrieval\) +10 +1\.0000 .*\nplain cascade +10 .* 50% .*\nrandom strategies +10 /,
  );
  assert.match(
    text.out,
    /the controls cost \d+ extra paid call\(s\); \d+ call\(s\) were answered by an identical call already paid/,
  );
  for (const [flag, re] of [
    [['--compare', 'plain,oracle'], /--compare: "oracle" is not one of plain, random/],
    [['--match', 'fuzzy'], /--match: "fuzzy" is not one of exact, numeric, choice, judge/],
    [['--match', 'judge'], /--match judge needs --judge-model M/],
    [['--tolerance', '0.1'], /--tolerance applies to --match numeric only/],
    [['--match', 'numeric', '--tolerance', '1'], /--tolerance: "1" is not a number in \[0, 1\)/],
  ] as [string[], RegExp][]) {
    const bad = await run(...base.slice(0, -2), ...flag);
    assert.equal(bad.code, 2, flag.join(' '));
    assert.match(bad.err, re);
  }
});

test("costrisk intercascade --match numeric / judge: answers graded beyond exact match; the judge's calls are reported apart", async () => {
  // the weak model adds words to its answers ("5 in all"); the judge compares the numbers
  const worded = await startMockChatServer((req) => {
    if (req.model === 'judge')
      return {
        content:
          /Candidate answer: (\d+) in all/.exec(req.messages.at(-1)?.content ?? '')?.[1] ===
          /Reference answer: (\d+)/.exec(req.messages.at(-1)?.content ?? '')?.[1]
            ? 'Yes'
            : 'No',
        usage: { prompt_tokens: 90, completion_tokens: 1 },
      };
    const r = respond(req);
    if (req.model !== 'small' || !('content' in r)) return r;
    const o = JSON.parse(r.content) as { answer: string; confidence: number };
    return { ...r, content: JSON.stringify({ ...o, answer: `${o.answer} in all` }) };
  });
  try {
    const q = queriesFile('match', 6);
    const base = [
      'intercascade',
      '--queries',
      q,
      '--weak',
      'small',
      '--strong',
      'big',
      '--endpoint',
      worded.url,
      '--weak-threshold',
      '0.5',
      '--json',
    ];
    const exact = JSON.parse((await run(...base)).out);
    assert.equal(exact.weak_accuracy, 0, '"5 in all" is not "5" by exact match');
    const numeric = JSON.parse((await run(...base, '--match', 'numeric')).out);
    assert.equal(numeric.weak_accuracy, 5 / 6, 'the last number of the answer: all but the first "times" query');
    const judged = await run(...base, '--match', 'judge', '--judge-model', 'judge');
    assert.equal(judged.code, 0, judged.err);
    const j = JSON.parse(judged.out);
    assert.equal(j.weak_accuracy, 5 / 6);
    assert.deepEqual([j.judge.model, j.judge.calls, j.judge.failed], ['judge', 6, 0]);
    assert.equal(j.spent.chat_calls, exact.spent.chat_calls + 6, "the judge's calls are paid calls");
    assert.equal(j.estimate.parts.find((p: { what: string }) => p.what === 'judge').calls.high, 12);
  } finally {
    await worded.close();
  }
});
