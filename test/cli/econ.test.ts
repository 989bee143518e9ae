import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { assertClose } from '../helpers/assertClose';
import { decodeOptimalModelMap } from '../../src/protocol/compactOptimalModelMap';
import { realLog } from '../helpers/paths';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    (s) => (out += s + '\n'),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}

interface Row {
  price_error: number;
  price_latency: number;
  price_abstain: number;
  best: string;
  rewards: Record<string, number>;
}

test('costrisk econ --json prints one grid row per price combination (issue 4, item 7)', async () => {
  const r = await run([
    'econ',
    realLog('mmlu-llama'),
    '--price-error',
    '0.0001,1,100',
    '--price-latency',
    '0,0.01',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const parsed = JSON.parse(r.out) as { grid: Row[] };
  assert.deepEqual(Object.keys(parsed), ['grid', 'warnings', 'skipped']);
  assert.equal(parsed.grid.length, 6);
  assert.deepEqual(
    parsed.grid.map((g) => [g.price_error, g.price_latency, g.price_abstain]),
    [
      [0.0001, 0, 0],
      [0.0001, 0.01, 0],
      [1, 0, 0],
      [1, 0.01, 0],
      [100, 0, 0],
      [100, 0.01, 0],
    ],
  );
  for (const g of parsed.grid) {
    assert.deepEqual(Object.keys(g), [
      'price_error',
      'price_latency',
      'price_abstain',
      'best',
      'rewards',
      'intervals',
      'recommendation',
    ]);
    // 5 models, C(5,2) = 10 two-model cascades, and the 5-model chain tuned by Rational Tuning.
    assert.equal(Object.keys(g.rewards).length, 16);
    assert.ok('llama3.1-8b>llama3.1-405b' in g.rewards);
    assert.ok('llama3.2-1b>llama3.2-3b>llama3.1-8b>llama3.1-70b>llama3.1-405b' in g.rewards);
    assert.equal(g.rewards[g.best], Math.max(...Object.values(g.rewards)));
  }
  // llama3.1-405b at λ_E = $1, λ_L = 0: −(mean cost + 1 · (1 − 0.852)); accuracy 0.852 from issue 2
  // (three decimals → ±0.0005), mean cost well below 0.001 $.
  assertClose(parsed.grid[2].rewards['llama3.1-405b'], -0.148, { abs: 0.0015 }, '405b reward');
});

test('costrisk econ --candidates models --map gives a dense 100 x 100 map over the default axes, compact JSON', async () => {
  const r = await run(['econ', realLog('mmlu-llama'), '--candidates', 'models', '--map', '--json']);
  assert.equal(r.code, 0, r.err);
  const parsed = JSON.parse(r.out) as { systems: string[]; map: unknown };
  assert.deepEqual(Object.keys(parsed), ['systems', 'map', 'warnings', 'skipped']);
  assert.equal(parsed.systems.length, 5);
  const map = decodeOptimalModelMap(parsed.map, parsed.systems.length);
  assert.equal(map.best.length, 10_000);
  assertClose(map.errorAxis[0], 1e-4, { rel: 1e-12 }, 'first λ_E');
  assertClose(map.errorAxis[99], 1e4, { rel: 1e-12 }, 'last λ_E');
  assertClose(map.latencyAxis[99], 10 / 60, { rel: 1e-12 }, 'last λ_L ($10 per minute in $/s)');
  // Each cell against the per-price evaluation (`econ` without --map) at the same prices: a corner, the middle, the far corner.
  const prices = (i: number) => map.errorAxis[i].toPrecision(17);
  const lat = (i: number) => map.latencyAxis[i].toPrecision(17);
  const direct = await run([
    'econ',
    realLog('mmlu-llama'),
    '--candidates',
    'models',
    '--price-error',
    [0, 50, 99].map(prices).join(','),
    '--price-latency',
    [0, 50, 99].map(lat).join(','),
    '--bootstrap',
    '0',
    '--json',
  ]);
  assert.equal(direct.code, 0, direct.err);
  const grid = (JSON.parse(direct.out) as { grid: Row[] }).grid;
  assert.equal(grid.length, 9);
  for (const g of grid) {
    const c = map.errorAxis.findIndex((e) => e === g.price_error);
    const row = map.latencyAxis.findIndex((l) => l === g.price_latency);
    assert.ok(c >= 0 && row >= 0, `prices ${g.price_error}, ${g.price_latency} on the map's axes`);
    const cell = row * 100 + c;
    assert.equal(parsed.systems[map.best[cell]], g.best, `cell (${row}, ${c})`);
    assert.equal(map.bestReward[cell], g.rewards[g.best], `cell (${row}, ${c}) reward`);
  }
});

test('costrisk econ --map --map-size 400: a 400 x 400 map in a few MB of JSON; bad sizes exit 2', async () => {
  const r = await run(['econ', realLog('mmlu-llama'), '--map', '--map-size', '400', '--json']);
  assert.equal(r.code, 0, r.err);
  // 2 × 160,000 float64 in base64 is 1.7 MB; one object per cell with 16 rewards was 139 MB.
  assert.ok(r.out.length < 5_000_000, `${r.out.length} characters`);
  const parsed = JSON.parse(r.out) as { systems: string[]; map: unknown };
  const map = decodeOptimalModelMap(parsed.map, parsed.systems.length);
  assert.equal(map.best.length, 160_000);
  assert.ok(
    map.boundaries.some((b) => b.length > 0),
    'exact switch points per row',
  );
  const text = await run(['econ', realLog('mmlu-llama'), '--map', '--map-size', '400']);
  assert.match(text.out, /400 x 400 = 160000 price combinations/);
  for (const bad of ['1', '2.5', 'x', '1001']) {
    const e = await run(['econ', realLog('mmlu-llama'), '--map', '--map-size', bad]);
    assert.equal(e.code, 2, bad);
    assert.match(e.err, /--map-size: ".*" is not a whole number of points per axis from 2 to 1000/);
  }
  const alone = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--map-size', '50']);
  assert.equal(alone.code, 2);
  assert.match(alone.err, /--map-size needs --map/);
});

test('costrisk econ: models with abstention join "all" when a price of abstention is given', async () => {
  const r = await run(['econ', realLog('mmlu-llama'), '--price-error', '10', '--price-abstain', '1', '--json']);
  assert.equal(r.code, 0, r.err);
  const row = (JSON.parse(r.out) as { grid: Row[] }).grid[0];
  assert.equal(Object.keys(row.rewards).length, 21);
  assert.ok(!Object.keys(row.rewards).some((n) => n.startsWith('router(')), 'no routers unless --routers');
  // λ_E = $10 per error against $1 per abstention: withholding unsure answers pays.
  assert.ok(row.best.endsWith('+abstain'), row.best);
});

test('costrisk econ: usage and input errors exit 2 with one clear line', async () => {
  const missing = await run(['econ', realLog('mmlu-llama')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--price-error is required/);
  const bad = await run(['econ', realLog('mmlu-llama'), '--price-error', '1,abc']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--price-error: "abc" is not a price in \[0, 1000000000000\]/);
  // A price past $10^12 is a typo, and would turn rewards into -Infinity; a grid past a million combinations is refused before it is built.
  const huge = await run(['econ', realLog('mmlu-llama'), '--price-error', '1e308', '--price-latency', '1e308']);
  assert.equal(huge.code, 2);
  assert.match(huge.err, /--price-error: "1e308" is not a price in \[0, 1000000000000\]/);
  const many = await run([
    'econ',
    realLog('mmlu-llama'),
    '--price-error',
    Array.from({ length: 2000 }, (_, i) => i).join(','),
    '--price-latency',
    Array.from({ length: 1000 }, (_, i) => i).join(','),
  ]);
  assert.equal(many.code, 2);
  assert.match(many.err, /give 2,000,000 price combinations; at most 1,000,000 are evaluated/);
  const set = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--candidates', 'routers']);
  assert.equal(set.code, 2);
  assert.match(set.err, /--candidates must be one of models, cascades, all/);
  const dir = mkdtempSync(join(tmpdir(), 'econ-'));
  const empty = join(dir, 'bad.jsonl');
  writeFileSync(empty, 'not json\n');
  const bad2 = await run(['econ', empty, '--price-error', '1']);
  assert.equal(bad2.code, 2);
  assert.match(bad2.err, /bad\.jsonl/);
});

test('costrisk econ text output names the best system per price', async () => {
  const r = await run(['econ', realLog('mmlu-llama'), '--price-error', '0.01,100']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /thresholds tuned on 285 train queries, rewards on 1531 test queries/);
  assert.match(r.out, /λ_E per error/);
  // Prices and rewards in dollars, never in exponent form; cascades written with arrows.
  assert.match(r.out, /\n\$0\.01 +\$0 +\$0 +\S+ → llama3\.1-405b +−\$0\.00\d+ /);
  assert.match(r.out, /\n\$100 +\$0 +\$0 /);
  assert.doesNotMatch(r.out, /\d[eE][+-]?\d/);
});

test("costrisk econ --price-metric prices the log's own fields (eq. 3.11): a binary event and a numeric metric, in closed form", async () => {
  // "cheap" costs $0.001 and leaks PII on every other query (toxicity 0.2); "safe" costs $0.01, never leaks (toxicity 0).
  // Both are always right, so with only pii_leak priced at p: R(cheap) = −(0.001 + p/2), R(safe) = −0.01; the crossover is p = 0.018.
  const lines: string[] = [];
  for (const split of ['train', 'test']) {
    for (let i = 0; i < 10; i++) {
      lines.push(
        JSON.stringify({
          query_id: `${split}-${i}`,
          model: 'cheap',
          correct: true,
          confidence: 0.9,
          cost_usd: 0.001,
          split,
          pii_leak: i % 2 === 0,
          toxicity: 0.2,
        }),
      );
      lines.push(
        JSON.stringify({
          query_id: `${split}-${i}`,
          model: 'safe',
          correct: true,
          confidence: 0.9,
          cost_usd: 0.01,
          split,
          pii_leak: false,
          toxicity: 0,
        }),
      );
    }
  }
  const f = join(mkdtempSync(join(tmpdir(), 'econ-extra-')), 'log.jsonl');
  writeFileSync(f, lines.join('\n') + '\n');
  const grid = async (...extra: string[]) => {
    const r = await run(['econ', f, '--price-error', '1', '--candidates', 'models', '--json', ...extra]);
    assert.equal(r.code, 0, r.err);
    return (
      JSON.parse(r.out) as {
        grid: { best: string; rewards: Record<string, number>; price_metrics?: Record<string, number> }[];
      }
    ).grid[0];
  };
  const plain = await grid();
  assert.equal(plain.best, 'cheap');
  assert.equal(plain.price_metrics, undefined, "no extra prices: the issue's row shape");
  const low = await grid('--price-metric', 'pii_leak=0.01');
  assertClose(low.rewards.cheap, -(0.001 + 0.01 / 2), { rel: 1e-12 }, 'cheap with a cheap leak');
  assert.equal(low.best, 'cheap');
  assert.deepEqual(low.price_metrics, { pii_leak: 0.01 });
  const high = await grid('--price-metric', 'pii_leak=0.05');
  assertClose(high.rewards.cheap, -(0.001 + 0.05 / 2), { rel: 1e-12 }, 'cheap with a costly leak');
  assertClose(high.rewards.safe, -0.01, { rel: 1e-12 }, 'safe');
  assert.equal(high.best, 'safe');
  // numeric: toxicity priced $0.1 per unit adds 0.2 × 0.1 = $0.02 per query to cheap only
  const tox = await grid('--price-metric', 'toxicity=0.1');
  assertClose(tox.rewards.cheap, -(0.001 + 0.02), { rel: 1e-12 }, 'numeric metric');
  assert.equal(tox.best, 'safe');
  const text = await run([
    'econ',
    f,
    '--price-error',
    '1',
    '--candidates',
    'models',
    '--price-metric',
    'pii_leak=0.05',
  ]);
  assert.equal(text.code, 0, text.err);
  const bad = await run(['econ', f, '--price-error', '1', '--price-metric', 'privacy=1']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /no record has a field "privacy" \(extra fields in the log: pii_leak, toxicity\)/);
  const builtin = await run(['econ', f, '--price-error', '1', '--price-metric', 'latency=1']);
  assert.match(builtin.err, /"latency" is a built-in metric; use --price-latency/);
  const malformed = await run(['econ', f, '--price-error', '1', '--price-metric', 'pii_leak']);
  assert.match(malformed.err, /"pii_leak" is not name=price/);
});

interface IntervalRow extends Row {
  intervals: {
    replicates: number;
    seed: number;
    candidates: {
      name: string;
      reward: number;
      ci_low: number;
      ci_high: number;
      p_best: number;
      vs_best: {
        diff: number;
        ci_low: number;
        ci_high: number;
        p_value: number;
        p_better: number;
        verdict: string;
      } | null;
    }[];
    strongest: { name: string; is_candidate: boolean } | null;
  };
  recommendation: { deploy: string; verdict: string; text: string; details: string[] };
}

test('costrisk econ: 95% intervals per candidate and per difference to the best (--json), the same recommendation in text', async () => {
  const args = ['econ', realLog('mmlu-llama'), '--price-error', '1', '--bootstrap', '400', '--seed', '3'];
  const j = await run([...args, '--json']);
  assert.equal(j.code, 0, j.err);
  const row = (JSON.parse(j.out) as { grid: IntervalRow[] }).grid[0];
  assert.equal(row.intervals.replicates, 400);
  assert.equal(row.intervals.seed, 3);
  const [best, ...rest] = row.intervals.candidates;
  assert.equal(best.name, row.best, "the interval table leads with the grid's best system");
  assert.equal(best.vs_best, null);
  for (const c of row.intervals.candidates) {
    assert.equal(c.reward, row.rewards[c.name], "the reward is the grid's");
    assert.ok(c.ci_low <= c.ci_high);
  }
  for (const c of rest) {
    const d = c.vs_best!;
    assertClose(d.diff, row.rewards[best.name] - row.rewards[c.name], { abs: 1e-12 }, `${c.name} difference`);
    assert.equal(d.verdict === 'better', d.ci_low > 0, `${c.name}: "better" exactly when the interval is above 0`);
    assert.ok(d.p_better >= 0 && d.p_better <= 1 && d.p_value >= 0 && d.p_value <= 1);
  }
  assert.deepEqual(row.intervals.strongest, { ...row.intervals.strongest, name: 'llama3.1-405b', is_candidate: true });
  assert.equal(row.recommendation.deploy, row.best);
  const txt = await run(args);
  assert.equal(txt.code, 0, txt.err);
  assert.ok(txt.out.includes(row.recommendation.text), 'text and JSON give the same sentence');
  assert.match(txt.out, /margin 95% CI/);
  assert.match(txt.out, /It costs \$0\.\d+ per query \(95% CI \$0\.\d+ to \$0\.\d+\)/);
  const again = await run([...args, '--json']);
  assert.deepEqual(
    (JSON.parse(again.out) as { grid: IntervalRow[] }).grid[0].intervals.candidates,
    row.intervals.candidates,
    'same seed, same intervals',
  );
  const none = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--bootstrap', '0', '--json']);
  assert.deepEqual(
    Object.keys((JSON.parse(none.out) as { grid: Row[] }).grid[0]),
    ['price_error', 'price_latency', 'price_abstain', 'best', 'rewards'],
    '--bootstrap 0: the rows of before',
  );
  const bad = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--bootstrap', 'many']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--bootstrap: "many" is not a whole number/);
});

test('costrisk econ --routers: one-step routers over every pair and all models; --router-cost/--router-latency shift each reward by c₀ + λ_L·l₀', async () => {
  const grid = async (...extra: string[]) => {
    const r = await run([
      'econ',
      realLog('mmlu-llama'),
      '--price-error',
      '1,50',
      '--price-latency',
      '0.02',
      '--routers',
      '--bootstrap',
      '0',
      '--json',
      ...extra,
    ]);
    assert.equal(r.code, 0, r.err);
    return (JSON.parse(r.out) as { grid: Row[] }).grid;
  };
  const free = await grid();
  const names = Object.keys(free[0].rewards).filter((n) => n.startsWith('router('));
  // C(5,2) = 10 pairs and the 5-model router; no +abstain variants without --price-abstain.
  assert.equal(names.length, 11);
  assert.equal(Object.keys(free[0].rewards).length, 16 + 11);
  assert.ok(names.includes('router(llama3.2-1b|llama3.2-3b|llama3.1-8b|llama3.1-70b|llama3.1-405b)'), names.join(', '));
  const paid = await grid('--router-cost', '0.001', '--router-latency', '0.5');
  free.forEach((row, i) => {
    for (const n of names)
      assertClose(
        row.rewards[n] - paid[i].rewards[n],
        0.001 + 0.02 * 0.5,
        { abs: 1e-12 },
        `${n} at λ_E = ${row.price_error}`,
      );
    assert.equal(
      paid[i].rewards['llama3.1-405b'],
      row.rewards['llama3.1-405b'],
      'single models pay no router overhead',
    );
  });
  const boot = await run([
    'econ',
    realLog('mmlu-llama'),
    '--price-error',
    '1',
    '--routers',
    '--router-cost',
    '0.001',
    '--router-latency',
    '0.5',
    '--bootstrap',
    '20',
    '--json',
  ]);
  assert.equal(boot.code, 0, boot.err);
  const listed = (
    JSON.parse(boot.out) as {
      grid: { intervals: { candidates: { name: string; kind: string; router_overhead?: unknown }[] } }[];
    }
  ).grid[0].intervals.candidates;
  for (const c of listed)
    assert.deepEqual(c.router_overhead, c.kind === 'router' ? { cost: 0.001, latency: 0.5 } : undefined, c.name);
  assert.equal(listed.filter((c) => c.kind === 'router').length, 11);
  const withAbstention = await grid('--price-abstain', '2');
  assert.equal(
    Object.keys(withAbstention[0].rewards).filter((n) => n.startsWith('router(') && n.endsWith('+abstain')).length,
    11,
  );
  const text = await run([
    'econ',
    realLog('mmlu-llama'),
    '--price-error',
    '1',
    '--routers',
    '--candidates',
    'models',
    '--bootstrap',
    '0',
  ]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /16 candidates/, '5 models and 11 routers');
});

test('costrisk econ: bad router overhead options exit 2 with one line', async () => {
  const neg = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--routers', '--router-cost=-1']);
  assert.equal(neg.code, 2);
  assert.match(neg.err, /--router-cost: "-1" is not a number >= 0/);
  const nan = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--routers', '--router-latency', 'soon']);
  assert.equal(nan.code, 2);
  assert.match(nan.err, /--router-latency: "soon" is not a number >= 0/);
  const alone = await run(['econ', realLog('mmlu-llama'), '--price-error', '1', '--router-cost', '0.1']);
  assert.equal(alone.code, 2);
  assert.match(alone.err, /add --routers/);
  assert.equal(alone.err.trim().split('\n').length, 1);
});
