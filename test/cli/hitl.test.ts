import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { assertClose } from '../helpers/assertClose';
import { realLog } from '../helpers/paths';
import { FAST, SLOW, syntheticHitlRows, writeRows } from '../engines/abstention/syntheticHitlLog';

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

const dir = mkdtempSync(join(tmpdir(), 'costrisk-hitl-'));
const synthetic = join(dir, 'reasoning.jsonl');
writeRows(synthetic, syntheticHitlRows({ n: 1500, seed: 17, trainShare: 0.3 }));

test('costrisk abstain --json prints {model, curve, auarc} with A(r) for r = 0..max-rejection', async () => {
  const r = await run(['abstain', realLog('mmlu-llama'), '--model', 'llama3.1-405b', '--split', 'test', '--json']);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out) as { model: string; curve: { rejection: number; accuracy: number }[]; auarc: number };
  assert.deepEqual(Object.keys(o), ['model', 'curve', 'auarc', 'warnings', 'skipped']);
  assert.equal(o.model, 'llama3.1-405b');
  assert.equal(o.curve.length, 21);
  assert.deepEqual(Object.keys(o.curve[0]), ['rejection', 'accuracy']);
  // A(0) is the model's test accuracy (0.852, issue #2); AUARC is the mean of the 21 points.
  assertClose(o.curve[0].accuracy, 0.852, { abs: 0.0005 }, 'A(0)');
  assertClose(o.auarc, o.curve.reduce((s, p) => s + p.accuracy, 0) / 21, { abs: 1e-12 }, 'AUARC = mean A(r)');
  const wide = JSON.parse(
    (
      await run([
        'abstain',
        realLog('mmlu-llama'),
        '--model',
        'llama3.1-405b',
        '--split',
        'test',
        '--max-rejection',
        '0.5',
        '--json',
      ])
    ).out,
  ) as typeof o;
  assert.equal(wide.curve.length, 51);
  assert.ok(wide.auarc > o.auarc, 'rejecting up to half the answers raises the mean accuracy further');
});

test('costrisk abstain uses output tokens for a reasoning model and prints a readable table', async () => {
  const r = await run(['abstain', synthetic, '--model', SLOW]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /slow-r: 1500 answers, signal output_tokens/);
  assert.match(r.out, /AUARC \(mean accuracy over r = 0\.\.0\.2\): 0\.\d{4}/);
  const conf = await run(['abstain', synthetic, '--model', SLOW, '--signal', 'confidence']);
  assert.equal(conf.code, 2);
  assert.match(conf.err, /^costrisk abstain: slow-r has no answers with a confidence signal/);
});

test('costrisk failfast --json: routing shares from the fail-fast formula and changes against Ask', async () => {
  const r = await run([
    'failfast',
    synthetic,
    '--fast',
    FAST,
    '--reasoning',
    SLOW,
    '--utilization',
    '0.6',
    '--rejection',
    '0.1',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  assert.deepEqual(Object.keys(o), [
    'fast',
    'reasoning',
    'utilization',
    'rejection',
    'n',
    'fail_fast_rate',
    'pass_rate',
    'failfast',
    'ask',
    'delta',
    'warnings',
    'skipped',
  ]);
  assertClose(o.fail_fast_rate, 0.06, { abs: 1e-15 }, 'u·r');
  assertClose(o.pass_rate, 0.4, { abs: 1e-15 }, '1 − u');
  assert.deepEqual(Object.keys(o.failfast), ['accuracy', 'mean_latency_s', 'mean_cost_usd']);
  assertClose(
    o.delta.latency_pct,
    (100 * (o.failfast.mean_latency_s - o.ask.mean_latency_s)) / o.ask.mean_latency_s,
    { abs: 1e-9 },
    'ΔL',
  );
  assertClose(
    o.delta.cost_pct,
    (100 * (o.failfast.mean_cost_usd - o.ask.mean_cost_usd)) / o.ask.mean_cost_usd,
    { abs: 1e-9 },
    'ΔC',
  );
  assert.ok(o.delta.latency_pct < 0, 'passing 40% to the slow model saves latency');
  const text = await run([
    'failfast',
    synthetic,
    '--fast',
    FAST,
    '--reasoning',
    SLOW,
    '--utilization',
    '0.6',
    '--rejection',
    '0.1',
  ]);
  assert.match(text.out, /Fail Fast, or Ask/);
  assert.match(text.out, /change against Ask: accuracy [−+]?\d/);
});

test('costrisk guarantee --json prints threshold, coverages, test risk, bound, scan and exchangeability (real log)', async () => {
  const r = await run([
    'guarantee',
    realLog('mmlu-qwen-oai'),
    '--model',
    'gpt-4o',
    '--alpha',
    '0.1',
    '--delta',
    '0.1',
    '--json',
  ]);
  assert.equal(r.code, 0, r.err);
  const o = JSON.parse(r.out);
  assert.deepEqual(Object.keys(o), [
    'threshold',
    'coverage_cal',
    'coverage_test',
    'risk_test',
    'upper_bound',
    'accepted_cal',
    'errors_cal',
    'accepted_test',
    'errors_test',
    'scan',
    'exchangeability',
    'warnings',
    'skipped',
  ]);
  assert.deepEqual(Object.keys(o.scan), [
    'method',
    'level',
    'grid_step',
    'min_accepted',
    'sequence_length',
    'tests_run',
    'stop',
    'note',
  ]);
  assert.ok(o.upper_bound <= 0.1);
  assert.ok(o.coverage_cal > 0.5 && o.coverage_test > 0.5);
  assert.equal(o.coverage_cal, o.accepted_cal / 285);
  assert.equal(o.coverage_test, o.accepted_test / 1531);
  // Realised risk on the shipped test split, reported next to α = 0.1.
  assert.ok(o.risk_test <= 0.1, `risk_test ${o.risk_test} vs α 0.1`);
  const text = await run([
    'guarantee',
    realLog('mmlu-qwen-oai'),
    '--model',
    'gpt-4o',
    '--alpha',
    '0.1',
    '--delta',
    '0.1',
  ]);
  assert.match(text.out, /risk among accepted test answers: 0\.\d{4} {2}\(α = 0\.1\)/);
  assert.ok(text.out.includes(`scan: ${o.scan.note}`), 'text and JSON carry the same scan note');
});

test('costrisk guarantee certifies llama3.1-405b on MMLU at α = δ = 0.1, says where the scan stopped and that the splits look exchangeable', async () => {
  const args = ['guarantee', realLog('mmlu-llama'), '--model', 'llama3.1-405b', '--alpha', '0.1', '--delta', '0.1'];
  const o = JSON.parse((await run([...args, '--json'])).out);
  assert.ok(
    o.threshold !== null && o.coverage_cal > 0.5 && o.coverage_test > 0.5,
    `coverage ${o.coverage_cal} / ${o.coverage_test}`,
  );
  assert.ok(o.upper_bound <= 0.1 && o.risk_test <= 0.1);
  assert.equal(o.scan.method, 'fixed-sequence');
  assert.ok(
    o.scan.stop.upper_bound > 0.1 && o.scan.stop.accepted > o.accepted_cal,
    'the stop is the first failing point, after the certified one',
  );
  assert.equal(o.exchangeability.exchangeable, true);
  assert.ok(o.exchangeability.p_error_rate > 0.05 && o.exchangeability.p_signal > 0.05);
  assert.deepEqual(o.warnings, []);
  const text = (await run(args)).out;
  assert.match(
    text,
    /^method: fixed-sequence \(\d+ coverage points from 38 accepted answers, every 5% of coverage, each test at level 0\.1\)$/m,
  );
  assert.match(
    text,
    /^scan: The fixed-sequence scan over \d+ grid points .* stopped at point \d+: \d+ error\(s\) among the \d+ most certain calibration answers \(coverage [\d.]+%\) give an upper bound of 0\.1\d\d > α = 0\.1\./m,
  );
  assert.match(
    text,
    /^exchangeability: calibration "train" and test "test" look exchangeable \(both p-values ≥ 0\.005\): llama3\.1-405b errs on 18\.6% of "train" answers \(285\) and 14\.8% of "test" answers \(1531\)/m,
  );
  // The paper's every-answer scan stops at its first point on this log; Bonferroni over the grid certifies too.
  const every = JSON.parse((await run([...args, '--method', 'every-answer', '--json'])).out);
  assert.equal(every.threshold, null);
  assert.equal(every.scan.stop.position, 1);
  const bonf = JSON.parse((await run([...args, '--method', 'bonferroni', '--json'])).out);
  assert.ok(bonf.threshold !== null && bonf.scan.stop === null);
  assert.equal(bonf.scan.level, 0.1 / bonf.scan.sequence_length);
});

test('costrisk guarantee warns (text and --json alike) when calibration and test are not exchangeable (MedMCQA)', async () => {
  const args = ['guarantee', realLog('medmcqa-llama'), '--model', 'llama3.1-405b', '--alpha', '0.1', '--delta', '0.1'];
  const o = JSON.parse((await run([...args, '--json'])).out);
  assert.equal(o.exchangeability.exchangeable, false);
  assert.equal(o.exchangeability.error_rate_cal.toFixed(3), '0.087');
  assert.equal(o.exchangeability.error_rate_test.toFixed(3), '0.243');
  const warning = o.warnings.find((w: { message: string }) => /not exchangeable/.test(w.message));
  assert.ok(warning, JSON.stringify(o.warnings));
  assert.match(
    warning.message,
    /errs on 8\.7% of "train" answers \(300\) and 24\.3% of "test" answers \(1000\).* p = \d\.\de-\d+/,
  );
  const text = await run(args);
  assert.ok(text.out.includes(`warning: ${warning.message}`), 'the same warning in text');
  assert.doesNotMatch(text.out, /^exchangeability:/m);
});

test('costrisk guarantee on output tokens and as a two-model cascade (same sequence logic per stage)', async () => {
  const r = JSON.parse(
    (await run(['guarantee', synthetic, '--model', SLOW, '--alpha', '0.1', '--delta', '0.1', '--json'])).out,
  );
  assert.ok(Number.isInteger(r.threshold), 'an output-token threshold is a token count');
  const c = await run([
    'guarantee',
    realLog('mmlu-qwen-oai'),
    '--model',
    'qwen2.5-72b-instruct',
    '--strong',
    'gpt-4o',
    '--alpha',
    '0.1',
    '--delta',
    '0.1',
    '--json',
  ]);
  assert.equal(c.code, 0, c.err);
  const o = JSON.parse(c.out);
  assert.deepEqual(Object.keys(o), [
    'threshold',
    'threshold_strong',
    'coverage_cal',
    'coverage_test',
    'risk_test',
    'upper_bound',
    'method',
    'stages',
    'warnings',
    'skipped',
  ]);
  assert.ok(o.upper_bound <= 0.1);
  assert.deepEqual(
    o.stages.map((s: { model: string; scan: { method: string; level: number } }) => [
      s.model,
      s.scan.method,
      s.scan.level,
    ]),
    [
      ['qwen2.5-72b-instruct', 'fixed-sequence', 0.05],
      ['gpt-4o', 'fixed-sequence', 0.05],
    ],
  );
  const b = JSON.parse(
    (
      await run([
        'guarantee',
        realLog('mmlu-qwen-oai'),
        '--model',
        'qwen2.5-72b-instruct',
        '--strong',
        'gpt-4o',
        '--alpha',
        '0.1',
        '--delta',
        '0.1',
        '--method',
        'bonferroni',
        '--json',
      ])
    ).out,
  );
  for (const s of b.stages)
    assert.equal(s.scan.level, 0.05 / s.scan.sequence_length, 'Bonferroni at (δ/2)/m per stage');
  const text = (
    await run([
      'guarantee',
      realLog('mmlu-qwen-oai'),
      '--model',
      'qwen2.5-72b-instruct',
      '--strong',
      'gpt-4o',
      '--alpha',
      '0.1',
      '--delta',
      '0.1',
    ])
  ).out;
  assert.equal(text.match(/^ {2}scan: /gm)?.length, 2, 'one scan note per stage');
});

test('bad usage and bad input: one line on stderr, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['guarantee', realLog('mmlu-llama'), '--model', 'gpt-5', '--alpha', '0.1', '--delta', '0.1'],
      /--model: no model "gpt-5" in the log \(models: llama3\.2-1b/,
    ],
    [
      ['guarantee', realLog('mmlu-llama'), '--model', 'llama3.1-8b', '--alpha', '0', '--delta', '0.1'],
      /--alpha: "0" is not a number in \(0, 1\)/,
    ],
    [['guarantee', realLog('mmlu-llama'), '--model', 'llama3.1-8b', '--alpha', '0.1'], /--delta is required/],
    [
      [
        'guarantee',
        realLog('mmlu-llama'),
        '--model',
        'llama3.1-8b',
        '--alpha',
        '0.1',
        '--delta',
        '0.1',
        '--cal-split',
        'dev',
      ],
      /--cal-split: no records in split "dev" \(splits in the log: train, test\)/,
    ],
    [
      [
        'guarantee',
        realLog('mmlu-llama'),
        '--model',
        'llama3.1-8b',
        '--alpha',
        '0.1',
        '--delta',
        '0.1',
        '--method',
        'holm',
      ],
      /--method must be one of fixed-sequence, bonferroni, every-answer, got "holm"/,
    ],
    [
      [
        'guarantee',
        realLog('mmlu-llama'),
        '--model',
        'llama3.1-8b',
        '--alpha',
        '0.1',
        '--delta',
        '0.1',
        '--grid-step',
        '0',
      ],
      /--grid-step: "0" is not a number in \(0, 1\]/,
    ],
    [
      [
        'guarantee',
        realLog('mmlu-llama'),
        '--model',
        'llama3.1-8b',
        '--alpha',
        '0.1',
        '--delta',
        '0.1',
        '--method',
        'every-answer',
        '--grid-step',
        '0.1',
      ],
      /--grid-step applies to the grid methods/,
    ],
    [
      ['abstain', realLog('mmlu-llama'), '--model', 'llama3.1-8b', '--signal', 'vibes'],
      /--signal must be one of auto, confidence, calibrated, p_true, output_tokens/,
    ],
    [
      ['abstain', realLog('mmlu-llama'), '--model', 'llama3.1-8b', '--max-rejection', '1'],
      /--max-rejection: "1" is not a number in \[0, 1\)/,
    ],
    [
      [
        'failfast',
        realLog('mmlu-llama'),
        '--fast',
        'llama3.1-8b',
        '--reasoning',
        'llama3.1-8b',
        '--utilization',
        '0.5',
        '--rejection',
        '0.1',
      ],
      /must be different models/,
    ],
    [
      [
        'failfast',
        realLog('mmlu-llama'),
        '--fast',
        'llama3.1-8b',
        '--reasoning',
        'llama3.1-405b',
        '--utilization',
        '2',
        '--rejection',
        '0.1',
      ],
      /--utilization: "2" is not a number in \[0, 1\]/,
    ],
    [['abstain', join(dir, 'missing.jsonl'), '--model', 'x'], /file not found/],
  ];
  for (const [args, re] of cases) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1, 'one line');
  }
});

test('--signal calibrated: same ranking as the raw confidence, thresholds read as probabilities', async () => {
  // llama3.1-70b has no confidence of exactly 1 on MMLU, so the monotone calibrator keeps every answer's rank.
  const args = [realLog('mmlu-llama'), '--model', 'llama3.1-70b'];
  const raw = JSON.parse((await run(['abstain', ...args, '--split', 'test', '--json'])).out);
  const cal = JSON.parse((await run(['abstain', ...args, '--split', 'test', '--signal', 'calibrated', '--json'])).out);
  assertClose(cal.auarc, raw.auarc, { abs: 1e-12 }, 'AUARC is rank-based');
  const g = JSON.parse(
    (await run(['guarantee', ...args, '--alpha', '0.1', '--delta', '0.1', '--signal', 'calibrated', '--json'])).out,
  );
  const gRaw = JSON.parse((await run(['guarantee', ...args, '--alpha', '0.1', '--delta', '0.1', '--json'])).out);
  assert.equal(g.coverage_cal, gRaw.coverage_cal);
  assert.equal(g.coverage_test, gRaw.coverage_test);
  assert.ok(
    g.threshold > 0.5 && g.threshold < 1 && g.threshold !== gRaw.threshold,
    `calibrated threshold ${g.threshold} vs raw ${gRaw.threshold}`,
  );
});
